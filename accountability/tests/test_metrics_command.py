"""`throughgate metrics`: the figures the pages show, as JSON or CSV; --public exactly as the
public sees them; bad input a usage message and exit status 2."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accountability.measures import MEASURES
from accountability.tests.worlds import PERIOD_KEY, TODAY, hand_worked_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def world(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return hand_worked_world()


def metrics(*args):
    out = io.StringIO()
    call_command("metrics", *args, stdout=out)
    return out.getvalue()


def test_json_for_prisons_has_every_field_as_fractions():
    data = json.loads(metrics("--period", PERIOD_KEY, "--level", "establishment", "--format", "json"))
    assert (data["period"], data["level"]) == (PERIOD_KEY, "establishment")
    alder = next(r for r in data["rows"] if r["code"] == "ZZA")
    housed = alder["measures"]["housed_on_release"]
    assert set(housed) == {
        "numerator", "denominator", "in_scope", "rate", "known_rate", "ci_low", "ci_high", "benchmark", "rag"
    }  # fmt: skip
    assert (housed["numerator"], housed["denominator"], housed["in_scope"]) == (2, 3, 5)
    assert housed["rate"] == pytest.approx(2 / 3) and housed["known_rate"] == pytest.approx(0.6)
    assert housed["benchmark"] == pytest.approx(4 / 7) and housed["rag"] == "too_few"
    assert 0 <= housed["ci_low"] < housed["rate"] < housed["ci_high"] <= 1


def test_public_json_never_holds_a_number_where_a_figure_is_suppressed():
    data = json.loads(metrics("--period", PERIOD_KEY, "--level", "establishment", "--public"))
    alder = next(r for r in data["rows"] if r["code"] == "ZZA")["measures"]["housed_on_release"]
    assert {alder[k] for k in ("numerator", "denominator", "in_scope", "rate", "known_rate", "ci_low", "ci_high")} == {
        "*"
    }
    national = json.loads(metrics("--period", PERIOD_KEY, "--level", "national", "--public"))["rows"][0]
    housed = national["measures"]["housed_on_release"]
    # 4 housed of 7, 10 in scope: rounded to 5 of 5 (8 and 9 round to 10; 4 is *)... so the rate is *.
    assert housed["in_scope"] == 10 and housed["numerator"] == "*" and housed["rate"] == "*"


def test_csv_has_a_line_per_place_and_measure():
    lines = list(csv.reader(io.StringIO(metrics("--period", PERIOD_KEY, "--level", "region", "--format", "csv"))))
    assert lines[0][:5] == ["Period", "Level", "Code", "Name", "Measure"]
    assert len(lines) == 1 + 2 * len(MEASURES)


@pytest.mark.parametrize(
    "args",
    [
        ("--period", "2025-q7", "--level", "national"),
        ("--period", "2031", "--level", "national"),
        ("--period", PERIOD_KEY, "--level", "delivery_unit", "--public"),
    ],
)
def test_bad_input_is_a_usage_message_with_exit_status_2(args):
    with pytest.raises(CommandError) as raised:
        metrics(*args)
    assert raised.value.returncode == 2 and str(raised.value)


def test_an_unknown_level_is_refused_by_the_parser():
    with pytest.raises(CommandError, match="invalid choice"):
        metrics("--period", PERIOD_KEY, "--level", "county")
