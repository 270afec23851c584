"""Anonymous responses are sealed and written to the results in shuffled batches
(voice/mixing_services.py, decision 19): what a batch hides, that each submission is still stored
exactly once, and which responses go straight to the results."""

from __future__ import annotations

import base64
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from common import sealing
from tests.factories import ServiceUserFactory, UserFactory
from voice import mixing_services, services
from voice.constants import Channel, Eligibility
from voice.models import EligibilityToken, Response, SafeguardingAlert, SealedResponse
from voice.selectors import responses_waiting, survey_results
from voice.tests.helpers import published_survey

pytestmark = pytest.mark.django_db

GOOD = {"overall": "good", "food": "yes"}


@pytest.fixture(autouse=True)
def _batch_of_three(settings):
    settings.VOICE_MIX_BATCH = 3


def submit(survey, words="", **overrides):
    kwargs = {
        "survey_id": survey.pk,
        "version_number": 1,
        "answers": {**GOOD, "overall_why": words} if words else GOOD,
        "submission_id": str(uuid.uuid4()),
        "channel": Channel.KIOSK,
    }
    kwargs.update(overrides)
    return services.response_submit(**kwargs)


def _physical_order() -> list[str]:
    """The comments in the order the rows lie in the table (what raw access to the files sees)."""
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT answers FROM {Response._meta.db_table} ORDER BY {order}")  # noqa: S608 - fixed names
        rows = [row[0] for row in cursor.fetchall()]
    field = Response._meta.get_field("answers")
    return [field.from_db_value(value, None, connection)["overall_why"] for value in rows]


def test_responses_wait_sealed_until_a_batch_is_full_then_all_are_written_together():
    survey = published_survey()
    first, second = submit(survey, "one"), submit(survey, "two")
    assert not first.duplicate and not second.duplicate
    assert Response.objects.count() == 0
    assert SealedResponse.objects.count() == 2
    assert responses_waiting(survey) == 2
    assert survey_results(survey).responses == 0
    sealed_keys = set(SealedResponse.objects.values_list("pk", flat=True))
    submit(survey, "three")
    assert SealedResponse.objects.count() == 0
    assert sorted(r.answers["overall_why"] for r in Response.objects.all()) == ["one", "three", "two"]
    assert survey_results(survey).responses == 3
    assert responses_waiting(survey) == 0
    # New random keys: nothing of the sealed rows' keys survives in the responses.
    assert not {str(pk) for pk in sealed_keys} & {str(r.pk) for r in Response.objects.all()}


def test_a_batch_is_written_in_a_random_order_not_the_order_it_arrived(settings):
    """With the database's own random order: 1 chance in 20! of a false failure."""
    settings.VOICE_MIX_BATCH = 20
    survey = published_survey()
    arrived = [f"comment {n}" for n in range(20)]
    for words in arrived:
        submit(survey, words)
    written = _physical_order()
    assert sorted(written) == sorted(arrived)
    assert written != arrived


def test_each_mix_draws_a_new_order_and_new_keys(settings):
    """Two batches of the same comments, sent in the same order, lie in different orders."""
    settings.VOICE_MIX_BATCH = 20
    orders = []
    for _ in range(2):
        survey = published_survey()
        for n in range(20):
            submit(survey, f"comment {n}")
        orders.append(_physical_order())
        Response.objects.all().delete()
    assert orders[0] != orders[1]


def test_a_replay_is_stored_once_whether_it_finds_the_response_sealed_or_mixed():
    survey = published_survey()
    submission_id = str(uuid.uuid4())
    assert not submit(survey, "mine", submission_id=submission_id).duplicate
    assert submit(survey, "mine", submission_id=submission_id).duplicate  # still sealed
    submit(survey, "two")
    submit(survey, "three")  # the batch is mixed
    assert submit(survey, "mine", submission_id=submission_id).duplicate  # already in the results
    assert SealedResponse.objects.count() == 0
    assert Response.objects.filter(answers__overall_why="mine").count() == 1


def test_a_replay_that_raced_its_own_mixing_is_written_once():
    survey = published_survey()
    submit(survey, "mine")
    digest = SealedResponse.objects.get().submission_digest
    mixing_services.responses_mix()
    # The replay was sealed just before the original's batch was written (both checks passed).
    version = survey.versions.get()
    SealedResponse.objects.create(submission_digest=digest, version=version, sealed=_sealed_of("mine", survey))
    assert mixing_services.responses_mix() == 1
    assert Response.objects.filter(answers__overall_why="mine").count() == 1
    assert SealedResponse.objects.count() == 0


def _sealed_of(words, survey):
    version_id = survey.versions.get().pk
    return sealing.seal(mixing_services.SEAL_KIND, _columns_of(words, survey), scope=version_id)


def _columns_of(words, survey):
    return {
        "organisation_id": survey.about_id,
        "contract_id": None,
        "month": "2026-11-01",
        "channel": Channel.KIOSK,
        "language": "en",
        "easy_read": False,
        "answers": {**GOOD, "overall_why": words},
        "concerns": [],
        "restricted": False,
    }


def test_a_failed_mix_undoes_itself_and_keeps_the_sealed_responses():
    survey = published_survey()
    submit(survey, "one")
    submit(survey, "two")

    def fail_after_writing(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith((f"INSERT INTO {Response._meta.db_table} ", "WITH taken")):
            raise RuntimeError("the disk is full")  # after the responses are written
        return result

    with connection.execute_wrapper(fail_after_writing), pytest.raises(RuntimeError):
        submit(survey, "three")
    assert SealedResponse.objects.count() == 3
    assert Response.objects.count() == 0
    assert mixing_services.responses_mix() == 3
    assert Response.objects.count() == 3


def test_with_a_pass_the_response_is_sealed_and_a_replay_after_mixing_is_acknowledged():
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    person = ServiceUserFactory()
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    submission_id = str(uuid.uuid4())
    assert not submit(survey, "mine", token=token, submission_id=submission_id).duplicate
    assert SealedResponse.objects.count() == 1 and not EligibilityToken.objects.exists()
    mixing_services.responses_mix()
    assert submit(survey, "mine", token=token, submission_id=submission_id).duplicate
    assert Response.objects.count() == 1


def test_named_paper_and_alerting_responses_go_straight_to_the_results():
    from voice.views.kiosk_names import name_offer_for, named_person_from

    survey = published_survey()
    person = ServiceUserFactory()
    submit(survey, "named", named_person_id=named_person_from(name_offer_for(person.pk)))
    submit(survey, "I want to end it all")
    staff = UserFactory(organisation=survey.about, role="involvement_lead")
    submit(survey, "on paper", channel=Channel.PAPER, entered_by=staff)
    assert SealedResponse.objects.count() == 0
    assert Response.objects.count() == 3
    assert SafeguardingAlert.objects.count() == 1


def test_closing_a_survey_and_the_daily_command_mix_whatever_is_waiting():
    survey = published_survey()
    submit(survey, "one")
    services.survey_close(acting_user=survey.created_by, survey_id=survey.pk)
    assert SealedResponse.objects.count() == 0
    assert survey_results(survey).responses == 1
    other = published_survey()
    submit(other, "two")
    call_command("voice_mix", stdout=__import__("io").StringIO())
    assert SealedResponse.objects.count() == 0
    assert survey_results(other).responses == 1


def test_values_are_prepared_as_each_field_would_prepare_them():
    from voice.models import Response as Model

    columns = _columns_of("words", published_survey())
    row = {**columns, "id": uuid.uuid4(), "version_id": 7, "submission_digest": "d" * 64}
    row |= {"month": __import__("datetime").date(2026, 11, 1), "named_person_id": None, "entered_by_id": None}

    def plain(values):  # psycopg's Jsonb wrappers compare by identity: compare what they wrap
        return [getattr(value, "obj", value) for value in values]

    assert plain(mixing_services._values(row)) == plain(
        [f.get_db_prep_save(row.get(f.attname), connection) for f in Model._meta.concrete_fields]
    )


def test_a_mixed_response_has_every_column_its_sealed_row_kept():
    survey = published_survey()
    mixing_services.response_seal(
        {
            **_columns_of("kept", survey),
            "month": __import__("datetime").date(2026, 11, 1),
            "version_id": survey.versions.get().pk,
            "submission_digest": "a" * 64,
            "easy_read": True,
            "language": "cy",
            "concerns": ["complaint"],
            "restricted": True,
        }
    )
    assert mixing_services.responses_mix() == 1
    mixed = Response.objects.get()
    assert isinstance(mixed.pk, uuid.UUID)
    assert (mixed.version_id, mixed.organisation_id, mixed.contract_id) == (
        survey.versions.get().pk,
        survey.about_id,
        None,
    )
    assert (mixed.month, mixed.channel, mixed.language) == (__import__("datetime").date(2026, 11, 1), "kiosk", "cy")
    assert mixed.easy_read is True and mixed.restricted is True
    assert mixed.answers == {**GOOD, "overall_why": "kept"} and mixed.concerns == ["complaint"]
    assert (mixed.named_person_id, mixed.entered_by_id, mixed.submission_digest) == (None, None, "a" * 64)


def test_with_several_processes_more_than_a_batch_may_wait_but_never_fewer_are_mixed(monkeypatch):
    survey = published_survey()
    submit(survey, "one")
    submit(survey, "two")
    # Another process sealed one more meanwhile: this one has counted two, so it does not ask.
    SealedResponse.objects.create(
        submission_digest="e" * 64, version=survey.versions.get(), sealed=_sealed_of("theirs", survey)
    )
    assert SealedResponse.objects.count() == 3 and Response.objects.count() == 0
    submit(survey, "four")  # this process's third: four are waiting, all four are mixed
    assert SealedResponse.objects.count() == 0 and Response.objects.count() == 4
    # A process whose count comes round when too few wait (another mixed them) writes nothing.
    mixing_services.forget_count()
    submit(survey, "five")
    submit(survey, "six")
    mixing_services.responses_mix()  # as if another process mixed these two
    submit(survey, "seven")  # the count comes round with one waiting: not enough for a batch
    assert SealedResponse.objects.count() == 1 and Response.objects.count() == 6


@pytest.mark.parametrize("secure_delete", ["ON", "OFF"])
def test_a_mixed_sealed_response_leaves_no_bytes_of_its_sealed_row(secure_delete):
    """secure_delete at work: once mixed, the sealed rows are gone from the database's pages (their
    ciphertext is found nowhere). With it off (the control), the deleted rows are still there."""
    if connection.vendor != "sqlite" or not hasattr(connection.connection, "serialize"):
        pytest.skip("reads a SQLite database's pages")
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA secure_delete={secure_delete}")
    try:
        survey = published_survey()
        submit(survey, "one")
        submit(survey, "two")
        sealed = [bytes(blob)[-64:] for blob in SealedResponse.objects.values_list("sealed", flat=True)]
        assert sealed and all(marker in connection.connection.serialize() for marker in sealed)
        submit(survey, "three")
        assert any(marker in connection.connection.serialize() for marker in sealed) is (secure_delete == "OFF")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete=ON")  # the connection outlives the test


def test_a_sealed_response_is_ciphertext_that_opens_only_with_the_key(settings):
    """Issue 15, break 2: what waits holds no readable column but its version and its digest."""
    survey = published_survey()
    submit(survey, "the tea on the landing is weak")
    row = SealedResponse.objects.get()
    assert {f.name for f in SealedResponse._meta.get_fields() if f.concrete} == {
        "submission_digest",
        "version",
        "sealed",
    }
    assert b"the tea on the landing is weak" not in bytes(row.sealed) and b"kiosk" not in bytes(row.sealed)
    opened = sealing.open_sealed(mixing_services.SEAL_KIND, row.sealed, scope=row.version_id)
    assert opened["answers"]["overall_why"] == "the tea on the landing is weak"
    with pytest.raises(sealing.SealUnreadable):  # bound to its version: it cannot be moved
        sealing.open_sealed(mixing_services.SEAL_KIND, row.sealed, scope=row.version_id + 1)
    with pytest.raises(sealing.SealUnreadable):  # and to its kind
        sealing.open_sealed("councils.ballot", row.sealed, scope=row.version_id)
    settings.THROUGHGATE_SEAL_KEY = base64.b64encode(b"k" * 32).decode()
    with pytest.raises(sealing.SealUnreadable, match="THROUGHGATE_SEAL_OLD_KEYS"):
        sealing.open_sealed(mixing_services.SEAL_KIND, row.sealed, scope=row.version_id)


def test_with_a_wrong_key_a_mix_refuses_clearly_and_loses_nothing(settings, caplog):
    survey = published_survey()
    submit(survey, "one")
    submit(survey, "two")
    settings.THROUGHGATE_SEAL_KEY = base64.b64encode(b"w" * 32).decode()
    with pytest.raises(sealing.SealUnreadable, match="neither THROUGHGATE_SEAL_KEY nor"):
        mixing_services.responses_mix()
    with pytest.raises(sealing.SealUnreadable):
        call_command("voice_mix")
    # A submission that fills the batch is still stored, sealed under the new key; the mix it
    # asks for says why it stops, in the log, and leaves everything sealed.
    assert not submit(survey, "three").duplicate
    assert SealedResponse.objects.count() == 3 and Response.objects.count() == 0
    assert "could not be opened" in caplog.text


def test_a_rotated_key_still_opens_what_the_old_one_sealed(settings):
    survey = published_survey()
    submit(survey, "before the rotation")
    old = settings.THROUGHGATE_SEAL_KEY
    settings.THROUGHGATE_SEAL_KEY = base64.b64encode(b"n" * 32).decode()
    settings.THROUGHGATE_SEAL_OLD_KEYS = [old]
    submit(survey, "after it")
    assert mixing_services.responses_mix() == 2
    assert sorted(r.answers["overall_why"] for r in Response.objects.all()) == ["after it", "before the rotation"]


def test_a_mix_with_fewer_than_its_minimum_waiting_writes_nothing_and_keeps_them():
    survey = published_survey()
    submit(survey, "one")
    submit(survey, "two")
    assert mixing_services.responses_mix(minimum=3) == 0
    assert SealedResponse.objects.count() == 2 and Response.objects.count() == 0
    assert mixing_services.responses_mix(minimum=2) == 2
    assert SealedResponse.objects.count() == 0 and Response.objects.count() == 2
