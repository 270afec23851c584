"""Redaction of identifiers and of people named by a title or a role (insight/redaction.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insight.redaction import redact
from insight.tests.helpers import run_text_command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my number is A1234BC", "my number is [PRISON NUMBER]"),
        ("my number is a 1234 bc", "my number is [PRISON NUMBER]"),
        ("my CRN is X123456 ok", "my CRN is [CASE REFERENCE] ok"),
        ("PNC 2002/0073319Z", "PNC [PNC NUMBER]"),
        ("CRO 123456/08L", "CRO [CRO NUMBER]"),
        ("NI number AB 12 34 56 C", "NI number [NI NUMBER]"),
        ("ring my mum on 07700 900123 please", "ring my mum on [PHONE] please"),
        ("or +44 20 7946 0018", "or [PHONE]"),
        ("email me at dave.b@example.com thanks", "email me at [EMAIL] thanks"),
        ("I live at CF10 1AA now", "I live at [POSTCODE] now"),
        ("born on 12/03/1985 in Cardiff", "born on [DATE OF BIRTH] in Cardiff"),
        ("DOB: 3rd March 1990", "DOB: [DATE OF BIRTH]"),
        ("Officer John Smith hit me", "[STAFF MEMBER] hit me"),
        ("officer dale said no", "[STAFF MEMBER] said no"),
        ("Guv Harris helped me", "[STAFF MEMBER] helped me"),
        ("Miss Rees booked my visit", "[STAFF MEMBER] booked my visit"),
        ("Mr Pryce on the servery is fair", "[NAME] on the servery is fair"),
        ("my pad mate Dave keeps taking my canteen", "my pad mate [NAME] keeps taking my canteen"),
        ("my cellmate kev is kind", "my cellmate [NAME] is kind"),
    ],
)
def test_each_kind_is_replaced_by_a_readable_placeholder(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the officer on the wing was rude",
        "Miss was rude to me at the servery",
        "my brother kept calling the wrong number",
        "visits on 12/03 were cancelled",
        "I owe 150 pounds and 20 pence",
        "the 2024/25 year was hard",
        "room 1234 on the 2s",
        "A1234 is not a prison number",
    ],
)
def test_ordinary_words_and_numbers_are_left_alone(text):
    assert redact(text).text == text


def test_offsets_point_into_the_original_line():
    text = "Officer Dale took A1234BC's letter, ring 07700 900123"
    found = redact(text)
    assert [(e.type, text[e.start : e.end]) for e in found.entities] == [
        ("STAFF", "Officer Dale"),
        ("PRISON_NUMBER", "A1234BC"),
        ("PHONE", "07700 900123"),
    ]


def test_a_pnc_or_cro_with_a_wrong_check_letter_is_still_redacted():
    # A copying slip in the check letter still names someone.
    assert redact("PNC 2002/0073319A").text == "PNC [PNC NUMBER]"


@given(st.text(max_size=300))
def test_any_text_redacts_without_a_crash_and_spans_do_not_overlap(text):
    found = redact(text)
    ends = [0]
    for entity in found.entities:
        assert 0 <= entity.start < entity.end <= len(text) and entity.start >= ends[-1]
        ends.append(entity.end)


def test_the_command_writes_text_and_entities_per_line():
    rows = run_text_command("redact", "Officer Dale has A1234BC\n\nnothing here\n")
    assert rows == [
        {
            "text": "[STAFF MEMBER] has [PRISON NUMBER]",
            "entities": [{"type": "STAFF", "start": 0, "end": 12}, {"type": "PRISON_NUMBER", "start": 17, "end": 24}],
        },
        {"text": "", "entities": []},
        {"text": "nothing here", "entities": []},
    ]
