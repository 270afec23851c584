"""`throughgate checkpoints_generate`: make the follow-up checkpoints of every release that has none.

Releases recorded in throughgate get theirs at once; releases that arrive another way (imported from
a prison system's extract, corrected in the admin) get theirs when this runs. Run it after every
import and, to be safe, daily: it makes each release's checkpoints exactly once, however often it runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from release.services import checkpoints_generate


class Command(BaseCommand):
    help = "Make the follow-up checkpoints of every release that has none yet (safe to run at any time)."

    def handle(self, *args: Any, **options: Any) -> None:
        made = checkpoints_generate()
        self.stdout.write(f"Made {made:,} checkpoints.")
