from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.decorators import allowed_if
from common.links import url_for_id
from common.pagination import CountedPaginator
from common.service_forms import form_page
from organisations.models import Organisation
from people.models import ServiceUser
from release import rules, selectors, services
from release.constants import CheckpointKind, CheckpointState
from release.forms import CheckpointForm, HandoverForm, ReleaseForm, ReleasePlanForm
from release.models import Checkpoint, ReleasePlan

FOLLOWUPS_PER_PAGE = 50
STATE_TAGS = {
    CheckpointState.UPCOMING: "govuk-tag--grey",
    CheckpointState.DUE: "govuk-tag--blue",
    CheckpointState.RECORDED: "govuk-tag--green",
    CheckpointState.NOT_KNOWN: "govuk-tag--red",
}


def person_panel(request: HttpRequest, person: ServiceUser) -> str:
    """Release and after on the person's page: the release plan with its checklist, the handover and
    the follow-up checkpoints of each release."""
    if not rules.can_view_followups(request.user):
        return ""
    today = timezone.localdate()
    episode = selectors.latest_episode(person=person)
    plan = ReleasePlan.objects.filter(custody_episode=episode).first() if episode else None
    checkpoints = [
        (c, selectors.checkpoint_state(checkpoint=c, today=today))
        for c in selectors.checkpoints_for_person(person=person)
    ]
    return render_to_string(
        "release/_person_panel.html",
        {
            "person": person,
            "episode": episode,
            "plan": plan,
            "checklist": selectors.release_checklist(plan=plan, episode=episode) if episode else [],
            "warns": bool(episode) and selectors.checklist_warns(episode=episode, today=today),
            "handover": selectors.handover_for_episode(episode=episode) if episode else None,
            "checkpoints": checkpoints,
            "state_labels": dict(CheckpointState.choices),
            "state_tags": STATE_TAGS,
            "can_plan": rules.can_plan_release(request.user),
            "can_release": rules.can_record_release(request.user)
            and episode is not None
            and episode.released_on is None
            and episode.establishment_id == request.user.organisation_id,
        },
        request=request,
    )


def _person(request: HttpRequest, person_id: int) -> ServiceUser:
    return get_object_or_404(ServiceUser.objects.visible_one(request.user, person_id))


@allowed_if(rules.can_plan_release)
def release_plan(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    episode = person.custody_episodes.filter(released_on__isnull=True).first()
    if episode is None:
        raise Http404
    plan = ReleasePlan.objects.filter(custody_episode=episode).first()
    initial: dict[str, Any] = {"expected_release_on": episode.expected_release_on}
    if plan is not None:
        for name in (*services.PLAN_CHOICES, "first_night_address", "first_appointment_on", "first_appointment_place"):
            initial[name] = getattr(plan, name)
    form = ReleasePlanForm(request.POST if request.method == "POST" else None, initial=initial)
    return form_page(
        request,
        form=form,
        save=lambda data: services.release_plan_save(
            acting_user=request.user,
            person_id=person.pk,
            expected_release_on=data["expected_release_on"],
            first_night_address=data["first_night_address"],
            first_appointment_on=data["first_appointment_on"],
            first_appointment_place=data["first_appointment_place"],
            request=request,
            **{name: data[name] for name in services.PLAN_CHOICES},
        ),
        done=_("Release plan saved"),
        back=f"{person_url(person)}#release",
        template="release/plan.html",
        context={"person": person},
    )


def person_url(person: ServiceUser) -> str:
    return reverse("people:detail", args=[person.pk])


@allowed_if(rules.can_record_release)
def release_record(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    episode = person.custody_episodes.filter(released_on__isnull=True).select_related("establishment").first()
    if episode is None:
        raise Http404
    form = ReleaseForm(
        request.POST if request.method == "POST" else None, initial={"released_on": episode.expected_release_on}
    )
    return form_page(
        request,
        form=form,
        save=lambda data: services.release_record(
            acting_user=request.user, person_id=person.pk, released_on=data["released_on"], request=request
        ),
        done=_("Release recorded. Follow-ups after release have been set up."),
        back=f"{person_url(person)}#release",
        template="release/record.html",
        context={"person": person, "episode": episode},
    )


@allowed_if(rules.can_record_handover)
def handover(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    open_case = person.probation_cases.filter(ended_on__isnull=True).first()
    units = list(Organisation.objects.delivery_units().active().order_by("name"))
    form = HandoverForm(
        request.POST if request.method == "POST" else None,
        initial={"to_organisation": open_case.delivery_unit_id if open_case else None},
        units=units,
    )
    return form_page(
        request,
        form=form,
        save=lambda data: services.handover_record(
            acting_user=request.user,
            person_id=person.pk,
            to_organisation_id=data["to_organisation"],
            handover_on=data["handover_on"],
            note=data["note"],
            request=request,
        ),
        done=_("Handover recorded. The community team now sees the same plan."),
        back=f"{person_url(person)}#release",
        template="release/handover.html",
        context={"person": person},
    )


@allowed_if(rules.can_record_checkpoint)
def checkpoint(request: HttpRequest, checkpoint_id: int) -> HttpResponse:
    # Whether the user may see its person, among that person's own access rows (decision 24).
    person_id = Checkpoint.objects.filter(pk=checkpoint_id).values_list("person_id", flat=True).first()
    if person_id is None:
        raise Http404
    item = get_object_or_404(
        Checkpoint.objects.select_related("person", "custody_episode__establishment").filter(
            person__in=ServiceUser.objects.visible_one(request.user, person_id).values("pk")
        ),
        pk=checkpoint_id,
    )
    form = CheckpointForm(request.POST if request.method == "POST" else None, kind=item.kind)
    return form_page(
        request,
        form=form,
        save=lambda data: services.checkpoint_record(
            acting_user=request.user,
            checkpoint_id=item.pk,
            accommodation=data["accommodation"],
            employment=data.get("employment", ""),
            note=data["note"],
            request=request,
        ),
        done=_("Checkpoint recorded"),
        back=request.GET.get("next", "") if _safe(request.GET.get("next", "")) else person_url(item.person),
        template="release/checkpoint.html",
        context={"person": item.person, "checkpoint": item},
    )


def _safe(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


# What a row of the follow-ups list shows, read as values: whole records (a person, an episode, a
# prison and an organisation a row) cost more to build than the page's SQL.
FOLLOWUP_COLUMNS = (
    "pk",
    "kind",
    "due_on",
    "recorded_at",
    "person_id",
    "person__given_name",
    "person__family_name",
    "custody_episode__released_on",
    "custody_episode__establishment__name",
    "answerable__name",
)


@allowed_if(rules.can_view_followups)
def followups(request: HttpRequest) -> HttpResponse:
    team = request.GET.get("team") == "1"
    today = timezone.localdate()
    due = selectors.followups_due_for_user(user=request.user, today=today, team=team)
    # Counted without the joins the rows' columns need (each row has its person, episode and
    # prison), which cost a prison's long list more than reading its page.
    count = due.order_by().count()
    page = CountedPaginator(due.values(*FOLLOWUP_COLUMNS), FOLLOWUPS_PER_PAGE, count=count).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "release/followups.html",
        {
            "rows": _followup_rows(request, list(page), today=today),
            "page": page,
            "team": team,
            "not_known": due.filter(due_on__lt=today - selectors.GRACE).count(),
        },
    )


def _followup_rows(
    request: HttpRequest, checkpoints: list[dict[str, Any]], *, today: datetime.date
) -> list[dict[str, Any]]:
    """Each row's text and links. URLs are reversed, labels translated and each date written once a
    page, not once a row: each costs as much as the rest of a row."""
    person_url, record_url = url_for_id("people:detail"), url_for_id("release:checkpoint")
    kinds = {k: str(v) for k, v in CheckpointKind.choices}
    states = {k: str(v) for k, v in CheckpointState.choices}
    released_from, record_the = _("released from %(prison)s on %(date)s"), _("the %(kind)s follow-up for %(name)s")
    next_query = "?next=" + quote(request.get_full_path(), safe="/")
    dates: dict[Any, str] = {}

    def day(value: Any) -> str:
        if value not in dates:
            dates[value] = formats.date_format(value, "j F Y") if value else ""
        return dates[value]

    rows = []
    for c in checkpoints:
        state = selectors.state_of_checkpoint(recorded_at=c["recorded_at"], due_on=c["due_on"], today=today)
        name, kind = f"{c['person__given_name']} {c['person__family_name']}", kinds[c["kind"]]
        rows.append(
            {
                "person_url": person_url(c["person_id"]),
                "name": name,
                "released": released_from
                % {"prison": c["custody_episode__establishment__name"], "date": day(c["custody_episode__released_on"])},
                "kind": kind,
                "due": day(c["due_on"]),
                "state": states[state],
                "tag": STATE_TAGS[state],
                "answerable": c["answerable__name"] or "",
                "record_url": record_url(c["pk"]) + next_query if state != CheckpointState.UPCOMING else "",
                "record_what": record_the % {"kind": kind.lower(), "name": name},
            }
        )
    return rows


@allowed_if(rules.can_plan_release)
def coming_up(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    for episode in selectors.releases_coming_up(user=request.user, today=today)[:500]:
        plan = getattr(episode, "release_plan", None)
        missing = [i for i in selectors.release_checklist(plan=plan, episode=episode) if not i.done]
        rows.append((episode, missing))
    return render(request, "release/coming_up.html", {"rows": rows})
