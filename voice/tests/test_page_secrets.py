"""The survey pages, attacked as someone who sees them or reads the access log (issue 15, breaks 3
and 4; THREAT-MODEL.md: "the next person at a shared kiosk or browser" and "someone reading the
server and access logs").

Break 3: the survey without JavaScript carried its state in a hidden field that was signed, not
encrypted: base64-decoded, it held the pass and the person's id, on every page, ticked or not.
Break 4: each page grew with what was written, and the kiosk API's reply was a byte shorter when
the answers went to the safer custody team, so an access log's sizes pointed at the answers."""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import re
import uuid
import zlib

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import CustodyEpisodeFactory
from voice import services
from voice.constants import Channel, Eligibility
from voice.models import Response, SafeguardingAlert, SealedResponse
from voice.tests.helpers import published_survey
from voice.views import page_seal
from voice.views.kiosk_names import name_offer_for
from voice.views.kiosk_survey import STATE_SALT, page_size

pytestmark = pytest.mark.django_db

SECRET_WORDS = "the officer on the night shift takes our canteen"
SELF_HARM = "I want to kill myself"


def hidden(page, name: str) -> str | None:
    found = re.search(rf'name="{name}" value="([^"]*)"', page.content.decode())
    return found.group(1) if found else None


def form_of(page) -> dict[str, str]:
    """Every hidden field of the page's form, as a browser sends them."""
    return {
        name: value
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.content.decode())
        if name != "csrfmiddlewaretoken"
    }


def size(response) -> int:
    return int(response["Content-Length"]) if response.has_header("Content-Length") else len(response.content)


def attacker_decodings(value: str) -> list[bytes]:
    """Everything an attacker gets from a hidden value without the server's key: each part
    base64-decoded (standard and URL-safe), and inflated where it is compressed, as Django's
    signing writes it (`.`-prefixed zlib before the first colon)."""
    found: list[bytes] = [value.encode()]
    for part in [value, *value.split(":")]:
        body = part[1:] if part.startswith(".") else part
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            try:
                raw = decode(body + "=" * (-len(body) % 4))
            except (binascii.Error, ValueError):
                continue
            found.append(raw)
            with contextlib.suppress(zlib.error):
                found.append(zlib.decompress(raw))
    return found


def readable(value: str, clue: str) -> bool:
    return any(clue.encode() in raw for raw in attacker_decodings(value))


def readable_json(value: str) -> bool:
    for raw in attacker_decodings(value):
        try:
            json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            continue
        return True
    return False


@pytest.fixture
def survey():
    return published_survey(eligibility=Eligibility.ONE_PER_PERSON)


@pytest.fixture
def person(survey):
    return CustodyEpisodeFactory(establishment=survey.about).person


URL = "voice:survey-answer"
CHECK_SCREEN = 'name="go" value="submit"'  # the check screen's button, in any language


def walk(client, survey, *, token, name_offer=None, why=SECRET_WORDS, food="yes", language="en"):
    """Begin and answer the whole survey without JavaScript as a browser does (sending every
    hidden field back), collecting every page on the way to the check screen."""
    url = reverse(URL, args=[survey.pk])
    data = {"go": "begin", "channel": "kiosk", "at": survey.about_id, "language": language, "pass": token}
    if name_offer:
        data["name_offer"] = name_offer
    pages = [client.post(url, data)]
    for go, answer in (("start", None), ("next", "poor"), ("next", why), ("next", food)):
        data = {**form_of(pages[-1]), "go": go}
        if answer is not None:
            data["answer"] = answer
        pages.append(client.post(url, data))
        assert pages[-1].status_code == 200, pages[-1].content.decode()[:300]
    if food == "no":
        pages.append(client.post(url, {**form_of(pages[-1]), "go": "next", "answer": why}))
    assert CHECK_SCREEN in pages[-1].content.decode()
    return pages


# Break 3: the state and the name offer, read as the next person at the kiosk would.


def test_no_hidden_field_of_any_page_gives_away_the_person_the_pass_or_the_answers(client, survey, person):
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    offer = name_offer_for(person.pk)
    pages = walk(client, survey, token=token, name_offer=offer)
    for page in pages:
        for name, value in form_of(page).items():
            assert not readable_json(value), f"{name} decodes to JSON"
            for clue in (token, SECRET_WORDS, person.prison_number, f'"n":{person.pk}', f'"n": {person.pk}'):
                assert not readable(value, clue), f"{name} gives away {clue!r}"
    # The start page's offer itself (sent by the person's own view) does not name them either.
    assert not readable_json(offer) and not readable(offer, person.prison_number)


def test_the_state_holds_no_one_even_to_the_server_and_the_offer_is_opened_only_when_ticked(
    client, survey, person, monkeypatch
):
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    check = walk(client, survey, token=token, name_offer=name_offer_for(person.pk))[-1]
    state = page_seal.unseal(STATE_SALT, hidden(check, "state"), scope=survey.pk, max_age=60)
    assert set(state) == {"s", "c", "o", "l", "e", "a", "id", "p", "at", "v"}  # no "n": no one
    assert hidden(check, "name_offer")  # carried apart, to be ticked

    def never(offer):
        raise AssertionError("an unticked offer was opened")

    monkeypatch.setattr("voice.views.kiosk_survey.named_person_from", never)
    thanks = client.post(reverse(URL, args=[survey.pk]), {**form_of(check), "go": "submit"})
    assert thanks.status_code == 200
    assert Response.objects.count() + SealedResponse.objects.count() == 1
    assert not Response.objects.filter(named_person__isnull=False).exists()


def test_ticked_the_offer_names_the_person(client, survey, person):
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    check = walk(client, survey, token=token, name_offer=name_offer_for(person.pk))[-1]
    thanks = client.post(reverse(URL, args=[survey.pk]), {**form_of(check), "go": "submit", "named": "yes"})
    assert thanks.status_code == 200
    assert Response.objects.get().named_person_id == person.pk


@pytest.mark.parametrize(
    "tamper",
    [
        lambda value: value[:-4] + ("AAAA" if not value.endswith("AAAA") else "BBBB"),  # a changed byte
        lambda value: value[:20] + value[40:],  # cut
        lambda value: "",  # gone
        lambda value: base64.urlsafe_b64encode(b'{"s": 1, "a": {}}').decode(),  # forged in the clear
    ],
)
def test_a_changed_state_is_refused_with_a_clear_message_and_nothing_stored(client, survey, person, tamper):
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    check = walk(client, survey, token=token)[-1]
    data = {**form_of(check), "go": "submit"}
    data["state"] = tamper(data["state"])
    refused = client.post(reverse(URL, args=[survey.pk]), data)
    assert refused.status_code == 400
    assert "Your answers could not be read" in refused.content.decode()
    assert Response.objects.count() + SealedResponse.objects.count() == 0


def test_a_state_from_another_survey_or_the_old_signed_format_is_refused(client, survey, person):
    from django.core import signing

    other = published_survey(lead=None, eligibility=Eligibility.OPEN)
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    check = walk(client, survey, token=token)[-1]
    moved = client.post(reverse(URL, args=[other.pk]), {**form_of(check), "go": "submit"})
    assert moved.status_code == 400
    old = signing.dumps({"s": survey.pk, "a": {}, "at": "check"}, salt=STATE_SALT, compress=True)
    assert client.post(reverse(URL, args=[survey.pk]), {"go": "next", "state": old}).status_code == 400
    assert Response.objects.count() + SealedResponse.objects.count() == 0


# Break 4: sizes, read from the access log.


def sizes_of_a_whole_survey(survey, *, why, food="yes", language="en"):
    client = Client()
    person = CustodyEpisodeFactory(establishment=survey.about).person
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    pages = walk(
        client, survey, token=token, name_offer=name_offer_for(person.pk), why=why, food=food, language=language
    )
    url = reverse(URL, args=[survey.pk])
    # Back to the free text (the page shows it again), forward, and send.
    back = client.post(url, {**form_of(pages[-1]), "go": "change:overall_why"})
    pages.append(back)
    pages.append(client.post(url, {**form_of(back), "go": "next", "answer": why}))
    pages.append(client.post(url, {**form_of(pages[1]), "go": "next", "answer": ""}))  # an error page
    check = pages[-2]
    for _ in range(5):
        if CHECK_SCREEN in check.content.decode():
            break
        check = client.post(url, {**form_of(check), "go": "next", "answer": "yes"})
    pages.append(client.post(url, {**form_of(check), "go": "submit"}))
    assert pages[-1].status_code == 200 and "data-voice-finish" in pages[-1].content.decode()
    return [(page.status_code, size(page)) for page in pages]


def test_every_page_is_one_size_whatever_was_written_or_sent_to_safer_custody():
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    version = survey.versions.get()
    answers = [
        "ok",
        SECRET_WORDS,
        SELF_HARM,
        "x" * 2000,
        '"' * 2000,  # the widest escaping in the page
        "\U0001f600" * 2000,  # the widest characters
        "\x01" * 2000,  # the widest in the state's JSON
    ]
    seen = {why: sizes_of_a_whole_survey(survey, why=why) for why in answers}
    first = seen["ok"]
    for why, sizes in seen.items():
        assert sizes == first, why[:20]
        assert {s for _, s in sizes} == {page_size(version)}
    # Another branch of the skip logic (one more question) has pages of the same size too.
    assert {s for _, s in sizes_of_a_whole_survey(survey, why=SECRET_WORDS, food="no")} == {page_size(version)}
    # And in Welsh, whose words are longer.
    assert {s for _, s in sizes_of_a_whole_survey(survey, why='"' * 2000, language="cy")} == {page_size(version)}
    assert SafeguardingAlert.objects.count() == 1  # the self-harm words did go to safer custody


def api_reply(client, survey, why):
    body = {
        "survey_id": survey.pk,
        "version": 1,
        "answers": {"overall": "poor", "overall_why": why, "food": "yes"},
        "submission_id": str(uuid.uuid4()),
        "channel": Channel.KIOSK,
        "organisation_id": survey.about_id,
    }
    url = reverse("voice:api-responses")
    stored = client.post(url, json.dumps(body), content_type="application/json")
    replayed = client.post(url, json.dumps(body), content_type="application/json")
    return stored, replayed


def test_the_kiosk_apis_replies_are_one_length_whatever_was_screened(client):
    survey = published_survey()
    replies = {
        why: api_reply(client, survey, why)
        for why in ("ok", SECRET_WORDS * 10, SELF_HARM, "I want to complain about an officer who hit me")
    }
    assert replies[SELF_HARM][0].json()["routed_to_safer_custody"] is True
    assert replies["ok"][0].json()["routed_to_safer_custody"] is False
    lengths = {size(reply) for pair in replies.values() for reply in pair}
    assert len(lengths) == 1, lengths
    # Refusals are that length too (which refusal is not what anyone wrote, but costs nothing).
    malformed = client.post(reverse("voice:api-responses"), "{", content_type="application/json")
    assert malformed.status_code == 400 and size(malformed) in lengths
