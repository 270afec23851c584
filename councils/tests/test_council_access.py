"""A council's staff pages name its people: members with their prison numbers, past members and why
they left, minutes, candidates and the voter list. Staff from an organisation with no link to the
council's prison (a partner, an employer, a commissioner, another prison's staff) must learn none of
it: they get 404 from every council staff page, as they do from those people's records (decision 2,
decision 26). The public board (first name and initial) stays open to everyone."""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone

from accounts.constants import Role
from councils import services
from councils.tests.helpers import council_setup, election_voting
from councils.urls import urlpatterns
from organisations.constants import ProviderType
from tests.factories import (
    CommissionerFactory,
    EstablishmentFactory,
    ProviderFactory,
    ServiceUserFactory,
    UserFactory,
)

PUBLIC = {"board", "board-election"}


@pytest.fixture
def council(db):
    setup = council_setup(people=4)
    lead = setup.lead
    setup.people[0].given_name, setup.people[0].family_name = "Ozymandias", "Quillfeather"
    setup.people[0].save()
    member = services.member_add(
        acting_user=lead,
        council_id=setup.council.pk,
        identifier=setup.people[0].prison_number,
        role="chair",
        term_starts_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    past = services.member_add(
        acting_user=lead,
        council_id=setup.council.pk,
        identifier=setup.people[1].prison_number,
        role="member",
        term_starts_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    services.member_leave(
        acting_user=lead,
        membership_id=past.pk,
        left_on=timezone.localdate(),
        reason="other",
        note="Moved to the segregation unit",
    )
    services.meeting_record(
        acting_user=lead,
        council_id=setup.council.pk,
        held_on=timezone.localdate(),
        agenda="Food",
        minutes="Minutes that only the prison may read",
    )
    election = election_voting(setup, seats=1, candidates=2)
    args = {
        "detail": [setup.council.pk],
        "member-add": [setup.council.pk],
        "member-leave": [setup.council.pk, member.pk],
        "meeting-add": [setup.council.pk],
        "election-new": [setup.council.pk],
        "election": [election.pk],
        "election-open": [election.pk],
        "election-close": [election.pk],
        "election-publish": [election.pk],
        "candidate-add": [election.pk],
        "candidate-withdraw": [election.pk, election.candidates.first().pk],
        "voters": [election.pk],
        "polling": [election.pk],
        "ballot": [election.pk],
        "paper": [election.pk],
    }
    secrets = [
        "Quillfeather",
        "Moved to the segregation unit",
        "Minutes that only the prison may read",
        *(p.prison_number for p in setup.people),
        *(f"{p.given_name} {p.family_name}" for p in setup.people),
    ]
    return setup, args, secrets


def _staff_urls(args):
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name in PUBLIC or pattern.name in ("list", "new"):
            continue
        yield pattern.name, reverse(f"councils:{pattern.name}", args=args[pattern.name])


def _outsiders(setup):
    """Members of staff whose organisations have no link to the council's prison."""
    return {
        "partner": UserFactory(role=Role.PARTNER_CASEWORKER, organisation=ProviderFactory()),
        "employer": UserFactory(
            role=Role.PARTNER_CASEWORKER, organisation=ProviderFactory(provider_type=ProviderType.EMPLOYER)
        ),
        "commissioner": UserFactory(role=Role.COMMISSIONER, organisation=CommissionerFactory()),
        "other prison": UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory()),
        "other lead": UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory()),
    }


@pytest.mark.parametrize("outsider", ["partner", "employer", "commissioner", "other prison", "other lead"])
def test_staff_with_no_link_to_the_prison_learn_no_name_or_number_from_any_council_page(client, council, outsider):
    setup, args, secrets = council
    client.force_login(_outsiders(setup)[outsider])
    leaked = []
    for name, url in _staff_urls(args):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            # 405: a form that only takes POST refuses a GET before it looks anything up.
            if response.status_code not in (404, 405) or (response.status_code == 405 and method == "post"):
                leaked.append(f"{method.upper()} {name}: {response.status_code}")
            body = response.content.decode()
            leaked += [f"{method.upper()} {name} shows {s!r}" for s in secrets if s in body]
    # The list of councils names councils, never people, and sends outsiders to the public board.
    listing = client.get(reverse("councils:list"))
    assert listing.status_code == 200
    body = listing.content.decode()
    leaked += [f"list shows {s!r}" for s in secrets if s in body]
    assert not leaked, "\n".join(leaked)
    assert reverse("councils:detail", args=[setup.council.pk]) not in body
    assert reverse("councils:board", args=[setup.council.pk]) in body
    # Nothing they sent changed anything.
    assert setup.council.memberships.count() == 2 and setup.council.meetings.count() == 1


def test_the_same_outsiders_get_404_on_those_peoples_records_too(client, council):
    """The council's pages now answer as the records of its people do."""
    setup, _args, _secrets = council
    client.force_login(_outsiders(setup)["partner"])
    assert client.get(reverse("people:detail", args=[setup.people[0].pk])).status_code == 404


def test_the_public_board_names_members_by_first_name_and_initial_only(client, council):
    setup, _args, _secrets = council
    client.force_login(_outsiders(setup)["employer"])
    body = client.get(reverse("councils:board", args=[setup.council.pk])).content.decode()
    assert "Ozymandias Q." in body
    assert "Quillfeather" not in body and setup.people[0].prison_number not in body


@pytest.mark.parametrize("role", [Role.PRISON_STAFF, Role.INVOLVEMENT_LEAD])
def test_staff_of_the_prison_see_its_council_with_names(client, council, role):
    setup, args, _secrets = council
    client.force_login(UserFactory(role=role, organisation=setup.prison))
    body = client.get(reverse("councils:detail", args=args["detail"])).content.decode()
    assert "Quillfeather" in body and "Moved to the segregation unit" in body
    listing = client.get(reverse("councils:list")).content.decode()
    assert reverse("councils:detail", args=[setup.council.pk]) in listing


def test_probation_staff_of_a_probation_council_see_it_and_prison_staff_do_not(client, db):
    from tests.factories import DeliveryUnitFactory, ProbationCaseFactory

    unit = DeliveryUnitFactory()
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=unit)
    council = services.council_create(acting_user=lead, organisation_id=unit.pk, name="Service users' council")
    person = ProbationCaseFactory(delivery_unit=unit, person=ServiceUserFactory(prison_number=None)).person
    services.member_add(
        acting_user=lead,
        council_id=council.pk,
        identifier=person.crn,
        role="member",
        term_starts_on=timezone.localdate(),
    )
    url = reverse("councils:detail", args=[council.pk])
    client.force_login(UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit))
    assert person.crn in client.get(url).content.decode()
    client.force_login(UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory()))
    assert client.get(url).status_code == 404
