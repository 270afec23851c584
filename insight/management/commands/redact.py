"""`throughgate redact`: redaction over lines of standard input, one JSON object a line
({"text": <redacted>, "entities": [{"type", "start", "end"}]}, offsets into the input line)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from insight.management.stdin import lines
from insight.redaction import redact


class Command(BaseCommand):
    help = (
        "Read lines of free text on standard input; write one JSON object a line with the redacted text "
        "and each entity found (its type and its start and end in the input line)."
    )

    def handle(self, *args: object, **options: object) -> None:
        for line in lines():
            found = redact(line)
            entities = [{"type": e.type, "start": e.start, "end": e.end} for e in found.entities]
            self.stdout.write(json.dumps({"text": found.text, "entities": entities}, ensure_ascii=False))
