"""`throughgate redact`: redaction over lines of standard input, one JSON object a line
({"text": <redacted>, "entities": [{"type", "start", "end"}]}, offsets into the input line)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from insight.redaction import redact


class Command(BaseCommand):
    help = (
        "Read lines of free text on standard input; write one JSON object a line with the redacted text "
        "and each entity found (its type and its start and end in the input line)."
    )

    def handle(self, *args: object, **options: object) -> None:
        stream = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        for line in stream:
            found = redact(line.rstrip("\n"))
            entities = [{"type": e.type, "start": e.start, "end": e.end} for e in found.entities]
            self.stdout.write(json.dumps({"text": found.text, "entities": entities}, ensure_ascii=False))
