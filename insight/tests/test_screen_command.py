"""`throughgate screen` reads lines and writes one JSON object a line."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from insight.screening import concerns
from insight.tests.helpers import run_text_command


def test_the_command_writes_one_json_object_a_line_with_concern_values():
    lines = [
        "I have been thinking about ending it all, I can't cope",
        "the food is killing me",
        "im gonna do him in",
        "",
        "Officer Dale punched me in the servery",
    ]
    out = run_text_command("screen", "\n".join(lines) + "\n")
    assert out == [
        {"concerns": ["self_harm"]},
        {"concerns": []},
        {"concerns": ["harm_to_others"]},
        {"concerns": []},
        {"concerns": ["harm_to_others", "staff_allegation"]},
    ]


def test_the_command_reads_bytes_that_are_not_utf8_without_stopping(monkeypatch, capsys):
    from django.core.management import call_command

    data = b"\xff\xfe garbage \x00\n" + "kill myself \U0001f622\n".encode()
    read, write = os.pipe()
    os.write(write, data)
    os.close(write)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(os.fdopen(read, "rb")))
    call_command("screen")
    rows = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert rows == [{"concerns": []}, {"concerns": ["self_harm"]}]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "a" * 100_000,
        "kill " * 20_000,
        "\x00\x01\x02\ufffd" * 1000,
        "😀" * 5000,
        "Dw i eisiau marw, I can't take it anymore 😢",
        "".join(chr(c) for c in range(0x20, 0x3000)),
    ],
)
def test_bad_input_is_screened_without_a_crash(text):
    assert isinstance(concerns(text), set)


def test_a_hundred_kilobytes_of_ordinary_words_is_screened_quickly():
    text = "the food is cold and the showers are broken " * 2500
    assert concerns(text + " I want to end it all") == {"self_harm"}
