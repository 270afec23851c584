"""`throughgate involvement_mix`: mix every sealed own-view rating into the counted ratings now,
however few are waiting (involvement/rating_mixing.py). Run it daily, beside `voice_mix`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from involvement.rating_mixing import ratings_mix


class Command(BaseCommand):
    help = "Mix every sealed own-view rating into the counted ratings now, however few are waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        mixed = ratings_mix(minimum=1)
        self.stdout.write(f"Mixed {mixed} sealed rating{'s' if mixed != 1 else ''} into the counted ratings.")
