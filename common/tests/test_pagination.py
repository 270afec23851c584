import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.constants import Role
from common.pagination import page_url
from tests.factories import CustodyEpisodeFactory, UserFactory


def test_page_urls_keep_the_filters_and_replace_the_page():
    request = RequestFactory().get("/people/", {"q": "smith & co", "page": "3", "kind": "provider"})
    assert page_url(request, 4) == "?q=smith+%26+co&page=4&kind=provider"


@pytest.mark.django_db
def test_the_next_page_of_a_search_is_still_the_search(client, settings):
    officer = UserFactory(role=Role.PRISON_STAFF)
    for _ in range(30):  # more than a page
        CustodyEpisodeFactory(establishment=officer.organisation)
    client.force_login(officer)
    page = client.get(reverse("people:list"), {"q": "Sam"}).content.decode()
    assert 'href="?q=Sam&amp;page=2"' in page
