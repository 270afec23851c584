"""Fixtures for every voice test."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "voice" / "locale" / "cy" / "LC_MESSAGES"


@pytest.fixture(scope="session", autouse=True)
def welsh_catalogue():
    """The Welsh catalogue, compiled as `make install` does (the .mo is not committed), in Python:
    no machine needs GNU gettext (decision 20)."""
    spec = importlib.util.spec_from_file_location("compile_messages", ROOT / "scripts" / "compile_messages.py")
    assert spec and spec.loader
    compile_messages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compile_messages)
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    (LOCALE / "django.mo").write_bytes(compile_messages.mo_bytes(compile_messages.parse(po)))


@pytest.fixture(autouse=True)
def _count_sealed_responses_afresh():
    """Each process counts the responses it sealed since it last mixed (voice.mixing_services);
    every test's database starts empty, so each test starts the count at nought."""
    from voice import mixing_services

    mixing_services.forget_count()
