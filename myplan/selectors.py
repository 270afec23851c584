"""Reads for the person's own view: their own record only, in plain words (reading age about 9),
and never what is for staff alone.

What is never read here: risk of serious harm and public protection (RiskAssessment, RiskConcern),
the actions that mitigate a concern (a PlanAction with a `concern`), screening answers, notes
staff write on results, withdrawals and declines (their reasons), the audit trail, and anyone
else's record. Tests in myplan/tests/test_selectors.py prove risk and mitigations never appear."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentoring.constants import MentorKind
from mentoring.models import Allocation
from myplan.constants import Answer
from myplan.models import ActionConfirmation, PersonPin
from organisations.constants import OrganisationKind, Pathway
from people.models import ServiceUser
from referrals.constants import ATTENDED, ReferralStatus, SessionMethod
from referrals.models import Referral, ReferralSession
from release.constants import CheckpointKind, CheckpointState
from release.selectors import checkpoint_state, checkpoints_for_person, release_plan_for_person
from resettlement.constants import ActionResult, ActionState
from resettlement.models import PlanAction

# Each pathway as the person would say it: the word "pathway" and its labels are staff language.
TOPIC: dict[str, object] = {
    Pathway.ACCOMMODATION: gettext_lazy("Somewhere to live"),
    Pathway.ATTITUDES: gettext_lazy("Thinking and choices"),
    Pathway.FAMILY: gettext_lazy("Family and friends"),
    Pathway.DRUGS_ALCOHOL: gettext_lazy("Drugs and alcohol"),
    Pathway.EDUCATION_WORK: gettext_lazy("Work and learning"),
    Pathway.FINANCE_ID: gettext_lazy("Money and ID"),
    Pathway.HEALTH: gettext_lazy("Health"),
}

REFERRAL_STATUS: dict[str, object] = {
    ReferralStatus.SENT: gettext_lazy("We have asked them to help you. They have not answered yet."),
    ReferralStatus.ACCEPTED: gettext_lazy("They said yes. They will get in touch with you."),
    ReferralStatus.IN_PROGRESS: gettext_lazy("They are helping you now."),
    ReferralStatus.DECLINED: gettext_lazy("They cannot help this time. Staff will talk to you about other help."),
    ReferralStatus.COMPLETED: gettext_lazy("This help has finished."),
    ReferralStatus.WITHDRAWN: gettext_lazy("This help has stopped. Ask staff if you want to know why."),
}

HOW: dict[str, object] = {
    SessionMethod.IN_PERSON: gettext_lazy("Face to face"),
    SessionMethod.PHONE: gettext_lazy("On the phone"),
    SessionMethod.VIDEO: gettext_lazy("On a video call"),
}

MENTOR_KIND: dict[str, object] = {
    MentorKind.MENTOR: gettext_lazy("Your mentor. A mentor is someone you can talk to, who helps you."),
    MentorKind.COACH: gettext_lazy("Your coach. A coach helps you work towards your goals."),
    MentorKind.PEER_MENTOR: gettext_lazy(
        "Your peer mentor. A peer mentor has been in prison or on probation too, and helps you."
    ),
}

CHECKPOINT_WHAT: dict[str, object] = {
    CheckpointKind.FIRST_NIGHT: gettext_lazy(
        "The day after you leave, your probation officer will ask where you slept on your first night."
    ),
    CheckpointKind.WEEK_6: gettext_lazy(
        "6 weeks after you leave, your probation officer will ask where you are living and if you are working."
    ),
    CheckpointKind.MONTH_3: gettext_lazy(
        "3 months after you leave, your probation officer will ask where you are living and if you are working."
    ),
    CheckpointKind.MONTH_6: gettext_lazy(
        "6 months after you leave, your probation officer will ask where you are living and if you are working."
    ),
}

CHECKPOINT_STATE: dict[str, object] = {
    CheckpointState.UPCOMING: gettext_lazy("Coming up"),
    CheckpointState.DUE: gettext_lazy("Now. Your probation officer will ask you soon."),
    CheckpointState.RECORDED: gettext_lazy("Done. Thank you."),
    CheckpointState.NOT_KNOWN: gettext_lazy("Missed. Your probation officer did not write this down."),
}

# Referrals that have stopped have no appointments to come.
_CLOSED = (ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN)


@dataclass(frozen=True)
class OwnAction:
    pk: int
    description: str
    topic: str
    due_on: datetime.date
    state: str  # ActionState: open, overdue, done, not_done
    can_answer: bool  # recorded as done, so the person can say whether it really happened
    answer: str  # their latest answer (myplan.constants.Answer), or ""


@dataclass(frozen=True)
class ActionGroup:
    """The actions one organisation is doing for the person, named as the person would know them."""

    who: str
    about: str
    actions: list[OwnAction]


@dataclass(frozen=True)
class OwnReferral:
    to: str
    what_for: str
    status: str
    status_text: str
    sessions: list[Appointment]


@dataclass(frozen=True)
class Appointment:
    on: datetime.date
    what: str
    where: str


@dataclass(frozen=True)
class OwnMentor:
    first_name: str
    organisation: str
    about: str


@dataclass(frozen=True)
class OwnCheckpoint:
    due_on: datetime.date
    what: str
    state: str
    state_text: str


@dataclass(frozen=True)
class OwnView:
    first_name: str
    in_custody: bool
    released_on: datetime.date | None
    groups: list[ActionGroup] = field(default_factory=list)
    referrals: list[OwnReferral] = field(default_factory=list)
    mentors: list[OwnMentor] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    checkpoints: list[OwnCheckpoint] = field(default_factory=list)


def own_actions(*, person: ServiceUser) -> QuerySet[PlanAction]:
    """The person's plan actions, without the mitigations of risk concerns (staff only)."""
    return (
        PlanAction.objects.filter(plan__person=person, concern__isnull=True)
        .select_related("owner")
        .order_by("due_on", "id")
    )


def own_answerable_action(*, person: ServiceUser, action_id: int) -> PlanAction:
    """One of the person's own actions recorded as done. Anyone else's action, a mitigation, or one
    not done raises PlanAction.DoesNotExist, so another person's action is simply not found."""
    return own_actions(person=person).get(pk=action_id, result=ActionResult.DONE)


def latest_answers(*, person: ServiceUser) -> dict[int, ActionConfirmation]:
    """The person's latest answer for each action they have answered about (one query)."""
    latest: dict[int, ActionConfirmation] = {}
    for confirmation in ActionConfirmation.objects.filter(person=person).order_by("answered_at", "id"):
        latest[confirmation.action_id] = confirmation
    return latest


def _who(owner: object) -> tuple[str, str, int]:
    """(name, what they are, sort order): the prison first, then probation, then partners."""
    kind = getattr(owner, "kind", "")
    name = getattr(owner, "name", "")
    if kind == OrganisationKind.ESTABLISHMENT:
        return _("The prison"), _("Staff at %(prison)s.") % {"prison": name}, 0
    if kind in (OrganisationKind.DELIVERY_UNIT, OrganisationKind.PROBATION_REGION):
        return _("Your probation officer"), _("The probation service helps you after you leave prison."), 1
    return name, _("A group that works with the prison and probation to help you."), 2


def _action_groups(person: ServiceUser, today: datetime.date) -> list[ActionGroup]:
    answers = latest_answers(person=person)
    grouped: dict[int, tuple[tuple[str, str, int], list[OwnAction]]] = {}
    for action in own_actions(person=person):
        state = action.state(today=today)
        who = grouped.setdefault(action.owner_id, (_who(action.owner), []))
        latest = answers.get(action.pk)
        who[1].append(
            OwnAction(
                pk=action.pk,
                description=action.description,
                topic=str(TOPIC.get(action.pathway, "")),
                due_on=action.due_on,
                state=state,
                can_answer=state == ActionState.DONE,
                answer=latest.answer if latest else "",
            )
        )
    ordered = sorted(grouped.values(), key=lambda g: (g[0][2], g[0][0]))
    return [ActionGroup(who=w[0], about=w[1], actions=actions) for w, actions in ordered]


def _referrals(person: ServiceUser, today: datetime.date) -> list[OwnReferral]:
    referrals = (
        Referral.objects.filter(person=person)
        .select_related("provider")
        .prefetch_related(Prefetch("sessions", queryset=ReferralSession.objects.order_by("happens_on", "id")))
        .order_by("sent_at", "id")
    )
    found = []
    for referral in referrals:
        sessions = list(referral.sessions.all())
        status = referral.status(attended=any(s.attendance in ATTENDED for s in sessions))
        upcoming = (
            []
            if status in _CLOSED
            else [
                Appointment(
                    on=s.happens_on,
                    what=_("%(purpose)s, with %(provider)s")
                    % {"purpose": s.purpose, "provider": referral.provider.name},
                    where=str(HOW.get(s.method, "")),
                )
                for s in sessions
                if s.happens_on >= today and not s.attendance
            ]
        )
        found.append(
            OwnReferral(
                to=referral.provider.name,
                what_for=str(TOPIC.get(referral.pathway, "")),
                status=status,
                status_text=str(REFERRAL_STATUS[ReferralStatus(status)]),
                sessions=upcoming,
            )
        )
    return found


def _mentors(person: ServiceUser) -> list[OwnMentor]:
    allocations = Allocation.objects.filter(person=person, ended_on__isnull=True).select_related(
        "mentor", "organisation"
    )
    return [
        OwnMentor(
            # First name only: the person knows their mentor; the record keeps no more than they need.
            first_name=(allocation.mentor.name.split() or [""])[0],
            organisation=allocation.organisation.name,
            about=str(MENTOR_KIND.get(allocation.kind, "")),
        )
        for allocation in allocations
    ]


def _checkpoints(person: ServiceUser, today: datetime.date) -> list[OwnCheckpoint]:
    found = []
    for checkpoint in checkpoints_for_person(person=person):
        state = checkpoint_state(checkpoint=checkpoint, today=today)
        found.append(
            OwnCheckpoint(
                due_on=checkpoint.due_on,
                what=str(CHECKPOINT_WHAT.get(checkpoint.kind, "")),
                state=state,
                state_text=str(CHECKPOINT_STATE[CheckpointState(state)]),
            )
        )
    return found


def own_view(*, person: ServiceUser, today: datetime.date) -> OwnView:
    """Everything the person sees about themselves, in plain words."""
    episodes = list(person.custody_episodes.order_by("-received_on", "-id")[:1])
    latest = episodes[0] if episodes else None
    referrals = _referrals(person, today)
    appointments = [session for referral in referrals for session in referral.sessions]
    release_plan = release_plan_for_person(person=person)
    if release_plan and release_plan.first_appointment_on and release_plan.first_appointment_on >= today:
        appointments.append(
            Appointment(
                on=release_plan.first_appointment_on,
                what=_("Your first meeting with your probation officer"),
                where=release_plan.first_appointment_place,
            )
        )
    return OwnView(
        first_name=person.given_name,
        in_custody=latest is not None and latest.released_on is None,
        released_on=latest.released_on if latest else None,
        groups=_action_groups(person, today),
        referrals=referrals,
        mentors=_mentors(person),
        appointments=sorted(appointments, key=lambda a: a.on),
        checkpoints=_checkpoints(person, today),
    )


# For staff: the person's page and timeline.


@dataclass(frozen=True)
class WhatThePersonSays:
    action: PlanAction
    latest: ActionConfirmation
    earlier: list[ActionConfirmation]

    @property
    def did_not_happen(self) -> bool:
        return self.latest.answer == Answer.DID_NOT_HAPPEN


def what_the_person_says(*, person: ServiceUser) -> list[WhatThePersonSays]:
    """Each action the person has answered about, with their latest answer first (one query)."""
    rows: dict[int, list[ActionConfirmation]] = {}
    confirmations = (
        ActionConfirmation.objects.filter(person=person).select_related("action").order_by("-answered_at", "-id")
    )
    for confirmation in confirmations:
        rows.setdefault(confirmation.action_id, []).append(confirmation)
    found = [WhatThePersonSays(action=c[0].action, latest=c[0], earlier=c[1:]) for c in rows.values()]
    # What the person says did not happen comes first: that is what staff must put right.
    return sorted(found, key=lambda r: (not r.did_not_happen, -r.latest.answered_at.timestamp()))


def pin_for_person(*, person: ServiceUser) -> PersonPin | None:
    return PersonPin.objects.filter(person=person).select_related("set_by", "switched_off_by").first()
