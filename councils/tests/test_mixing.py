"""Ballots are held sealed and written into the count in shuffled batches (issue 6; decision 22), so
that neither the physical order of the ballot rows nor the transaction that wrote them says which
voter's mark goes with which ballot. What this defends, and what it does not, is stated on
councils.models.Ballot.

The tests read the physical order the way someone with the database files would: SQLite's rowid,
PostgreSQL's ctid (and xmin, the id of the transaction that wrote each row)."""

from __future__ import annotations

import datetime
import json
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, models
from django.utils import timezone

from audit.models import Event
from councils import selectors, services
from councils.models import Ballot, Election, ResultTotal, SealedBallot, VoterMark
from councils.tests.helpers import ballots_in_box, cast, council_setup, election_voting

pytestmark = pytest.mark.django_db


def _physical(table: str, columns: str = "id, choices") -> list[tuple]:
    """Rows in the order they lie in the files, as raw access to the database reads them."""
    order = {"sqlite": "rowid", "postgresql": "ctid"}.get(connection.vendor)
    if order is None:
        pytest.skip(f"no physical row order known for {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")  # noqa: S608 - fixed names
        return cursor.fetchall()


def _ballot_order() -> list[int]:
    """Each ballot's single choice, in physical order (each test voter chooses a different candidate)."""
    return [
        (json.loads(choices) if isinstance(choices, str) else choices)[0]
        for _id, choices in _physical("councils_ballot")
    ]


def _own_votes(setup, election: Election, *, people, candidates) -> list[int]:
    """Each person votes for a different candidate, in turn; returns the choices in casting order."""
    arrived = []
    for person, candidate in zip(people, candidates, strict=False):
        cast(setup, election, person, [candidate])
        arrived.append(candidate)
    return arrived


@pytest.fixture
def reversing_shuffle(monkeypatch):
    """A shuffle that reverses, and remembers what it was given, so the order it must produce is known."""
    seen: list[list] = []

    def reverse(items: list) -> None:
        seen.append(list(items))
        items.reverse()

    monkeypatch.setattr(services, "_shuffle", reverse)
    return seen


def test_the_sealed_box_has_nothing_that_could_name_anyone():
    """Like Ballot (test_secrecy): a new column fails this test until someone has decided it keeps the promise."""
    assert {f.name for f in SealedBallot._meta.get_fields() if f.concrete} == {"id", "election", "sealed"}
    assert isinstance(SealedBallot._meta.pk, models.UUIDField)


def test_fewer_than_a_batch_stay_sealed_and_the_batch_that_fills_moves_into_the_count():
    """With the default batch of 10: nine ballots wait sealed; the tenth cast moves all ten."""
    setup = council_setup(people=12)
    election = election_voting(setup, seats=1, candidates=10)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    _own_votes(setup, election, people=setup.people[:9], candidates=candidates)
    assert not Ballot.objects.exists()
    assert SealedBallot.objects.filter(election=election).count() == 9 == VoterMark.objects.count()
    cast(setup, election, setup.people[9], [candidates[9]])
    assert not SealedBallot.objects.exists()
    assert sorted(Ballot.objects.filter(election=election).values_list("choices", flat=True)) == [
        [c] for c in sorted(candidates)
    ]
    assert VoterMark.objects.count() == 10
    # The next ballot starts the next batch.
    cast(setup, election, setup.people[10], [candidates[0]])
    assert (Ballot.objects.count(), SealedBallot.objects.count()) == (10, 1)


def test_the_batch_is_written_in_the_shuffles_order_under_new_keys(settings, reversing_shuffle):
    settings.COUNCILS_MIX_BATCH = 5
    setup = council_setup(people=5)
    election = election_voting(setup, seats=1, candidates=5)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    _own_votes(setup, election, people=setup.people[:4], candidates=candidates)
    sealed_ids = {str(pk) for pk in SealedBallot.objects.values_list("pk", flat=True)}
    cast(setup, election, setup.people[4], [candidates[4]])
    (given,) = reversing_shuffle
    assert sorted(given) == [[c] for c in sorted(candidates)]
    assert _ballot_order() == [choices[0] for choices in reversed(given)]  # the shuffle's order, row by row
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    assert len(ballot_ids) == 5 and not ballot_ids & sealed_ids  # new keys: a sealed key matches no ballot


def test_the_physical_order_of_ballots_is_not_the_casting_order(settings):
    """With the real shuffle (the operating system's randomness): 1 chance in 20! of a false failure."""
    settings.COUNCILS_MIX_BATCH = 20
    setup = council_setup(people=20)
    election = election_voting(setup, seats=1, candidates=20)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    arrived = _own_votes(setup, election, people=setup.people, candidates=candidates)
    order = _ballot_order()
    assert sorted(order) == sorted(arrived) and order != arrived
    assert [c[0] for c in Ballot.objects.order_by("pk").values_list("choices", flat=True)] != arrived


def test_a_batch_shares_one_transaction_id_on_postgresql(settings):
    """All the ballots of a batch were written by the one transaction that mixed them, so xmin
    (which a mark shares with the transaction of its own cast) pairs no mark with one ballot."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's")
    settings.COUNCILS_MIX_BATCH = 3
    setup = council_setup(people=3)
    election = election_voting(setup, seats=1, candidates=3)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    _own_votes(setup, election, people=setup.people, candidates=candidates)
    assert len({xmin for (xmin,) in _physical("councils_ballot", "xmin::text")}) == 1


def test_own_view_ballots_are_mixed_with_the_others(settings, reversing_shuffle):
    settings.COUNCILS_MIX_BATCH = 2
    setup = council_setup(people=3)
    election = election_voting(setup, seats=1, candidates=2)
    a, b = [c.pk for c in selectors.candidates_standing(election=election)]
    services.ballot_cast_by_voter(person_id=setup.people[2].pk, election_id=election.pk, candidate_ids=[a])
    assert SealedBallot.objects.count() == 1 and not Ballot.objects.exists()
    cast(setup, election, setup.people[1], [b], channel="paper")
    assert not SealedBallot.objects.exists() and sorted(Ballot.objects.values_list("choices", flat=True)) == [[a], [b]]
    assert len(reversing_shuffle) == 1


def test_closing_mixes_what_is_left_however_few():
    setup = council_setup(people=5)
    election = election_voting(setup, seats=2, candidates=3)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    _own_votes(setup, election, people=setup.people[:3], candidates=candidates)
    assert SealedBallot.objects.count() == 3
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert not SealedBallot.objects.exists() and Ballot.objects.count() == 3


def test_closing_mixes_the_whole_election_into_one_set_under_new_keys(settings, reversing_shuffle):
    """The last, smaller batch does not stand apart: at the close every ballot, mixed in a batch or
    still sealed, is written again in one shuffled order under new keys."""
    settings.COUNCILS_MIX_BATCH = 3
    setup = council_setup(people=5)
    election = election_voting(setup, seats=1, candidates=5)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    _own_votes(setup, election, people=setup.people[:5], candidates=candidates)
    assert (Ballot.objects.count(), SealedBallot.objects.count()) == (3, 2)
    before = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    reversing_shuffle.clear()
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert not SealedBallot.objects.exists()
    after = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    assert len(after) == 5 and not after & before
    # The last shuffle took all five ballots, the batch of three included.
    assert sorted(reversing_shuffle[-1]) == [[c] for c in sorted(candidates)]


def test_one_ballot_at_the_close_is_mixed_alone():
    setup = council_setup(people=2)
    election = election_voting(setup, seats=1, candidates=2)
    cast(setup, election, setup.people[0], [selectors.candidates_standing(election=election)[0].pk])
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert not SealedBallot.objects.exists() and Ballot.objects.count() == 1


def test_publishing_after_the_closing_time_mixes_what_is_left():
    """No one pressed "close": the closing time passed. Publishing is then the close."""
    setup = council_setup(people=4)
    election = election_voting(setup, seats=1, candidates=2)
    a, b = [c.pk for c in selectors.candidates_standing(election=election)]
    cast(setup, election, setup.people[0], [a])
    cast(setup, election, setup.people[1], [a])
    cast(setup, election, setup.people[2], [b])
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    services.election_publish(acting_user=setup.lead, election_id=election.pk)
    assert not SealedBallot.objects.exists() and Ballot.objects.count() == 3
    assert {t.candidate_id: t.votes for t in ResultTotal.objects.filter(election=election)} == {a: 2, b: 1}


def test_nothing_is_counted_while_ballots_are_sealed():
    setup = council_setup(people=3)
    election = election_voting(setup, seats=1, candidates=2)
    cast(setup, election, setup.people[0], [selectors.candidates_standing(election=election)[0].pk])
    with pytest.raises(ValidationError, match="sealed box"):
        selectors.election_count(election=election)


def test_published_and_verified_totals_equal_the_votes_cast_across_batches():
    """Thirteen ballots with the default batch: one batch of ten mixed while voting, three at the close."""
    setup = council_setup(people=14)
    election = election_voting(setup, seats=2, candidates=3)
    a, b, c = [cand.pk for cand in selectors.candidates_standing(election=election)]
    choices = [[a], [a, b], [b, c], [c], [a, c], [b], [a, b], [a], [c], [b, c], [a], [b, a], [c, a]]
    for person, chosen in zip(setup.people, choices, strict=False):
        cast(setup, election, person, chosen)
    assert (Ballot.objects.count(), SealedBallot.objects.count()) == (10, 3)
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    services.election_publish(acting_user=setup.lead, election_id=election.pk)
    cast_totals = Counter(choice for chosen in choices for choice in chosen)
    published = {t.candidate_id: t.votes for t in ResultTotal.objects.filter(election=election)}
    assert published == {a: cast_totals[a], b: cast_totals[b], c: cast_totals[c]}
    verification = selectors.election_verify(election=Election.objects.get(pk=election.pk))
    assert verification.matches and verification.recounted == published
    assert len(verification.ballots) == len(choices)


def test_a_failure_while_mixing_undoes_the_whole_cast(settings, monkeypatch):
    """The cast that fills the batch and the mix are one transaction: if writing the mixed ballots
    fails, the voter is not marked, their ballot is not stored, and the sealed box is as it was."""
    settings.COUNCILS_MIX_BATCH = 3
    setup = council_setup(people=3)
    election = election_voting(setup, seats=1, candidates=3)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    _own_votes(setup, election, people=setup.people[:2], candidates=candidates)
    sealed_before = sorted((pk, bytes(blob)) for pk, blob in SealedBallot.objects.values_list("pk", "sealed"))
    marks_before = sorted(VoterMark.objects.values_list("voter_digest", flat=True))
    events_before = Event.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(Ballot.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        cast(setup, election, setup.people[2], [candidates[2]])
    with pytest.raises(RuntimeError):
        services.ballot_cast_by_voter(
            person_id=setup.people[2].pk, election_id=election.pk, candidate_ids=[candidates[2]]
        )
    with pytest.raises(RuntimeError):
        services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert sorted((pk, bytes(blob)) for pk, blob in SealedBallot.objects.values_list("pk", "sealed")) == sealed_before
    assert sorted(VoterMark.objects.values_list("voter_digest", flat=True)) == marks_before
    assert not Ballot.objects.exists() and Event.objects.count() == events_before
    assert Election.objects.get(pk=election.pk).closed_at is None
    # Put right, the same ballot is taken and the batch mixed.
    monkeypatch.undo()
    cast(setup, election, setup.people[2], [candidates[2]])
    assert ballots_in_box(election) == [[c] for c in sorted(candidates)] and not SealedBallot.objects.exists()


def test_every_sqlite_connection_overwrites_deleted_rows():
    """Set for every connection, not left to how SQLite was built (Debian's build has it on by
    default; Python's own builds for other systems do not)."""
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    assert "PRAGMA secure_delete=ON" in connection.settings_dict["OPTIONS"]["init_command"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
    fresh = connections.create_connection("default")
    try:
        with fresh.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            assert cursor.fetchone()[0] == 1
    finally:
        fresh.close()


@pytest.mark.parametrize("secure_delete", ["ON", "OFF"])
def test_a_mixed_sealed_ballot_leaves_no_bytes_in_the_database(settings, secure_delete):
    """secure_delete at work: once mixed, no sealed key is left in the database's pages. With it
    off (the control), the deleted keys are still there to read."""
    if connection.vendor != "sqlite" or not hasattr(connection.connection, "serialize"):
        pytest.skip("reads a SQLite database's pages")
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA secure_delete={secure_delete}")
    settings.COUNCILS_MIX_BATCH = 3
    setup = council_setup(people=3)
    election = election_voting(setup, seats=1, candidates=3)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    _own_votes(setup, election, people=setup.people[:2], candidates=candidates)
    sealed = [pk.hex.encode() for pk in SealedBallot.objects.values_list("pk", flat=True)]
    assert all(key in connection.connection.serialize() for key in sealed)  # the test can see them
    cast(setup, election, setup.people[2], [candidates[2]])
    pages = connection.connection.serialize()
    try:
        assert any(key in pages for key in sealed) is (secure_delete == "OFF")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete=ON")  # the connection outlives the test


def test_the_database_files_and_their_log_pair_no_ballot_with_its_voter(settings, tmp_path):
    """Issue 15, breaks 1 and 2, as the database attacker: own-view ballots are cast into a batch
    that is not full, and the main file and the -wal are copied from under the service and read
    as bytes and with SQL; then again after the close. While sealed, no ballot's choices are
    readable in either file (ciphertext in arrival order says only "voter k sent ciphertext k");
    after the close the -wal is empty, so no frame orders the ballots by arrival."""
    from common.sealing import SealUnreadable, open_sealed
    from tests.raw_files import file_database, steal

    settings.COUNCILS_MIX_BATCH = 10
    with file_database(tmp_path) as path:
        setup = council_setup(people=4)
        election = election_voting(setup, seats=2, candidates=4)
        candidates = sorted(c.pk for c in selectors.candidates_standing(election=election))
        chosen = [sorted(pair) for pair in zip(candidates, [*candidates[1:], candidates[0]], strict=True)]
        for person, pair in zip(setup.people, chosen, strict=True):
            services.ballot_cast_by_voter(person_id=person.pk, election_id=election.pk, candidate_ids=pair)
        waiting = steal(path, tmp_path / "waiting")
        assert waiting.wal, "the scenario should leave frames in the -wal to steal"
        for pair in chosen:
            assert not waiting.holds(json.dumps(pair).encode()), f"a sealed ballot {pair} is readable"
        rows = waiting.rows("SELECT * FROM councils_sealedballot ORDER BY rowid")
        assert len(rows) == 4
        for row in rows:
            for value in row:
                assert not (isinstance(value, str) and value.startswith("[")), f"a sealed ballot is readable: {row}"
        # Without the key the attacker's ciphertext opens for no one.
        settings.THROUGHGATE_SEAL_KEY = "a" * 43 + "="
        blob = next(v for v in rows[0] if isinstance(v, bytes))
        with pytest.raises(SealUnreadable):
            open_sealed("councils.ballot", blob, scope=election.pk)
        settings.THROUGHGATE_SEAL_KEY = __import__("config.env").env.TEST_SEAL_KEY

        services.election_close(acting_user=setup.lead, election_id=election.pk)
        closed = steal(path, tmp_path / "closed")
        assert len(closed.wal) == 0, "the -wal was not emptied after the close"
        assert closed.rows("SELECT count(*) FROM councils_sealedballot") == [(0,)]
        assert sorted(json.loads(c) for (c,) in closed.rows("SELECT choices FROM councils_ballot")) == sorted(chosen)


def test_an_own_view_ballot_is_audited_with_the_day_only(settings):
    """Its time would pair with the voter's timed sign-in (issue 15, break 2)."""
    setup = council_setup(people=1)
    election = election_voting(setup, seats=1, candidates=2)
    candidate = selectors.candidates_standing(election=election)[0].pk
    services.ballot_cast_by_voter(person_id=setup.people[0].pk, election_id=election.pk, candidate_ids=[candidate])
    event = Event.objects.filter(summary__startswith="A ballot was cast from the person's own view").get()
    local = timezone.localtime(event.occurred_at)
    assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    assert local.date() == timezone.localdate()


def test_with_a_wrong_seal_key_closing_refuses_clearly_and_loses_no_ballot(settings):
    settings.COUNCILS_MIX_BATCH = 3
    setup = council_setup(people=3)
    election = election_voting(setup, seats=1, candidates=3)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    _own_votes(setup, election, people=setup.people[:2], candidates=candidates)
    right = settings.THROUGHGATE_SEAL_KEY
    settings.THROUGHGATE_SEAL_KEY = "b" * 43 + "="
    # The cast that fills the batch is taken (sealed under the key now set); the mix waits.
    cast(setup, election, setup.people[2], [candidates[2]])
    assert (SealedBallot.objects.count(), Ballot.objects.count(), VoterMark.objects.count()) == (3, 0, 3)
    with pytest.raises(ValidationError, match="cannot be opened with the configured seal key"):
        services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert SealedBallot.objects.count() == 3 and Election.objects.get(pk=election.pk).closed_at is None
    settings.THROUGHGATE_SEAL_OLD_KEYS = [right]  # the key put back, as an old one
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert ballots_in_box(election) == [[c] for c in sorted(candidates)] and not SealedBallot.objects.exists()
