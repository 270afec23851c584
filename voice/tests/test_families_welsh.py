"""The families' "Which prison is your feedback about?" page in Welsh (issue 5): it offers Welsh as
the survey pages do, shows every word of the page in Welsh, and the language chosen goes on to the
next page (the prison's surveys, then a survey's start page, where Welsh is chosen for the survey)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from tests.factories import EstablishmentFactory
from voice.constants import Audience
from voice.tests.helpers import involvement_lead, published_survey

pytestmark = pytest.mark.django_db

FAMILIES = reverse("voice:families")


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def words_on(response) -> set[str]:
    """Each piece of text a person sees on the page (and its title), one string a piece."""
    page = re.sub(r"<script.*?</script>", "", response.content.decode(), flags=re.S)
    return {html.unescape(" ".join(found.split())) for found in re.split(r"<[^>]+>", page)} - {""}


def survey_about_no_prison():
    """A families' survey about no one prison: the person says which."""
    survey = published_survey(lead=involvement_lead(), title="Visiting day", audience=Audience.FAMILIES)
    survey.about = None
    survey.save(update_fields=["about"])
    return survey


def test_the_page_offers_welsh(client):
    page = client.get(FAMILIES).content.decode()
    assert f'<a class="govuk-link" href="{FAMILIES}?lang=cy" lang="cy" hreflang="cy"' in page
    assert re.search(r'lang="cy"[^>]*>Cymraeg</a>', page)


def test_in_welsh_every_word_on_the_page_is_welsh(client):
    prison = EstablishmentFactory(name="HMP Testhaven North")
    english = client.get(FAMILIES)
    welsh = client.get(FAMILIES + "?lang=cy")
    assert welsh.status_code == 200
    assert '<html lang="cy"' in welsh.content.decode()
    body = text(welsh)
    for words in (
        "Am ba garchar mae eich adborth?",
        "Dewiswch y carchar rydych chi'n ymweld ag ef",
        "Does dim rhaid i chi roi eich enw.",
        "Dewiswch garchar",
        "Parhau",
        "Neidio i'r prif gynnwys",
        "Dweud eich dweud",
        "Datganiad hygyrchedd",
    ):
        assert words in body
    # Nothing is left in English but the prisons' names and the service's name.
    untranslated = words_on(english) & words_on(welsh)
    assert untranslated <= {prison.name, "throughgate"}, untranslated
    # The way back to English, named in English.
    assert re.search(rf'href="{FAMILIES}" lang="en" hreflang="en"[^>]*>English</a>', welsh.content.decode())


def test_an_unknown_prison_is_refused_in_welsh(client):
    response = client.get(FAMILIES + "?at=999999&lang=cy")
    assert response.status_code == 400
    body = text(response)
    assert "Mae problem" in body and "Dewiswch o'r rhestr y carchar y mae eich adborth amdano" in body
    assert "Select the prison" not in body


def test_the_choice_of_welsh_goes_on_to_the_prisons_surveys_and_into_the_survey(client):
    survey = survey_about_no_prison()
    prison = EstablishmentFactory()
    choose = client.get(FAMILIES + "?lang=cy").content.decode()
    # The form sends the language with the prison chosen.
    assert '<input type="hidden" name="lang" value="cy">' in choose

    listing = client.get(FAMILIES, {"at": prison.pk, "lang": "cy"})
    assert listing.status_code == 200
    assert '<html lang="cy"' in listing.content.decode()
    assert "Dweud eich dweud" in text(listing) and "Dechrau" in text(listing)
    start = reverse("voice:survey-start", args=[survey.pk]) + f"?channel=public_web&at={prison.pk}&lang=cy"
    assert html.escape(start) in listing.content.decode()

    # The survey's start page is in Welsh, with Welsh chosen for the survey.
    page = client.get(start).content.decode()
    assert '<html lang="cy"' in page
    assert 'id="language-cy" name="language" type="radio" value="cy" checked' in page
    assert 'value="en" checked' not in page
    assert "Sut hoffech chi gael y cwestiynau?" in html.unescape(page)


def test_a_survey_started_with_no_prison_asks_for_one_in_the_language_chosen(client):
    survey = survey_about_no_prison()
    url = reverse("voice:survey-start", args=[survey.pk])
    response = client.get(url, {"channel": "public_web", "lang": "cy"})
    page = response.content.decode()
    assert "Am ba garchar mae eich adborth?" in text(response)
    assert '<input type="hidden" name="channel" value="public_web"><input type="hidden" name="lang" value="cy">' in page
    # Its way back to English keeps the survey.
    assert f'href="{url}?channel=public_web" lang="en"' in page


def test_without_a_language_chosen_the_pages_are_in_english_as_before(client):
    survey = survey_about_no_prison()
    prison = EstablishmentFactory()
    assert "Which prison is your feedback about?" in text(client.get(FAMILIES + "?lang=fr"))
    listing = client.get(FAMILIES, {"at": prison.pk})
    assert '<html lang="en"' in listing.content.decode()
    start = reverse("voice:survey-start", args=[survey.pk]) + f'?channel=public_web&amp;at={prison.pk}"'
    assert start in listing.content.decode()
    page = client.get(reverse("voice:survey-start", args=[survey.pk]), {"channel": "public_web", "at": prison.pk})
    assert 'id="language-en" name="language" type="radio" value="en" checked' in page.content.decode()
