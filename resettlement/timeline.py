"""Resettlement's entries on the person's timeline (people.timeline): custody, probation,
screenings, needs, plan actions and their results, and (for those who may see it) risk.

Built from the records themselves, one query per kind of record, so its cost does not grow with
the number of entries (no N+1). Each reads only the columns it shows, names who did it by user id
(people.timeline), and is compiled to SQL once (common.compiled_reads, decision 25)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import rules
from accounts.models import User
from common.compiled_reads import CompiledValues, person_values
from people.models import CustodyEpisode, ProbationCase, ServiceUser
from people.timeline import Entry
from people.timeline import entry_at as _at
from resettlement.constants import ActionResult, ConcernKind, NeedStatus, RiskLevel
from resettlement.models import NeedEvent, NeedWithoutAction, PlanAction, RiskAssessment, RiskConcern, Screening

_CUSTODY = person_values(CustodyEpisode, "person_id", "received_on", "released_on", "establishment__name", "created_by")
_PROBATION = person_values(
    ProbationCase,
    "person_id",
    "started_on",
    "ended_on",
    "delivery_unit__name",
    "practitioner__first_name",
    "practitioner__last_name",
    "practitioner__username",
)
_ASSESSMENTS = person_values(RiskAssessment, "person_id", "assessed_at", "rosh_level", "assessed_by")
_CONCERNS = person_values(RiskConcern, "person_id", "recorded_at", "kind", "recorded_by")
_SCREENINGS = person_values(Screening, "person_id", "started_at", "started_by", "submitted_at", "submitted_by")
_NEED_EVENTS = person_values(NeedEvent, "need__person_id", "occurred_at", "status", "need__description", "recorded_by")
_NO_ACTION_REASONS = person_values(
    NeedWithoutAction, "need__person_id", "recorded_at", "need__description", "reason", "recorded_by"
)
_ACTION_COLUMNS = (
    "description",
    "due_on",
    "created_at",
    "created_by",
    "owner__name",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__username",
    "result",
    "result_at",
    "result_by",
    "result_note",
)
_ACTIONS = person_values(PlanAction, "plan__person_id", *_ACTION_COLUMNS)
# A partner's view: only the actions their own organisation owns.
_ACTIONS_OWNED = CompiledValues(
    lambda person, organisation: (
        PlanAction.objects.filter(plan__person_id=person, owner_id=organisation).order_by().values(*_ACTION_COLUMNS)
    ),
    "person",
    "organisation",
)


def resettlement_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    """Risk entries only for those who may see risk (accounts.rules.can_view_risk). A partner sees
    where the person is (custody, probation) and the actions their own organisation owns, not the
    screening, needs or anyone else's actions: only what their work needs."""
    entries: list[Entry] = list(_custody_and_probation(person))
    whole_record = rules.can_view_whole_record(viewer)
    if rules.can_view_risk(viewer):
        levels, kinds = dict(RiskLevel.choices), dict(ConcernKind.choices)
        for assessment in _ASSESSMENTS.rows(person=person.pk):
            text = _("Risk of serious harm assessed: %(level)s") % {
                "level": str(levels.get(assessment["rosh_level"], assessment["rosh_level"])).lower()
            }
            entries.append(Entry(assessment["assessed_at"], "risk", text, by=assessment["assessed_by"]))
        for concern in _CONCERNS.rows(person=person.pk):
            text = _("Concern recorded: %(kind)s") % {"kind": str(kinds.get(concern["kind"], concern["kind"]))}
            entries.append(Entry(concern["recorded_at"], "risk", text, by=concern["recorded_by"]))
    if whole_record:
        entries += _screening_and_needs(person)
        entries += _actions(_ACTIONS.rows(person=person.pk))
    elif viewer.organisation_id is not None:
        entries += _actions(_ACTIONS_OWNED.rows(person=person.pk, organisation=viewer.organisation_id))
    return entries


def _custody_and_probation(person: ServiceUser) -> Iterator[Entry]:
    for episode in _CUSTODY.rows(person=person.pk):
        prison = episode["establishment__name"]
        # Who recorded the reception, at their organisation, or else the prison itself.
        yield Entry(
            _at(episode["received_on"]),
            "custody",
            _("Received into %(prison)s") % {"prison": prison},
            organisation=prison,
            by=episode["created_by"],
        )
        if episode["released_on"]:
            yield Entry(
                _at(episode["released_on"]),
                "custody",
                _("Released from %(prison)s") % {"prison": prison},
                "",
                prison,
            )
    for case in _PROBATION.rows(person=person.pk):
        practitioner = ""
        if case["practitioner__username"] is not None:
            full_name = f"{case['practitioner__first_name']} {case['practitioner__last_name']}".strip()
            practitioner = full_name or case["practitioner__username"]
        unit = case["delivery_unit__name"]
        yield Entry(
            _at(case["started_on"]),
            "probation",
            _("Probation supervision started in %(unit)s") % {"unit": unit},
            practitioner,
            unit,
        )
        if case["ended_on"]:
            yield Entry(_at(case["ended_on"]), "probation", _("Probation supervision ended"), practitioner, unit)


def _screening_and_needs(person: ServiceUser) -> Iterator[Entry]:
    for screening in _SCREENINGS.rows(person=person.pk):
        yield Entry(screening["started_at"], "screening", _("Reception screening started"), by=screening["started_by"])
        if screening["submitted_at"]:
            yield Entry(
                screening["submitted_at"],
                "screening",
                _("Reception screening submitted"),
                by=screening["submitted_by"],
            )
    labels = dict(NeedStatus.choices)
    for event in _NEED_EVENTS.rows(person=person.pk):
        text = (
            _("Need identified: %(need)s") % {"need": event["need__description"]}
            if event["status"] == NeedStatus.NOT_STARTED
            else _("Need %(status)s: %(need)s")
            % {"status": str(labels[event["status"]]).lower(), "need": event["need__description"]}
        )
        yield Entry(event["occurred_at"], "need", text, by=event["recorded_by"])
    for reason in _NO_ACTION_REASONS.rows(person=person.pk):
        yield Entry(
            reason["recorded_at"],
            "plan",
            _("No action for “%(need)s”: %(reason)s")
            % {"need": reason["need__description"], "reason": reason["reason"]},
            by=reason["recorded_by"],
        )


def _actions(actions: list[dict[str, Any]]) -> Iterator[Entry]:
    results = dict(ActionResult.choices)
    for action in actions:
        assignee = (
            f"{action['assignee__first_name']} {action['assignee__last_name']}".strip() or action["assignee__username"]
        )
        yield Entry(
            action["created_at"],
            "plan",
            _("Action added: %(action)s (%(assignee)s, %(owner)s, due %(due)s)")
            % {
                "action": action["description"],
                "assignee": assignee,
                "owner": action["owner__name"],
                "due": date_format(action["due_on"], "j F Y"),
            },
            by=action["created_by"],
        )
        if action["result"] and action["result_at"]:
            yield Entry(
                action["result_at"],
                "plan",
                _("Action %(result)s: %(action)s – %(note)s")
                % {
                    "result": str(results.get(action["result"], action["result"])).lower(),
                    "action": action["description"],
                    "note": action["result_note"],
                },
                by=action["result_by"],
            )
