"""Resettlement's entries on the person's timeline (people.timeline): custody, probation,
screenings, needs, plan actions and their results, and (for those who may see it) risk.

Built from the records themselves, one query per kind of record, so its cost does not grow with
the number of entries (no N+1)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import rules
from accounts.models import User
from people.models import ServiceUser
from people.timeline import Entry
from people.timeline import done_by as _by
from people.timeline import entry_at as _at
from resettlement.constants import NeedStatus
from resettlement.models import NeedEvent, NeedWithoutAction, PlanAction, RiskAssessment, RiskConcern, Screening


def resettlement_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    """Risk entries only for those who may see risk (accounts.rules.can_view_risk). A partner sees
    where the person is (custody, probation) and the actions their own organisation owns, not the
    screening, needs or anyone else's actions: only what their work needs."""
    entries: list[Entry] = list(_custody_and_probation(person))
    whole_record = rules.can_view_whole_record(viewer)
    if rules.can_view_risk(viewer):
        for assessment in (
            RiskAssessment.objects.filter(person=person).order_by().select_related("assessed_by__organisation")
        ):
            text = _("Risk of serious harm assessed: %(level)s") % {
                "level": assessment.get_rosh_level_display().lower()
            }
            entries.append(Entry(assessment.assessed_at, "risk", text, *_by(assessment.assessed_by)))
        for concern in RiskConcern.objects.filter(person=person).order_by().select_related("recorded_by__organisation"):
            text = _("Concern recorded: %(kind)s") % {"kind": concern.get_kind_display()}
            entries.append(Entry(concern.recorded_at, "risk", text, *_by(concern.recorded_by)))
    actions = PlanAction.objects.filter(plan__person=person)
    if whole_record:
        entries += _screening_and_needs(person)
    else:
        actions = actions.filter(owner_id=viewer.organisation_id)
    entries += _actions(actions)
    return entries


def _custody_and_probation(person: ServiceUser) -> Iterator[Entry]:
    for episode in person.custody_episodes.order_by().select_related("establishment", "created_by__organisation"):
        who, org = _by(episode.created_by)
        yield (
            Entry(
                _at(episode.received_on),
                "custody",
                _("Received into %(prison)s") % {"prison": episode.establishment.name},
                who,
                org or episode.establishment.name,
            )
        )
        if episode.released_on:
            yield (
                Entry(
                    _at(episode.released_on),
                    "custody",
                    _("Released from %(prison)s") % {"prison": episode.establishment.name},
                    "",
                    episode.establishment.name,
                )
            )
    for case in person.probation_cases.order_by().select_related("delivery_unit", "practitioner"):
        practitioner = case.practitioner.display_name if case.practitioner else ""
        yield (
            Entry(
                _at(case.started_on),
                "probation",
                _("Probation supervision started in %(unit)s") % {"unit": case.delivery_unit.name},
                practitioner,
                case.delivery_unit.name,
            )
        )
        if case.ended_on:
            yield (
                Entry(
                    _at(case.ended_on),
                    "probation",
                    _("Probation supervision ended"),
                    practitioner,
                    case.delivery_unit.name,
                )
            )


def _screening_and_needs(person: ServiceUser) -> Iterator[Entry]:
    for screening in (
        Screening.objects.filter(person=person)
        .order_by()
        .select_related("started_by__organisation", "submitted_by__organisation")
    ):
        yield (Entry(screening.started_at, "screening", _("Reception screening started"), *_by(screening.started_by)))
        if screening.submitted_at:
            yield (
                Entry(
                    screening.submitted_at,
                    "screening",
                    _("Reception screening submitted"),
                    *_by(screening.submitted_by),
                )
            )
    labels = dict(NeedStatus.choices)
    for event in (
        NeedEvent.objects.filter(need__person=person).order_by().select_related("need", "recorded_by__organisation")
    ):
        text = (
            _("Need identified: %(need)s") % {"need": event.need.description}
            if event.status == NeedStatus.NOT_STARTED
            else _("Need %(status)s: %(need)s")
            % {"status": str(labels[event.status]).lower(), "need": event.need.description}
        )
        yield (Entry(event.occurred_at, "need", text, *_by(event.recorded_by)))
    for reason in (
        NeedWithoutAction.objects.filter(need__person=person)
        .order_by()
        .select_related("need", "recorded_by__organisation")
    ):
        yield (
            Entry(
                reason.recorded_at,
                "plan",
                _("No action for “%(need)s”: %(reason)s") % {"need": reason.need.description, "reason": reason.reason},
                *_by(reason.recorded_by),
            )
        )


def _actions(actions: QuerySet[PlanAction]) -> Iterator[Entry]:
    for action in actions.order_by().select_related(
        "owner", "assignee", "created_by__organisation", "result_by__organisation"
    ):
        yield (
            Entry(
                action.created_at,
                "plan",
                _("Action added: %(action)s (%(assignee)s, %(owner)s, due %(due)s)")
                % {
                    "action": action.description,
                    "assignee": action.assignee.display_name,
                    "owner": action.owner.name,
                    "due": date_format(action.due_on, "j F Y"),
                },
                *_by(action.created_by),
            )
        )
        if action.result and action.result_at:
            yield (
                Entry(
                    action.result_at,
                    "plan",
                    _("Action %(result)s: %(action)s – %(note)s")
                    % {
                        "result": action.get_result_display().lower(),
                        "action": action.description,
                        "note": action.result_note,
                    },
                    *_by(action.result_by),
                )
            )
