"""Release entries on the person's timeline (people.timeline): the release plan, the handover, each
follow-up recorded, and each follow-up never recorded, as the failure it is. Three queries, each
reading only the columns it shows (people.timeline), compiled to SQL once (common.compiled_reads)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.compiled_reads import person_values
from people.models import ServiceUser
from people.timeline import Entry, entry_at
from release import rules
from release.constants import Accommodation, CheckpointKind, CheckpointState, Employment
from release.models import Checkpoint, Handover, ReleasePlan
from release.selectors import GRACE, state_of_checkpoint

_PLANS = person_values(ReleasePlan, "person_id", "first_night_accommodation", "updated_at", "updated_by")
_HANDOVERS = person_values(
    Handover, "person_id", "handover_on", "from_organisation__name", "to_organisation__name", "recorded_by"
)
_CHECKPOINTS = person_values(
    Checkpoint,
    "person_id",
    "kind",
    "due_on",
    "recorded_at",
    "recorded_by",
    "accommodation",
    "employment",
    "late",
    "answerable__name",
)


def release_entries(person: ServiceUser, viewer: User) -> Iterator[Entry]:
    if not rules.can_view_followups(viewer):
        return
    places = dict(Accommodation.choices)
    for plan in _PLANS.rows(person=person.pk):
        if plan["first_night_accommodation"]:
            yield Entry(
                plan["updated_at"],
                "release",
                _("Release plan: first night %(where)s")
                % {
                    "where": str(
                        places.get(plan["first_night_accommodation"], plan["first_night_accommodation"])
                    ).lower()
                },
                by=plan["updated_by"],
            )
    for handover in _HANDOVERS.rows(person=person.pk):
        yield Entry(
            entry_at(handover["handover_on"]),
            "release",
            _("Handed over from %(prison)s to %(unit)s")
            % {"prison": handover["from_organisation__name"], "unit": handover["to_organisation__name"]},
            by=handover["recorded_by"],
        )
    today = timezone.localdate()
    kinds, employment = dict(CheckpointKind.choices), dict(Employment.choices)
    for checkpoint in _CHECKPOINTS.rows(person=person.pk):
        recorded_at = checkpoint["recorded_at"]
        state = state_of_checkpoint(recorded_at=recorded_at, due_on=checkpoint["due_on"], today=today)
        kind = str(kinds.get(checkpoint["kind"], checkpoint["kind"]))
        if state == CheckpointState.RECORDED and recorded_at:
            text = _("%(kind)s follow-up: %(where)s") % {
                "kind": kind,
                "where": str(places.get(checkpoint["accommodation"], checkpoint["accommodation"])),
            }
            if checkpoint["employment"]:
                text += "; " + str(employment.get(checkpoint["employment"], checkpoint["employment"])).lower()
            yield Entry(recorded_at, "follow-up", text, by=checkpoint["recorded_by"])
        if state == CheckpointState.NOT_KNOWN or checkpoint["late"]:
            yield Entry(
                entry_at(checkpoint["due_on"] + GRACE + datetime.timedelta(days=1)),
                "follow-up",
                (
                    _("%(kind)s follow-up recorded late: not known, a failure")
                    if checkpoint["late"]
                    else _("%(kind)s follow-up never recorded: not known, a failure")
                )
                % {"kind": kind},
                "",
                checkpoint["answerable__name"] or "",
            )
