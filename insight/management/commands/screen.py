"""`throughgate screen`: the safeguarding screen over lines of standard input, one JSON object a
line ({"concerns": [...]}, Concern values), so that the screen can be checked against any
labelled set without the web service."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from insight.management.stdin import lines
from insight.screening import concerns


class Command(BaseCommand):
    help = (
        "Read lines of free text on standard input; write one JSON object a line, "
        '{"concerns": [...]}, naming the safeguarding concerns the screen finds in each.'
    )

    def handle(self, *args: object, **options: object) -> None:
        for line in lines():
            self.stdout.write(json.dumps({"concerns": sorted(concerns(line))}))
