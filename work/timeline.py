"""Work on release on the person's timeline (people.timeline): each application made and each step
recorded on it, with who did it. Two queries whatever the number of applications, and one when
there are none (no N+1); each reads only the columns it shows (people.timeline)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts import rules as account_rules
from accounts.models import User
from people.models import ServiceUser
from people.timeline import Entry
from work.constants import Step, WithdrawalReason
from work.models import Application, ApplicationStep


def work_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    """Prison and probation staff (and administrators) see every application; anyone else who may
    see the person (a partner) sees only those made to their own organisation."""
    applications = Application.objects.filter(person=person)
    if not account_rules.can_view_whole_record(viewer):
        applications = applications.filter(opportunity__employer_id=viewer.organisation_id)
    opportunities: dict[int, tuple[str, str]] = {}
    entries = []
    for application in applications.order_by().values(
        "pk", "created_at", "created_by", "opportunity__title", "opportunity__employer__name"
    ):
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
    for step in (
        ApplicationStep.objects.filter(application_id__in=list(opportunities))
        .order_by()
        .values("application", "step", "reason", "note", "recorded_at", "recorded_by")
    ):
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
