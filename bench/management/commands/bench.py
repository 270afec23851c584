from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import accountability_bench, dataset, insight_bench, pages, release_bench, report, voice_bench
from people.models import ServiceUser

QUICK_SCALE = 0.05


class Command(BaseCommand):
    help = "Run the benchmarks on the national demo dataset (loaded first if the database is empty)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quick", action="store_true", help=f"a dataset {QUICK_SCALE:.0%}% of national size, fewer repeats"
        )
        parser.add_argument("--repeat", type=int, default=None, help="timed runs per page (median reported)")
        parser.add_argument("--output", default=str(settings.BASE_DIR / "var" / "bench"))

    def handle(self, *args: Any, quick: bool, repeat: int | None, output: str, **options: Any) -> None:
        scale = QUICK_SCALE if quick else 1.0
        if dataset.database_is_empty():
            self.stdout.write(f"Loading the national dataset at scale {scale} (once; later runs reuse it)")
            started = time.perf_counter()
            dataset.generate(size="national", scale=scale, stdout=self.stdout)
            self.stdout.write(f"Loaded in {time.perf_counter() - started:.0f} s")
        repeat = repeat or (10 if quick else 30)
        results = (
            pages.run(repeat=repeat)
            + release_bench.run(repeat=repeat)
            + voice_bench.run(quick=quick)
            + insight_bench.run(quick=quick)
            + accountability_bench.run(repeat=repeat)
        )
        written = report.write(
            results=results,
            dataset={"size": "national", "scale": scale, "people": ServiceUser.objects.count()},
            directory=Path(output),
        )
        for row in written["benchmarks"]:
            mark = "pass" if row["pass"] else "FAIL"
            self.stdout.write(
                f"{mark}  {row['name']}: {row['figure']} {row['unit']} ({row['ratio']}x, target {row['target']})"
            )
        self.stdout.write(f"Report: {Path(output) / 'report.md'}")
        if not all(r.passed for r in results):
            raise CommandError("Some benchmarks missed their targets.")
