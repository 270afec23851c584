"""Involvement leads build, publish, close and read surveys (voice/views/builder.py)."""

from __future__ import annotations

import datetime
import uuid
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from tests.factories import EstablishmentFactory, UserFactory
from voice import services
from voice.constants import Audience, Channel, Eligibility
from voice.models import Survey, SurveyVersion
from voice.tests.helpers import involvement_lead, published_survey

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(response.content.decode())


def submit(survey, answers, version=1):
    return services.response_submit(
        survey_id=survey.pk,
        version_number=version,
        answers=answers,
        submission_id=str(uuid.uuid4()),
        channel=Channel.KIOSK,
    )


def draft_survey(lead, **kwargs):
    return services.survey_create(
        acting_user=lead,
        title=kwargs.pop("title", "Visits and family days"),
        audience=Audience.IN_CUSTODY,
        eligibility=Eligibility.OPEN,
        **kwargs,
    )


def definition_of(survey) -> dict:
    return survey.versions.order_by("-number").first().definition


@pytest.fixture
def lead(client):
    user = involvement_lead()
    client.force_login(user)
    return user


# The list and creating a survey ------------------------------------------------------------------------------


def test_the_list_shows_the_organisations_surveys_with_status_version_and_responses(client, lead):
    survey = published_survey(lead=lead, title="Life on the wing")
    submit(survey, {"overall": "good", "food": "yes"})
    draft_survey(lead, title="Kitchen consultation")
    published_survey(title="Someone else's survey")  # another prison's lead
    page = text(client.get(reverse("voice:surveys")))
    assert "Life on the wing" in page and "Kitchen consultation" in page
    assert "Someone else's survey" not in page
    assert "Open" in page and "Draft" in page and "Version 1" in page and "Not published yet" in page
    assert "2 surveys" in page


def test_only_involvement_leads_and_administrators_build_surveys(client):
    client.force_login(UserFactory(role=Role.PRISON_STAFF))
    assert client.get(reverse("voice:surveys")).status_code == 403
    assert client.get(reverse("voice:survey-new")).status_code == 403
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    survey = published_survey()
    assert client.get(reverse("voice:survey", args=[survey.pk])).status_code == 200


def test_creating_a_survey_starts_with_the_standard_questions(client, lead):
    response = client.post(
        reverse("voice:survey-new"),
        {
            "title": "  Education and work  ",
            "audience": Audience.IN_CUSTODY,
            "eligibility": Eligibility.ONE_PER_PERSON,
            "about_id": lead.organisation_id,
            "contract_id": "",
            "closes_on_day": "",
            "closes_on_month": "",
            "closes_on_year": "",
            "submission_id": str(uuid.uuid4()),
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("voice:survey", args=[survey.pk])
    assert survey.title == "Education and work" and survey.owner == lead.organisation and survey.about_id
    assert [q["id"] for q in definition_of(survey)["questions"]] == ["overall", "overall_why"]
    page = text(client.get(response["Location"]))
    assert "Overall, how was your experience of our service?" in page
    assert "Questions: draft version 1" in page and "Publish version 1" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Enter a title"),
        ({"audience": ""}, "Select who the survey is for"),
        (
            {"audience": Audience.FAMILIES, "eligibility": Eligibility.ONE_PER_PERSON},
            "Families and visitors do not sign in, so their surveys are open to anyone",
        ),
        ({"closes_on_day": "1", "closes_on_month": "1", "closes_on_year": "2020"}, "The closing date must be today"),
        ({"closes_on_day": "31", "closes_on_month": "2", "closes_on_year": "2030"}, "Enter a real date"),
        ({"about_id": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_survey_details_are_refused_with_a_clear_message_and_nothing_is_made(client, lead, data, message):
    form = {
        "title": "Food",
        "audience": Audience.IN_CUSTODY,
        "eligibility": Eligibility.OPEN,
        "submission_id": str(uuid.uuid4()),
        **data,
    }
    response = client.post(reverse("voice:survey-new"), form)
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page and message in page
    assert Survey.objects.count() == 0


def test_the_same_new_survey_form_sent_twice_makes_one_survey(client, lead):
    form = {
        "title": "Food",
        "audience": Audience.IN_CUSTODY,
        "eligibility": Eligibility.OPEN,
        "submission_id": str(uuid.uuid4()),
    }
    assert client.post(reverse("voice:survey-new"), form).status_code == 302
    again = client.post(reverse("voice:survey-new"), form)
    assert again.status_code == 200 and "already been sent" in text(again)
    assert Survey.objects.count() == 1


# Another organisation's survey --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method", "extra"),
    [
        ("voice:survey", "get", []),
        ("voice:question-new", "get", []),
        ("voice:question-edit", "get", ["food"]),
        ("voice:question-move", "post", ["food"]),
        ("voice:question-remove", "post", ["food"]),
        ("voice:survey-preview", "get", []),
        ("voice:survey-publish", "post", []),
        ("voice:survey-close", "get", []),
        ("voice:survey-close", "post", []),
        ("voice:survey-results", "get", []),
    ],
)
def test_another_organisations_lead_is_told_the_survey_does_not_exist(client, name, method, extra):
    survey = published_survey()
    client.force_login(involvement_lead(EstablishmentFactory()))
    response = getattr(client, method)(reverse(name, args=[survey.pk, *extra]), {"based_on": 1, "direction": "up"})
    assert response.status_code == 404
    survey.refresh_from_db()
    assert survey.closed_at is None and survey.versions.count() == 1


# The question builder -----------------------------------------------------------------------------------------


def single_question(**overrides):
    data = {
        "based_on": "1",
        "option_rows": "4",
        "text_en": "Do you get enough to eat?",
        "text_cy": "Ydych chi'n cael digon i'w fwyta?",
        "easy_en": "Do you get enough food?",
        "easy_cy": "",
        "required": "yes",
        "option_0_en": "Yes",
        "option_0_cy": "Ydw",
        "option_1_en": "No, not often",
        "option_1_cy": "Nac ydw",
        "option_1_easy_en": "No",
    }
    data.update(overrides)
    return data


def test_choosing_the_kind_of_question_comes_first(client, lead):
    survey = draft_survey(lead)
    url = reverse("voice:question-new", args=[survey.pk])
    page = text(client.get(url))
    assert "What kind of question?" in page and "5-point scale with faces" in page
    page = text(client.get(url, {"type": "sideways"}))
    assert "Select the kind of question" in page
    page = text(client.get(url, {"type": "single"}))
    assert "Question in English" in page and "Option 1 in English" in page


def test_a_choice_question_is_added_with_welsh_easy_read_options_and_a_skip_rule(client, lead):
    survey = draft_survey(lead)
    url = reverse("voice:question-new", args=[survey.pk]) + "?type=single"
    response = client.post(url, single_question())
    assert response.status_code == 302, text(response)
    question = definition_of(survey)["questions"][2]
    assert question["id"] == "q3"
    assert question["text"] == {"en": "Do you get enough to eat?", "cy": "Ydych chi'n cael digon i'w fwyta?"}
    assert question["easy_read"] == {"en": "Do you get enough food?"}
    assert question["options"] == [
        {"value": "yes", "text": {"en": "Yes", "cy": "Ydw"}, "easy_read": {}},
        {"value": "no_not_often", "text": {"en": "No, not often", "cy": "Nac ydw"}, "easy_read": {"en": "No"}},
    ]
    # A free-text question asked only of those who said no.
    url = reverse("voice:question-new", args=[survey.pk]) + "?type=text"
    form = text(client.get(url))
    assert "3. Do you get enough to eat? – No, not often" in form
    response = client.post(
        url,
        {
            "based_on": "1",
            "text_en": "What would make it better?",
            "text_cy": "Beth fyddai'n ei wella?",
            "required": "no",
            "show_if": ["q3:no_not_often"],
        },
    )
    assert response.status_code == 302
    why = definition_of(survey)["questions"][3]
    assert why["show_if"] == {"question": "q3", "in": ["no_not_often"]}
    assert why["required"] is False
    page = text(client.get(reverse("voice:survey", args=[survey.pk])))
    assert "Only when question 3 is answered: No, not often" in page
    assert "English, Welsh" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text_en": ""}, "Enter the question in English"),
        ({"option_1_en": "", "option_1_cy": "", "option_1_easy_en": ""}, "Give at least two options"),
        ({"option_1_en": ""}, "Enter option 2 in English, or clear its row"),
        ({"required": ""}, "Select whether an answer is needed"),
        # The whole definition is checked by the service (voice/definition.py): its message is shown.
        ({"option_0_value": "Yes!"}, "each option needs its own value of small letters, numbers and _"),
        ({"option_0_value": "same", "option_1_value": "same"}, "each option needs its own value"),
        ({"show_if": ["overall:good", "q9:yes"]}, "Choose answers of an earlier question from the list"),
    ],
)
def test_a_bad_question_is_refused_with_a_clear_message_keeping_what_was_typed(client, lead, data, message):
    survey = draft_survey(lead)
    before = definition_of(survey)
    url = reverse("voice:question-new", args=[survey.pk]) + "?type=single"
    response = client.post(url, single_question(**data))
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page and message in page
    assert "Ydych chi'n cael digon i'w fwyta?" in page  # kept
    assert definition_of(survey) == before


def test_a_skip_rule_on_answers_of_two_questions_is_refused(client, lead):
    survey = published_survey(lead=lead)
    services.survey_questions_save(
        acting_user=lead, survey_id=survey.pk, questions=definition_of(survey)["questions"], based_on=1
    )
    url = reverse("voice:question-new", args=[survey.pk]) + "?type=text"
    response = client.post(
        url, {"based_on": "2", "text_en": "Why?", "required": "no", "show_if": ["overall:poor", "food:no"]}
    )
    assert "Choose answers of one earlier question only" in text(response)
    assert len(definition_of(survey)["questions"]) == 4


def test_a_number_question_with_its_smallest_above_its_largest_is_refused(client, lead):
    survey = draft_survey(lead)
    url = reverse("voice:question-new", args=[survey.pk]) + "?type=number"
    base = {"based_on": "1", "text_en": "How many visits?", "required": "yes"}
    response = client.post(url, {**base, "min": "10", "max": "2"})
    assert "the smallest number is larger than the largest" in text(response)
    response = client.post(url, {**base, "min": "lots"})
    assert "The smallest number must be a number" in text(response)
    response = client.post(url, {**base, "min": "0", "max": "12"})
    assert response.status_code == 302
    assert definition_of(survey)["questions"][2] == {
        "id": "q3",
        "type": "number",
        "required": True,
        "text": {"en": "How many visits?"},
        "easy_read": {},
        "min": 0,
        "max": 12,
    }


def test_a_save_based_on_an_older_version_is_refused_and_changes_nothing(client, lead):
    survey = draft_survey(lead)
    url = reverse("voice:question-new", args=[survey.pk]) + "?type=single"
    # Someone else publishes and saves while this lead's form is open at version 1.
    services.survey_publish(acting_user=lead, survey_id=survey.pk)
    services.survey_questions_save(
        acting_user=lead, survey_id=survey.pk, questions=definition_of(survey)["questions"], based_on=1
    )
    before = definition_of(survey)
    response = client.post(url, single_question(based_on="1"))
    page = text(response)
    assert "Someone else saved this survey's questions while you were editing" in page
    assert "Do you get enough to eat?" in page
    assert definition_of(survey) == before and survey.versions.count() == 2


def test_editing_a_published_survey_starts_a_new_draft_and_the_published_version_never_changes(client, lead):
    survey = published_survey(lead=lead)
    published = survey.versions.get().definition
    url = reverse("voice:question-edit", args=[survey.pk, "food"])
    form = text(client.get(url))
    assert "Edit question 3" in form and "saving starts a new draft version" in form
    assert 'value="Nac ydw"' in form and 'value="no"' in form
    data = single_question(text_en="Do you get enough food each day?", option_0_value="yes", option_1_value="no")
    response = client.post(url, data)
    assert response.status_code == 302
    assert survey.versions.get(number=1).definition == published
    draft = survey.versions.get(number=2)
    assert draft.published_at is None
    assert draft.definition["questions"][2]["text"]["en"] == "Do you get enough food each day?"
    page = text(client.get(reverse("voice:survey", args=[survey.pk])))
    assert "Questions: draft version 2" in page
    assert "people answer version 1 until you publish this one" in page


def test_the_standard_question_keeps_its_words(client, lead):
    survey = draft_survey(lead)
    url = reverse("voice:question-edit", args=[survey.pk, "overall"])
    page = text(client.get(url))
    assert "keeps its words in every language" in page and "Question in English" not in page
    assert client.post(url, {"based_on": "1", "required": "no"}).status_code == 302
    assert definition_of(survey)["questions"][0] == {
        "id": "overall",
        "type": "fft",
        "required": False,
        "text": {},
        "easy_read": {},
    }


def test_questions_move_up_and_down_and_are_removed(client, lead):
    survey = published_survey(lead=lead)
    services.survey_questions_save(
        acting_user=lead, survey_id=survey.pk, questions=definition_of(survey)["questions"], based_on=1
    )
    move = reverse("voice:question-move", args=[survey.pk, "food"])
    assert client.post(move, {"based_on": "2", "direction": "up"}).status_code == 302
    assert [q["id"] for q in definition_of(survey)["questions"]] == ["overall", "food", "overall_why", "food_why"]
    client.post(move, {"based_on": "2", "direction": "down"})
    assert [q["id"] for q in definition_of(survey)["questions"]] == ["overall", "overall_why", "food", "food_why"]
    client.post(reverse("voice:question-remove", args=[survey.pk, "overall_why"]), {"based_on": "2"})
    assert [q["id"] for q in definition_of(survey)["questions"]] == ["overall", "food", "food_why"]


def test_a_move_or_removal_that_breaks_a_skip_rule_is_refused_with_a_message(client, lead):
    survey = published_survey(lead=lead)
    before = definition_of(survey)
    # food_why depends on food: it cannot come first, and food cannot go while it depends on it.
    response = client.post(reverse("voice:question-remove", args=[survey.pk, "food"]), {"based_on": "1"}, follow=True)
    assert "it can only depend on an earlier question" in text(response)
    response = client.post(
        reverse("voice:question-move", args=[survey.pk, "food_why"]), {"based_on": "1", "direction": "up"}, follow=True
    )
    assert "it can only depend on an earlier question" in text(response)
    response = client.post(reverse("voice:question-move", args=[survey.pk, "food"]), {"direction": "up"}, follow=True)
    assert "This form could not be read" in text(response)
    response = client.post(reverse("voice:question-remove", args=[survey.pk, "food"]), {"based_on": "7"}, follow=True)
    assert "Someone else saved this survey's questions" in text(response)
    assert survey.versions.count() == 1 and definition_of(survey) == before


# Preview, publish, close --------------------------------------------------------------------------------------


def test_the_preview_shows_the_draft_in_english_or_welsh_plain_or_easy_read(client, lead):
    survey = published_survey(lead=lead)
    url = reverse("voice:survey-preview", args=[survey.pk])
    page = text(client.get(url))
    assert "Do you get enough to eat?" in page and "Asked only when question 3 is answered: No" in page
    page = text(client.get(url, {"easy_read": "1"}))
    assert "Do you get enough food?" in page and "Was our service good or bad for you?" in page
    page = text(client.get(url, {"language": "cy"}))
    assert "Ydych chi'n cael digon i'w fwyta?" in page and "Nac ydw" in page
    assert "offered in English only" not in page
    draft = draft_survey(lead)
    services.survey_questions_save(
        acting_user=lead,
        survey_id=draft.pk,
        questions=[*definition_of(draft)["questions"], {"id": "q3", "type": "text", "text": {"en": "Anything else?"}}],
        based_on=1,
    )
    page = text(client.get(reverse("voice:survey-preview", args=[draft.pk]), {"language": "cy"}))
    assert "offered in English only" in page and "(no words in this language)" in page


def test_publishing_makes_the_draft_what_people_are_asked(client, lead):
    survey = draft_survey(lead)
    response = client.post(reverse("voice:survey-publish", args=[survey.pk]), follow=True)
    assert "Version 1 published" in text(response)
    version = survey.versions.get()
    assert version.published_at is not None and version.published_by == lead
    response = client.post(reverse("voice:survey-publish", args=[survey.pk]), follow=True)
    assert "There is no draft to publish" in text(response)
    assert SurveyVersion.objects.filter(survey=survey).count() == 1
    assert client.get(reverse("voice:survey-publish", args=[survey.pk])).status_code == 405


def test_closing_asks_first_then_stops_all_changes(client, lead):
    survey = published_survey(lead=lead)
    url = reverse("voice:survey-close", args=[survey.pk])
    page = text(client.get(url))
    assert "Are you sure you want to close this survey?" in page and "Yes, close the survey" in page
    survey.refresh_from_db()
    assert survey.closed_at is None
    response = client.post(url, follow=True)
    assert "Survey closed" in text(response)
    survey.refresh_from_db()
    assert survey.closed_at is not None and survey.closed_by == lead
    response = client.post(url)
    assert "This survey is already closed" in text(response)
    response = client.get(reverse("voice:question-new", args=[survey.pk]), follow=True)
    assert "This survey is closed, so its questions cannot change" in text(response)
    response = client.post(
        reverse("voice:question-remove", args=[survey.pk, "food_why"]), {"based_on": "1"}, follow=True
    )
    assert "This survey is closed, so its questions cannot change" in text(response)
    assert survey.versions.count() == 1
    page = text(client.get(reverse("voice:survey", args=[survey.pk])))
    assert "Closed" in page and "Add a question" not in page


def test_a_survey_past_its_closing_date_shows_as_closed(client, lead):
    survey = published_survey(lead=lead)
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    page = text(client.get(reverse("voice:surveys")))
    assert ">Closed<" in page and ">Open<" not in page


# Results ------------------------------------------------------------------------------------------------------


def test_results_show_counts_the_score_and_free_text_and_warn_when_few_answered(client, lead):
    survey = published_survey(lead=lead)
    for rating, food in (("very_good", "yes"), ("good", "yes"), ("poor", "no"), ("dont_know", "yes")):
        answers = {"overall": rating, "food": food, "overall_why": f"Because it was {rating}"}
        if food == "no":
            answers["food_why"] = "Bigger portions"
        submit(survey, answers)
    submit(survey, {"overall": "poor", "food": "no", "overall_why": "Some days I want to end it all"})
    # An officer punching someone is an allegation and harm to others (insight/data/README.md): held too.
    submit(survey, {"overall": "poor", "food": "no", "overall_why": "Officer Testman punched me on the wing"})
    page = text(client.get(reverse("voice:survey-results", args=[survey.pk])))
    assert "4 responses counted" in page
    assert "2 responses are held for safeguarding review" in page
    assert '<span class="govuk-heading-xl govuk-!-margin-bottom-1" id="fft-positive">50.0%</span>' in page
    assert 'id="fft-negative">25.0%</span>' in page
    assert "From 4 people who answered the overall-experience question" in page
    assert "Because it was very_good" in page and "Bigger portions" in page
    # Held and restricted words never appear among the results.
    assert "end it all" not in page and "Testman" not in page
    assert "Fewer than 10 people have answered. Do not publish" in page
    # The food question: 3 yes, 1 no, with a share of those who answered it.
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">75%</td>' in page
    assert 'role="img"' not in page and "style=" not in page


def test_results_from_ten_or_more_carry_no_warning(client, lead):
    survey = published_survey(lead=lead)
    for _ in range(10):
        submit(survey, {"overall": "good", "food": "yes"})
    page = text(client.get(reverse("voice:survey-results", args=[survey.pk])))
    assert "10 responses counted" in page and "Fewer than 10" not in page and "held for safeguarding" not in page


def test_results_say_how_many_sealed_responses_are_not_counted_yet(client, lead, settings):
    settings.VOICE_MIX_BATCH = 10
    survey = published_survey(lead=lead)
    for _ in range(3):
        submit(survey, {"overall": "good", "food": "yes"})
    page = text(client.get(reverse("voice:survey-results", args=[survey.pk])))
    assert "0 responses counted" in page
    assert "3 more responses are sealed and not counted yet" in page
    for _ in range(7):
        submit(survey, {"overall": "good", "food": "yes"})
    page = text(client.get(reverse("voice:survey-results", args=[survey.pk])))
    assert "10 responses counted" in page and "sealed" not in page
