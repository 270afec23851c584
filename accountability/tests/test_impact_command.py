"""`throughgate impact`: who is eligible, treated and analysed, read from the record (accountability.impact_data),
and the command's JSON, usage messages and exit status."""

from __future__ import annotations

import datetime
import json
import os
import random
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accountability import impact_data
from accounts.constants import Role
from accounts.models import User
from common.periods import period_for_key
from mentoring.models import Allocation, Mentor
from organisations.constants import Pathway
from organisations.models import Organisation
from people.models import CustodyEpisode, ServiceUser
from referrals.models import Referral
from release.constants import CheckpointKind
from release.models import Checkpoint, ReleasePlan
from resettlement.models import Need, RiskAssessment, Screening
from tests.factories import ContractFactory, EstablishmentFactory, ProviderFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
RECEIVED = datetime.date(2024, 6, 1)
FIRST_RELEASE = datetime.date(2025, 5, 1)  # financial year 2025-26
KEYS = {
    "eligible",
    "treated",
    "matched",
    "analysed",
    "treated_rate",
    "comparison_rate",
    "difference",
    "ci_low",
    "ci_high",
    "p_value",
    "balance",
    "publishable",
    "wording",
}


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


class World:
    """People released in 2025-26 from two prisons in two regions. Treatment is assigned at random, independent
    of what the record holds, and the treated are housed on their first night more often (the planted effect)."""

    def __init__(self) -> None:
        self.regions = [RegionFactory(name="North"), RegionFactory(name="South")]
        self.prisons = [EstablishmentFactory(region=region) for region in self.regions]
        self.officer: User = UserFactory(role=Role.PRISON_STAFF, organisation=self.prisons[0])
        self.provider: Organisation = ProviderFactory()
        self.mentor = Mentor.objects.create(
            organisation=self.provider, name="Pat Mentor", kind="mentor", created_by=self.officer
        )
        self.contract = ContractFactory(provider=self.provider, region=self.regions[0])
        self.count = 0

    def releases(self, n: int, *, rng: random.Random) -> list[CustodyEpisode]:
        start = self.count
        self.count += n
        people = ServiceUser.objects.bulk_create(
            [
                ServiceUser(
                    given_name="Sam",
                    family_name=f"Impact{start + i}",
                    crn=f"Y{start + i:06d}",
                    date_of_birth=datetime.date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1),
                    sex=rng.choice(["male", "female"]),
                )
                for i in range(n)
            ]
        )
        return CustodyEpisode.objects.bulk_create(
            [
                CustodyEpisode(
                    person=person,
                    establishment=rng.choice(self.prisons),
                    received_on=RECEIVED,
                    released_on=FIRST_RELEASE + datetime.timedelta(days=rng.randrange(200)),
                )
                for person in people
            ]
        )

    def first_nights(self, episodes: list[CustodyEpisode], *, housed_rate: float, rng: random.Random) -> None:
        """A first-night checkpoint for each release: 1 in 10 never recorded (not known), the rest housed at the
        rate given, otherwise homeless."""
        rows = []
        for episode in episodes:
            assert episode.released_on is not None
            draw = rng.random()
            accommodation = "" if draw < 0.1 else ("settled" if rng.random() < housed_rate else "homeless")
            rows.append(
                Checkpoint(
                    custody_episode=episode,
                    person=episode.person,
                    kind=CheckpointKind.FIRST_NIGHT,
                    due_on=episode.released_on + datetime.timedelta(days=1),
                    accommodation=accommodation,
                    recorded_at=_at(episode.released_on) if accommodation else None,
                    recorded_by=self.officer if accommodation else None,
                )
            )
        Checkpoint.objects.bulk_create(rows)

    def mentor_before_release(self, episodes: list[CustodyEpisode]) -> None:
        Allocation.objects.bulk_create(
            [
                Allocation(
                    person=episode.person,
                    mentor=self.mentor,
                    kind=self.mentor.kind,
                    organisation=self.provider,
                    started_on=RECEIVED + datetime.timedelta(days=30),
                    goals="Somewhere to live",
                    created_by=self.officer,
                )
                for episode in episodes
            ]
        )

    def referral(self, person: ServiceUser, *, sent: datetime.date, pathway: str = Pathway.ACCOMMODATION) -> None:
        Referral.objects.create(
            person=person,
            contract=self.contract,
            provider=self.provider,
            pathway=pathway,
            details="Somewhere to live",
            sent_at=_at(sent),
            sent_by=self.officer,
            referring_organisation=self.prisons[0],
            accepted_at=_at(sent + datetime.timedelta(days=2)),
            accepted_by=self.officer,
        )


def planted(*, treated: int = 90, comparison: int = 270, seed: int = 4) -> World:
    rng = random.Random(seed)
    world = World()
    mentored = world.releases(treated, rng=rng)
    world.mentor_before_release(mentored)
    world.first_nights(mentored, housed_rate=0.85, rng=rng)
    world.first_nights(world.releases(comparison, rng=rng), housed_rate=0.5, rng=rng)
    return world


def impact(*args: str) -> dict:
    out = StringIO()
    call_command("impact", *args, stdout=out)
    return json.loads(out.getvalue())


# What the record gives the matcher ----------------------------------------------------------------------------


def test_eligibility_treatment_outcome_and_features_are_read_from_the_record():
    world = World()
    rng = random.Random(1)
    plain, mentored, late_mentor, recalled, referred, early_referral, last_year = world.releases(7, rng=rng)
    # A previous stay for the plain person; a release last year (not eligible for 2025).
    CustodyEpisode.objects.filter(pk=last_year.pk).update(released_on=datetime.date(2025, 3, 31))
    CustodyEpisode.objects.create(
        person=plain.person,
        establishment=world.prisons[0],
        received_on=datetime.date(2020, 1, 1),
        released_on=datetime.date(2020, 6, 1),
    )
    # A same-day recall: released and received again the same day. Not a release.
    CustodyEpisode.objects.create(
        person=recalled.person, establishment=world.prisons[0], received_on=recalled.released_on
    )
    world.mentor_before_release([mentored])
    # Allocated on the day of release: not before it.
    Allocation.objects.create(
        person=late_mentor.person,
        mentor=world.mentor,
        kind=world.mentor.kind,
        organisation=world.provider,
        started_on=late_mentor.released_on,
        goals="Work",
        created_by=world.officer,
    )
    world.referral(referred.person, sent=RECEIVED + datetime.timedelta(days=10))
    world.referral(early_referral.person, sent=RECEIVED - datetime.timedelta(days=10))
    world.first_nights([plain, mentored], housed_rate=1.0, rng=random.Random(5))  # draws ≥ 0.1: both recorded
    Checkpoint.objects.filter(custody_episode=mentored).update(accommodation="rough_sleeping")
    ReleasePlan.objects.create(custody_episode=plain, person=plain.person, release_type="hdc", updated_by=world.officer)
    ReleasePlan.objects.create(custody_episode=mentored, person=mentored.person, updated_by=world.officer)
    screening = Screening.objects.create(
        person=plain.person,
        custody_episode=plain,
        questionnaire_key="reception",
        questionnaire_version=1,
        started_by=world.officer,
        submitted_at=_at(RECEIVED),
        submitted_by=world.officer,
    )
    for pathway in (Pathway.ACCOMMODATION, Pathway.HEALTH):
        Need.objects.create(
            person=plain.person,
            pathway=pathway,
            description="A need",
            screening=screening,
            question_id=pathway,
            identified_by=world.officer,
        )
    RiskAssessment.objects.create(
        person=plain.person, rosh_level="medium", assessed_at=_at(RECEIVED), assessed_by=world.officer
    )
    RiskAssessment.objects.create(
        person=plain.person,
        rosh_level="high",
        mappa_category="2",
        mappa_level="1",
        assessed_at=_at(RECEIVED + datetime.timedelta(days=20)),
        assessed_by=world.officer,
    )
    # Assessed after release: not what was known at release.
    RiskAssessment.objects.create(
        person=mentored.person,
        rosh_level="very_high",
        assessed_at=_at(datetime.date(2026, 6, 1)),
        assessed_by=world.officer,
    )
    period = period_for_key("2025")
    assert period is not None
    today = timezone.localdate()

    mentoring = impact_data.intervention_for_key("mentoring")
    assert mentoring is not None
    subjects = impact_data.subjects_for(mentoring, "housed_on_release", period, today=today)
    episodes = sorted([plain, mentored, late_mentor, referred, early_referral], key=lambda e: (e.released_on, e.pk))
    assert len(subjects) == 5  # neither the same-day recall nor last year's release
    by_episode = dict(zip([e.pk for e in episodes], subjects, strict=True))
    assert [by_episode[e.pk].treated for e in (plain, mentored, late_mentor)] == [False, True, False]
    assert by_episode[plain.pk].outcome is True
    assert by_episode[mentored.pk].outcome is False
    assert by_episode[late_mentor.pk].outcome is None  # no checkpoint
    features = by_episode[plain.pk].features
    assert features["previous_custody"] == 1
    assert features["age"] == plain.person.age_on(plain.released_on)
    assert features["release_type"] == "hdc"
    assert by_episode[mentored.pk].features["release_type"] == "unknown"  # blank
    assert by_episode[late_mentor.pk].features["release_type"] == "unknown"  # no plan
    assert (features["risk_level"], features["mappa"]) == ("high", "1")
    assert (by_episode[mentored.pk].features["risk_level"], by_episode[mentored.pk].features["mappa"]) == (
        "not assessed",
        "none",
    )
    assert [features[f"need_{p}"] for p in Pathway.values] == [
        1.0 if p in (Pathway.ACCOMMODATION, Pathway.HEALTH) else 0.0 for p in Pathway.values
    ]
    assert features["region"] == by_episode[plain.pk].exact
    assert features["region"] in ("North", "South")
    assert {features["sex"], features["ethnic_group"], features["disability"]} >= {"not_stated"}

    referral = impact_data.intervention_for_key("referral:accommodation")
    assert referral is not None
    subjects = impact_data.subjects_for(referral, "housed_on_release", period, today=today)
    treated = {e.pk for e, s in zip(episodes, subjects, strict=True) if s.treated}
    assert treated == {referred.pk}  # the referral sent before reception does not count


def test_reads_cost_a_handful_of_queries_whatever_the_number_of_people(django_assert_max_num_queries):
    planted(treated=20, comparison=40)
    period = period_for_key("2025")
    assert period is not None
    mentoring = impact_data.intervention_for_key("mentoring")
    assert mentoring is not None
    with django_assert_max_num_queries(6):
        subjects = impact_data.subjects_for(mentoring, "housed_on_release", period, today=timezone.localdate())
    assert len(subjects) == 60


# The command ----------------------------------------------------------------------------------------------------


def test_a_planted_difference_is_found_and_everything_adds_up():
    planted()
    result = impact("--intervention", "mentoring", "--outcome", "housed_on_release", "--period", "2025")
    assert set(result) == KEYS
    assert result["eligible"] == 360
    assert result["treated"] == 90
    assert result["eligible"] >= result["treated"] >= result["matched"] >= result["analysed"] >= 60
    assert result["analysed"] < result["matched"]  # some first nights were never recorded
    assert result["treated_rate"] > result["comparison_rate"]
    assert result["difference"] == pytest.approx(result["treated_rate"] - result["comparison_rate"])
    assert 0 < result["ci_low"] < result["difference"] < result["ci_high"]
    assert 0 <= result["p_value"] < 0.01
    variables = {row["variable"] for row in result["balance"]}
    assert {"age", "previous_custody", "region=North", "region=South", "sex=female", "need_accommodation"} <= variables
    assert all(set(row) == {"variable", "smd_before", "smd_after"} for row in result["balance"])
    # Treatment was assigned at random, so matching balances every key variable and the result is published.
    assert result["publishable"] is True
    assert all(abs(row["smd_after"]) <= 10 for row in result["balance"])
    low, high = round(result["ci_low"] * 100), round(result["ci_high"] * 100)
    assert result["wording"].startswith(
        "For any 100 typical people in the treated group, the number who were housed on the night after release "
        f"was between {low} and {high} more than in a matched comparison group"
    )
    assert result["wording"].endswith("This is a statistically significant result.")


def test_options_neighbours_and_exact_region():
    planted()
    args = ["--intervention", "mentoring", "--outcome", "housed_on_release", "--period", "2025", "--format", "json"]
    three = impact(*args, "--neighbours", "3")
    exact = impact(*args, "--exact-region")
    for result in (three, exact):
        assert result["matched"] >= result["analysed"] >= 60
        assert result["publishable"] is True
        assert result["ci_low"] > 0


def test_fewer_than_60_treated_cannot_be_published():
    rng = random.Random(9)
    world = World()
    episodes = world.releases(120, rng=rng)
    world.first_nights(episodes, housed_rate=0.7, rng=rng)
    for episode in episodes[:30]:
        world.referral(episode.person, sent=RECEIVED + datetime.timedelta(days=40))
    result = impact("--intervention", "referral:accommodation", "--outcome", "housed_on_release", "--period", "2025")
    assert result["treated"] == 30
    assert result["publishable"] is False
    assert result["wording"].startswith("This result cannot be published: ")
    assert (
        f"only {result['analysed']} people in the treated group could be analysed; at least 60 are needed"
        in (result["wording"])
    )


def test_a_period_with_no_releases_says_no_data():
    result = impact("--intervention", "mentoring", "--outcome", "employed_at_6_weeks", "--period", "2024-q1")
    assert set(result) == KEYS
    assert result["eligible"] == 0
    assert result["treated_rate"] is None
    assert result["publishable"] is False
    assert result["wording"].startswith("No data: no one was released in")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--intervention", "tea", "--outcome", "housed_on_release", "--period", "2025"], "Unknown intervention"),
        (["--intervention", "referral:juggling", "--outcome", "housed_on_release", "--period", "2025"], "Unknown"),
        (["--intervention", "mentoring", "--outcome", "happiness", "--period", "2025"], "Unknown outcome"),
        (["--intervention", "mentoring", "--outcome", "housed_on_release", "--period", "2099"], "Unknown period"),
        (["--intervention", "mentoring", "--outcome", "housed_on_release", "--period", "last"], "Unknown period"),
        (
            ["--intervention", "mentoring", "--outcome", "housed_on_release", "--period", "2025", "--format", "csv"],
            "Unknown format",
        ),
        (
            ["--intervention", "mentoring", "--outcome", "housed_on_release", "--period", "2025", "--neighbours", "0"],
            "--neighbours",
        ),
    ],
)
def test_bad_input_is_a_usage_error_with_exit_status_2(args, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("impact", *args, stdout=StringIO())
    assert raised.value.returncode == 2


def test_bad_input_from_the_command_line_exits_2_without_a_traceback():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}
    args = ["--intervention", "referral:juggling", "--outcome", "housed_on_release", "--period", "2025"]
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own command
        [sys.executable, "manage.py", "impact", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "Unknown intervention 'referral:juggling': use one of mentoring, referral:accommodation" in done.stderr
