from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import Role
from accounts.decorators import allowed_if
from audit.constants import Action
from audit.services import event_record
from common.service_forms import add_service_errors, form_page
from people.models import ServiceUser
from referrals import rules, selectors, services
from referrals.constants import OPEN_STATUSES, ReferralStatus
from referrals.forms import AttendanceForm, CompleteForm, DeclineForm, ReferralForm, SessionForm, WithdrawForm
from referrals.models import Referral, ReferralSession
from resettlement.selectors import need_list_for_person


def person_panel(request: HttpRequest, person: ServiceUser) -> str:
    """The referrals part of a person's page: the referrals the viewer may see, and a way to send one."""
    if not rules.can_view_referrals(request.user):
        return ""
    return render_to_string(
        "referrals/_person_panel.html",
        {
            "person": person,
            "referrals": list(selectors.referrals_for_person(person=person, user=request.user)),
            "can_send": rules.can_send_referral(request.user),
            "labels": dict(ReferralStatus.choices),
        },
        request=request,
    )


def _referral(request: HttpRequest, referral_id: int) -> Referral:
    """A referral the user may see; 404 for anyone else's, exactly as for one that does not exist."""
    return get_object_or_404(
        selectors.referrals_visible_to(user=request.user).select_related(
            "person", "provider", "contract", "referring_organisation", "sent_by", "need"
        ),
        pk=referral_id,
    )


def _for_partner(request: HttpRequest, referral_id: int) -> Referral:
    """A referral the user's organisation received; others who can see it may not act for the partner."""
    referral = _referral(request, referral_id)
    if not rules.is_receiving_partner(request.user, referral):
        raise PermissionDenied
    return referral


@allowed_if(rules.can_view_referrals)
def referral_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ReferralStatus.values:
        status = ""
    referrals = selectors.referral_list_for_user(user=request.user, status=status)
    page = Paginator(referrals, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            "status": status,
            "counts": selectors.referral_counts_for_user(user=request.user),
            "labels": dict(ReferralStatus.choices),
            "is_partner": request.user.role == Role.PARTNER_CASEWORKER,
        },
    )


@allowed_if(rules.can_send_referral)
def referral_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(ServiceUser.objects.visible_one(request.user, person_id))
    need_id = request.GET.get("need", "")
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        initial={"need": int(need_id) if need_id.isdigit() else None},
        needs=list(need_list_for_person(person=person)),
        contracts=list(selectors.contracts_for_referral(user=request.user)),
    )
    created: list[Referral] = []

    def save(data: dict[str, Any]) -> object:
        referral = services.referral_send(
            acting_user=request.user,
            person_id=person.pk,
            contract_id=data["contract"],
            pathway=data["pathway"],
            details=data["details"],
            desired_outcomes=data["desired_outcomes"],
            need_id=data["need"],
            submission_id=data["submission_id"],
            request=request,
        )
        created.append(referral)
        return referral

    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ServiceUser.DoesNotExist:
            raise Http404 from None
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request,
                _("Referral %(reference)s sent to %(provider)s")
                % {"reference": created[0].reference, "provider": created[0].provider.name},
            )
            return redirect("referrals:detail", referral_id=created[0].pk)
    return render(request, "referrals/new.html", {"form": form, "person": person})


@allowed_if(rules.can_view_referrals)
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _referral(request, referral_id)
    event_record(
        actor=request.user,
        action=Action.VIEW,
        record_type="referral",
        record_id=referral.pk,
        person_id=referral.person_id,
        summary="Viewed referral",
        request=request,
    )
    status = referral.status()
    partner = rules.is_receiving_partner(request.user, referral)
    open_ = status in OPEN_STATUSES
    custody = referral.person.custody_episodes.select_related("establishment").first()
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "person": referral.person,
            "custody": custody,
            "status": status,
            "labels": dict(ReferralStatus.choices),
            "outcomes": list(referral.outcomes.all()),
            "sessions": list(
                referral.sessions.select_related("created_by", "attendance_recorded_by").order_by("happens_on", "id")
            ),
            "today": timezone.localdate(),
            "can_decide": partner and status == ReferralStatus.SENT,
            "can_deliver": partner and status in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS),
            "can_withdraw": open_ and (partner or rules.is_referrer(request.user, referral)),
        },
    )


@require_POST
@allowed_if(rules.can_view_referrals)
def referral_accept(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _referral(request, referral_id)
    try:
        services.referral_accept(acting_user=request.user, referral_id=referral.pk, request=request)
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Referral accepted. Arrange the first session below."))
    return redirect("referrals:detail", referral_id=referral.pk)


@allowed_if(rules.can_view_referrals)
def referral_decline(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _for_partner(request, referral_id)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form=form,
        save=lambda data: services.referral_decline(
            acting_user=request.user, referral_id=referral.pk, reason=data["reason"], note=data["note"], request=request
        ),
        done=_("Referral declined. The referrer can see your reason."),
        # Declining ends the partner's sight of the person, so they go back to their list.
        back=reverse("referrals:list"),
        template="referrals/decline.html",
        context={"referral": referral},
    )


@allowed_if(rules.can_view_referrals)
def referral_withdraw(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _referral(request, referral_id)
    if not (rules.is_receiving_partner(request.user, referral) or rules.is_referrer(request.user, referral)):
        raise PermissionDenied
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form=form,
        save=lambda data: services.referral_withdraw(
            acting_user=request.user, referral_id=referral.pk, reason=data["reason"], note=data["note"], request=request
        ),
        done=_("Referral withdrawn"),
        back=reverse("referrals:detail", args=[referral.pk]),
        template="referrals/withdraw.html",
        context={"referral": referral},
    )


@allowed_if(rules.can_view_referrals)
def session_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _for_partner(request, referral_id)
    form = SessionForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form=form,
        save=lambda data: services.referral_session_add(
            acting_user=request.user,
            referral_id=referral.pk,
            happens_on=data["happens_on"],
            method=data["method"],
            purpose=data["purpose"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Session arranged"),
        back=reverse("referrals:detail", args=[referral.pk]),
        template="referrals/session_new.html",
        context={"referral": referral},
    )


@allowed_if(rules.can_view_referrals)
def session_attendance(request: HttpRequest, referral_id: int, session_id: int) -> HttpResponse:
    referral = _for_partner(request, referral_id)
    session = get_object_or_404(ReferralSession, pk=session_id, referral=referral)
    form = AttendanceForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form=form,
        save=lambda data: services.referral_session_record_attendance(
            acting_user=request.user,
            session_id=session.pk,
            attendance=data["attendance"],
            note=data["note"],
            request=request,
        ),
        done=_("Attendance recorded"),
        back=reverse("referrals:detail", args=[referral.pk]),
        template="referrals/attendance.html",
        context={"referral": referral, "session": session},
    )


@allowed_if(rules.can_view_referrals)
def referral_complete(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _for_partner(request, referral_id)
    form = CompleteForm(request.POST if request.method == "POST" else None, outcomes=list(referral.outcomes.all()))
    return form_page(
        request,
        form=form,
        save=lambda data: services.referral_complete(
            acting_user=request.user,
            referral_id=referral.pk,
            ratings=form.ratings(),
            note=data["note"],
            request=request,
        ),
        done=_("Referral completed and its outcomes recorded"),
        back=reverse("referrals:detail", args=[referral.pk]),
        template="referrals/complete.html",
        context={"referral": referral},
    )
