"""How figures read on a page: a suppressed value is never shown as a number, no data never as 0%."""

from accountability.display import count, pct, rag_tag


def test_a_rate_is_a_whole_percentage_and_no_data_is_never_zero():
    assert str(pct(0.6666)) == "67%"
    assert str(pct(0.0)) == "0%"
    assert "no data" in str(pct(None)) and "0" not in str(pct(None))


def test_a_suppressed_value_is_a_star_with_words_for_screen_readers():
    shown = str(pct("*"))
    assert 'aria-hidden="true">*<' in shown and "too few people to publish" in shown
    assert "fewer than 8" in str(count("*"))
    assert str(count(12345)) == "12,345"


def test_a_rating_is_a_tag_in_its_colour():
    assert "govuk-tag--red" in str(rag_tag("red")) and "Worse than the benchmark" in str(rag_tag("red"))
    assert "No data" in str(rag_tag(None))
    assert "Too few people to publish" in str(rag_tag("*"))
