"""The person rates an involvement activity they took part in, from their own view (issue 6,
item 3): plain words only, once each, and the rating is stored with nothing that leads back to them."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.db import connection
from django.urls import reverse

from audit.models import Event
from involvement import activity_services
from involvement.constants import RatingChannel
from involvement.models import Activity, ParticipantRating, RatingMark
from myplan.services import pin_set
from myplan.tests.records import make_story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PIN = "2580"
HOME = reverse("myplan:home")


@pytest.fixture
def story():
    story = make_story()
    pin_set(acting_user=story.officer, person_id=story.person.pk, pin=PIN)
    return story


@pytest.fixture
def activity(story):
    from django.utils import timezone

    prison = story.person.custody_episodes.get(released_on__isnull=True).establishment
    lead = UserFactory(role="involvement_lead", organisation=prison)
    made = activity_services.activity_log(
        acting_user=lead,
        organisation_id=None,
        kind="focus_group",
        title="Focus group on visits",
        held_on=timezone.localdate(),
        purpose="Visits",
        staff_rung=6,
        staff_rung_reason="We decided together",
    )
    activity_services.activity_participant_add(
        acting_user=lead, activity_id=made.pk, identifier=story.person.prison_number, recognition="thanks"
    )
    return made


def signs_in(client, story):
    data = {"identifier": story.person.prison_number, "pin": PIN, "kiosk": "1"}
    assert client.post(reverse("myplan:sign-in") + "?kiosk=1", data).status_code == 303


def submission(html: str) -> str:
    return re.search(r'name="submission_id" value="([^"]+)"', html).group(1)


def test_the_person_rates_an_activity_once_in_plain_words(client, story, activity):
    signs_in(client, story)
    home = client.get(HOME).content.decode()
    assert "Things you took part in" in home and "Focus group on visits" in home
    assert "We decided things together with staff" in home
    assert "Partnership" not in home and "Arnstein" not in home  # no theory names
    url = reverse("myplan:activity-rate", args=[activity.pk])
    sid = submission(client.get(url).content.decode())
    missing = client.post(url, {"submission_id": sid})
    assert "Choose the sentence that fits best" in missing.content.decode()
    crafted = client.post(url, {"submission_id": sid, "rung": "9"})
    assert "Choose the sentence that fits best" in crafted.content.decode()
    assert not ParticipantRating.objects.exists() and not RatingMark.objects.exists()
    assert client.post(url, {"submission_id": sid, "rung": "4"}).status_code == 303
    rating = ParticipantRating.objects.get()
    assert (rating.rung, rating.channel) == (4, RatingChannel.OWN_VIEW)
    assert "Things you took part in" not in client.get(HOME).content.decode()
    again = client.post(url, {"submission_id": sid, "rung": "2"})
    assert again.status_code == 303
    assert ParticipantRating.objects.count() == 1


def test_a_second_rating_is_refused_by_the_service(story, activity):
    activity_services.activity_rate_own(person_id=story.person.pk, activity_id=activity.pk, rung=5)
    with pytest.raises(Exception) as caught:
        activity_services.activity_rate_own(person_id=story.person.pk, activity_id=activity.pk, rung=5)
    assert "You have already rated this" in str(caught.value)
    assert ParticipantRating.objects.count() == 1


def test_someone_who_did_not_take_part_cannot_rate(client, story, activity):
    from tests.factories import ServiceUserFactory

    stranger = ServiceUserFactory()
    with pytest.raises(Activity.DoesNotExist):
        activity_services.activity_rate_own(person_id=stranger.pk, activity_id=activity.pk, rung=5)
    signs_in(client, story)
    assert client.get(reverse("myplan:activity-rate", args=[activity.pk + 1000])).status_code == 404


def test_the_rating_is_stored_without_any_link_to_the_person(story, activity):
    person = story.person
    activity_services.activity_rate_own(person_id=person.pk, activity_id=activity.pk, rung=3)
    ids = {str(person.pk), person.prison_number, person.crn or "", str(activity.pk)} - {""}
    # Every column of every rating and mark, read straight from the tables.
    rows = []
    for model in (ParticipantRating, RatingMark):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608 - a model's own table name
            columns = [c[0] for c in cursor.description]
            rows += [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert {frozenset(r) for r in rows} == {
        frozenset({"id", "activity_id", "rung", "channel"}),
        frozenset({"digest", "activity_id"}),
    }
    values = {str(v) for row in rows for k, v in row.items() if k != "activity_id"}
    assert not values & ids
    # The mark's digest is keyed: it is none of the simple hashes of the ids anyone could recompute.
    (mark,) = RatingMark.objects.values_list("digest", flat=True)
    for a, p in ((activity.pk, person.pk), (person.pk, activity.pk)):
        for sep in ("", ":", "-", "\x1f", ",", " ", "|"):
            text = f"{a}{sep}{p}".encode()
            for name in ("md5", "sha1", "sha256", "sha512", "blake2b"):
                assert hashlib.new(name, text).hexdigest() != mark
    for text in (str(person.pk), person.prison_number, f"involvement.rating{activity.pk}{person.pk}"):
        assert hashlib.sha256(text.encode()).hexdigest() != mark
    # The audit event names the person but neither the activity nor the rung.
    event = Event.objects.get(record_type="involvement_rating")
    assert event.person_id == person.pk
    assert str(activity.pk) not in (event.record_id + event.summary) and "3" not in event.summary
