"""Own-view ratings are sealed and counted in shuffled batches (involvement/rating_mixing.py)."""

from __future__ import annotations

import secrets

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.constants import Role
from involvement import rating_mixing
from involvement.activity_services import activity_rate_own
from involvement.models import ParticipantRating, SealedRating
from involvement.tests.helpers_activities import add_person, log_activity
from tests.factories import EstablishmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rate(settings):
    """Activities each with one participant, rated from the participant's own view."""
    settings.INVOLVEMENT_MIX_BATCH = 3
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory())

    def rate(rung: int) -> int:
        activity = log_activity(lead)
        person = add_person(lead, activity)
        activity_rate_own(person_id=person.pk, activity_id=activity.pk, rung=rung)
        return activity.pk

    return rate


def _physical_order() -> list[int]:
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT activity_id FROM {ParticipantRating._meta.db_table} ORDER BY {order}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_ratings_wait_sealed_then_are_counted_together_in_the_shuffles_order(rate, monkeypatch):
    monkeypatch.setattr(secrets.SystemRandom, "shuffle", lambda self, items: items.reverse())
    first, second = rate(2), rate(5)
    assert SealedRating.objects.count() == 2 and not ParticipantRating.objects.exists()
    third = rate(7)
    assert not SealedRating.objects.exists()
    assert _physical_order() == [third, second, first]
    assert {(r.activity_id, r.rung) for r in ParticipantRating.objects.all()} == {(first, 2), (second, 5), (third, 7)}


def test_the_daily_command_counts_whatever_waits(rate):
    rate(4)
    call_command("involvement_mix", stdout=__import__("io").StringIO())
    assert not SealedRating.objects.exists() and ParticipantRating.objects.count() == 1


def test_a_mix_that_finds_rows_gone_writes_nothing(rate, monkeypatch):
    rate(3)
    rate(6)
    delete = SealedRating.objects.filter

    def another_mix_took_one(**kwargs):
        if "pk__in" in kwargs:
            SealedRating.objects.order_by("pk").first().delete()
        return delete(**kwargs)

    monkeypatch.setattr(SealedRating.objects, "filter", another_mix_took_one)
    assert rating_mixing.ratings_mix(minimum=1) == 0
    monkeypatch.undo()
    # Nothing written, and its own delete undone (here the other mix's delete shares the test's
    # transaction, so it is undone too; in life it was the other mix's to commit).
    assert SealedRating.objects.count() == 2 and not ParticipantRating.objects.exists()


def test_a_rating_still_sealed_already_stops_participants_being_removed(rate):
    from django.core.exceptions import ValidationError

    from accounts.models import User
    from involvement.activity_services import activity_participant_remove
    from involvement.models import Activity, Participant

    activity = Activity.objects.get(pk=rate(4))
    lead = User.objects.get(role=Role.INVOLVEMENT_LEAD)
    assert SealedRating.objects.count() == 1 and not ParticipantRating.objects.exists()
    participant = Participant.objects.get(activity=activity)
    with pytest.raises(ValidationError, match="once the activity has ratings"):
        activity_participant_remove(acting_user=lead, activity_id=activity.pk, participant_id=participant.pk)


def test_the_database_files_and_their_log_pair_no_rating_with_its_person(settings, tmp_path):
    """Issue 15, breaks 1 and 2, as the database attacker: own-view ratings wait in a batch that
    is not full while the main file and the -wal are copied and read with SQL in arrival order
    (beside the audit events that name who rated, in the same order): no rung is readable. After
    the mix the -wal is empty, so no frame orders the ratings by arrival."""
    from tests.raw_files import file_database, steal

    settings.INVOLVEMENT_MIX_BATCH = 10
    with file_database(tmp_path) as path:
        lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory())
        activity = log_activity(lead)
        for rung in (2, 5, 7):
            person = add_person(lead, activity)
            activity_rate_own(person_id=person.pk, activity_id=activity.pk, rung=rung)
        waiting = steal(path, tmp_path / "waiting")
        assert waiting.wal, "the scenario should leave frames in the -wal to steal"
        columns = [c[1] for c in waiting.rows(f"PRAGMA table_info({SealedRating._meta.db_table})")]
        assert sorted(columns) == ["activity_id", "id", "sealed"]  # no rung to read
        rows = waiting.rows(f"SELECT sealed FROM {SealedRating._meta.db_table} ORDER BY rowid")  # noqa: S608
        assert len(rows) == 3 and all(isinstance(blob, bytes) and len(blob) > 512 for (blob,) in rows)
        assert len({blob for (blob,) in rows}) == 3  # a random nonce each: equal rungs look unequal too

        assert rating_mixing.ratings_mix() == 3
        mixed = steal(path, tmp_path / "mixed")
        assert len(mixed.wal) == 0, "the -wal was not emptied after the mix"
        assert sorted(r for (r,) in mixed.rows(f"SELECT rung FROM {ParticipantRating._meta.db_table}")) == [2, 5, 7]  # noqa: S608


def test_an_own_view_rating_is_audited_with_the_day_only(rate):
    """Its time would pair with the sealed rating's place and the person's sign-in (issue 15, break 2)."""
    from django.utils import timezone

    from audit.models import Event

    rate(4)
    event = Event.objects.get(record_type="involvement_rating")
    local = timezone.localtime(event.occurred_at)
    assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)


def test_with_a_wrong_seal_key_the_mix_refuses_clearly_and_loses_no_rating(rate, settings, caplog):
    from common.sealing import SealUnreadable

    rate(2)
    rate(5)
    settings.THROUGHGATE_SEAL_KEY = "c" * 43 + "="
    rate(7)  # fills the batch: taken and sealed, and the mix it asks for is logged, not lost
    assert SealedRating.objects.count() == 3 and not ParticipantRating.objects.exists()
    assert "could not be opened" in caplog.text
    with pytest.raises(SealUnreadable, match="THROUGHGATE_SEAL_OLD_KEYS"):
        call_command("involvement_mix")
    assert SealedRating.objects.count() == 3 and not ParticipantRating.objects.exists()
