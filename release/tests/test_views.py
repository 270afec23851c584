import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from release.models import Checkpoint, Handover, ReleasePlan
from release.services import checkpoints_generate
from resettlement.models import Plan
from tests.factories import (
    CustodyEpisodeFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProbationCaseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _date(prefix, value):
    return {f"{prefix}_day": str(value.day), f"{prefix}_month": str(value.month), f"{prefix}_year": str(value.year)}


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())
    client.force_login(user)
    return user


@pytest.fixture
def episode(officer):
    return CustodyEpisodeFactory(
        establishment=officer.organisation, received_on=TODAY - 100 * DAY, expected_release_on=TODAY + 20 * DAY
    )


def test_the_person_page_shows_the_pre_release_checklist_within_12_weeks(client, officer, episode):
    html = client.get(reverse("people:detail", args=[episode.person_id])).content.decode()
    assert "Pre-release checklist: 8 things are not arranged yet." in html
    assert "Plan the day of release" in html and "Record the release" in html


def test_planning_releasing_and_following_up_through_the_pages(client, officer, episode):
    person_id = episode.person_id
    response = client.post(
        reverse("release:plan", args=[person_id]),
        {
            **_date("expected_release_on", TODAY + 20 * DAY),
            "release_type": "conditional",
            "first_night_accommodation": "settled",
            "first_night_address": "12 Mill Lane",
            "discharge_grant": "paid",
            "has_id": "yes",
            "has_bank_account": "yes",
            "benefits_claim": "made",
            "gp_registered": "yes",
            **_date("first_appointment_on", TODAY + 21 * DAY),
            "first_appointment_place": "Probation office",
        },
    )
    assert response.status_code == 302
    assert ReleasePlan.objects.get().first_night_address == "12 Mill Lane"
    assert "Pre-release checklist" not in client.get(reverse("people:detail", args=[person_id])).content.decode()

    refused = client.post(reverse("release:record", args=[person_id]), _date("released_on", TODAY - 101 * DAY))
    assert "cannot be before they were received into custody" in refused.content.decode()
    assert not Checkpoint.objects.exists()
    assert client.post(reverse("release:record", args=[person_id]), _date("released_on", TODAY)).status_code == 302
    assert Checkpoint.objects.filter(person_id=person_id).count() == 4

    unit = DeliveryUnitFactory()
    Plan.objects.create(person_id=person_id, created_by=officer)
    response = client.post(
        reverse("release:handover", args=[person_id]),
        {"to_organisation": str(unit.pk), **_date("handover_on", TODAY), "note": ""},
    )
    assert response.status_code == 302 and Handover.objects.get().to_organisation == unit

    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit)
    ProbationCaseFactory(person_id=person_id, delivery_unit=unit, practitioner=practitioner)
    client.force_login(practitioner)
    html = client.get(reverse("release:followups")).content.decode()
    assert "First night" in html
    first_night = Checkpoint.objects.get(kind="first_night")
    early = client.post(reverse("release:checkpoint", args=[first_night.pk]), {"accommodation": "settled"})
    assert "This checkpoint is not due until" in early.content.decode()
    first_night.refresh_from_db()
    assert first_night.recorded_at is None


def test_the_follow_ups_list_shows_never_recorded_ones_as_not_known_failures(client):
    unit = DeliveryUnitFactory()
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit)
    episode = CustodyEpisodeFactory(received_on=TODAY - 300 * DAY, released_on=TODAY - 60 * DAY)
    ProbationCaseFactory(person=episode.person, delivery_unit=unit, practitioner=practitioner)
    checkpoints_generate()
    client.force_login(practitioner)
    html = client.get(reverse("release:followups")).content.decode()
    # Released 60 days ago: the first night and 6 weeks are past their grace; 3 months is upcoming.
    assert "2 follow-ups were never recorded and count as not known" in html
    week_6 = Checkpoint.objects.get(kind="week_6")
    response = client.post(
        reverse("release:checkpoint", args=[week_6.pk]) + "?next=/release/follow-ups/",
        {"accommodation": "other_housed", "employment": "unemployed", "note": "Sofa-surfing at his sister's"},
    )
    assert response.status_code == 302 and response["Location"] == "/release/follow-ups/"
    again = client.post(
        reverse("release:checkpoint", args=[week_6.pk]), {"accommodation": "settled", "employment": "employed"}
    )
    assert "already been recorded" in again.content.decode()
    week_6.refresh_from_db()
    assert week_6.accommodation == "other_housed"


def test_each_follow_up_row_links_to_the_person_and_to_recording_it(client):
    unit = DeliveryUnitFactory()
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit)
    episode = CustodyEpisodeFactory(received_on=TODAY - 300 * DAY, released_on=TODAY - 85 * DAY)
    person = episode.person
    ProbationCaseFactory(person=person, delivery_unit=unit, practitioner=practitioner)
    checkpoints_generate()
    client.force_login(practitioner)
    html = client.get(reverse("release:followups")).content.decode()
    released = TODAY - 85 * DAY
    prison = episode.establishment.name
    assert f'<a class="govuk-link" href="/people/{person.pk}/">{person.full_name}</a>' in html
    assert f"released from {prison} on {released.strftime('%-d %B %Y')}" in html
    week_6 = Checkpoint.objects.get(kind="week_6")
    assert f'href="/release/checkpoints/{week_6.pk}/?next=/release/follow-ups/">Record<span' in html
    assert f"the 6 weeks follow-up for {person.full_name}</span>" in html
    # The 3 months one is due in 6 days: listed, but not yet for recording.
    month_3 = Checkpoint.objects.get(kind="month_3")
    assert "3 months" in html and f"/release/checkpoints/{month_3.pk}/" not in html
    assert html.count(">Record<span") == 2


def test_the_follow_ups_list_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    unit = DeliveryUnitFactory()
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit)
    for _ in range(12):
        episode = CustodyEpisodeFactory(received_on=TODAY - 300 * DAY, released_on=TODAY - 85 * DAY)
        ProbationCaseFactory(person=episode.person, delivery_unit=unit, practitioner=practitioner)
    checkpoints_generate()
    client.force_login(practitioner)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("release:followups")).content.decode()
    assert html.count('<tr class="govuk-table__row">') == 1 + 36


def test_the_follow_ups_list_counts_every_row_and_pages_them(client, monkeypatch):
    from release import views

    monkeypatch.setattr(views, "FOLLOWUPS_PER_PAGE", 2)
    unit = DeliveryUnitFactory()
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit)
    for _ in range(2):
        episode = CustodyEpisodeFactory(received_on=TODAY - 300 * DAY, released_on=TODAY - 60 * DAY)
        ProbationCaseFactory(person=episode.person, delivery_unit=unit, practitioner=practitioner)
    checkpoints_generate()
    client.force_login(practitioner)
    due = Checkpoint.objects.filter(recorded_at__isnull=True, due_on__lte=TODAY + 7 * DAY).count()
    first = client.get(reverse("release:followups")).content.decode()
    assert f"{due} follow-ups</caption>" in first and first.count(">Record<span") == 2
    last = client.get(reverse("release:followups"), {"page": 99}).content.decode()
    assert f"{due} follow-ups</caption>" in last
