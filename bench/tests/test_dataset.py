"""The synthetic demo world (bench.dataset) and the `demo` and `demo_sign_ins` commands."""

from __future__ import annotations

import datetime
import io
import random
import re

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from accounts.constants import ROLE_ORGANISATION_KINDS, Role
from accounts.models import User
from bench import dataset
from organisations.constants import ObligationKind, OrganisationKind, ProviderType
from organisations.models import Contract, ContractObligation, Organisation
from people.models import CustodyEpisode, ProbationCase, ServiceUser
from tests.factories import EstablishmentFactory

pytestmark = pytest.mark.django_db

SYNTHETIC_PRISON_NUMBER = re.compile(r"^Z\d{4}[A-Z]{2}$")
SYNTHETIC_CRN = re.compile(r"^Z\d{6}$")
FIXED_TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def small_world():
    # Today's date, because who prison staff may see depends on the real date (people.access).
    # Without the resettlement records: they go through the services and take seconds;
    # test_the_small_world_has_screenings_needs_and_plans covers them.
    return dataset.generate(
        size="small", seed=dataset.DEFAULT_SEED, today=timezone.localdate(), with_resettlement=False
    )


def demo(role: str) -> User:
    return User.objects.get(username=dataset.DEMO_USERNAMES[role])


def age_on(day: datetime.date, born: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def test_the_small_world_has_one_demo_sign_in_per_role_with_the_demo_password(small_world):
    for role in Role:
        user = demo(role)
        assert user.role == role
        assert user.is_active
        assert check_password(dataset.DEMO_PASSWORD, user.password)
        assert user.check_password(dataset.DEMO_PASSWORD)
        assert (user.is_staff, user.is_superuser) == ((True, True) if role == Role.ADMINISTRATOR else (False, False))
    assert small_world["users"] == len(Role)


def test_every_user_belongs_to_an_organisation_of_a_kind_their_role_allows(small_world):
    for user in User.objects.select_related("organisation"):
        assert user.organisation.kind in ROLE_ORGANISATION_KINDS[user.role], user.username
        user.full_clean(exclude=["password"])


def test_identifiers_are_well_formed_synthetic_and_start_with_z(small_world):
    people = list(ServiceUser.objects.values_list("prison_number", "crn", "pnc_number"))
    assert len(people) == small_world["people"] > 250
    for prison_number, crn, pnc in people:
        assert prison_number or crn
        assert prison_number is None or SYNTHETIC_PRISON_NUMBER.match(prison_number)
        assert crn is None or SYNTHETIC_CRN.match(crn)
        assert pnc == ""  # a made-up PNC number could still be somebody's
    for prison in Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT):
        assert re.match(r"^[A-Z]{3}$", prison.code)


def test_family_names_are_invented_and_ages_are_adult(small_world):
    today = timezone.localdate()
    ages = [age_on(today, born) for born in ServiceUser.objects.values_list("date_of_birth", flat=True)]
    assert min(ages) >= 18 and max(ages) <= 70
    assert sum(18 <= a <= 25 for a in ages) / len(ages) > 0.15
    starts = tuple(dataset.FAMILY_STARTS)
    assert all(name.startswith(starts) for name in ServiceUser.objects.values_list("family_name", flat=True))


def test_no_one_has_two_open_custody_episodes_or_two_open_probation_cases(small_world):
    assert not ServiceUser.objects.annotate(
        n=Count("custody_episodes", filter=Q(custody_episodes__released_on__isnull=True))
    ).filter(n__gt=1)
    assert not ServiceUser.objects.annotate(
        n=Count("probation_cases", filter=Q(probation_cases__ended_on__isnull=True))
    ).filter(n__gt=1)
    assert not CustodyEpisode.objects.filter(released_on__lt=F("received_on"))
    assert not ProbationCase.objects.filter(ended_on__lt=F("started_on"))


def test_a_persons_custody_episodes_do_not_overlap(small_world):
    for person in ServiceUser.objects.prefetch_related("custody_episodes"):
        episodes = sorted(person.custody_episodes.all(), key=lambda e: e.received_on)
        for before, after in zip(episodes, episodes[1:], strict=False):
            assert before.released_on is not None and before.released_on < after.received_on


def test_the_small_world_meets_its_targets(small_world):
    spec = dataset.SIZES["small"]
    today = timezone.localdate()
    assert CustodyEpisode.objects.open().count() == small_world["in_custody"] == spec.in_custody
    released = CustodyEpisode.objects.filter(released_on__isnull=False)
    assert released.count() == small_world["releases"] == spec.releases
    assert not released.filter(released_on__lte=today - datetime.timedelta(days=dataset.WINDOW_DAYS))
    assert not released.filter(released_on__gt=today)
    assert ProbationCase.objects.open().count() == small_world["open_probation_cases"] == spec.open_probation_cases
    assert ProbationCase.objects.filter(started_on__gt=today).count() == 0


def test_a_release_starts_probation_that_day_in_the_region_of_the_prison(small_world):
    for episode in CustodyEpisode.objects.filter(released_on__isnull=False).select_related("establishment"):
        assert ProbationCase.objects.filter(
            person_id=episode.person_id,
            started_on=episode.released_on,
            delivery_unit__region_id=episode.establishment.region_id,
        ).exists()


def test_the_demo_prison_and_probation_sign_ins_see_people(small_world):
    assert ServiceUser.objects.visible_to(demo(Role.PRISON_STAFF)).count() >= 15
    assert ServiceUser.objects.visible_to(demo(Role.PROBATION_PRACTITIONER)).count() >= 15
    assert ServiceUser.objects.visible_to(demo(Role.ADMINISTRATOR)).count() == small_world["people"]
    caseload = demo(Role.PROBATION_PRACTITIONER).caseload.open().count()
    assert 20 <= caseload <= 45
    # Only practitioners hold cases, and only in their own delivery unit.
    assert not ProbationCase.objects.exclude(practitioner=None).exclude(practitioner__role=Role.PROBATION_PRACTITIONER)
    assert not ProbationCase.objects.exclude(practitioner=None).exclude(delivery_unit=F("practitioner__organisation"))


def test_contracts_have_pathways_obligations_and_the_plan_only_failure_mode(small_world):
    contracts = Contract.objects.annotate(
        pathway_count=Count("pathways", distinct=True),
        feedback=Count("obligations", filter=Q(obligations__kind=ObligationKind.FEEDBACK_DUTY), distinct=True),
        obligation_count=Count("obligations", distinct=True),
    )
    assert contracts.count() == dataset.SIZES["small"].contracts
    assert all(1 <= c.pathway_count <= 3 for c in contracts)
    assert all(c.obligation_count >= 1 for c in contracts)
    assert contracts.filter(feedback__gt=0).count() > contracts.count() / 2
    plan_only = [c for c in contracts if c.obligation_count == 1 and c.feedback == 0]
    plan_only = [
        c
        for c in plan_only
        if c.obligations.get().kind == ObligationKind.OUTPUT
        and c.obligations.get().description == "Produce a resettlement plan for every prisoner"
    ]
    assert len(plan_only) == small_world["plan_only_contracts"] >= 2
    assert ContractObligation.objects.filter(kind=ObligationKind.OUTCOME).exists()
    assert ContractObligation.objects.filter(kind=ObligationKind.REPORTING).exists()
    references = Contract.objects.values_list("reference", flat=True)
    assert all(re.match(r"^(CRS|DFC|PSC|GRT)-[A-Z]{2}-\d{4}$", r) for r in references)
    # Every contract's prisons are in its region.
    for contract in Contract.objects.prefetch_related("establishments"):
        assert all(p.region_id == contract.region_id for p in contract.establishments.all())


def test_the_demo_partner_and_commissioner_have_contracts(small_world):
    partner, commissioner, prison = demo(Role.PARTNER_CASEWORKER), demo(Role.COMMISSIONER), demo(Role.PRISON_STAFF)
    theirs = Contract.objects.filter(provider=partner.organisation)
    assert theirs.filter(establishments=prison.organisation).exists()
    assert theirs.filter(obligations__kind=ObligationKind.FEEDBACK_DUTY).exists()
    commissioned = Contract.objects.filter(commissioner=commissioner.organisation)
    assert commissioned.filter(obligations__description__startswith="Produce a resettlement plan").exists()
    provider_types = set(
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER).values_list("provider_type", flat=True)
    )
    assert provider_types == set(ProviderType)
    assert Organisation.objects.filter(kind=OrganisationKind.NATIONAL).count() == 1
    assert set(Organisation.objects.filter(kind=OrganisationKind.PROBATION_REGION).values_list("name", flat=True)) == {
        name for name, _ in dataset.REGIONS
    }


class _Rollback(Exception):
    pass


def _world(seed: int) -> tuple[list, list, list]:
    """Generate a small world, read it, and roll it back."""
    try:
        with transaction.atomic():
            dataset.generate(size="small", seed=seed, today=FIXED_TODAY, with_resettlement=False)
            world = (
                list(
                    ServiceUser.objects.order_by("prison_number", "crn").values_list(
                        "prison_number", "crn", "given_name", "family_name", "date_of_birth"
                    )
                ),
                list(Organisation.objects.order_by("kind", "name").values_list("kind", "name", "code", "region__name")),
                list(
                    CustodyEpisode.objects.order_by("person__prison_number", "received_on").values_list(
                        "person__prison_number", "establishment__code", "received_on", "released_on"
                    )
                ),
            )
            raise _Rollback
    except _Rollback:
        return world


def test_the_same_seed_gives_the_same_world_and_another_seed_another():
    first = _world(dataset.DEFAULT_SEED)
    assert not ServiceUser.objects.exists()
    again = _world(dataset.DEFAULT_SEED)
    assert first == again
    other = _world(7)
    assert [p[0] for p in other[0]] != [p[0] for p in first[0]]


def test_identifiers_never_repeat():
    numbers = dataset._Identifiers(random.Random(1), 1000, 3)
    assert sorted(numbers.take() for _ in range(1000)) == list(range(1000))
    with pytest.raises(OverflowError):
        numbers.take()
    prison_numbers = dataset._PrisonNumbers(random.Random(2))
    taken = [prison_numbers() for _ in range(20_000)]
    assert len(set(taken)) == len(taken) and all(SYNTHETIC_PRISON_NUMBER.match(n) for n in taken)


@pytest.mark.slow
def test_the_national_path_in_miniature_writes_in_chunks_and_meets_its_targets():
    out = io.StringIO()
    counts = dataset.generate(size="national", scale=0.002, chunk_size=150, today=FIXED_TODAY, stdout=out)
    spec = dataset.SIZES["national"]
    assert counts["in_custody"] == CustodyEpisode.objects.open().count() == round(spec.in_custody * 0.002)
    assert counts["releases"] == CustodyEpisode.objects.filter(released_on__isnull=False).count() == 700
    assert counts["open_probation_cases"] == ProbationCase.objects.open().count() == 500
    assert counts["people"] == ServiceUser.objects.count()
    assert out.getvalue().count("written (") >= 5  # progress, chunk by chunk
    assert Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT).count() == spec.prisons
    assert (
        Organisation.objects.filter(kind=OrganisationKind.DELIVERY_UNIT).count() == 12 * spec.delivery_units_per_region
    )
    # More staff in every organisation, every one of a kind their role allows.
    assert counts["users"] == User.objects.count() > 4000
    for role, kind in User.objects.values_list("role", "organisation__kind").distinct():
        assert kind in ROLE_ORGANISATION_KINDS[role]
    for unit in Organisation.objects.filter(kind=OrganisationKind.DELIVERY_UNIT):
        assert unit.staff.filter(role=Role.PROBATION_PRACTITIONER).count() >= spec.practitioners_per_delivery_unit
    assert not ProbationCase.objects.exclude(practitioner=None).exclude(delivery_unit=F("practitioner__organisation"))
    assert not ServiceUser.objects.annotate(
        n=Count("custody_episodes", filter=Q(custody_episodes__released_on__isnull=True))
    ).filter(n__gt=1)
    assert demo(Role.ADMINISTRATOR).is_superuser


def test_generate_refuses_a_database_that_has_organisations():
    EstablishmentFactory()
    before = _row_counts()
    with pytest.raises(dataset.DatabaseNotEmpty):
        dataset.generate(size="small")
    assert _row_counts() == before


def _row_counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Organisation, User, ServiceUser, CustodyEpisode, ProbationCase, Contract))


def test_the_demo_command_loads_and_with_if_empty_does_nothing_the_second_time():
    out = io.StringIO()
    call_command("demo", size="small", stdout=out)
    assert "Loaded the small demo world" in out.getvalue()
    before = _row_counts()
    out = io.StringIO()
    call_command("demo", "--if-empty", size="small", stdout=out)
    assert "Demo data already loaded" in out.getvalue()
    assert _row_counts() == before


def test_the_demo_command_without_if_empty_refuses_a_loaded_database_and_changes_nothing():
    call_command("demo", size="small", stdout=io.StringIO())
    before = _row_counts()
    with pytest.raises(CommandError, match="already has organisations or people"):
        call_command("demo", size="small", seed=99, stdout=io.StringIO())
    assert _row_counts() == before


def test_the_demo_command_refuses_when_a_demo_username_is_taken():
    User.objects.create_superuser("admin", password="not the demo one")
    with pytest.raises(CommandError, match="admin"):
        call_command("demo", size="small", stdout=io.StringIO())
    assert _row_counts() == (0, 1, 0, 0, 0, 0)


def test_the_demo_command_is_refused_in_production(monkeypatch):
    from config import env

    monkeypatch.setattr(env, "PRODUCTION", True)
    with pytest.raises(CommandError, match="production"):
        call_command("demo", size="small", stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_demo_sign_ins_lists_one_line_per_role(small_world):
    out = io.StringIO()
    call_command("demo_sign_ins", stdout=out)
    text = out.getvalue()
    assert text.startswith(f"Demo sign-ins (password: {dataset.DEMO_PASSWORD})")
    for role, username in dataset.DEMO_USERNAMES.items():
        user = demo(role)
        line = next(line for line in text.splitlines() if line.startswith(str(Role(role).label)))
        assert username in line and user.organisation.name in line
    assert "password changed" not in text


def test_demo_sign_ins_says_when_a_password_was_changed(small_world):
    user = demo(Role.PRISON_STAFF)
    user.set_password("a different secret phrase")
    user.save()
    out = io.StringIO()
    call_command("demo_sign_ins", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if line.startswith(str(Role.PRISON_STAFF.label)))
    assert "(password changed)" in line


def test_demo_sign_ins_says_so_when_there_are_none():
    out = io.StringIO()
    call_command("demo_sign_ins", stdout=out)
    assert "no demo sign-ins" in out.getvalue()


@pytest.mark.django_db
def test_the_small_world_has_screenings_needs_and_plans():
    from resettlement.models import Need, PlanAction, Screening
    from resettlement.selectors import uncovered_needs

    counts = dataset.generate(size="small", today=FIXED_TODAY)
    submitted = Screening.objects.filter(submitted_at__isnull=False)
    assert counts["screenings"] == submitted.count() > 0
    assert Screening.objects.filter(submitted_at__isnull=True).exists()  # some still in progress
    assert counts["needs"] == Need.objects.count() > 0 and counts["actions"] == PlanAction.objects.count() > 0
    people = {need.person for need in Need.objects.select_related("person")}
    assert any(uncovered_needs(person=p) for p in people) and any(not uncovered_needs(person=p) for p in people)
