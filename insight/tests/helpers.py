"""Running the text commands as an operator would: a separate process, lines on standard input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_text_command(name: str, text: str) -> list[dict[str, Any]]:
    """`manage.py <name>` with `text` on standard input; its output, one JSON object a line."""
    run = subprocess.run(  # noqa: S603 - our own fixed command
        [sys.executable, "manage.py", name],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        timeout=120,
        check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines()]
