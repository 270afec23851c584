import pytest
from django.urls import NoReverseMatch, reverse

from common.links import url_for_id


def test_a_row_link_is_the_url_reverse_would_make():
    person_url = url_for_id("people:detail")
    for pk in (1, 7, 918273645, 123456789012):
        assert person_url(pk) == reverse("people:detail", args=[pk])


def test_a_url_without_an_id_is_refused():
    with pytest.raises(NoReverseMatch):
        url_for_id("common:accessibility")
