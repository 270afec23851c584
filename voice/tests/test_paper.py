"""Paper surveys: the printable PDF (voice/paper.py) and the data-entry screen (voice/views/paper.py)."""

from __future__ import annotations

import copy
import ctypes
import re
import uuid
from pathlib import Path

import pypdfium2
import pytest
from django.urls import reverse
from django.utils.translation import override
from markupsafe import escape

from accounts.constants import Role
from audit.models import Event
from tests.factories import DeliveryUnitFactory, UserFactory
from voice import paper
from voice.constants import Channel
from voice.definition import FFT_TEXT
from voice.models import Response, SafeguardingAlert
from voice.selectors import version_current
from voice.services import survey_questions_save
from voice.tests.helpers import CHOICE_QUESTIONS, involvement_lead, published_survey

pytestmark = pytest.mark.django_db

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
MULTI_QUESTIONS = [
    *CHOICE_QUESTIONS,
    {
        "id": "help",
        "type": "multiple",
        "text": {"en": "What help did you get?", "cy": "Pa help gawsoch chi?"},
        "easy_read": {"en": "What help did you get?"},
        "options": [
            {"value": "housing", "text": {"en": "Housing", "cy": "Tai"}, "easy_read": {"en": "A place to live"}},
            {"value": "work", "text": {"en": "Work", "cy": "Gwaith"}, "easy_read": {"en": "A job"}},
        ],
    },
    {"id": "visits", "type": "number", "min": 0, "max": 50, "text": {"en": "How many visits?", "cy": "Sawl ymweliad?"}},
]


def pdf_text(pdf: bytes) -> tuple[int, str]:
    document = pypdfium2.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    # Lines wrap where the page ends: compare words, not line breaks.
    return len(document), re.sub(r"\s+", " ", text)


@pytest.fixture
def survey():
    return published_survey(questions=MULTI_QUESTIONS)


# --- the PDF --------------------------------------------------------------------------------------


def test_pdf_has_every_question_and_option_in_english_and_a_png_of_page_one(survey):
    version = version_current(survey)
    pdf = paper.survey_pdf(survey=survey, version=version, language="en")
    assert pdf.startswith(b"%PDF")
    pages, text = pdf_text(pdf)
    assert pages >= 1
    for words in (
        "Life on the wing",
        "Your answers are private",
        "You do not need to write your name",
        "Question 1",
        "Overall, how was your experience of our service?",
        "Very good",
        "Very poor",
        "Don't know",
        "Please tell us why you gave that answer.",
        "Do you get enough to eat?",
        "What would make it better?",
        "What help did you get?",
        "Housing",
        "Work",
        "Tick all that apply.",
        "How many visits?",
        "From 0 to 50.",
    ):
        assert words in text, words
    # Skip logic in words, on both questions it concerns.
    assert "If you answered “Yes”, go to question 5." in text
    assert "Answer this question only if you answered “No” to question 3." in text
    # The page as it prints, for the closing note.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=1.5).to_pil()
    image.save(SCREENSHOTS / "voice-paper-page1.png")
    assert image.width > 800


def test_pdf_is_tagged_pdf_ua_with_its_language_and_title(survey):
    pdf = paper.survey_pdf(survey=survey, version=version_current(survey), language="cy")
    document = pypdfium2.PdfDocument(pdf)
    assert pypdfium2.raw.FPDFCatalog_IsTagged(document.raw)  # the structure a screen reader follows
    size = pypdfium2.raw.FPDFCatalog_GetLanguage(document.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    pypdfium2.raw.FPDFCatalog_GetLanguage(document.raw, buffer, size)
    assert bytes(buffer).decode("utf-16-le").rstrip("\x00") == "cy"
    assert document.get_metadata_dict()["Title"] == "Life on the wing"
    first = document[0]
    tree = pypdfium2.raw.FPDF_StructTree_GetForPage(first.raw)
    try:
        assert pypdfium2.raw.FPDF_StructTree_CountChildren(tree) > 0
    finally:
        pypdfium2.raw.FPDF_StructTree_Close(tree)
    html = paper.survey_html(survey=survey, version=version_current(survey), language="cy", easy_read=False)
    assert '<html lang="cy">' in html
    assert "font-size: 14pt" in html
    assert "<title>Life on the wing</title>" in html


def test_pdf_in_welsh_uses_the_welsh_words_and_marks_untranslated_built_in_words_as_english(survey):
    version = version_current(survey)
    _, text = pdf_text(paper.survey_pdf(survey=survey, version=version, language="cy"))
    welsh = ("Ydych chi'n cael digon i'w fwyta?", "Ydw", "Nac ydw", "Beth fyddai'n ei wella?", "Pa help gawsoch chi?")
    for words in (*welsh, "Tai", "Gwaith", "Sawl ymweliad?"):
        assert words in text, words
    assert "Do you get enough to eat?" not in text
    html = paper.survey_html(survey=survey, version=version, language="cy", easy_read=False)
    # The overall-experience question's words come from the service's catalogue: until it has
    # Welsh, the English words are marked as English.
    with override("cy"):
        built_in = str(escape(FFT_TEXT))
    if built_in == "Overall, how was your experience of our service?":
        assert f'<span lang="en">{built_in}</span>' in html
    else:
        assert built_in in html and f'<span lang="en">{built_in}' not in html


def test_pdf_easy_read_uses_the_easy_read_words_and_bigger_type(survey):
    version = version_current(survey)
    _, text = pdf_text(paper.survey_pdf(survey=survey, version=version, easy_read=True))
    for words in ("Was our service good or bad for you?", "Do you get enough food?", "A place to live", "A job",
                  "Do not write your name."):  # fmt: skip
        assert words in text, words
    assert "Do you get enough to eat?" not in text
    html = paper.survey_html(survey=survey, version=version, language="en", easy_read=True)
    assert "font-size: 16pt" in html


def test_skip_instructions_say_where_to_go_and_when_the_form_ends():
    questions = paper.paper_questions(
        {
            "questions": [
                {"id": "a", "type": "single", "required": True, "text": {"en": "A?"}, "easy_read": {},
                 "options": [{"value": "yes", "text": {"en": "Yes"}, "easy_read": {}},
                             {"value": "no", "text": {"en": "No"}, "easy_read": {}}]},
                {"id": "b", "type": "text", "required": False, "text": {"en": "B?"}, "easy_read": {},
                 "show_if": {"question": "a", "in": ["yes"]}},
                {"id": "c", "type": "text", "required": False, "text": {"en": "C?"}, "easy_read": {},
                 "show_if": {"question": "a", "in": ["yes"]}},
            ]
        },
        language="en",
        easy_read=False,
    )  # fmt: skip
    assert questions[0].go_to == (
        "If you answered “Yes”, go to question 2.",
        "If you answered “No”, you have finished: there are no more questions.",
    )
    assert questions[1].only_if == "Answer this question only if you answered “Yes” to question 1."
    assert questions[1].go_to == ()


def test_pdf_view_serves_the_chosen_language_and_refuses_one_it_is_not_written_in(client, survey):
    client.force_login(survey.created_by)
    url = reverse("voice:survey-pdf", args=[survey.pk])
    response = client.get(url, {"lang": "cy", "easy_read": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "-cy-easy-read.pdf" in response["Content-Disposition"]
    assert client.get(url, {"lang": "fr"}).status_code == 404
    assert client.get(url, {"version": "9"}).status_code == 404


def test_pdf_of_an_earlier_version_prints_that_version(client, survey):
    lead = survey.created_by
    questions = copy.deepcopy(MULTI_QUESTIONS)  # never the shared dicts of voice.tests.helpers
    questions[2] = {**questions[2], "text": {"en": "Is the food hot?"}}
    questions[3] = {**questions[3], "text": {"en": "What would make it better?"}}
    questions[4] = {**questions[4], "text": {"en": "What help did you get?"}}
    questions[5] = {**questions[5], "text": {"en": "How many visits?"}}
    for q in questions[2:]:
        for o in q.get("options", []):
            o["text"] = {"en": o["text"]["en"]}
    survey_questions_save(acting_user=lead, survey_id=survey.pk, questions=questions, based_on=1)
    from voice.services import survey_publish

    survey_publish(acting_user=lead, survey_id=survey.pk)
    client.force_login(lead)
    url = reverse("voice:survey-pdf", args=[survey.pk])
    assert "Is the food hot?" in pdf_text(client.get(url).content)[1]
    assert "Do you get enough to eat?" in pdf_text(client.get(url, {"version": "1"}).content)[1]


# --- data entry -----------------------------------------------------------------------------------


def entry(survey, **answers):
    data = {
        "submission_id": str(uuid.uuid4()),
        "version": "1",
        "language": "en",
        "q_overall": "good",
        "q_overall_why": "The library is open more",
        "q_food": "yes",
        "q_help": ["housing", "work"],
        "q_visits": "3",
    }
    data.update(answers)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_enter_a_paper_response_with_entered_by_recorded(client, survey):
    lead = survey.created_by
    client.force_login(lead)
    url = reverse("voice:paper-entry", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'autofocus="autofocus"' in page.content.decode()
    response = client.post(url, entry(survey))
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == Channel.PAPER
    assert stored.entered_by == lead
    assert stored.answers == {
        "overall": "good",
        "overall_why": "The library is open more",
        "food": "yes",
        "help": ["housing", "work"],
        "visits": 3,
    }
    assert stored.organisation_id == lead.organisation_id
    assert Event.objects.filter(record_type="survey_paper_response", actor=lead).exists()
    # Back to a fresh, empty form with the focus on its first field, and the count so far.
    again = client.get(response["Location"]).content.decode()
    assert "Response 1 entered." in again
    assert 'autofocus="autofocus"' in again
    assert "checked" not in again.split('name="q_overall"')[1].split(">")[0]
    client.post(url, entry(survey))
    assert "Response 2 entered." in client.get(response["Location"]).content.decode()


def test_the_same_paper_form_sent_twice_is_stored_once(client, survey):
    client.force_login(survey.created_by)
    url = reverse("voice:paper-entry", args=[survey.pk])
    data = entry(survey)
    client.post(url, data)
    second = client.post(url, data, follow=True)
    assert Response.objects.count() == 1
    assert "This form had already been entered, so it was not stored again." in second.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"q_overall": None}, "Answer question 1"),
        ({"q_overall": "brilliant"}, "Question 1: choose one of the answers"),
        ({"q_food": "yes", "q_food_why": "More of it"}, "Question 4 was to be skipped after the answer to question 3"),
        ({"q_visits": "lots"}, "Question 6: enter a number"),
        ({"q_visits": "80"}, "Ensure this value is less than or equal to 50"),
        ({"q_help": ["cake"]}, "Question 5: choose from the answers"),
        ({"submission_id": "not-a-uuid"}, "This form could not be read"),
    ],
)
def test_bad_input_is_refused_with_a_message_kept_and_nothing_stored(client, survey, change, message):
    client.force_login(survey.created_by)
    data = entry(survey, **change)
    response = client.post(reverse("voice:paper-entry", args=[survey.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body  # the GOV.UK error summary
    assert message in body
    assert "The library is open more" in body  # what was typed is kept
    assert Response.objects.count() == 0


def test_a_closed_survey_takes_no_more_paper(client, survey):
    from voice.services import survey_close

    survey_close(acting_user=survey.created_by, survey_id=survey.pk)
    client.force_login(survey.created_by)
    url = reverse("voice:paper-entry", args=[survey.pk])
    assert "This survey has closed" in client.get(url).content.decode()
    response = client.post(url, entry(survey))
    assert "This survey has closed" in response.content.decode()
    assert Response.objects.count() == 0


def test_words_about_harm_tell_the_member_of_staff_they_went_to_safer_custody(client, survey):
    client.force_login(survey.created_by)
    url = reverse("voice:paper-entry", args=[survey.pk])
    response = client.post(url, entry(survey, q_overall_why="Some days I want to end it all"), follow=True)
    assert "sent to the safer custody team" in response.content.decode()
    assert SafeguardingAlert.objects.count() == 1


def test_a_survey_about_no_service_asks_which_service_the_form_is_about(client):
    lead = involvement_lead()
    from voice.services import survey_create, survey_publish

    survey = survey_create(acting_user=lead, title="Anywhere", audience="in_custody", eligibility="open")
    survey_publish(acting_user=lead, survey_id=survey.pk)
    client.force_login(lead)
    url = reverse("voice:paper-entry", args=[survey.pk])
    other = DeliveryUnitFactory()
    response = client.post(
        url, {"submission_id": str(uuid.uuid4()), "version": "1", "q_overall": "poor", "organisation": ""}
    )
    assert "Select the service the form is about" in response.content.decode()
    assert Response.objects.count() == 0
    data = {"submission_id": str(uuid.uuid4()), "version": "1", "q_overall": "poor", "organisation": other.pk}
    client.post(url, data)
    assert Response.objects.get().organisation == other


def test_someone_who_may_not_enter_paper_for_the_survey_is_refused(client, survey):
    stranger = UserFactory(role=Role.PROBATION_PRACTITIONER)
    client.force_login(stranger)
    for name in ("voice:paper-entry", "voice:survey-pdf"):
        assert client.get(reverse(name, args=[survey.pk])).status_code == 403
    assert client.post(reverse("voice:paper-entry", args=[survey.pk]), entry(survey)).status_code == 403
    assert Response.objects.count() == 0


def test_prison_staff_see_the_surveys_about_their_prison_in_the_list(client, survey):
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=survey.owner)
    elsewhere = published_survey(title="Somewhere else")
    client.force_login(officer)
    body = client.get(reverse("voice:paper-surveys")).content.decode()
    assert "Life on the wing" in body
    assert elsewhere.title not in body
