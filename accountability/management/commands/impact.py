"""`throughgate impact --intervention mentoring|referral:<pathway> --outcome <measure> --period 2025 --format json
[--neighbours N] [--exact-region]`: the impact estimate of an intervention on an outcome for the people released in
a period, by the Justice Data Lab method (accountability.impact, accountability.impact_data), as JSON.

Bad input (an unknown intervention, pathway, outcome, period or format) gives a usage message and exit status 2."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accountability import impact_data
from accountability.measures import MEASURES
from common.periods import period_for_key

USAGE = 2
FORMATS = ("json",)


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE)


class Command(BaseCommand):
    help = (
        "Estimate the impact of an intervention (mentoring, or an accepted referral on a pathway) on an outcome for "
        "the people released in a period, against a matched comparison group (propensity score matching)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--intervention",
            required=True,
            help=f"mentoring or referral:<pathway> (one of: {', '.join(impact_data.interventions())})",
        )
        parser.add_argument("--outcome", required=True, help=f"the outcome measure: {', '.join(MEASURES)}")
        parser.add_argument(
            "--period", required=True, help="a financial year (2025 is April 2025 to March 2026) or quarter (2025-q1)"
        )
        parser.add_argument("--format", default="json", help="json (the only format)")
        parser.add_argument(
            "--neighbours", default="1", help="how many nearest comparison people to match each person to (default 1)"
        )
        parser.add_argument(
            "--exact-region", action="store_true", help="match people only within the region they were released in"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        intervention = impact_data.intervention_for_key(str(options["intervention"]))
        if intervention is None:
            known = ", ".join(impact_data.interventions())
            raise _usage(f"Unknown intervention {options['intervention']!r}: use one of {known}.")
        outcome = str(options["outcome"])
        if outcome not in MEASURES:
            raise _usage(f"Unknown outcome {outcome!r}: use one of {', '.join(MEASURES)}.")
        today = timezone.localdate()
        period = period_for_key(str(options["period"]), today=today)
        if period is None:
            raise _usage(
                f"Unknown period {options['period']!r}: name a financial year (2025) or quarter (2025-q1) that has "
                "begun."
            )
        if options["format"] not in FORMATS:
            raise _usage(f"Unknown format {options['format']!r}: use one of {', '.join(FORMATS)}.")
        try:
            neighbours = int(str(options["neighbours"]))
        except ValueError:
            neighbours = 0
        if neighbours < 1:
            raise _usage(f"--neighbours must be a whole number of at least 1, not {options['neighbours']!r}.")
        result = impact_data.impact(
            intervention,
            outcome,
            period,
            today=today,
            neighbours=neighbours,
            exact_region=bool(options["exact_region"]),
        )
        self.stdout.write(json.dumps(result.as_json(), indent=2))
