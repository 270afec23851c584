"""`throughgate screen`: the safeguarding screen over lines of standard input, one JSON object a
line ({"concerns": [...]}, Concern values), so that the screen can be checked against any
labelled set without the web service."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from insight.screening import concerns


class Command(BaseCommand):
    help = (
        "Read lines of free text on standard input; write one JSON object a line, "
        '{"concerns": [...]}, naming the safeguarding concerns the screen finds in each.'
    )

    def handle(self, *args: object, **options: object) -> None:
        # Undecodable bytes become U+FFFD: a line is screened as far as it can be read, never dropped.
        stream = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        for line in stream:
            found = sorted(concerns(line.rstrip("\n")))
            self.stdout.write(json.dumps({"concerns": found}))
