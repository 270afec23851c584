"""`throughgate metrics --period 2025-q1 --level establishment --format json|csv [--public]`: the
figures the scorecards (or, with --public, the public dashboard) show, for programs and people."""

from __future__ import annotations

import csv
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accountability.figures import Level
from accountability.public_figures import PUBLIC_LEVELS
from accountability.publish import CSV_HEADINGS, csv_rows, level_data
from common.csv_cells import safe_cell
from common.periods import period_for_key

USAGE = 2


class Command(BaseCommand):
    help = (
        "Print the outcome measures for one period at one level, as the scorecards show them; with --public, exactly "
        "what the public dashboard shows (small numbers suppressed as *, other counts rounded to the nearest 5)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period", required=True, help="a financial quarter like 2025-q1 (April-June 2025) or a year like 2025"
        )
        parser.add_argument("--level", required=True, choices=[str(level) for level in Level])
        parser.add_argument("--format", default="json", choices=["json", "csv"])
        parser.add_argument("--public", action="store_true", help="apply the public dashboard's disclosure control")

    def handle(self, *args: object, **options: object) -> None:
        today = timezone.localdate()
        period = period_for_key(str(options["period"]), today=today)
        if period is None:
            raise CommandError(
                f"Unknown period {options['period']!r}: give a financial quarter like 2025-q1 (April to June 2025) "
                "or a financial year like 2025, that has begun.",
                returncode=USAGE,
            )
        level = Level(str(options["level"]))
        public_view = bool(options["public"])
        if public_view and level not in PUBLIC_LEVELS:
            raise CommandError(
                f"The public sees only these levels: {', '.join(PUBLIC_LEVELS)}.",
                returncode=USAGE,
            )
        data = level_data(level, period, today=today, public_view=public_view)
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, indent=2))
            return
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(CSV_HEADINGS)
        for line in csv_rows(data):
            writer.writerow([safe_cell(cell) for cell in line])
