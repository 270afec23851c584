"""The demo's councils, "you said, we did" issues and involvement records (bench.participation_demo)."""

from __future__ import annotations

import datetime
import random
from statistics import mean

import pytest
from django.db import transaction
from django.utils import timezone

from bench import dataset
from bench.participation_demo import participation_demo_load
from bench.voice_demo import voice_demo_load
from councils.constants import ElectionStatus, MemberRole
from councils.models import Ballot, Council, Election, Meeting, Membership, VoterMark
from councils.selectors import election_verify
from involvement.constants import ActivityKind, ProjectStage, Recognition
from involvement.models import (
    Activity,
    LivedExperienceRole,
    Participant,
    ParticipantRating,
    PeerResearcher,
    PeerResearchProject,
    ProjectApproval,
    ProjectStageChange,
    ResearchConsent,
    ResearchTraining,
)
from organisations.constants import OrganisationKind
from yousaid.constants import ActionStatus, IssueStatus, Source
from yousaid.models import Action, ActionProgress, Issue, Notification
from yousaid.selectors import action_status, issue_status

pytestmark = pytest.mark.django_db

MODELS = (
    Council,
    Membership,
    Meeting,
    Election,
    Issue,
    Action,
    ActionProgress,
    Notification,
    Activity,
    Participant,
    ParticipantRating,
    LivedExperienceRole,
    PeerResearchProject,
    ProjectStageChange,
    ProjectApproval,
    PeerResearcher,
    ResearchTraining,
    ResearchConsent,
)


def _load(seed: int = 7) -> dict[str, int]:
    """The small world without the slow resettlement records, its feedback, then this demo."""
    dataset.generate(size="small", seed=dataset.DEFAULT_SEED, today=timezone.localdate(), with_resettlement=False)
    voice_demo_load(size="small", rng=random.Random(seed))
    return participation_demo_load(rng=random.Random(seed))


def test_the_small_demo_world_has_councils_issues_and_involvement():
    counts = dataset.generate(size="small", seed=dataset.DEFAULT_SEED, today=timezone.localdate())
    assert counts["councils"] == Council.objects.count() == 5
    assert counts["ballots"] == Ballot.objects.count() > 0
    assert counts["issues"] == Issue.objects.count() > 0
    assert counts["activities"] == Activity.objects.count() > 0
    assert counts["participant_ratings"] == ParticipantRating.objects.count() > 0
    # The region's involvement lead is a listed demo sign-in, for the region's council and reports.
    listed = dict((user.username, user) for _, user in dataset.more_demo_users())
    lead = listed["regionlead"]
    assert lead.organisation.kind == OrganisationKind.PROBATION_REGION
    assert Council.objects.filter(organisation=lead.organisation).exists()


def _every_kind_of_record_is_made_and_counted(made: dict[str, int]) -> None:
    assert all(made[key] > 0 for key in made if key != "participation_users"), made
    assert made["council_meetings"] == Meeting.objects.count()
    assert made["issue_actions"] == Action.objects.count()
    assert made["lived_experience_roles"] == LivedExperienceRole.objects.count()
    assert made["research_projects"] == PeerResearchProject.objects.count() == 2


def _nothing_breaks_a_model_rule(made: dict[str, int]) -> None:
    # The database checked its constraints on every write; this checks the models' own validation too.
    for model in MODELS:
        for record in model.objects.all():
            record.full_clean()


def _councils_have_officers_meetings_a_published_election_and_a_by_election(made: dict[str, int]) -> None:
    kinds = set(Council.objects.values_list("organisation__kind", flat=True))
    assert kinds == {OrganisationKind.ESTABLISHMENT, OrganisationKind.PROBATION_REGION}
    for council in Council.objects.all():
        current = council.memberships.filter(left_on__isnull=True)
        assert 6 <= council.memberships.count() <= 9
        assert {MemberRole.CHAIR, MemberRole.SECRETARY} <= set(current.values_list("role", flat=True))
        leaver = council.memberships.get(left_on__isnull=False)
        assert 4 <= council.meetings.count() <= 6
        assert all(m.decisions.exists() and m.minutes for m in council.meetings.all())
        by_election = council.elections.get(by_election=True)
        assert by_election.vacancy == leaver and by_election.status() == ElectionStatus.NOMINATIONS
        assert by_election.candidates.exists()
        election = council.elections.get(by_election=False)
        assert election.status() == ElectionStatus.PUBLISHED
        assert election.closes_at < timezone.now() and election.candidates.count() >= 3
        assert election.totals.filter(elected=True).count() == election.seats
        assert not election.totals.filter(tied=True).exists()


def _every_published_count_verifies_from_the_stored_ballots(made: dict[str, int]) -> None:
    for election in Election.objects.filter(published_at__isnull=False):
        check = election_verify(election=election)
        assert check.matches and sum(check.published.values()) >= election.ballots.count() > 0
        assert VoterMark.objects.filter(election=election).count() == election.ballots.count()
        assert election.voters.count() >= election.ballots.count()


def _issues_run_from_open_to_closed_with_actions_in_every_state(made: dict[str, int]) -> None:
    today = timezone.localdate()
    for organisation_id in Issue.objects.values_list("organisation", flat=True).distinct():
        issues = Issue.objects.filter(organisation_id=organisation_id)
        assert 8 <= issues.count() <= 15
        statuses = {issue_status(i, today=today) for i in issues}
        assert {IssueStatus.OPEN, IssueStatus.OVERDUE, IssueStatus.RESPONDED_ON_TIME} <= statuses
        assert issues.filter(named_person__isnull=False).exists()
        assert Action.objects.filter(issue__in=issues, cancelled_at__isnull=False).count() == 1
    assert IssueStatus.RESPONDED_LATE in {issue_status(i, today=today) for i in Issue.objects.all()}
    assert Issue.objects.filter(source=Source.FEEDBACK).exists()
    assert Issue.objects.filter(source=Source.COUNCIL).exists()
    assert not Issue.objects.filter(raised_at__date__gte=today).exists()
    actions = {action_status(a, today=today) for a in Action.objects.all()}
    assert {ActionStatus.CONFIRMED, ActionStatus.DONE_CLAIMED, ActionStatus.CANCELLED} <= actions
    assert Action.objects.filter(owner_user__isnull=False).exists()
    assert Notification.objects.filter(issue__named_person__isnull=False).exists()


def _participants_rate_activities_lower_than_staff_do(made: dict[str, int]) -> None:
    gaps = []
    for activity in Activity.objects.prefetch_related("ratings"):
        rungs = [r.rung for r in activity.ratings.all()]
        if rungs:
            gaps.append(mean(rungs) - activity.staff_rung)
    assert len(gaps) > Activity.objects.count() / 2
    assert -2 <= mean(gaps) < 0


def _activities_span_the_year_and_link_to_meetings_roles_and_research(made: dict[str, int]) -> None:
    today = timezone.localdate()
    per_organisation = Activity.objects.values_list("organisation", flat=True)
    assert all(10 <= list(per_organisation).count(o) <= 20 for o in set(per_organisation))
    assert not Activity.objects.filter(held_on__gt=today).exists()
    assert not Activity.objects.filter(held_on__lt=today - datetime.timedelta(days=366)).exists()
    meetings = Activity.objects.filter(kind=ActivityKind.COUNCIL_MEETING)
    assert meetings.count() == Meeting.objects.count()
    assert not meetings.filter(council_meeting__isnull=True).exists()
    assert Activity.objects.filter(role__isnull=False).exists()
    assert Activity.objects.filter(project__isnull=False).exists()
    assert Activity.objects.exclude(fed_back="").count() > Activity.objects.count() / 2
    assert Participant.objects.filter(recognition=Recognition.PAID, amount_pence__gt=0).exists()
    assert Participant.objects.filter(recognition=Recognition.VOUCHER).exists()
    assert Participant.objects.filter(recognition=Recognition.CERTIFICATE).exists()
    assert LivedExperienceRole.objects.filter(ends_on__isnull=False).count() >= 1


def _the_demo_prison_has_a_project_in_fieldwork_and_one_proposed(made: dict[str, int]) -> None:
    fieldwork, proposed = (
        PeerResearchProject.objects.get(pk=pk)
        for pk in PeerResearchProject.objects.order_by("created_at").values_list("pk", flat=True)
    )
    assert fieldwork.stage_changes.last().stage == ProjectStage.FIELDWORK
    assert proposed.stage_changes.get().stage == ProjectStage.PROPOSED
    assert {a.body for a in fieldwork.approvals.all()} == {"Governor", "HMPPS National Research Committee"}
    assert fieldwork.researchers.count() == 3
    assert all(r.training.exists() for r in fieldwork.researchers.all())
    consents = fieldwork.consents.all()
    assert 8 <= consents.count() <= 12 and consents.first().participant_code == "P-001"
    assert consents.filter(withdrawn_on__isnull=False).count() == 1


def test_the_demo_records_are_valid_and_plausible():
    # One load checked in several ways: each load takes seconds.
    made = _load()
    _every_kind_of_record_is_made_and_counted(made)
    _nothing_breaks_a_model_rule(made)
    _councils_have_officers_meetings_a_published_election_and_a_by_election(made)
    _every_published_count_verifies_from_the_stored_ballots(made)
    _issues_run_from_open_to_closed_with_actions_in_every_state(made)
    _participants_rate_activities_lower_than_staff_do(made)
    _activities_span_the_year_and_link_to_meetings_roles_and_research(made)
    _the_demo_prison_has_a_project_in_fieldwork_and_one_proposed(made)


def test_the_same_seed_makes_the_same_demo():
    runs = []
    for _ in range(2):
        with transaction.atomic():
            counts = _load(seed=11)
            said = list(Issue.objects.order_by("pk").values_list("said", "source"))
            runs.append((counts, said))
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
