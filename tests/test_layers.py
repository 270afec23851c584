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
    "accountability",
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
    # Accountability reads the record and the voice; nothing reads it (issue 16).
    "accountability": {"bench"},
}
for _app, _forbidden in FORBIDDEN.items():
    if _app != "accountability":
        _forbidden.add("accountability")


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


# The modules through which accountability may read the apps below it: their selectors and their
# vocabularies, never their models, so that what it counts is what the apps say they hold.
READ_THROUGH = ("selectors", "report_selectors", "constants", "periods", "csv_cells", "decorators")


def test_accountability_reads_other_apps_only_through_their_selectors():
    wrong = []
    for path in (ROOT / "accountability").rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                parts = node.module.split(".")
                if parts[0] in DOMAIN - {"accountability"} or parts[0] == "common":
                    names = parts[1:] or [alias.name for alias in node.names]
                    if not all(name in READ_THROUGH for name in names):
                        wrong.append(f"{path.relative_to(ROOT)}: from {node.module} import ...")
    assert not wrong, wrong
