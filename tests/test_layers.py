"""The floors of the house (ENGINEERING.md, "Layout"): which app may import which. Anonymous
voice data must have no road to a person's case record, so the voice apps never import the
resettlement record's apps; `insight` is pure text work; `audit` and `common` import no domain app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE_RECORD = {"resettlement", "referrals", "mentoring", "work", "release", "myplan"}
DOMAIN = CASE_RECORD | {
    "organisations",
    "accounts",
    "people",
    "voice",
    "insight",
    "councils",
    "yousaid",
    "involvement",
    "bench",
}
FORBIDDEN = {
    "voice": CASE_RECORD | {"councils", "yousaid", "involvement", "bench"},
    "councils": CASE_RECORD | {"voice", "yousaid", "involvement", "bench"},
    "yousaid": CASE_RECORD | {"councils", "involvement", "bench"},
    # Involvement sits on top of the voice floor: it reports on councils and "you said, we did".
    "involvement": CASE_RECORD | {"bench"},
    "insight": DOMAIN - {"insight"},
    # The audit trail's own pages ask accounts.rules who may read them; its records import nothing.
    "audit": DOMAIN - {"accounts"},
    "common": DOMAIN,
}


def imported_apps(app: str) -> dict[str, set[str]]:
    """{module path: top-level packages it imports}, for the app's code (not its tests, which
    build whole worlds from every floor)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_imports_only_the_floors_below_it(app):
    wrong = {
        module: sorted(names & FORBIDDEN[app]) for module, names in imported_apps(app).items() if names & FORBIDDEN[app]
    }
    assert not wrong, f"{app} imports apps above or beside it: {wrong}"
