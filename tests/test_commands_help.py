"""Every throughgate command explains itself: `throughgate <command> --help` prints its help (a
stray % in a help text once made argparse crash instead)."""

from __future__ import annotations

import io

import pytest
from django.core.management import get_commands, load_command_class

OURS = sorted(name for name, app in get_commands().items() if not app.startswith("django."))


@pytest.mark.parametrize("name", OURS)
def test_help_prints(name: str) -> None:
    command = load_command_class(get_commands()[name], name)
    parser = command.create_parser("throughgate", name)
    out = io.StringIO()
    parser.print_help(out)
    assert "usage:" in out.getvalue()


def test_ours_are_found() -> None:
    assert {"bench", "demo", "voice_mix", "involvement_mix"} <= set(OURS)
