"""Work on release on the person's timeline (people.timeline): each application made and each step
recorded on it, with who did it. Two queries, whatever the number of applications (no N+1)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts import rules as account_rules
from accounts.models import User
from people.models import ServiceUser
from people.timeline import Entry
from people.timeline import done_by as _by
from work.constants import Step, WithdrawalReason
from work.models import Application, ApplicationStep


def work_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    """Prison and probation staff (and administrators) see every application; anyone else who may
    see the person (a partner) sees only those made to their own organisation."""
    applications = Application.objects.filter(person=person)
    steps = ApplicationStep.objects.filter(application__person=person)
    if not account_rules.can_view_whole_record(viewer):
        applications = applications.filter(opportunity__employer_id=viewer.organisation_id)
        steps = steps.filter(application__opportunity__employer_id=viewer.organisation_id)
    entries = [
        Entry(
            application.created_at,
            "work",
            _("Put forward for %(title)s at %(employer)s")
            % {"title": application.opportunity.title, "employer": application.opportunity.employer.name},
            *_by(application.created_by),
        )
        for application in applications.order_by().select_related("opportunity__employer", "created_by__organisation")
    ]
    labels, reasons = dict(Step.choices), dict(WithdrawalReason.choices)
    for step in steps.order_by().select_related("application__opportunity__employer", "recorded_by__organisation"):
        opportunity = step.application.opportunity
        detail = str(reasons.get(step.reason, "")) if step.step == Step.WITHDRAWN else ""
        detail = "; ".join(part for part in (detail, step.note) if part)
        text = _("%(step)s: %(title)s at %(employer)s") % {
            "step": labels[step.step],
            "title": opportunity.title,
            "employer": opportunity.employer.name,
        }
        entries.append(
            Entry(step.recorded_at, "work", f"{text} – {detail}" if detail else text, *_by(step.recorded_by))
        )
    return entries
