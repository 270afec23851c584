"""One timeline per person: every reception, screening, need, action, result and probation step,
by every organisation, in order, each with who did it (PRODUCT.md §1, "record once").

Built from the records themselves, one query per kind of record, so its cost does not grow with
the number of entries (no N+1), and entries from apps added later join by adding a source here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from people.models import ServiceUser
from resettlement.constants import NeedStatus
from resettlement.models import NeedEvent, NeedWithoutAction, PlanAction, RiskAssessment, RiskConcern, Screening


@dataclass(frozen=True)
class Entry:
    at: datetime.datetime
    kind: str
    text: str
    who: str
    organisation: str


def _at(value: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def _by(user: Any) -> tuple[str, str]:
    if user is None:
        return "", ""
    return user.display_name, user.organisation.name if user.organisation_id else ""


def timeline_for_person(*, person: ServiceUser, include_risk: bool = False) -> list[Entry]:
    """Newest first. Risk entries only for those who may see risk (accounts.rules.can_view_risk)."""
    entries: list[Entry] = []
    if include_risk:
        for assessment in RiskAssessment.objects.filter(person=person).select_related("assessed_by__organisation"):
            text = _("Risk of serious harm assessed: %(level)s") % {
                "level": assessment.get_rosh_level_display().lower()
            }
            entries.append(Entry(assessment.assessed_at, "risk", text, *_by(assessment.assessed_by)))
        for concern in RiskConcern.objects.filter(person=person).select_related("recorded_by__organisation"):
            text = _("Concern recorded: %(kind)s") % {"kind": concern.get_kind_display()}
            entries.append(Entry(concern.recorded_at, "risk", text, *_by(concern.recorded_by)))
    for episode in person.custody_episodes.select_related("establishment", "created_by__organisation"):
        who, org = _by(episode.created_by)
        entries.append(
            Entry(
                _at(episode.received_on),
                "custody",
                _("Received into %(prison)s") % {"prison": episode.establishment.name},
                who,
                org or episode.establishment.name,
            )
        )
        if episode.released_on:
            entries.append(
                Entry(
                    _at(episode.released_on),
                    "custody",
                    _("Released from %(prison)s") % {"prison": episode.establishment.name},
                    "",
                    episode.establishment.name,
                )
            )
    for case in person.probation_cases.select_related("delivery_unit", "practitioner"):
        practitioner = case.practitioner.display_name if case.practitioner else ""
        entries.append(
            Entry(
                _at(case.started_on),
                "probation",
                _("Probation supervision started in %(unit)s") % {"unit": case.delivery_unit.name},
                practitioner,
                case.delivery_unit.name,
            )
        )
        if case.ended_on:
            entries.append(
                Entry(
                    _at(case.ended_on),
                    "probation",
                    _("Probation supervision ended"),
                    practitioner,
                    case.delivery_unit.name,
                )
            )
    for screening in Screening.objects.filter(person=person).select_related(
        "started_by__organisation", "submitted_by__organisation"
    ):
        entries.append(
            Entry(screening.started_at, "screening", _("Reception screening started"), *_by(screening.started_by))
        )
        if screening.submitted_at:
            entries.append(
                Entry(
                    screening.submitted_at,
                    "screening",
                    _("Reception screening submitted"),
                    *_by(screening.submitted_by),
                )
            )
    labels = dict(NeedStatus.choices)
    for event in NeedEvent.objects.filter(need__person=person).select_related("need", "recorded_by__organisation"):
        text = (
            _("Need identified: %(need)s") % {"need": event.need.description}
            if event.status == NeedStatus.NOT_STARTED
            else _("Need %(status)s: %(need)s")
            % {"status": str(labels[event.status]).lower(), "need": event.need.description}
        )
        entries.append(Entry(event.occurred_at, "need", text, *_by(event.recorded_by)))
    for reason in NeedWithoutAction.objects.filter(need__person=person).select_related(
        "need", "recorded_by__organisation"
    ):
        entries.append(
            Entry(
                reason.recorded_at,
                "plan",
                _("No action for “%(need)s”: %(reason)s") % {"need": reason.need.description, "reason": reason.reason},
                *_by(reason.recorded_by),
            )
        )
    for action in PlanAction.objects.filter(plan__person=person).select_related(
        "owner", "assignee", "created_by__organisation", "result_by__organisation"
    ):
        entries.append(
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
            entries.append(
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
    return sorted(entries, key=lambda e: e.at, reverse=True)
