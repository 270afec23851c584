"""`throughgate demo --size small|national [--if-empty] [--seed N]`: load the synthetic demo world."""

from __future__ import annotations

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import dataset
from config import env


class Command(BaseCommand):
    help = (
        "Load a synthetic demo world (prisons, probation, partners, contracts, staff and people) into an empty "
        "database. Every name and identifier is invented."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size", choices=sorted(dataset.SIZES), default="small", help="small (default) or national"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into an empty database; otherwise say the demo data is already loaded and exit 0",
        )
        parser.add_argument("--seed", type=int, default=dataset.DEFAULT_SEED, help="the same seed gives the same world")
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="the date the world is built around (YYYY-MM-DD)"
        )

    def handle(self, *args: object, **options: object) -> None:
        # The demo sign-ins have a published password, and one of them is a superuser.
        if env.PRODUCTION:
            raise CommandError("Demo data is never loaded where THROUGHGATE_ENV=production.")
        started = time.monotonic()
        verbose = int(options["verbosity"]) > 0  # type: ignore[call-overload]
        try:
            counts = dataset.generate(
                size=str(options["size"]),
                seed=int(options["seed"]),  # type: ignore[call-overload]
                today=options["today"],  # type: ignore[arg-type]
                stdout=self.stdout if verbose else None,  # type: ignore[arg-type]
            )
        except dataset.DatabaseNotEmpty as e:
            if options["if_empty"]:
                self.stdout.write("Demo data already loaded (the database is not empty): nothing to do.")
                return
            raise CommandError(
                "The database already has organisations or people in it, so no demo data was loaded. Use an empty "
                "database, or --if-empty to do nothing when data is there."
            ) from e
        except dataset.DemoUsernameTaken as e:
            raise CommandError(f"No demo data was loaded: the demo usernames are taken already ({e}).") from e
        if verbose:
            width = max(len(k) for k in counts)
            self.stdout.write("\n".join(f"  {k.replace('_', ' '):<{width}}  {v:>9,}" for k, v in counts.items()))
        self.stdout.write(
            self.style.SUCCESS(f"Loaded the {options['size']} demo world in {time.monotonic() - started:.1f} s.")
            + " See the sign-ins with `throughgate demo_sign_ins`."
        )
