"""The anonymity promise, tested as an attacker with full database access and the logs would try
to break it (issue 5: "No path through the code, the database or the logs joins an anonymous
answer to a person: write the test that tries").

The attack: a person signs in, takes their one-time pass, and answers anonymously with words no
one else wrote. Then every row of every table and every log record is searched for anything that
connects those words (or the response that holds them) to the person: their id, their prison
number, their session, their pass, or a time that could be matched to their sign-in."""

from __future__ import annotations

import logging
import re
import uuid

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import CustodyEpisodeFactory
from voice import mixing_services, services
from voice.constants import Channel, Eligibility
from voice.models import EligibilitySpend, EligibilityToken, Response, SealedResponse
from voice.tests.helpers import published_survey
from voice.views.kiosk_names import name_offer_for

pytestmark = pytest.mark.django_db

SECRET_WORDS = "the showers on Bravo wing have been cold since the floods"


def _every_row() -> dict[str, list[str]]:
    """Every row of every table, as text, read with raw SQL (what full database access sees)."""
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            found[table] = [" | ".join(str(v) for v in row) for row in cursor.fetchall()]
    return found


def _answer_on_the_pages(survey, token: str, name_offer: str) -> None:
    """Answer through the survey pages without JavaScript, offered the choice to give one's name
    (as a person signed in to their own view is) and not taking it."""
    client = Client()
    url = reverse("voice:survey-answer", args=[survey.pk])
    page = client.post(
        url,
        {
            "go": "begin",
            "channel": "kiosk",
            "at": survey.about_id,
            "language": "en",
            "pass": token,
            "name_offer": name_offer,
        },
    )
    for go, answer in (("start", None), ("next", "poor"), ("next", SECRET_WORDS), ("next", "yes"), ("submit", None)):
        assert go != "submit" or "Give my name so staff can tell me what happens" in page.content.decode()
        # Every hidden field goes back, as a browser sends them: the state and, apart from it,
        # the sealed name offer (issue 15, break 3).
        data = {
            "go": go,
            **dict(re.findall(r'type="hidden" name="(state|name_offer)" value="([^"]*)"', page.content.decode())),
        }
        if answer is not None:
            data["answer"] = answer
        page = client.post(url, data)
        assert page.status_code == 200


@pytest.fixture(params=["service", "pages, offered a name and not taking it"])
def answered(caplog, request):
    """A person in custody answers a one-per-person survey anonymously, after signing in: straight
    through the service, or on the survey pages having been offered the choice to give their name."""
    caplog.set_level(logging.DEBUG)
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    episode = CustodyEpisodeFactory(establishment=survey.about)
    person = episode.person
    # Their own sign-in leaves a session and audit events that name them (as it should).
    client = Client()
    session = client.session
    session["myplan_person_id"] = person.pk
    session.save()
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    submission_id = str(uuid.uuid4())
    name_offer = name_offer_for(person.pk)
    if request.param == "service":
        services.response_submit(
            survey_id=survey.pk,
            version_number=1,
            answers={"overall": "poor", "overall_why": SECRET_WORDS, "food": "yes"},
            submission_id=submission_id,
            channel=Channel.KIOSK,
            token=token,
        )
    else:
        _answer_on_the_pages(survey, token, name_offer)
    return {
        "name_offer": name_offer,
        "person": person,
        "token": token,
        "submission_id": submission_id,
        "session_key": session.session_key,
        "response": Response.objects.get(),
        "logs": [record.getMessage() + " " + str(record.__dict__) for record in caplog.records],
    }


def test_the_response_table_has_nothing_that_could_name_anyone():
    """A new column on Response fails this test until someone has decided it keeps the promise."""
    fields = {f.name: f for f in Response._meta.get_fields() if f.concrete}
    assert set(fields) == {
        "id",
        "version",
        "organisation",
        "contract",
        "month",
        "channel",
        "language",
        "easy_read",
        "answers",
        "submission_digest",
        "named_person",  # only when the person chose to give their name
        "entered_by",  # only on paper, the member of staff who typed it in
        "concerns",
        "restricted",
    }
    assert not any(isinstance(f, models.DateTimeField | models.TimeField) for f in fields.values())
    assert isinstance(fields["id"], models.UUIDField)  # not a counter: its order says nothing
    # A sealed response waits for its batch with the same columns sealed under a key held outside
    # the database (decision 19, common/sealing.py), keyed by its submission digest; its row's
    # place gives its arrival order among at most a batch, of ciphertext, until the batch is mixed
    # and it is deleted.
    sealed = {f.name: f for f in SealedResponse._meta.get_fields() if f.concrete}
    assert set(sealed) == {"submission_digest", "version", "sealed"}
    kept = {name.removesuffix("_id") for name in mixing_services._KEPT}
    assert kept | {"month"} == set(fields) - {
        "id",
        "version",
        "submission_digest",
        "named_person",
        "entered_by",
    }
    for model in (EligibilitySpend, EligibilityToken):
        assert not any(
            isinstance(f, models.DateTimeField | models.TimeField | models.ForeignKey)
            and f.related_model is not apps.get_model("voice", "Survey")
            for f in model._meta.get_fields()
            if f.concrete
        ), model


def test_the_stored_response_holds_only_coarse_context(answered):
    response = answered["response"]
    assert response.named_person_id is None and response.entered_by_id is None
    assert response.month == timezone.localdate().replace(day=1)
    row = next(r for r in _every_row()["voice_response"] if str(response.id).replace("-", "") in r.replace("-", ""))
    person = answered["person"]
    for clue in (
        person.prison_number,
        answered["token"],
        answered["session_key"],
        answered["submission_id"],
        answered["name_offer"],
    ):
        assert clue not in row


def test_no_row_anywhere_joins_the_answer_to_the_person(answered):
    person = answered["person"]
    response = answered["response"]
    response_clues = {SECRET_WORDS, str(response.id), response.id.hex, response.submission_digest}
    person_clues = {
        person.prison_number,
        answered["session_key"],
        answered["token"],
        answered["submission_id"],
        answered["name_offer"],
    }
    for table, rows in _every_row().items():
        for row in rows:
            holds_answer = any(clue in row for clue in response_clues)
            if not holds_answer:
                continue
            assert table == "voice_response", f"{table} holds the anonymous answer: {row}"
            assert not any(clue in row for clue in person_clues), f"{table} joins the answer to the person"


def test_the_pass_is_gone_and_eligibility_keeps_no_time_or_pass(answered):
    assert not EligibilityToken.objects.exists()
    spend = EligibilitySpend.objects.get()
    assert str(answered["person"].pk) != spend.person_digest
    assert answered["token"] not in spend.person_digest


def test_the_audit_trail_says_nothing_of_the_answer(answered):
    from audit.models import Event

    response = answered["response"]
    for event in Event.objects.all():
        text = " ".join(str(v) for v in vars(event).values())
        assert str(response.id) not in text and response.id.hex not in text
        assert SECRET_WORDS not in text and answered["token"] not in text


def test_the_logs_say_nothing_of_the_answer(answered):
    response = answered["response"]
    for line in answered["logs"]:
        assert SECRET_WORDS not in line
        assert str(response.id) not in line and response.id.hex not in line
        assert answered["token"] not in line and answered["submission_id"] not in line


def test_the_order_of_responses_does_not_follow_their_arrival():
    survey = published_survey()
    arrived = []
    for n in range(25):
        services.response_submit(
            survey_id=survey.pk,
            version_number=1,
            answers={"overall": "good", "food": "yes", "overall_why": f"comment {n}"},
            submission_id=str(uuid.uuid4()),
            channel=Channel.KIOSK,
        )
        arrived.append(f"comment {n}")
    by_key = [r.answers["overall_why"] for r in Response.objects.order_by("pk")]
    assert by_key != arrived  # 1 chance in 25! of a false failure


def test_a_sealed_response_waiting_for_its_batch_joins_nothing_to_the_person(settings, caplog):
    """The same attack while the answer is still sealed (a batch of ten not yet full)."""
    settings.VOICE_MIX_BATCH = 10
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    person = CustodyEpisodeFactory(establishment=survey.about).person
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    submission_id = str(uuid.uuid4())
    with caplog.at_level(logging.DEBUG):
        services.response_submit(
            survey_id=survey.pk,
            version_number=1,
            answers={"overall": "good", "food": "yes", "overall_why": SECRET_WORDS},
            submission_id=submission_id,
            channel=Channel.KIOSK,
            token=token,
        )
    assert not Response.objects.exists()
    person_clues = {person.prison_number, token, submission_id, f'"person": {person.pk}', f"person_id={person.pk}"}
    for table, rows in _every_row().items():
        for row in rows:
            if SECRET_WORDS in row:
                assert table == SealedResponse._meta.db_table, f"{table} holds the anonymous answer: {row}"
                assert not any(clue in row for clue in person_clues), f"{table} joins the answer to the person"
    for record in caplog.records:
        assert SECRET_WORDS not in record.getMessage() and token not in record.getMessage()


def test_the_database_files_and_their_log_join_no_answer_to_its_person(settings, tmp_path):
    """Issue 15, breaks 1 and 2, as the database attacker: the main file and the -wal are copied
    from under the running service while a batch is not yet full, and again after the mix, and
    read as bytes. While sealed, no answer's words are in either file (they are ciphertext, in
    arrival order but unreadable without the seal key); after the mix the -wal has been emptied,
    so no frame lists the answers in the order they came."""
    from tests.raw_files import file_database, steal

    settings.VOICE_MIX_BATCH = 10
    mixing_services.forget_count()
    with file_database(tmp_path) as path:
        survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
        words = [f"{SECRET_WORDS}, says person {n}".encode() for n in range(4)]
        for said in words:
            person = CustodyEpisodeFactory(establishment=survey.about).person
            token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
            services.response_submit(
                survey_id=survey.pk,
                version_number=1,
                answers={"overall": "good", "food": "yes", "overall_why": said.decode()},
                submission_id=str(uuid.uuid4()),
                channel=Channel.KIOSK,
                token=token,
            )
        waiting = steal(path, tmp_path / "waiting")
        assert waiting.wal, "the scenario should leave frames in the -wal to steal"
        for said in words:
            assert not waiting.holds(said), f"a sealed answer is readable in the {waiting.holds(said)} file"
            assert not waiting.holds(said[:20])
        sealed = waiting.rows(f"SELECT * FROM {SealedResponse._meta.db_table} ORDER BY rowid")  # noqa: S608 - fixed name
        assert len(sealed) == 4 and not any(SECRET_WORDS.encode() in str(row).encode() for row in sealed)

        assert mixing_services.responses_mix() == 4
        mixed = steal(path, tmp_path / "mixed")
        assert not any(said in frame for frame in mixed.frames() for said in words), "the -wal orders the answers"
        assert len(mixed.wal) == 0, "the -wal was not emptied after the mix"
        assert all(mixed.holds(said) == ["main"] for said in words)  # the mixed answers, in the results
