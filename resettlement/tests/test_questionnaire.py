import json

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from organisations.constants import Pathway
from resettlement import questionnaire as q
from resettlement.constants import AnswerStatus

SCREENING = q.latest("reception_screening")


def answered(value):
    return q.Answer(status=AnswerStatus.ANSWERED, value=value)


def test_the_reception_screening_covers_every_pathway():
    assert {s.pathway for s in SCREENING.sections} == set(Pathway.values)


def test_every_required_question_must_be_answered_or_explained():
    question = SCREENING.question("finance_bank_account")
    with pytest.raises(ValidationError, match="^\\['Select whether they have a bank account'\\]$"):
        q.clean_answer(question, status="", value="")
    with pytest.raises(ValidationError, match="Say why"):
        q.clean_answer(question, status=AnswerStatus.DECLINED, reason="  ")
    declined = q.clean_answer(question, status=AnswerStatus.DECLINED, reason="Did not want to talk about money")
    assert declined == q.Answer(status=AnswerStatus.DECLINED, reason="Did not want to talk about money")
    assert q.clean_answer(question, status="", value="no") == answered("no")


def test_an_option_that_is_not_in_the_question_is_refused():
    with pytest.raises(ValidationError, match="Choose an answer from the list"):
        q.clean_answer(SCREENING.question("finance_bank_account"), status="", value="maybe")


def test_an_optional_text_question_may_be_left_empty():
    assert q.clean_answer(SCREENING.question("health_notes"), status="", value="  ") is None


def test_skip_logic_shows_follow_up_questions_only_when_they_apply():
    follow_up = SCREENING.question("accommodation_tenancy_at_risk")
    assert not q.is_visible(follow_up, {})
    assert not q.is_visible(follow_up, {"accommodation_before": answered("homeless")})
    assert q.is_visible(follow_up, {"accommodation_before": answered("settled")})
    declined = q.Answer(status=AnswerStatus.DECLINED, reason="x")
    assert not q.is_visible(follow_up, {"accommodation_before": declined})


def _complete(values):
    return {qid: answered(value) for qid, value in values.items()}


ALL_FINE = {
    "accommodation_before": "settled",
    "accommodation_tenancy_at_risk": "no",
    "attitudes_support_wanted": "no",
    "family_dependants": "no",
    "family_contact_wanted": "no",
    "drugs_alcohol_problem": "no",
    "work_before": "yes",
    "work_job_to_return": "yes",
    "finance_id_documents": "yes",
    "finance_bank_account": "yes",
    "finance_debts": "no",
    "health_gp_registered": "yes",
    "health_mental_health_support": "no",
}


def test_a_complete_screening_has_nothing_unanswered_and_identifies_no_needs():
    answers = _complete(ALL_FINE)
    assert q.unanswered(SCREENING, answers) == []
    assert q.identified_needs(SCREENING, answers) == []


def test_unanswered_lists_required_questions_that_apply():
    answers = _complete({k: v for k, v in ALL_FINE.items() if k != "finance_debts"})
    assert [x.id for x in q.unanswered(SCREENING, answers)] == ["finance_debts"]
    # A follow-up that does not apply is not required.
    answers = _complete({**ALL_FINE, "accommodation_before": "homeless"})
    del answers["accommodation_tenancy_at_risk"]
    assert q.unanswered(SCREENING, answers) == []


def test_needs_are_identified_from_the_answers_that_apply():
    answers = _complete({**ALL_FINE, "accommodation_before": "homeless", "finance_bank_account": "no"})
    # accommodation_tenancy_at_risk no longer applies, so its stale answer identifies nothing
    needs = q.identified_needs(SCREENING, answers)
    assert [(n.pathway, n.need) for n in needs] == [
        (Pathway.ACCOMMODATION, "Needs somewhere settled to live on release"),
        (Pathway.FINANCE_ID, "Needs a bank account before release"),
    ]


@given(st.dictionaries(st.sampled_from([x.id for x in SCREENING.questions if x.options]), st.just(None)))
def test_unanswered_and_needs_never_overlap_on_any_mix_of_answers(keys):
    answers = {}
    for qid in keys:
        question = SCREENING.question(qid)
        answers[qid] = answered(question.options[0].value)
    missing = {x.id for x in q.unanswered(SCREENING, answers)}
    assert missing.isdisjoint(answers)
    assert all(x.id in answers for x in q.identified_needs(SCREENING, answers))


def _write(tmp_path, version, sections):
    folder = tmp_path / "demo"
    folder.mkdir(exist_ok=True)
    (folder / f"{version}.json").write_text(
        json.dumps({"key": "demo", "version": version, "title": "Demo", "sections": sections})
    )


def _section(questions, pathway="health"):
    return [{"id": "s", "pathway": pathway, "title": "S", "questions": questions}]


YES_NO = [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]


@pytest.mark.parametrize(
    ("questions", "pathway", "message"),
    [
        ([{"id": "a", "type": "single", "text": "A", "options": YES_NO}], "gardening", "unknown pathway"),
        ([{"id": "a", "type": "slider", "text": "A"}], "health", "unknown type"),
        ([{"id": "a", "type": "single", "text": "A"}], "health", "no options"),
        (
            [{"id": "a", "type": "single", "text": "A", "options": YES_NO, "need_when": ["maybe"], "need": "N"}],
            "health",
            "need_when",
        ),
        (
            [
                {
                    "id": "a",
                    "type": "single",
                    "text": "A",
                    "options": YES_NO,
                    "show_if": {"question": "b", "in": ["yes"]},
                }
            ],
            "health",
            "asked before",
        ),
        (
            [{"id": "a", "type": "single", "text": "A", "options": YES_NO}, {"id": "a", "type": "text", "text": "B"}],
            "health",
            "twice",
        ),
        (
            [{"id": "a", "type": "single", "text": "A", "options": [{"value": "declined", "label": "D"}]}],
            "health",
            "may not be called",
        ),
    ],
)
def test_configuration_faults_are_found_when_loading(tmp_path, questions, pathway, message):
    _write(tmp_path, 1, _section(questions, pathway))
    with pytest.raises(q.QuestionnaireError, match=message):
        q.load("demo", 1, config_dir=tmp_path)


def test_a_new_version_never_changes_how_old_answers_are_read(tmp_path):
    _write(
        tmp_path,
        1,
        _section(
            [
                {
                    "id": "a",
                    "type": "single",
                    "text": "Old wording",
                    "required": True,
                    "options": YES_NO,
                    "error": "Select yes or no",
                }
            ]
        ),
    )
    _write(tmp_path, 2, _section([{"id": "b", "type": "text", "text": "New question", "required": True}]))
    assert q.latest("demo", config_dir=tmp_path).version == 2
    old = q.load("demo", 1, config_dir=tmp_path)
    assert old.question("a").text == "Old wording"
    assert q.unanswered(old, {"a": answered("yes")}) == []
