"""Work on release on the person's timeline (people.timeline): each application made and each step
recorded on it, with who did it. Two queries whatever the number of applications, and one when
there are none (no N+1); each reads only the columns it shows (people.timeline) and is compiled to SQL once
(common.compiled_reads)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts import rules as account_rules
from accounts.models import User
from common.compiled_reads import scoped_reads
from people.models import ServiceUser
from people.timeline import Entry
from work.constants import Step, WithdrawalReason
from work.models import Application, ApplicationStep

_APPLICATION_COLUMNS = ("pk", "created_at", "created_by", "opportunity__title", "opportunity__employer__name")
_STEP_COLUMNS = ("application", "step", "reason", "note", "recorded_at", "recorded_by")


def _applications(**where: int) -> QuerySet[Any, Any]:
    return Application.objects.filter(**where).order_by().values(*_APPLICATION_COLUMNS)


def _steps(**where: int) -> QuerySet[Any, Any]:
    return ApplicationStep.objects.filter(**where).order_by().values(*_STEP_COLUMNS)


_READS = scoped_reads(
    "employer",
    (_applications, "person_id", "opportunity__employer_id"),
    (_steps, "application__person_id", "application__opportunity__employer_id"),
)


def work_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    """Prison and probation staff (and administrators) see every application; anyone else who may
    see the person (a partner) sees only those made to their own organisation."""
    chosen = _READS.choose(person.pk, viewer.organisation_id, everything=account_rules.can_view_whole_record(viewer))
    if chosen is None:
        return []
    (applications_read, steps_read), where = chosen
    opportunities: dict[int, tuple[str, str]] = {}
    entries = []
    for application in applications_read.rows(**where):
        title = opportunities[application["pk"]] = (
            application["opportunity__title"],
            application["opportunity__employer__name"],
        )
        entries.append(
            Entry(
                application["created_at"],
                "work",
                _("Put forward for %(title)s at %(employer)s") % {"title": title[0], "employer": title[1]},
                by=application["created_by"],
            )
        )
    if not opportunities:
        return entries  # no applications the viewer may see, so no steps either
    labels, reasons = dict(Step.choices), dict(WithdrawalReason.choices)
    for step in steps_read.rows(**where):
        title, employer = opportunities[step["application"]]
        detail = str(reasons.get(step["reason"], "")) if step["step"] == Step.WITHDRAWN else ""
        detail = "; ".join(part for part in (detail, step["note"]) if part)
        text = _("%(step)s: %(title)s at %(employer)s") % {
            "step": labels[step["step"]],
            "title": title,
            "employer": employer,
        }
        entries.append(
            Entry(step["recorded_at"], "work", f"{text} – {detail}" if detail else text, by=step["recorded_by"])
        )
    return entries
