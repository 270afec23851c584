"""Survey definitions and answers (voice/definition.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voice import definition
from voice.definition import AnswersError, DefinitionError
from voice.tests.helpers import CHOICE_QUESTIONS

CLEAN = definition.definition_clean({"questions": CHOICE_QUESTIONS})


def test_the_standard_questions_make_a_valid_survey_with_built_in_words():
    cleaned = definition.definition_clean({"questions": definition.standard_questions()})
    questions = definition.questions_in(cleaned, language="en")
    assert questions[0].text == "Overall, how was your experience of our service?"
    assert [o.value for o in questions[0].options] == [
        "very_good",
        "good",
        "neither",
        "poor",
        "very_poor",
        "dont_know",
    ]
    assert questions[0].options[0].face


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ([], "at least one question"),
        ([{"id": "Q1", "type": "text", "text": "Hi"}], "small letter"),
        ([{"id": "q1", "type": "essay", "text": "Hi"}], "question type"),
        ([{"id": "q1", "type": "text"}], "English text"),
        ([{"id": "q1", "type": "single", "text": "Hi", "options": [{"value": "a", "text": "A"}]}], "two options"),
        (
            [
                {
                    "id": "q1",
                    "type": "single",
                    "text": "Hi",
                    "options": [{"value": "a", "text": "A"}, {"value": "a", "text": "B"}],
                }
            ],
            "its own value",
        ),
        ([{"id": "q1", "type": "text", "text": "A"}, {"id": "q1", "type": "text", "text": "B"}], "used twice"),
        ([{"id": "q1", "type": "number", "text": "A", "min": 5, "max": 1}], "larger than"),
        ([{"id": "q1", "type": "text", "text": "A", "show_if": {"question": "q2", "in": ["x"]}}], "earlier question"),
        (
            [
                {"id": "q1", "type": "text", "text": "A"},
                {"id": "q2", "type": "text", "text": "B", "show_if": {"question": "q1", "in": ["x"]}},
            ],
            "earlier choice question",
        ),
    ],
)
def test_bad_definitions_are_refused_with_a_reason(questions, message):
    with pytest.raises(DefinitionError) as raised:
        definition.definition_clean({"questions": questions})
    assert message in raised.value.messages[0]


def test_languages_are_those_every_question_has():
    assert definition.languages(CLEAN) == ["en", "cy"]
    english_only = definition.definition_clean({"questions": [{"id": "q", "type": "text", "text": "Hi"}]})
    assert definition.languages(english_only) == ["en"]


def test_welsh_words_and_easy_read_words():
    questions = definition.questions_in(CLEAN, language="cy")
    food = questions[2]
    assert food.text == "Ydych chi'n cael digon i'w fwyta?"
    assert [o.text for o in food.options] == ["Ydw", "Nac ydw"]
    assert definition.questions_in(CLEAN, language="en")[2].words == "Do you get enough food?"


def test_skip_logic_shows_a_question_only_after_the_matching_answer():
    follow_up = CLEAN["questions"][3]
    assert not definition.shown(follow_up, {"food": "yes"})
    assert definition.shown(follow_up, {"food": "no"})
    assert definition.answers_clean(CLEAN, {"overall": "good", "food": "no", "food_why": " More bread "}) == {
        "overall": "good",
        "food": "no",
        "food_why": "More bread",
    }


def test_numbers_dates_and_multiple_choice():
    cleaned = definition.definition_clean(
        {
            "questions": [
                {"id": "visits", "type": "number", "text": "Visits", "min": 0, "max": 31, "required": True},
                {"id": "when", "type": "date", "text": "When"},
                {
                    "id": "help",
                    "type": "multiple",
                    "text": "Help",
                    "options": [{"value": "a", "text": "A"}, {"value": "b", "text": "B"}],
                },
            ]
        }
    )
    assert definition.answers_clean(cleaned, {"visits": "3", "when": "2026-11-02", "help": ["b", "a", "b"]}) == {
        "visits": 3,
        "when": "2026-11-02",
        "help": ["a", "b"],
    }
    for bad in ({"visits": "many"}, {"visits": 40}, {"visits": 1, "when": "2026-13-40"}, {"visits": True}):
        with pytest.raises(AnswersError):
            definition.answers_clean(cleaned, bad)


@given(
    st.dictionaries(
        st.text(max_size=8), st.one_of(st.none(), st.text(max_size=20), st.integers(), st.lists(st.text(max_size=5)))
    )
)
def test_any_answers_are_either_refused_or_cleaned_to_the_questions(raw):
    try:
        cleaned = definition.answers_clean(CLEAN, raw)
    except AnswersError:
        return
    assert set(cleaned) <= {q["id"] for q in CLEAN["questions"]}
    assert "overall" in cleaned and "food" in cleaned
