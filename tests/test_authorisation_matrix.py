"""Walks every URL the service has, for every role and for someone not signed in, and checks each
gets exactly the answer it should. A URL added without a row here fails
test_every_url_is_in_the_matrix, so nothing new is ever left unchecked."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    ContractFactory,
    CustodyEpisodeFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProviderFactory,
    RegionFactory,
    UserFactory,
)
from tests.matrix import AD, ANON, CO, EVERYONE, IL, PA, PR, P, World, expect


def _extensions() -> list[ModuleType]:
    """Apps add their own rows in <app>/tests/authorisation.py: a MATRIX like the one below and
    an arrange(world) that makes their records and returns the URL arguments."""
    found = []
    for config in apps.get_app_configs():
        try:
            found.append(importlib.import_module(f"{config.name}.tests.authorisation"))
        except ModuleNotFoundError as e:
            if e.name not in (f"{config.name}.tests", f"{config.name}.tests.authorisation"):
                raise
    return found


# (url name, method) -> expected status per role. 302 for anonymous means "sent to sign in".
MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("common:start", "get"): expect(302, anon=200),  # signed-in users go straight to their home page
    ("common:accessibility", "get"): expect(200, anon=200),
    ("common:privacy", "get"): expect(200, anon=200),
    ("common:healthcheck", "get"): expect(200, anon=200),
    ("accounts:sign-in", "get"): expect(302, anon=200),
    ("accounts:sign-out", "post"): expect(302, anon=302),
    ("accounts:signed-out", "get"): expect(200, anon=200),
    ("set_language", "post"): expect(302, anon=302),
    ("home", "get"): expect(200),
    # Partners record results on the actions their organisation owns.
    ("my-actions", "get"): expect(403, prison_staff=200, probation_practitioner=200, partner_caseworker=200),
    ("people:list", "get"): expect(200, involvement_lead=403, commissioner=403),
    ("people:new", "get"): expect(403, prison_staff=200, probation_practitioner=200, administrator=200),
    # The person is held in the prison of the prison-staff user and referred to the partner's
    # organisation (referrals/tests/authorisation.py); to anyone else who works with cases the record
    # does not exist (404), so its existence is not revealed.
    ("people:detail", "get"): expect(
        404, prison_staff=200, partner_caseworker=200, administrator=200, involvement_lead=403, commissioner=403
    ),
    ("organisations:list", "get"): expect(200),
    ("organisations:detail", "get"): expect(200),
    ("organisations:contracts", "get"): expect(200),
    # The contract is the partner's own, in the prison's region; probation works in another region.
    ("organisations:contract", "get"): expect(200, probation_practitioner=404),
    ("audit:list", "get"): expect(403, administrator=200),
    # Reception screening: only the prison holding the person screens them; the record's other
    # readers see the submitted screening if they may see the person.
    ("resettlement:timeline", "get"): expect(
        404, prison_staff=200, partner_caseworker=200, administrator=200, involvement_lead=403, commissioner=403
    ),
    ("resettlement:screening-start", "post"): expect(403, prison_staff=302),
    ("resettlement:screening-section", "get"): expect(403, prison_staff=200),
    # A partner sees the referred person, never their screening.
    ("resettlement:screening", "get"): expect(
        404, prison_staff=200, administrator=200, partner_caseworker=403, involvement_lead=403, commissioner=403
    ),
    # The plan is written by the prison and probation staff who work with the person.
    ("resettlement:action-new", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("resettlement:risk-assessment", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("resettlement:concern-new", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    # The action is the prison's: the partner sees the person but cannot record its result.
    ("resettlement:action-result", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("resettlement:need-without-action", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("resettlement:need-status", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("admin:index", "get"): expect(302, administrator=200),
}
for _module in _extensions():
    assert not set(_module.MATRIX) & set(MATRIX), f"{_module.__name__} repeats rows"
    MATRIX.update(_module.MATRIX)


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                names.add("admin:index")  # Django's admin: its index stands for all of it
                continue
            names |= _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix():
    assert _names(get_resolver()) == {name for name, _ in MATRIX}


@pytest.fixture
def world(db):
    region, other_region = RegionFactory(), RegionFactory()
    prison = EstablishmentFactory(region=region)
    provider = ProviderFactory()
    contract = ContractFactory(provider=provider, region=region)
    person = CustodyEpisodeFactory(establishment=prison).person
    users = {
        P: UserFactory(role=P, organisation=prison),
        PR: UserFactory(role=PR, organisation=DeliveryUnitFactory(region=other_region)),
        PA: UserFactory(role=PA, organisation=provider),
        IL: UserFactory(role=IL, organisation=prison),
        CO: UserFactory(role=CO),
        AD: UserFactory(role=AD, is_staff=True, is_superuser=True),
    }
    import datetime

    from django.utils import timezone

    from resettlement.models import Need
    from resettlement.plan_services import plan_action_add
    from resettlement.services import screening_start

    screening = screening_start(acting_user=users[P], person_id=person.pk)
    need = Need.objects.create(
        person=person, pathway="health", description="Register with a GP", identified_by=users[P]
    )
    action = plan_action_add(
        acting_user=users[P],
        person_id=person.pk,
        expected_revision=None,
        description="Book a GP registration",
        owner_id=prison.pk,
        assignee_id=users[P].pk,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        need_id=need.pk,
    )
    args = {
        "people:detail": [person.pk],
        "resettlement:screening-start": [person.pk],
        "resettlement:timeline": [person.pk],
        "resettlement:action-new": [person.pk],
        "resettlement:risk-assessment": [person.pk],
        "resettlement:concern-new": [person.pk],
        "resettlement:action-result": [person.pk, action.pk],
        "resettlement:need-without-action": [person.pk, need.pk],
        "resettlement:need-status": [person.pk, need.pk],
        "resettlement:screening": [person.pk, screening.pk],
        "resettlement:screening-section": [person.pk, screening.pk, "accommodation"],
        "organisations:detail": [prison.pk],
        "organisations:contract": [contract.pk],
    }
    world = World(
        region=region,
        other_region=other_region,
        prison=prison,
        provider=provider,
        contract=contract,
        person=person,
        users=users,
        need=need,
        action=action,
    )
    for module in _extensions():
        args.update(module.arrange(world))
    return users, args


@pytest.mark.parametrize("role", EVERYONE)
def test_each_role_gets_exactly_the_expected_answer_from_every_url(client, world, role):
    users, args = world
    if role != ANON:
        client.force_login(users[role])
    wrong = []
    for (name, method), answers in MATRIX.items():
        url = reverse(name, args=args.get(name))
        response = getattr(client, method)(url)
        if response.status_code != answers[role]:
            wrong.append(f"{method.upper()} {url} ({name}): got {response.status_code}, expected {answers[role]}")
        if role == ANON and answers[ANON] == 302 and name not in ("accounts:sign-out", "set_language", "admin:index"):
            assert response["Location"].startswith(reverse("accounts:sign-in")), name
        if method == "post" and role != ANON:
            client.force_login(users[role])  # signing out signed them out
    assert not wrong, "\n".join(wrong)
