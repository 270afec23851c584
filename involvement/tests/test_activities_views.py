"""Pages for involvement activities and lived-experience roles."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from involvement.constants import RatingChannel
from involvement.models import Activity, GuidancePage, LivedExperienceRole, Participant, ParticipantRating
from involvement.tests import authorisation_activities as authorisation
from involvement.tests import helpers_activities as helpers
from involvement.tests.helpers_activities import add_person, days, log_activity, rate, snapshot
from tests.factories import ContractFactory, CustodyEpisodeFactory, ProviderFactory, RegionFactory, UserFactory
from tests.matrix import AD, ANON, CO, EVERYONE, IL, PA, PR, P, World

prison, lead, other_lead, admin, person = (
    helpers.prison,
    helpers.lead,
    helpers.other_lead,
    helpers.admin,
    helpers.person,
)


def submission(page) -> str:
    return re.search(r'name="submission_id" value="([^"]+)"', page.content.decode()).group(1)


def date_fields(name: str, value) -> dict[str, str]:
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


@pytest.mark.parametrize("role", EVERYONE)
def test_this_areas_rows_of_the_authorisation_matrix(client, prison, role):
    """The same check as tests/test_authorisation_matrix.py, for this area's rows alone."""
    provider = ProviderFactory()
    users = {
        P: UserFactory(role=P, organisation=prison),
        PR: UserFactory(role=PR),
        PA: UserFactory(role=PA, organisation=provider),
        IL: UserFactory(role=IL, organisation=prison),
        CO: UserFactory(role=CO),
        AD: UserFactory(role=AD, is_staff=True, is_superuser=True),
    }
    world = World(
        region=prison.region,
        other_region=RegionFactory(),
        prison=prison,
        provider=provider,
        contract=ContractFactory(provider=provider, region=prison.region),
        person=CustodyEpisodeFactory(establishment=prison).person,
        users=users,
        need=None,
        action=None,
    )
    args = authorisation.arrange(world)
    if role != ANON:
        client.force_login(users[role])
    for (name, method), answers in authorisation.MATRIX.items():
        response = getattr(client, method)(reverse(name, args=args.get(name)))
        assert response.status_code == answers[role], (name, role)


def test_another_organisations_records_are_not_found(client, lead, other_lead, person):
    activity = log_activity(lead)
    add_person(lead, activity, person)
    participant = Participant.objects.get()
    role = helpers.services.role_add(
        acting_user=lead,
        organisation_id=None,
        identifier=person.prison_number,
        title="Mentor",
        kind="volunteer",
        starts_on=days(-3),
    )
    client.force_login(other_lead)
    for name in ("activity", "activity-participant-add", "activity-feedback", "activity-rating", "activity-slips"):
        assert client.get(reverse(f"involvement:{name}", args=[activity.pk])).status_code == 404, name
    remove = reverse("involvement:activity-participant-remove", args=[activity.pk, participant.pk])
    assert client.post(remove).status_code == 404
    assert client.get(reverse("involvement:role-end", args=[role.pk])).status_code == 404
    assert activity.title not in client.get(reverse("involvement:activities")).content.decode()
    assert "Mentor" not in client.get(reverse("involvement:roles")).content.decode()
    assert Participant.objects.count() == 1


def test_log_an_activity_through_the_form(client, lead):
    client.force_login(lead)
    url = reverse("involvement:activity-new")
    page = client.get(url)
    body = page.content.decode()
    assert "We were asked what we think, but not told what happened to it" in body  # the plain words
    assert "Tokenism" in body  # grouped by band
    sid = submission(page)
    data = {
        "submission_id": sid,
        "kind": "consultation",
        "title": "Canteen consultation",
        "purpose": "What to sell",
        "staff_rung": "9",
        "staff_rung_reason": "Asked",
        "other_participants": "0",
        **date_fields("held_on", days(-2)),
    }
    before = snapshot()
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Choose a rung on the ladder" in refused.content.decode()
    assert snapshot() == before
    response = client.post(url, {**data, "staff_rung": "4"})
    activity = Activity.objects.get()
    assert response["Location"] == reverse("involvement:activity", args=[activity.pk])
    assert activity.staff_rung == 4 and activity.organisation == lead.organisation


def test_a_future_date_is_refused(client, lead):
    client.force_login(lead)
    url = reverse("involvement:activity-new")
    data = {
        "submission_id": submission(client.get(url)),
        "kind": "consultation",
        "title": "Canteen",
        "purpose": "What to sell",
        "staff_rung": "4",
        "staff_rung_reason": "Asked",
        **date_fields("held_on", days(3)),
    }
    assert "must be today or in the past" in client.post(url, data).content.decode()
    assert not Activity.objects.exists()


def test_the_activity_page_shows_the_gap_and_never_a_single_rating(client, lead, person):
    activity = log_activity(lead, staff_rung=6)
    add_person(lead, activity, person)
    rate(activity, 4, 4, 3)
    GuidancePage.objects.create(
        slug="running-focus-groups",
        title="Running a focus group well",
        summary="s",
        body="b",
        for_kinds=["focus_group"],
    )
    client.force_login(lead)
    body = client.get(reverse("involvement:activity", args=[activity.pk])).content.decode()
    assert "Participants rated this 2 rungs lower than staff" in body
    assert "Alex Ashdown" in body
    assert "£10.00" in body
    assert reverse("involvement:guidance-page", args=["running-focus-groups"]) in body
    assert "Remove" not in body  # rated: participants stay


def test_the_activity_page_says_how_many_own_view_ratings_wait_sealed(client, lead, settings):
    from django.core.management import call_command

    from involvement.activity_services import activity_rate_own

    settings.INVOLVEMENT_MIX_BATCH = 10
    activity = log_activity(lead, staff_rung=6)
    person = add_person(lead, activity)
    activity_rate_own(person_id=person.pk, activity_id=activity.pk, rung=4)
    client.force_login(lead)
    url = reverse("involvement:activity", args=[activity.pk])
    body = client.get(url).content.decode()
    assert "1 more rating is sealed and not counted yet" in body
    assert "No one who took part has rated this yet" not in body
    assert "Remove" not in body  # rated, though not counted yet: participants stay
    call_command("involvement_mix", stdout=__import__("io").StringIO())
    body = client.get(url).content.decode()
    assert 'id="ratings-waiting"' not in body
    assert "1 rating. The middle rating is" in body


def test_enter_slips_through_the_form(client, lead):
    activity = log_activity(lead, staff_rung=4)
    client.force_login(lead)
    url = reverse("involvement:activity-slips", args=[activity.pk])
    sid = submission(client.get(url))
    bad = client.post(url, {"submission_id": sid, "rung_3": "-2"})
    assert "Enter a number of slips from 0 to 500" in bad.content.decode()
    assert not ParticipantRating.objects.exists()
    assert "at least one rung" in client.post(url, {"submission_id": sid}).content.decode()
    response = client.post(url, {"submission_id": sid, "rung_3": "2", "rung_6": "1", "rung_9": "5"})
    assert response.status_code == 302
    assert sorted(ParticipantRating.objects.values_list("rung", "channel")) == [
        (3, RatingChannel.SLIP),
        (3, RatingChannel.SLIP),
        (6, RatingChannel.SLIP),
    ]


def test_a_stale_staff_rating_is_refused_and_says_what_it_now_is(client, lead):
    activity = log_activity(lead, staff_rung=4)
    client.force_login(lead)
    url = reverse("involvement:activity-rating", args=[activity.pk])
    assert client.post(url, {"version": "1", "staff_rung": "6", "staff_rung_reason": "Shared"}).status_code == 302
    stale = client.post(url, {"version": "1", "staff_rung": "2", "staff_rung_reason": "Old page"})
    body = stale.content.decode()
    assert "Someone else changed this rating" in body and "6, Partnership" in body
    activity.refresh_from_db()
    assert activity.staff_rung == 6


def test_record_what_was_fed_back(client, lead):
    activity = log_activity(lead, held_on=days(-5))
    client.force_login(lead)
    url = reverse("involvement:activity-feedback", args=[activity.pk])
    early = client.post(url, {"fed_back": "We told them", **date_fields("fed_back_on", days(-6))})
    assert "on or after the activity" in early.content.decode()
    assert client.post(url, {"fed_back": "We told them", **date_fields("fed_back_on", days(-1))}).status_code == 302
    activity.refresh_from_db()
    assert activity.fed_back == "We told them"


def test_add_and_remove_a_participant(client, lead, person):
    activity = log_activity(lead)
    client.force_login(lead)
    url = reverse("involvement:activity-participant-add", args=[activity.pk])
    sid = submission(client.get(url))
    bad = client.post(url, {"submission_id": sid, "identifier": person.prison_number, "recognition": "paid"})
    assert "Enter the amount in pounds" in bad.content.decode()
    ok = client.post(
        url, {"submission_id": sid, "identifier": person.prison_number, "recognition": "paid", "amount": "15"}
    )
    assert ok.status_code == 302
    participant = Participant.objects.get()
    assert participant.amount_pence == 1500
    remove = reverse("involvement:activity-participant-remove", args=[activity.pk, participant.pk])
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not Participant.objects.exists()


def test_an_administrator_filters_by_organisation(client, admin, lead, other_lead):
    mine = log_activity(lead, title="Mine")
    theirs = log_activity(other_lead, title="Theirs")
    client.force_login(admin)
    everything = client.get(reverse("involvement:activities")).content.decode()
    assert "Mine" in everything and "Theirs" in everything
    one = client.get(reverse("involvement:activities"), {"organisation": mine.organisation_id}).content.decode()
    assert "Mine" in one and ">Theirs<" not in one
    assert theirs.pk


def test_roles_pages(client, lead, person):
    client.force_login(lead)
    url = reverse("involvement:role-new")
    sid = submission(client.get(url))
    data = {"submission_id": sid, "identifier": person.prison_number, "title": "Peer mentor", "kind": "paid"}
    data.update(date_fields("starts_on", days(-10)))
    assert "Enter the pay per hour for a paid role" in client.post(url, data).content.decode()
    assert not LivedExperienceRole.objects.exists()
    assert client.post(url, {**data, "pay": "12.21"}).status_code == 302
    role = LivedExperienceRole.objects.get()
    listing = client.get(reverse("involvement:roles")).content.decode()
    assert "Peer mentor" in listing and "£12.21" in listing
    end = reverse("involvement:role-end", args=[role.pk])
    early = client.post(end, {"end_reason": "released", **date_fields("ends_on", days(-11))})
    assert "on or after the start date" in early.content.decode()
    assert client.post(end, {"end_reason": "released", **date_fields("ends_on", days(-1))}).status_code == 302
    role.refresh_from_db()
    assert role.end_reason == "released"
