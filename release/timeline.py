"""Release entries on the person's timeline (people.timeline): the release plan, the handover, each
follow-up recorded, and each follow-up never recorded, as the failure it is. Three queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from people.models import ServiceUser
from people.timeline import Entry, done_by, entry_at
from release import rules
from release.constants import CheckpointState
from release.models import Checkpoint, Handover, ReleasePlan
from release.selectors import GRACE, checkpoint_state


def release_entries(person: ServiceUser, viewer: User) -> Iterator[Entry]:
    if not rules.can_view_followups(viewer):
        return
    for plan in ReleasePlan.objects.filter(person=person).order_by().select_related("updated_by__organisation"):
        if plan.first_night_accommodation:
            yield Entry(
                plan.updated_at,
                "release",
                _("Release plan: first night %(where)s")
                % {"where": plan.get_first_night_accommodation_display().lower()},
                *done_by(plan.updated_by),
            )
    for handover in (
        Handover.objects.filter(person=person)
        .order_by()
        .select_related("from_organisation", "to_organisation", "recorded_by__organisation")
    ):
        yield Entry(
            entry_at(handover.handover_on),
            "release",
            _("Handed over from %(prison)s to %(unit)s")
            % {"prison": handover.from_organisation.name, "unit": handover.to_organisation.name},
            *done_by(handover.recorded_by),
        )
    today = timezone.localdate()
    for checkpoint in (
        Checkpoint.objects.filter(person=person).order_by().select_related("answerable", "recorded_by__organisation")
    ):
        state = checkpoint_state(checkpoint=checkpoint, today=today)
        kind = checkpoint.get_kind_display()
        if state == CheckpointState.RECORDED and checkpoint.recorded_at:
            text = _("%(kind)s follow-up: %(where)s") % {"kind": kind, "where": checkpoint.get_accommodation_display()}
            if checkpoint.employment:
                text += "; " + checkpoint.get_employment_display().lower()
            yield Entry(checkpoint.recorded_at, "follow-up", text, *done_by(checkpoint.recorded_by))
        if state == CheckpointState.NOT_KNOWN or checkpoint.late:
            responsible = checkpoint.answerable.name if checkpoint.answerable else ""
            yield Entry(
                entry_at(checkpoint.due_on + GRACE + datetime.timedelta(days=1)),
                "follow-up",
                (
                    _("%(kind)s follow-up recorded late: not known, a failure")
                    if checkpoint.late
                    else _("%(kind)s follow-up never recorded: not known, a failure")
                )
                % {"kind": kind},
                "",
                responsible,
            )
