"""The guidance text format: layout from plain text, and nothing typed ever becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from involvement.guidance_text import guidance_html


def test_paragraphs_are_split_by_blank_lines_and_lines_join():
    html = guidance_html("First line\nsame paragraph\n\nSecond paragraph")
    assert html == '<p class="govuk-body">First line same paragraph</p>\n<p class="govuk-body">Second paragraph</p>'


def test_headings_and_lists():
    html = guidance_html("## What to do\n- one\n- two\n1. first\n2. second")
    assert html == (
        '<h2 class="govuk-heading-m">What to do</h2>\n'
        '<ul class="govuk-list govuk-list--bullet"><li>one</li><li>two</li></ul>\n'
        '<ol class="govuk-list govuk-list--number"><li>first</li><li>second</li></ol>'
    )


def test_windows_line_endings():
    assert guidance_html("a\r\n\r\nb").count("<p ") == 2


def test_html_is_shown_as_text():
    html = guidance_html('<script>alert("x")</script>\n## <b>bold</b>\n- <img src=x onerror=alert(1)>')
    assert "<script" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_bare_https_addresses_become_links_without_trailing_punctuation():
    html = guidance_html("See https://www.gov.uk/guidance?a=1&b=2. Then stop.")
    assert '<a class="govuk-link" href="https://www.gov.uk/guidance?a=1&amp;b=2">' in html
    assert "</a>. Then stop." in html


def test_other_schemes_are_not_links():
    html = guidance_html('javascript:alert(1) http://example.com https://"onmouseover=alert(1)')
    assert "<a" not in html


def test_empty_text_renders_nothing():
    assert guidance_html("") == "" and guidance_html("\n\n  \n") == ""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


PIECES = [*"ab <>&\"'/#-1.:)\n\r", "https://", "## ", "- ", "1. ", "<script>", "javascript:"]


@given(st.one_of(st.text(), st.lists(st.sampled_from(PIECES)).map("".join)))
def test_any_text_gives_only_the_formats_own_markup(text):
    parser = _Tags()
    parser.feed(str(guidance_html(text)))
    for tag, attrs in parser.tags:
        assert tag in {"p", "h2", "ul", "ol", "li", "a"}
        for name, value in attrs:
            assert name in {"class", "href"}
            if name == "href":
                assert value is not None and value.startswith("https://") and len(value) > len("https://")
