"""The landing page after sign-in. It sits in config, the composition root, because it gathers a
figure from each app for the user's role; no app below may import the others to do that."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import rules
from accounts.constants import Role
from organisations.selectors import contract_list_for_user
from people.selectors import person_count_for_user
from referrals import rules as referral_rules
from referrals.constants import ReferralStatus
from referrals.selectors import referral_count_for_user
from resettlement.selectors import overdue_actions_for_manager, overdue_actions_for_user
from voice import rules as voice_rules
from voice.selectors import alerts_waiting_for_user, escalate_after_days


def home_summary_for(*, user: Any) -> dict[str, Any]:
    """The figures on a user's landing page, each scoped exactly as the pages they link to."""
    summary: dict[str, Any] = {"contracts": contract_list_for_user(user=user).count()}
    if rules.can_view_people(user):
        # Counted from the access rules' own rows, as the people list counts itself.
        summary["people"] = person_count_for_user(user=user)
    if rules.can_edit_plan(user):
        summary["overdue_actions"] = overdue_actions_for_user(user=user).count()
        summary["team_overdue_actions"] = overdue_actions_for_manager(user=user).count()
    if referral_rules.can_view_referrals(user):
        summary["referrals_waiting"] = referral_count_for_user(user=user, status=ReferralStatus.SENT)
    if voice_rules.can_review_alerts(user):
        summary["alerts"] = alerts_waiting_for_user(user, today=timezone.localdate())
        summary["escalate_after_days"] = escalate_after_days()
    return summary


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {
            "summary": home_summary_for(user=request.user),
            "can_view_people": rules.can_view_people(request.user),
            "can_record_person": rules.can_record_person(request.user),
            "can_view_audit": rules.can_view_audit(request.user),
            "can_view_referrals": referral_rules.can_view_referrals(request.user),
            "can_review_alerts": voice_rules.can_review_alerts(request.user),
            "is_partner": request.user.role == Role.PARTNER_CASEWORKER,
        },
    )
