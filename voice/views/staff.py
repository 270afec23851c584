"""Safeguarding at the door (issue 5): the safer custody team reads words about self-harm or harm
to others before anything else happens to them, and records what they did; professional standards
read allegations against staff, which are never counted or published. Everyone else gets 403.

The responses are anonymous: these pages show what was written, the service and the day or month,
never anything that could say who wrote it (voice/models.py)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import allowed_if
from audit.constants import Action
from audit.services import event_record
from common.service_forms import form_page
from voice import definition, rules, selectors, services
from voice.builder_forms import AlertReviewForm
from voice.models import Response, SafeguardingAlert


def _written(response: Response) -> list[str]:
    """What the person wrote, in the order the survey asked it: as written, for the teams these
    pages are for (the words kept apart from the redacted answers, where any were redacted)."""
    answers = response.answers
    with contextlib.suppress(ObjectDoesNotExist):
        answers = {**answers, **response.protected.answers}
    return list(definition.free_text(response.version.definition, answers))


def _alert_row(alert: SafeguardingAlert) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "alert": alert,
        "written": _written(alert.response),
        "survey": alert.response.version.survey,
        "age_days": selectors.alert_age_days(alert, today=today),
        "escalated": selectors.alert_escalated(alert, today=today),
    }


@allowed_if(rules.can_review_alerts)
def alert_list(request: HttpRequest) -> HttpResponse:
    alerts = selectors.alerts_for_user(request.user)
    rows = [_alert_row(alert) for alert in alerts]
    return render(
        request,
        "voice/staff/alerts.html",
        {
            "waiting": [r for r in rows if r["alert"].reviewed_at is None],
            "reviewed": [r for r in rows if r["alert"].reviewed_at],
        },
    )


@allowed_if(rules.can_review_alerts)
def alert_review(request: HttpRequest, alert_id: int) -> HttpResponse:
    # Only alerts in the user's remit exist for them (selectors.alerts_for_user).
    alert = next((a for a in selectors.alerts_for_user(request.user) if a.pk == alert_id), None)
    if alert is None:
        raise Http404
    form = AlertReviewForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form=form,
        save=lambda data: services.alert_review(
            acting_user=request.user, alert_id=alert.pk, action_taken=data["action_taken"]
        ),
        done=_("Recorded what you did. The response now counts in the survey's results."),
        back=reverse("voice:alerts"),
        template="voice/staff/alert.html",
        context=_alert_row(alert),
    )


@allowed_if(rules.can_read_restricted)
def restricted_list(request: HttpRequest) -> HttpResponse:
    found = selectors.restricted_for_user(request.user).order_by("-month", "organisation__name", "pk")
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    # Who read the restricted route is recorded; which responses is not (no anonymous response is
    # ever written to the audit log: voice/models.py).
    event_record(
        actor=request.user,
        action=Action.VIEW,
        record_type="restricted_responses",
        summary="Viewed allegations against staff",
        request=request,
    )
    rows = [{"response": r, "written": _written(r), "survey": r.version.survey} for r in page]
    return render(request, "voice/staff/restricted.html", {"page": page, "rows": rows})


urlpatterns = [
    path("safeguarding-alerts/", alert_list, name="alerts"),
    path("safeguarding-alerts/<int:alert_id>/", alert_review, name="alert-review"),
    path("restricted/", restricted_list, name="restricted"),
]
