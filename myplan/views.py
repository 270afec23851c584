from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import allowed_if
from common.service_forms import add_service_errors
from councils import selectors as council_selectors
from councils import services as council_services
from involvement import activity_selectors as involvement_selectors
from involvement import activity_services as involvement_services
from involvement.activity_forms import OwnRatingForm
from involvement.models import Activity
from myplan import rules, selectors, services, session
from myplan.constants import Answer, Channel
from myplan.election_forms import OwnBallotForm
from myplan.forms import ConfirmForm, PinForm, SignInForm
from myplan.session import SeeOther, person_required
from people.models import ServiceUser
from people.services import person_open
from resettlement.models import PlanAction
from voice import selectors as voice_selectors
from voice import services as voice_services
from voice.constants import Audience, Eligibility
from voice.constants import Channel as VoiceChannel
from voice.views import kiosk as voice_kiosk
from yousaid import selectors as yousaid_selectors

# The latest things a person has been told about the issues they raised ("you said, we did").
TOLD_SHOWN = 10


@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    kiosk = request.GET.get("kiosk") == "1" or request.POST.get("kiosk") == "1"
    if request.method == "GET" and session.current(request) is not None:
        return SeeOther(reverse("myplan:home"))
    form = SignInForm(request.POST if request.method == "POST" else None, kiosk=kiosk)
    if request.method == "POST" and form.is_valid():
        channel = form.chosen_channel
        try:
            person = services.person_sign_in(
                identifier=form.cleaned_data["identifier"],
                pin=form.cleaned_data["pin"],
                channel=channel,
                request=request,
            )
        except services.SignInRefused as e:
            form.add_error(None, e.messages[0])
        else:
            session.start(request, person=person, channel=channel)
            return SeeOther(reverse("myplan:home"))
    return render(
        request,
        "myplan/sign_in.html",
        {
            "form": form,
            "kiosk": kiosk,
            "staff_signed_in": request.user.is_authenticated,
            "idle_minutes": session.IDLE_SECONDS[Channel.KIOSK if kiosk else Channel.PHONE] // 60,
        },
    )


@person_required
def home(request: HttpRequest) -> HttpResponse:
    own = request.own  # type: ignore[attr-defined]
    services.own_view_record(person_id=own.person.pk, channel=own.channel, page="plan", request=request)
    view = selectors.own_view(person=own.person, today=timezone.localdate())
    return render(
        request,
        "myplan/home.html",
        {
            "own": own,
            "view": view,
            "Answer": Answer,
            "surveys": _surveys_for(own.person),
            # Council elections they are on the voter list for, open now, not yet voted in (councils app).
            "elections": [
                {"election": election, "closes": _voting_closes(election.closes_at)}
                for election in council_selectors.elections_open_to_person(person_id=own.person.pk)
            ],
            # "You said, we did": what they were told about the issues they raised with their name.
            "told": list(yousaid_selectors.notifications_for_person(own.person.pk)[:TOLD_SHOWN]),
            # Involvement activities they took part in and have not rated (involvement app).
            "to_rate": [
                (activity, OwnRatingForm())
                for activity in involvement_selectors.activities_to_rate_for_person(person_id=own.person.pk)
            ],
        },
    )


@never_cache
@person_required
def activity_rate(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The person says how much say they had in an activity they took part in. The rating is
    stored with nothing about them (involvement.activity_services.activity_rate_own)."""
    own = request.own  # type: ignore[attr-defined]
    activity = next(
        (
            a
            for a in involvement_selectors.activities_to_rate_for_person(person_id=own.person.pk)
            if a.pk == activity_id
        ),
        None,
    )
    if activity is None:
        if Activity.objects.filter(pk=activity_id, participants__person_id=own.person.pk).exists():
            messages.warning(request, _("You have already rated this"))
            return SeeOther(reverse("myplan:home"))
        return render(request, "myplan/not_found.html", {"own": own}, status=404)
    form = OwnRatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            involvement_services.activity_rate_own(
                person_id=own.person.pk,
                activity_id=activity.pk,
                rung=form.cleaned_data["rung"],
                submission_id=form.cleaned_data["submission_id"],
                request=request,
            )
        except Activity.DoesNotExist:
            return render(request, "myplan/not_found.html", {"own": own}, status=404)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Thank you. Your answer is saved without your name."))
            return SeeOther(reverse("myplan:home"))
    return render(request, "myplan/activity_rate.html", {"own": own, "form": form, "activity": activity})


def _voting_closes(closes_at: datetime.datetime) -> str:
    """When voting closes, in plain words. Elections close at the start of a day, and "00:00 on
    Friday" reads as if Friday were still open, so that is said as midnight at the end of Thursday."""
    at = timezone.localtime(closes_at)
    if at.time() == datetime.time.min:
        return _("You can vote until midnight at the end of %(date)s.") % {
            "date": formats.date_format(at - datetime.timedelta(days=1), "l j F Y")
        }
    return _("You can vote until %(time)s on %(date)s.") % {
        "time": formats.date_format(at, "H:i"),
        "date": formats.date_format(at, "l j F Y"),
    }


@person_required
def election_vote(request: HttpRequest, election_id: int) -> HttpResponse:
    """The person votes in a council election by themselves, on the kiosk or their phone. The
    ballot is stored with nothing about them (councils.services.ballot_cast_by_voter), and this
    page is not audited as a read of their record: an event naming them beside the moment a
    ballot arrived would say more than "has voted" does."""
    own = request.own  # type: ignore[attr-defined]
    election = council_selectors.election_for_voter(election_id=election_id, person_id=own.person.pk)
    if election is None:
        return render(request, "myplan/election_vote.html", {"own": own, "election": None}, status=404)
    candidates = council_selectors.candidates_standing(election=election)
    form = OwnBallotForm(
        request.POST if request.method == "POST" else None, candidates=candidates, seats=election.seats
    )
    notice = None
    if request.method == "POST" and form.is_valid():
        try:
            council_services.ballot_cast_by_voter(
                person_id=own.person.pk,
                election_id=election.pk,
                candidate_ids=form.cleaned_data["choices"],
                submission_id=form.cleaned_data["submission_id"],
                request=request,
            )
        except ValidationError as e:
            if hasattr(e, "error_dict") and set(e.error_dict) == {"choices"}:
                add_service_errors(form, e)  # the voter can put their ballot right
            else:
                notice = " ".join(e.messages)
        else:
            return SeeOther(reverse("myplan:election-vote", args=[election.pk]))
    voted = council_selectors.person_has_voted(election=election, person_id=own.person.pk)
    refusal = None if voted else council_selectors.voting_refusal(election=election)
    return render(
        request,
        "myplan/election_vote.html",
        {
            "own": own,
            "election": election,
            "candidates": candidates,
            "form": None if voted or refusal else form,
            "voted": voted,
            "refusal": refusal,
            "notice": None if notice == refusal else notice,
        },
    )


def _where(person: ServiceUser) -> tuple[Any, tuple[str, ...]]:
    """The service the person is with now (their prison, else their probation delivery unit), and
    who its surveys must be for."""
    episode = person.custody_episodes.filter(released_on__isnull=True).select_related("establishment").first()
    if episode is not None:
        return episode.establishment, (Audience.IN_CUSTODY.value,)
    case = person.probation_cases.filter(ended_on__isnull=True).select_related("delivery_unit").first()
    if case is not None:
        return case.delivery_unit, (Audience.ON_PROBATION.value,)
    return None, ()


def _surveys_for(person: ServiceUser) -> list[dict[str, Any]]:
    organisation, audiences = _where(person)
    if organisation is None:
        return []
    return [
        {
            "survey": survey,
            "answered": survey.eligibility == Eligibility.ONE_PER_PERSON
            and voice_services.eligibility_spent(person_id=person.pk, survey_id=survey.pk),
        }
        for survey in voice_selectors.surveys_open_at(organisation=organisation, audiences=audiences)
    ]


@never_cache
@require_POST
@person_required
def survey_take(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Give the person their one-time pass, END their own-view session, and draw the survey's
    first page carrying the pass in the page only (never a URL, a cookie or the session): the
    answers are then given with nothing that names them."""
    own = request.own  # type: ignore[attr-defined]
    organisation, audiences = _where(own.person)
    survey = (
        voice_selectors.surveys_open_at(organisation=organisation, audiences=audiences).filter(pk=survey_id).first()
        if organisation is not None
        else None
    )
    if survey is None:
        messages.warning(request, _("This survey is not open now."))
        return SeeOther(reverse("myplan:home"))
    token = None
    if survey.eligibility == Eligibility.ONE_PER_PERSON:
        try:
            token = voice_services.eligibility_pass_issue(person_id=own.person.pk, survey_id=survey.pk)
        except ValidationError as e:
            messages.warning(request, e.messages[0])
            return SeeOther(reverse("myplan:home"))
    channel = VoiceChannel.KIOSK if own.is_kiosk else VoiceChannel.PHONE
    session.end(request)
    version = voice_selectors.version_current(survey)
    assert version is not None  # an open survey has a published version
    place = voice_kiosk.Place(channel=channel, organisation=organisation)
    return voice_kiosk.start_page(request, survey, version, place, token=token, named_person_id=own.person.pk)


@person_required
def action_confirm(request: HttpRequest, action_id: int) -> HttpResponse:
    own = request.own  # type: ignore[attr-defined]
    try:
        action = selectors.own_answerable_action(person=own.person, action_id=action_id)
    except PlanAction.DoesNotExist:
        # Another person's action, a staff-only one, or none: not found, and nothing changes.
        return render(request, "myplan/not_found.html", {"own": own}, status=404)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmation = services.action_confirmation_record(
                person_id=own.person.pk,
                action_id=action.pk,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
                channel=own.channel,
                submission_id=form.cleaned_data["submission_id"],
                request=request,
            )
        except PlanAction.DoesNotExist:
            return render(request, "myplan/not_found.html", {"own": own}, status=404)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request,
                _("Thank you. We have saved your answer. Staff will see it.")
                if confirmation.answer == Answer.HAPPENED
                else _("Thank you for telling us. Staff will see that this did not happen, and should put it right."),
            )
            return SeeOther(reverse("myplan:home"))
    if request.method == "GET":
        services.own_view_record(person_id=own.person.pk, channel=own.channel, page="plan action", request=request)
    latest = selectors.latest_answers(person=own.person).get(action.pk)
    return render(
        request,
        "myplan/action_confirm.html",
        {"own": own, "form": form, "action": action, "latest": latest, "Answer": Answer},
    )


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Finish: the whole session is flushed, so nothing of the person is left on a shared kiosk."""
    own = session.current(request)
    kiosk = request.POST.get("kiosk") == "1"
    if own is not None:
        kiosk = own.is_kiosk
        services.person_sign_out(person_id=own.person.pk, channel=own.channel, request=request)
        session.end(request)
        messages.success(request, _("You have signed out. Thank you."))
    return SeeOther(session.sign_in_url(kiosk=kiosk))


# Staff pages and the person page's panel.


def person_panel(request: HttpRequest, person: ServiceUser) -> str:
    """The person's own view on their page: whether they can sign in, and what they say happened."""
    if not rules.can_see_what_the_person_says(request.user):
        return ""
    rows = selectors.what_the_person_says(person=person)
    return render_to_string(
        "myplan/_person_panel.html",
        {
            "person": person,
            "pin": selectors.pin_for_person(person=person),
            "rows": rows,
            "not_happened": [r for r in rows if r.did_not_happen],
            "can_set_pin": rules.can_set_pin(request.user),
            "Answer": Answer,
            "channels": dict(Channel.choices),
        },
        request=request,
    )


def _person_url(person: ServiceUser) -> str:
    return reverse("people:detail", args=[person.pk]) + "#own-view"


@allowed_if(rules.can_set_pin)
def pin(request: HttpRequest, person_id: int) -> HttpResponse:
    try:
        person = person_open(acting_user=request.user, person_id=person_id, request=request)
    except ServiceUser.DoesNotExist:
        raise Http404 from None
    form = PinForm(request.POST if request.method == "POST" and "switch_off" not in request.POST else None)
    if request.method == "POST" and "switch_off" in request.POST:
        try:
            services.pin_switch_off(acting_user=request.user, person_id=person.pk, request=request)
        except ValidationError as e:
            messages.warning(request, " ".join(e.messages))
        else:
            messages.success(request, _("Their sign-in is switched off. Set a new PIN to switch it on again."))
        return redirect(_person_url(person))
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            services.pin_set(
                acting_user=request.user,
                person_id=person.pk,
                pin=data["pin"],
                submission_id=data["submission_id"],
                request=request,
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request,
                _("PIN saved. Tell %(name)s their PIN now: it is not shown again.") % {"name": person.given_name},
            )
            return redirect(_person_url(person))
    return render(
        request, "myplan/pin.html", {"form": form, "person": person, "pin": selectors.pin_for_person(person=person)}
    )
