"""The safeguarding screen (insight/screening.py)."""

from __future__ import annotations

import pytest

from insight.screening import concerns, ruled


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some days I want to end it all", {"self_harm"}),
        ("I have been cutting myself again", {"self_harm"}),
        ("Dw i eisiau marw", {"self_harm"}),
        ("He said he would stab someone on the exercise yard", {"harm_to_others"}),
        ("Officer Smith punched me in the servery", {"staff_allegation", "harm_to_others"}),
        ("The officer pressed the alarm and the nurse came", set()),
        ("I want to make a complaint about my canteen", {"complaint"}),
        ("The library is great and the staff are kind", set()),
        ("", set()),
        ("I miss my kids, the officer on the wing helps me", set()),
    ],
)
def test_concerns(text, expected):
    assert concerns(text) == expected


def test_the_rules_match_whole_words_not_inside_other_words():
    assert ruled("The stable yard and the attackers' film") == set()
