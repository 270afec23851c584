"""Councils, "you said, we did" and involvement in the demo worlds (issue 6), so that the council
pages, the public boards and the involvement report have something plausible to show.

For the demo prison, the three other prisons holding most people, and the demo probation region
(the region of the demo practitioner's delivery unit), each run by its involvement lead (made where
there is none, as bench.voice_demo does):

- a council: founding members (chair, secretary, members) six months ago, meetings with agendas,
  minutes and decisions, an election with candidates, a voter list, ballots cast at the polling
  station and on paper, counted and published; a member who resigned, and a by-election for the
  seat, now taking nominations;
- "you said, we did": issues raised from the prison's own feedback, from the council and by hand
  (one with a named person, who is told what happens), most answered, some late, two waiting, one
  overdue; actions with owners and due dates, claimed, confirmed by the council or the people who
  raised them, one cancelled;
- involvement: activities over the last twelve months (every council meeting one of them) rated by
  staff on Arnstein's ladder and, on anonymous slips, by the people who took part, who rate them
  about a rung lower on average; named participants and their recognition; lived-experience roles;
  at the demo prison a peer research project in fieldwork and one proposed.

Everything goes through the services (councils.services, yousaid.services,
involvement.activity_services and research_services), so every record is valid and audited. Where
a service stamps a step with the present moment (an election must close in the future; an issue is
raised, answered and confirmed now), the demo makes the step now and then moves its dates back to
when it happened, as bench.voice_demo does with responses; the audit trail keeps the real times.

Everything is invented. People are the world's generated service users; `rng` and `today` decide
everything else, so the same seed gives the same records."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.text import slugify

from accounts.constants import Role
from accounts.models import User
from bench.dataset import DEMO_PASSWORD, DEMO_USERNAMES
from bench.voice_demo import _lead_for
from councils import services as councils
from councils.constants import Channel as BallotChannel
from councils.constants import LeavingReason, MemberRole
from councils.models import Candidate, Council, Election, Meeting
from councils.selectors import count_ballots, decide, eligible_people
from involvement import activity_services as activities
from involvement import research_services as research
from involvement.constants import (
    ActivityKind,
    ApprovalDecision,
    ProjectStage,
    Recognition,
    RoleEndReason,
    RoleKind,
    Rung,
)
from involvement.models import (
    Activity,
    LivedExperienceRole,
    Participant,
    PeerResearchProject,
)
from involvement.rating_mixing import ratings_mix
from organisations.constants import OrganisationKind
from organisations.models import Organisation
from people.models import CustodyEpisode, ProbationCase, ServiceUser
from yousaid import services as yousaid
from yousaid import workdays
from yousaid.constants import ConfirmedBy, NotificationKind, Source
from yousaid.models import Action, ActionProgress, Issue, Notification
from yousaid.selectors import feedback_answers, response_working_days

OTHER_PRISONS = 3
# Fewer people than this cannot make a council with an election and a by-election (tiny test worlds).
MIN_PEOPLE = 10
MAX_BALLOTS = 60  # per election: enough for a real count, few enough to stay quick in the national world
DAY = datetime.timedelta(days=1)

# --- invented wording ------------------------------------------------------------------------------

STATEMENTS = (
    "I have been on the wing two years and I know what gets people down. I will take it to the governor.",
    "I want the council to get answers on applications, not just promises.",
    "I am a listener and people already come to me. I would like to speak for them properly.",
    "Education got me through my sentence. I want more courses and more places on them.",
    "I will make sure families and visits are on every agenda.",
    "I will report back after every meeting, on every landing.",
)
AGENDA = (
    "Welcome and apologies",
    "Minutes of the last meeting",
    "Actions from the last meeting",
    "Regime and time out of cell",
    "Canteen and kit",
    "Visits and family days",
    "Education and work places",
    "Feedback from the wings",
    "Any other business",
)
MINUTES = (
    "Ten members attended with the head of residence. The council went through last month's actions: two done, "
    "one still waiting on estates.",
    "The deputy governor came for the regime item and agreed to share the new timetable before it starts.",
    "Members raised the wait for applications again. The business hub will report figures at the next meeting.",
    "The catering manager answered questions on portion sizes and the menu survey.",
    "Members agreed to run a feedback drop-in on each wing before the next meeting.",
)
DECISIONS = (
    "The council will run a menu survey on every wing this month",
    "Members will collect questions for the governor's open session",
    "The gym timetable will be posted on every landing",
    "The council asks for a second family day before the holidays",
    "A member will sit on the canteen list review",
    "Minutes will be put up on the wing noticeboards within a week",
    "The council supports the new induction buddy scheme",
)
COUNCIL_ISSUES = {
    "custody": (
        "The council asked why association is cancelled at weekends without notice",
        "Members said the application forms take weeks to get an answer",
        "The council raised that new arrivals do not get a phone PIN for days",
        "Members asked for more places on the barbering course",
        "The council said the laundry returns kit damp and short",
        "Members raised that visits booking lines are always engaged",
        "The council asked for the library to open in the evenings",
        "Members said the induction booklet is out of date",
    ),
    "community": (
        "The council said reporting in the morning clashes with work shifts",
        "Members asked for a quiet room at the probation office",
        "The council raised that appointment letters arrive after the appointment",
        "Members said travel costs to unpaid work are not refunded quickly",
        "The council asked for the hostel rules to be written in plain English",
        "Members raised that people are not told when their practitioner changes",
        "The council asked for a women-only reporting session",
        "Members said the waiting room has nothing about local support services",
        "The council asked for help with ID before release to be checked on the first appointment",
    ),
}
BY_HAND_ISSUES = (
    "Told us at a wing surgery that their property has not arrived after a transfer",
    "Wrote to the involvement team about the wait for a dentist",
    "Asked at the resettlement fair for help opening a bank account before release",
    "Said at the drop-in that the hostel list they were given is out of date",
    "Told us the appointment letters come too late to plan travel",
)
RESPONSES = (
    "You said this was a problem, and we agree. We have looked into it and set out below what we will do.",
    "Thank you for raising this. We have spoken to the team responsible and agreed the actions below.",
    "We looked into this with the council. Some of it we can change now; the rest needs money we have asked for.",
    "We cannot change the national rule on this, but we can explain it better, and we will.",
)
ACTIONS = (
    "Post the new timetable on every landing and at the servery",
    "Review the process with the business hub and report back to the council",
    "Order replacement equipment and fit it",
    "Add two more sessions a week from next month",
    "Update the information leaflet and check it with the council",
    "Agree a response time with the department and publish it",
)
PROGRESS = (
    "Quote received; waiting for the order to be approved",
    "First sessions running; take-up is good",
    "Draft shared with two council members for comments",
)
CONFIRM_NOTES = {
    ConfirmedBy.COUNCIL: "Confirmed by the council at its meeting",
    ConfirmedBy.PEOPLE: "Checked with people on the wing at the feedback drop-in",
    ConfirmedBy.NAMED_PERSON: "The person who raised it told us it is sorted",
}
CANCEL_REASON = "The contractor withdrew and the work is now part of the national estates programme"

ACTIVITY_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    ActivityKind.CONSULTATION: (
        ("Consultation on the new regime timetable", "To hear what people think of the proposed timetable"),
        ("Canteen list consultation", "To ask which items should be added to or dropped from the canteen list"),
        ("Visits hall consultation", "To ask families and residents how the visits hall could be better"),
    ),
    ActivityKind.FOCUS_GROUP: (
        ("Focus group: first nights", "To understand what the first nights in custody are like now"),
        ("Focus group: getting ready for release", "To hear what helped and what did not in the last weeks"),
        ("Focus group: education and work", "To find out why people drop out of courses"),
    ),
    ActivityKind.CO_DESIGN: (
        ("Co-designing the induction booklet", "To rewrite the induction booklet with people who used it"),
        ("Co-designing the family day", "To plan the next family day with residents and families"),
    ),
    ActivityKind.OTHER: (
        ("Governor's open session", "A question-and-answer session with the governor"),
        ("Wellbeing information day", "To share information about health and wellbeing services"),
    ),
}
PROBATION_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    ActivityKind.CONSULTATION: (
        ("Consultation on reporting centre opening hours", "To ask whether evening appointments would help"),
        ("Consultation on the induction appointment", "To hear what people need to know at their first meeting"),
    ),
    ActivityKind.FOCUS_GROUP: (
        ("Focus group: finding somewhere to live", "To understand the first weeks after release"),
        ("Focus group: unpaid work", "To hear how unpaid work placements are going"),
    ),
    ActivityKind.CO_DESIGN: (("Co-designing appointment letters", "To rewrite appointment letters so they are clear"),),
    ActivityKind.OTHER: (("Service user forum", "An open forum with the head of service"),),
}
RUNG_WEIGHTS: dict[str, dict[int, float]] = {
    # Skewed to informing and consultation, with a few partnerships: how most services start out.
    ActivityKind.CONSULTATION: {Rung.INFORMING: 0.3, Rung.CONSULTATION: 0.55, Rung.PLACATION: 0.15},
    ActivityKind.FOCUS_GROUP: {Rung.INFORMING: 0.2, Rung.CONSULTATION: 0.6, Rung.PLACATION: 0.2},
    ActivityKind.CO_DESIGN: {Rung.PLACATION: 0.4, Rung.PARTNERSHIP: 0.5, Rung.DELEGATED_POWER: 0.1},
    ActivityKind.OTHER: {Rung.THERAPY: 0.1, Rung.INFORMING: 0.7, Rung.CONSULTATION: 0.2},
    ActivityKind.COUNCIL_MEETING: {Rung.CONSULTATION: 0.45, Rung.PLACATION: 0.4, Rung.PARTNERSHIP: 0.15},
    ActivityKind.LIVED_EXPERIENCE_ROLE: {Rung.PLACATION: 0.5, Rung.PARTNERSHIP: 0.5},
    ActivityKind.PEER_RESEARCH: {Rung.PARTNERSHIP: 0.6, Rung.DELEGATED_POWER: 0.4},
}
RUNG_REASONS = {
    Rung.THERAPY: "Mostly staff telling people how to manage, not asking what should change",
    Rung.INFORMING: "We told people about changes already decided and answered questions",
    Rung.CONSULTATION: "We asked for views before deciding; the decision stayed with us",
    Rung.PLACATION: "Members advised and some advice was taken, but managers decided",
    Rung.PARTNERSHIP: "Decisions were made jointly and written up together",
    Rung.DELEGATED_POWER: "The group made most decisions within an agreed budget",
}
# How far below the staff's rung a participant's slip lands (negative: above). Mean about one rung.
RATING_GAP = ((-1, 0.1), (0, 0.25), (1, 0.35), (2, 0.2), (3, 0.1))
FED_BACK = (
    "Notes put up on the wing noticeboards with what we will change and what we cannot",
    "Fed back at the next council meeting and in the wing newsletter",
    "Each person who took part was given a letter saying what happened next",
    "Summary shared at the governor's open session",
)
# Recognition per activity, with amounts in pence (prison pay for a session; vouchers in the community).
RECOGNITION_WEIGHTS = (
    (Recognition.PAID, 0.2),
    (Recognition.VOUCHER, 0.15),
    (Recognition.CERTIFICATE, 0.25),
    (Recognition.THANKS, 0.3),
    (Recognition.NONE, 0.1),
)
PAID_PENCE = {"custody": (250, 400, 500), "community": (1000, 1500, 2000)}
VOUCHER_PENCE = (1000, 1500, 2000)
ROLES = {
    "custody": (
        ("Peer mentor", RoleKind.PAID, 150, "Supports new arrivals through their first weeks"),
        ("Council representative", RoleKind.VOLUNTEER, None, "Represents their wing on the prisoner council"),
        ("Resettlement peer adviser", RoleKind.PAID, 175, "Helps people prepare forms and appointments"),
        ("Induction peer supporter", RoleKind.VOLUNTEER, None, "Runs the peer part of the induction"),
        ("Lived-experience adviser", RoleKind.PAID, 200, "Advises the involvement team on new projects"),
    ),
    "community": (
        ("Lived-experience adviser", RoleKind.PAID, 1221, "Advises the region on service design"),
        ("Peer mentor", RoleKind.PAID, 1221, "Meets people on release and goes with them to appointments"),
        ("Council representative", RoleKind.VOLUNTEER, None, "Represents their delivery unit on the council"),
        ("Forum co-chair", RoleKind.VOLUNTEER, None, "Co-chairs the service user forum"),
    ),
}
RESEARCH = {
    "title": "Keeping in touch: what helps families stay connected",
    "question": "What helps and what gets in the way of people here keeping in touch with their families?",
    "proposed_title": "Work after release: what the first month is really like",
    "proposed_question": "What happens in the first month to people who had a job or course lined up on release?",
}
APPROVERS = (
    ("Governor", ApprovalDecision.APPROVED, "", ""),
    (
        "HMPPS National Research Committee",
        ApprovalDecision.CONDITIONS,
        "NRC-DEMO-0417",
        "Interviews in private rooms only; safeguarding concerns go to the safer custody team",
    ),
)
TRAINING = ("Peer research foundations (four sessions)", "Research ethics, consent and safeguarding")


# --- helpers -------------------------------------------------------------------------------------


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _identifier(person: ServiceUser) -> str:
    return person.prison_number or person.crn or ""


@dataclass
class _Place:
    """An organisation with a council and its people: who it serves now and since when."""

    organisation: Organisation
    lead: User
    people: list[ServiceUser]
    since: dict[int, datetime.date]
    custody: bool
    demo: bool = False
    council: Council | None = None
    meetings: list[Meeting] = field(default_factory=list)
    members: list[ServiceUser] = field(default_factory=list)

    def present(self, day: datetime.date, rng: random.Random, k: int, exclude: Sequence[int] = ()) -> list[ServiceUser]:
        """Up to k people served here on `day` (or, where too few were, anyone served here now)."""
        pool = [p for p in self.people if p.pk not in exclude and self.since.get(p.pk, day) <= day]
        if len(pool) < k:
            pool += [p for p in self.people if p.pk not in exclude and p not in pool]
        return rng.sample(pool, min(k, len(pool)))


def _places(rng: random.Random, password: str) -> list[_Place]:
    establishments = Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT, active=True)
    officer = User.objects.filter(username=DEMO_USERNAMES[Role.PRISON_STAFF]).select_related("organisation").first()
    demo_prison = officer.organisation if officer and officer.organisation else establishments.order_by("pk").first()
    if demo_prison is None:
        return []
    held = Count("custody_episodes", filter=Q(custody_episodes__released_on__isnull=True))
    others = list(establishments.exclude(pk=demo_prison.pk).annotate(held=held).order_by("-held", "pk")[:OTHER_PRISONS])
    chosen: list[tuple[Organisation, bool]] = [(demo_prison, True), *((o, True) for o in others)]
    practitioner = User.objects.filter(username=DEMO_USERNAMES[Role.PROBATION_PRACTITIONER]).first()
    region = None
    if practitioner and practitioner.organisation and practitioner.organisation.region_id:
        region = Organisation.objects.get(pk=practitioner.organisation.region_id)
    if region is not None:
        chosen.append((region, False))
    places = []
    for organisation, custody in chosen:
        lead = _lead_for(organisation, password) if custody else _region_lead(organisation, password)
        people = list(eligible_people(organisation=organisation).order_by("pk"))
        if len(people) < MIN_PEOPLE:
            continue
        arrived: Any
        if custody:
            arrived = CustodyEpisode.objects.filter(
                establishment=organisation, released_on__isnull=True, person__in=people
            ).values_list("person_id", "received_on")
        else:
            arrived = (
                ProbationCase.objects.filter(
                    delivery_unit__region=organisation, ended_on__isnull=True, person__in=people
                )
                .values("person_id")
                .annotate(first=Min("started_on"))
                .values_list("person_id", "first")
            )
        places.append(_Place(organisation, lead, people, dict(arrived), custody, demo=organisation == demo_prison))
    return places


def _region_lead(region: Organisation, password: str) -> User:
    """The region's involvement lead: the demo sign-in `regionlead` (bench.dataset.MORE_DEMO_SIGN_INS)
    where the region has none yet, as in the small world; the national world's own otherwise."""
    if not User.objects.filter(role=Role.INVOLVEMENT_LEAD, organisation=region, is_active=True).exists():
        User.objects.create(
            username="regionlead"
            if not User.objects.filter(username="regionlead").exists()
            else f"involvement.{slugify(region.name)}.1",
            first_name="Sam",
            last_name="Ellerby",
            password=password,
            role=Role.INVOLVEMENT_LEAD,
            organisation=region,
        )
    return _lead_for(region, password)


# --- councils ------------------------------------------------------------------------------------


def _council(place: _Place, rng: random.Random, today: datetime.date, counts: dict[str, int]) -> None:
    lead, organisation = place.lead, place.organisation
    name = f"{organisation.name} {'prisoner council' if place.custody else 'people on probation council'}"
    council = councils.council_create(acting_user=lead, organisation_id=organisation.pk, name=name)
    place.council = council
    founded = today - 190 * DAY
    Council.objects.filter(pk=council.pk).update(created_at=_at(founded))
    term = today - 180 * DAY
    founders = place.present(term, rng, rng.randint(5, 6))
    roles = [MemberRole.CHAIR, MemberRole.SECRETARY, *[MemberRole.MEMBER] * (len(founders) - 2)]
    seats = [
        councils.member_add(
            acting_user=lead,
            council_id=council.pk,
            identifier=_identifier(person),
            role=role,
            term_starts_on=term,
            term_ends_on=term + 365 * DAY,
        )
        for person, role in zip(founders, roles, strict=False)
    ]
    place.members = list(founders)

    # Meetings every month or so over the last six months, the latest a few weeks ago.
    for n in range(rng.randint(4, 6)):
        held_on = term + (10 + n * 32 + rng.randint(-3, 3)) * DAY
        if held_on > today - 7 * DAY:
            break
        meeting = councils.meeting_record(
            acting_user=lead,
            council_id=council.pk,
            held_on=held_on,
            agenda="\n".join([*AGENDA[:2], *rng.sample(AGENDA[2:-1], 3), AGENDA[-1]]),
            minutes=" ".join(rng.sample(MINUTES, 2)),
            decisions=rng.sample(DECISIONS, rng.randint(1, 3)),
        )
        Meeting.objects.filter(pk=meeting.pk).update(recorded_at=_at(held_on + 2 * DAY, 15))
        place.meetings.append(meeting)

    # An election for two more seats, three months ago: made, voted and counted now, then moved back.
    polls = today - 100 * DAY
    election = councils.election_create(
        acting_user=lead,
        council_id=council.pk,
        title=f"{council.name}: election for two seats",
        seats=2,
        opens_at=timezone.now() - datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(hours=1),
    )
    standing = place.present(polls - 21 * DAY, rng, 4, exclude=[p.pk for p in founders])
    candidates = [
        councils.candidate_nominate(
            acting_user=lead,
            election_id=election.pk,
            identifier=_identifier(person),
            statement=rng.choice(STATEMENTS),
        )
        for person in standing
    ]
    councils.election_open(acting_user=lead, election_id=election.pk)
    voters = list(election.voters.order_by("pk"))
    turnout = rng.sample(voters, min(MAX_BALLOTS, round(len(voters) * rng.uniform(0.55, 0.8))))
    for voter, choices in zip(turnout, _ballots(rng, [c.pk for c in candidates], len(turnout), seats=2), strict=True):
        councils.ballot_cast(
            acting_user=lead,
            election_id=election.pk,
            voter_id=voter.pk,
            candidate_ids=choices,
            channel=BallotChannel.PAPER if rng.random() < 0.25 else BallotChannel.POLLING_STATION,
        )
    councils.election_close(acting_user=lead, election_id=election.pk)
    seated_before = set(council.memberships.values_list("pk", flat=True))
    councils.election_publish(acting_user=lead, election_id=election.pk)
    Election.objects.filter(pk=election.pk).update(
        created_at=_at(polls - 35 * DAY),
        voter_list_made_at=_at(polls - 7 * DAY),
        opens_at=_at(polls, 9),
        closes_at=_at(polls + 2 * DAY, 17),
        closed_at=_at(polls + 2 * DAY, 17),
        published_at=_at(polls + 3 * DAY, 11),
    )
    Candidate.objects.filter(election=election).update(nominated_at=_at(polls - 21 * DAY))
    elected = council.memberships.exclude(pk__in=seated_before)
    elected.update(term_starts_on=polls + 3 * DAY, term_ends_on=polls + 368 * DAY)
    place.members += [c.person for c in candidates if c.person_id in set(elected.values_list("person_id", flat=True))]

    # A founding member resigned six weeks ago; the by-election for their seat takes nominations now
    # (voting must open after the real date, whatever day the world is made for).
    ahead = max(today, timezone.localdate())
    leaver = next((s for s in reversed(seats) if s.role == MemberRole.MEMBER), seats[-1])
    councils.member_leave(
        acting_user=lead, membership_id=leaver.pk, left_on=today - 40 * DAY, reason=LeavingReason.RESIGNED
    )
    by_election = councils.election_create(
        acting_user=lead,
        council_id=council.pk,
        title=f"{council.name}: by-election",
        seats=1,
        opens_at=_at(ahead + 14 * DAY, 9),
        closes_at=_at(ahead + 16 * DAY, 17),
        vacancy_id=leaver.pk,
    )
    Election.objects.filter(pk=by_election.pk).update(created_at=_at(today - 10 * DAY))
    current = set(council.memberships.filter(left_on__isnull=True).values_list("person_id", flat=True))
    for person in place.present(today, rng, 2, exclude=[*current, leaver.person_id]):
        councils.candidate_nominate(
            acting_user=lead,
            election_id=by_election.pk,
            identifier=_identifier(person),
            statement=rng.choice(STATEMENTS),
        )
    counts["councils"] += 1
    counts["council_members"] += council.memberships.count()
    counts["council_meetings"] += len(place.meetings)
    counts["council_elections"] += 2
    counts["ballots"] += len(turnout)


def _ballots(rng: random.Random, candidate_ids: list[int], how_many: int, *, seats: int) -> list[list[int]]:
    """Ballots with a clear result: a tie for the last seat is real but leaves the demo council a
    seat short until the council's own rules settle it, so the draw is made again."""
    popularity = [rng.uniform(1, 4) for _ in candidate_ids]
    ballots: list[list[int]] = []
    for _ in range(20):
        ballots = [
            sorted(set(rng.choices(candidate_ids, weights=popularity, k=rng.randint(1, seats))))
            for _ in range(how_many)
        ]
        totals = count_ballots(candidate_ids=candidate_ids, ballots=ballots)
        if not decide(totals=totals, seats=seats).tied:
            break
    return ballots


# --- you said, we did ----------------------------------------------------------------------------


@dataclass
class _IssuePlan:
    source: str
    said: str
    raised: datetime.date
    response_id: Any = None
    question: str = ""
    named: ServiceUser | None = None


def _issue_plans(place: _Place, rng: random.Random, today: datetime.date) -> list[_IssuePlan]:
    seen: set[str] = set()
    from_feedback = []
    # By their words: responses have random keys, so the selector's order differs from run to run.
    for answer in sorted(feedback_answers(organisation=place.organisation), key=lambda a: (a.words, a.question_id)):
        if answer.words not in seen:
            seen.add(answer.words)
            from_feedback.append(answer)
    total = rng.randint(9, 13)
    plans: list[_IssuePlan] = [
        _IssuePlan(Source.FEEDBACK, a.words, today, a.response_id, a.question_id)
        for a in rng.sample(from_feedback, min(5, len(from_feedback)))
    ]
    by_hand = rng.sample(BY_HAND_ISSUES, 2)
    named = place.present(today - 170 * DAY, rng, 2)
    plans += [_IssuePlan(Source.BY_HAND, said, today, named=p) for said, p in zip(by_hand, named, strict=False)]
    council = COUNCIL_ISSUES["custody" if place.custody else "community"]
    plans += [
        _IssuePlan(Source.COUNCIL, said, today)
        for said in rng.sample(council, min(len(council), max(0, total - len(plans))))
    ]
    rng.shuffle(plans)
    # Raised over the last six months; the newest two are still within their deadline.
    ages = sorted(rng.sample(range(12, 175), len(plans) - 2), reverse=True) + [rng.randint(2, 5), rng.randint(6, 9)]
    for plan, age in zip(plans, ages, strict=True):
        plan.raised = today - age * DAY
    return plans


def _issues(place: _Place, rng: random.Random, today: datetime.date, counts: dict[str, int]) -> None:
    lead, organisation = place.lead, place.organisation
    days = response_working_days(organisation.pk)
    owners = list(User.objects.filter(organisation=organisation, is_active=True).order_by("pk"))
    plans = _issue_plans(place, rng, today)
    # The newest two wait within their deadline; one old enough to be overdue has no response yet;
    # two were answered after their deadline.
    unanswered = {len(plans) - 2, len(plans) - 1}
    unanswered.add(next(i for i, p in enumerate(plans) if (today - p.raised).days > 45))
    late = set(rng.sample([i for i in range(len(plans)) if i not in unanswered], 2))
    made = 0
    for i, plan in enumerate(plans):
        issue = yousaid.issue_raise(
            acting_user=lead,
            organisation_id=organisation.pk,
            source=plan.source,
            said=plan.said,
            feedback_response_id=plan.response_id,
            feedback_question=plan.question,
            named_identifier=_identifier(plan.named) if plan.named else "",
        )
        counts["issues"] += 1
        due = workdays.add_working_days(plan.raised, days)
        moves: dict[str, Any] = {"raised_at": _at(plan.raised, 11), "response_due_on": due}
        told: dict[str, datetime.datetime] = {}
        if i in unanswered:
            Issue.objects.filter(pk=issue.pk).update(**moves)
            continue
        answered = due + rng.randint(3, 12) * DAY if i in late else plan.raised + rng.randint(3, 18) * DAY
        answered = min(answered, today - DAY)
        yousaid.issue_respond(acting_user=lead, issue_id=issue.pk, response=rng.choice(RESPONSES))
        moves["responded_at"] = told[NotificationKind.RESPONDED] = _at(answered, 14)
        finished, last = True, answered
        for description in rng.sample(ACTIONS, rng.choice((0, 1, 1, 2))):
            made += 1
            owner = rng.choice(owners) if owners and rng.random() < 0.7 else None
            done, step = _action(lead, issue, description, owner, answered, today, rng, cancel=made == 2, told=told)
            counts["issue_actions"] += 1
            finished, last = finished and done, max(last, step)
        if finished and (today - last).days > 14 and rng.random() < 0.7:
            yousaid.issue_close(acting_user=lead, issue_id=issue.pk, note="Everything promised has been done")
            moves["closed_at"] = told[NotificationKind.CLOSED] = _at(last + 3 * DAY, 12)
        Issue.objects.filter(pk=issue.pk).update(**moves)
        for kind, when in told.items():
            Notification.objects.filter(issue=issue, kind=kind).update(created_at=when)
    counts["issues_with_a_named_person"] += sum(1 for p in plans if p.named)


def _action(
    lead: User,
    issue: Issue,
    description: str,
    owner: User | None,
    answered: datetime.date,
    today: datetime.date,
    rng: random.Random,
    *,
    cancel: bool,
    told: dict[str, datetime.datetime],
) -> tuple[bool, datetime.date]:
    """One promise and what became of it. Returns whether it is finished (confirmed or cancelled)
    and the date of its last step."""
    due_on = answered + rng.randint(14, 60) * DAY
    action = yousaid.action_add(
        acting_user=lead,
        issue_id=issue.pk,
        description=description,
        owner_user_id=owner.pk if owner else None,
        owner_organisation_id=None if owner else issue.organisation_id,
        # The service takes due dates from the day it runs; the real one is set below.
        due_on=max(due_on, timezone.localdate()),
    )
    moves: dict[str, Any] = {"created_at": _at(answered, 15), "due_on": due_on}
    told[NotificationKind.ACTION_ADDED] = moves["created_at"]
    finished, last = False, answered
    if cancel:
        last = min(answered + rng.randint(5, 20) * DAY, today - DAY)
        yousaid.action_cancel(acting_user=lead, action_id=action.pk, reason=CANCEL_REASON)
        moves["cancelled_at"] = told[NotificationKind.ACTION_CANCELLED] = _at(last, 16)
        finished = True
    elif due_on < today and rng.random() < 0.85:
        claimed = max(answered + DAY, min(due_on - rng.randint(0, 7) * DAY, today - 3 * DAY))
        yousaid.action_claim_done(acting_user=lead, action_id=action.pk, note="Done: see the notice on the wing")
        moves["done_claimed_at"] = told[NotificationKind.ACTION_CLAIMED] = _at(claimed, 16)
        last = claimed
        if rng.random() < 0.8:
            confirmed_on = min(claimed + rng.randint(2, 10) * DAY, today - DAY)
            if issue.named_person_id and rng.random() < 0.6:
                by = ConfirmedBy.NAMED_PERSON
            else:
                by = ConfirmedBy.COUNCIL if rng.random() < 0.6 else ConfirmedBy.PEOPLE
            yousaid.action_confirm(
                acting_user=lead,
                action_id=action.pk,
                confirmed_by=by,
                confirmed_on=timezone.localdate(),
                note=CONFIRM_NOTES[by],
            )
            moves["confirmed_at"] = told[NotificationKind.ACTION_CONFIRMED] = _at(confirmed_on, 17)
            moves["confirmed_on"] = confirmed_on
            last, finished = confirmed_on, True
    elif due_on >= today and rng.random() < 0.4:
        claimed = max(answered + DAY, today - rng.randint(1, 5) * DAY)
        yousaid.action_claim_done(acting_user=lead, action_id=action.pk, note="Finished last week")
        moves["done_claimed_at"] = told[NotificationKind.ACTION_CLAIMED] = _at(claimed, 16)
        last = claimed
    elif rng.random() < 0.6:
        noted = min(answered + rng.randint(7, 21) * DAY, today - DAY)
        progress = yousaid.action_progress_add(
            acting_user=lead, action_id=action.pk, noted_on=timezone.localdate(), note=rng.choice(PROGRESS)
        )
        ActionProgress.objects.filter(pk=progress.pk).update(noted_on=noted, created_at=_at(noted, 16))
    Action.objects.filter(pk=action.pk).update(**moves)
    return finished, last


# --- involvement ---------------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict[int, float] | Sequence[tuple[Any, float]]) -> Any:
    pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
    return rng.choices([k for k, _ in pairs], weights=[w for _, w in pairs])[0]


def _pounds(pence: int) -> str:
    return f"{pence / 100:.2f}"


def _activity(
    place: _Place,
    rng: random.Random,
    today: datetime.date,
    counts: dict[str, int],
    *,
    kind: str,
    title: str,
    purpose: str,
    held_on: datetime.date,
    people: Sequence[ServiceUser],
    **links: Any,
) -> Activity:
    lead = place.lead
    rung = _weighted(rng, RUNG_WEIGHTS[kind])
    other = rng.randint(1, 6) if rng.random() < 0.3 else 0
    activity = activities.activity_log(
        acting_user=lead,
        organisation_id=place.organisation.pk,
        kind=kind,
        title=title,
        held_on=held_on,
        purpose=purpose,
        staff_rung=rung,
        staff_rung_reason=RUNG_REASONS[rung],
        other_participants=other,
        **links,
    )
    recognition = _weighted(rng, RECOGNITION_WEIGHTS)
    if kind == ActivityKind.COUNCIL_MEETING and recognition in (Recognition.PAID, Recognition.VOUCHER):
        recognition = Recognition.CERTIFICATE
    amounts = PAID_PENCE["custody" if place.custody else "community"]
    for person in people:
        given = recognition if rng.random() < 0.9 else Recognition.THANKS
        amount = rng.choice(amounts) if given == Recognition.PAID else None
        amount = rng.choice(VOUCHER_PENCE) if given == Recognition.VOUCHER else amount
        activities.activity_participant_add(
            acting_user=lead,
            activity_id=activity.pk,
            identifier=_identifier(person),
            recognition=given,
            amount_pounds=_pounds(amount) if amount else None,
        )
    if held_on <= today - 10 * DAY and rng.random() < 0.85:
        activities.activity_feedback_record(
            acting_user=lead,
            activity_id=activity.pk,
            fed_back=rng.choice(FED_BACK),
            fed_back_on=min(held_on + rng.randint(5, 28) * DAY, today),
        )
    # Anonymous slips from most activities: about a rung below the staff's own rating on average.
    if rng.random() < 0.85:
        slips = Counter(
            max(Rung.MANIPULATION, min(Rung.CITIZEN_CONTROL, rung - _weighted(rng, RATING_GAP)))
            for _ in range(rng.randint(1, max(1, len(people) + other)))
        )
        counts["participant_ratings"] += activities.activity_slips_enter(
            acting_user=lead, activity_id=activity.pk, counts=dict(slips)
        )
    recorded = _at(min(held_on + DAY, today), 16)
    Activity.objects.filter(pk=activity.pk).update(recorded_at=recorded)
    Participant.objects.filter(activity=activity).update(added_at=recorded)
    counts["activities"] += 1
    counts["activity_participants"] += len(people)
    return activity


def _roles(
    place: _Place, rng: random.Random, today: datetime.date, counts: dict[str, int]
) -> list[LivedExperienceRole]:
    templates = ROLES["custody" if place.custody else "community"]
    chosen = rng.sample(templates, rng.randint(3, min(5, len(templates))))
    roles: list[LivedExperienceRole] = []
    used: list[int] = []
    for n, (title, kind, pence, description) in enumerate(chosen):
        starts_on = today - rng.randint(60, 330) * DAY
        members = [p for p in place.members if p.pk not in used]
        if title == "Council representative" and members:
            person = rng.choice(members)
        else:
            found = place.present(starts_on, rng, 1, exclude=used)
            if not found:
                break
            person = found[0]
        used.append(person.pk)
        role = activities.role_add(
            acting_user=place.lead,
            organisation_id=place.organisation.pk,
            identifier=_identifier(person),
            title=title,
            kind=kind,
            starts_on=starts_on,
            pay_pounds=_pounds(pence) if pence else None,
            hours_per_week=rng.choice(("4", "6", "7.5", "10", "12.5")),
            description=description,
        )
        if n == 0:  # one has ended
            role = activities.role_end(
                acting_user=place.lead,
                role_id=role.pk,
                ends_on=min(starts_on + rng.randint(30, 120) * DAY, today - 7 * DAY),
                end_reason=rng.choice((RoleEndReason.COMPLETED, RoleEndReason.STEPPED_DOWN)),
            )
        LivedExperienceRole.objects.filter(pk=role.pk).update(created_at=_at(starts_on - 7 * DAY))
        roles.append(role)
    counts["lived_experience_roles"] += len(roles)
    return roles


def _research(place: _Place, rng: random.Random, today: datetime.date, counts: dict[str, int]) -> None:
    """A peer research project in fieldwork (approved by the governor and, with conditions, by the
    HMPPS National Research Committee; three peer researchers trained; consents under participant
    codes, one withdrawn), and a second project just proposed."""
    lead = place.lead
    project = research.project_create(
        acting_user=lead,
        organisation_id=place.organisation.pk,
        title=RESEARCH["title"],
        question=RESEARCH["question"],
        proposed_on=today - 200 * DAY,
    )
    PeerResearchProject.objects.filter(pk=project.pk).update(created_at=_at(today - 200 * DAY))

    def move(stage: str, ago: int, note: str) -> None:
        research.project_stage_move(
            acting_user=lead, project_id=project.pk, stage=stage, on=today - ago * DAY, note=note
        )

    move(ProjectStage.SEEKING_APPROVAL, 170, "Proposal sent to the governor and the National Research Committee")
    for (body, decision, reference, conditions), ago in zip(APPROVERS, (150, 130), strict=True):
        research.approval_record(
            acting_user=lead,
            project_id=project.pk,
            body=body,
            decision=decision,
            decided_on=today - ago * DAY,
            reference=reference,
            conditions=conditions,
        )
    move(ProjectStage.TRAINING, 120, "Three peer researchers recruited")
    joined = today - 125 * DAY
    team = place.present(joined, rng, 3, exclude=[p.pk for p in place.members])
    for person, kind in zip(team, (RoleKind.PAID, RoleKind.PAID, RoleKind.VOLUNTEER), strict=False):
        researcher = research.researcher_add(
            acting_user=lead, project_id=project.pk, identifier=_identifier(person), kind=kind, joined_on=joined
        )
        for course, ago in zip(TRAINING, (110, 95), strict=True):
            research.training_record(
                acting_user=lead,
                project_id=project.pk,
                researcher_id=researcher.pk,
                course=course,
                completed_on=today - ago * DAY,
            )
    move(ProjectStage.FIELDWORK, 60, "Interviews started")
    given = sorted(rng.sample(range(5, 56), rng.randint(8, 12)), reverse=True)
    withdrawn = rng.choice([n for n, ago in enumerate(given) if ago >= 10])
    for n, ago in enumerate(given):
        consent = research.consent_record(
            acting_user=lead,
            project_id=project.pk,
            participant_code=f"P-{n + 1:03d}",
            form_version="2.1",
            given_on=today - ago * DAY,
        )
        if n == withdrawn:
            research.consent_withdraw(
                acting_user=lead,
                project_id=project.pk,
                consent_id=consent.pk,
                withdrawn_on=min(consent.given_on + rng.randint(3, 9) * DAY, today),
            )
    counts["research_consents"] += len(given)
    _activity(
        place, rng, today, counts,
        kind=ActivityKind.PEER_RESEARCH,
        title="Peer research team: planning the interviews",
        purpose="The peer researchers agreed the interview questions and who to approach",
        held_on=today - 64 * DAY,
        people=team,
        project_id=project.pk,
    )  # fmt: skip
    proposed = research.project_create(
        acting_user=lead,
        organisation_id=place.organisation.pk,
        title=RESEARCH["proposed_title"],
        question=RESEARCH["proposed_question"],
        proposed_on=today - 15 * DAY,
    )
    PeerResearchProject.objects.filter(pk=proposed.pk).update(created_at=_at(today - 15 * DAY))
    counts["research_projects"] += 2


def _involvement(place: _Place, rng: random.Random, today: datetime.date, counts: dict[str, int]) -> None:
    assert place.council is not None
    for meeting in place.meetings:
        seated = place.council.memberships.filter(term_starts_on__lte=meeting.held_on).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=meeting.held_on)
        )
        people = [m.person for m in seated.select_related("person")]
        _activity(
            place, rng, today, counts,
            kind=ActivityKind.COUNCIL_MEETING,
            title=f"Council meeting, {meeting.held_on:%B %Y}",
            purpose="The council's monthly meeting with the senior team",
            held_on=meeting.held_on,
            people=rng.sample(people, max(min(2, len(people)), len(people) - rng.randint(0, 2))),
            council_meeting_id=meeting.pk,
        )  # fmt: skip
    roles = _roles(place, rng, today, counts)
    mentor = next((r for r in roles if r.title == "Peer mentor"), roles[0] if roles else None)
    if mentor is not None:
        held_on = min(mentor.starts_on + rng.randint(20, 50) * DAY, mentor.ends_on or today, today - DAY)
        _activity(
            place, rng, today, counts,
            kind=ActivityKind.LIVED_EXPERIENCE_ROLE,
            title=f"{mentor.title}: review with the team",
            purpose="To review how the role is going and what should change",
            held_on=held_on,
            people=[mentor.person],
            role_id=mentor.pk,
        )  # fmt: skip
    templates = PROBATION_TEMPLATES if not place.custody else ACTIVITY_TEMPLATES
    kinds = (
        (ActivityKind.CONSULTATION, 0.35),
        (ActivityKind.FOCUS_GROUP, 0.3),
        (ActivityKind.CO_DESIGN, 0.15),
        (ActivityKind.OTHER, 0.2),
    )
    for _ in range(rng.randint(8, 11)):
        kind = _weighted(rng, kinds)
        title, purpose = rng.choice(templates[kind])
        held_on = today - rng.randint(3, 360) * DAY
        _activity(
            place, rng, today, counts,
            kind=kind, title=title, purpose=purpose, held_on=held_on,
            people=place.present(held_on, rng, rng.randint(2, 10)),
        )  # fmt: skip


# --- the load ------------------------------------------------------------------------------------

COUNT_KEYS = (
    "councils",
    "council_members",
    "council_meetings",
    "council_elections",
    "ballots",
    "issues",
    "issues_with_a_named_person",
    "issue_actions",
    "activities",
    "activity_participants",
    "participant_ratings",
    "lived_experience_roles",
    "research_projects",
    "research_consents",
)


def participation_demo_load(*, rng: random.Random, today: datetime.date | None = None) -> dict[str, int]:
    """Make the demo councils, issues and involvement records; returns what was made, by kind
    (with `participation_users`: the involvement leads made where an organisation had none)."""
    today = today or timezone.localdate()
    users_before = User.objects.count()
    any_staff = User.objects.exclude(password="").order_by("pk").first()
    password = any_staff.password if any_staff else make_password(DEMO_PASSWORD)
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for place in _places(rng, password):
        _council(place, rng, today, counts)
        _issues(place, rng, today, counts)
        if place.demo:
            _research(place, rng, today, counts)
        _involvement(place, rng, today, counts)
    # Own-view ratings still sealed for want of a full batch are counted now, as the daily
    # `involvement_mix` would.
    ratings_mix(minimum=1)
    counts["participation_users"] = User.objects.count() - users_before
    return counts
