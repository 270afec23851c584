"""`throughgate voice_mix`: mix every sealed anonymous response into the results now, however few
are waiting (voice/mixing_services.py). Run it daily (README, "In production"), so that a quiet
kiosk's answers are counted within a day even when fewer than a batch arrive."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from voice.mixing_services import responses_mix


class Command(BaseCommand):
    help = "Mix every sealed anonymous response into the results now, however few are waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        mixed = responses_mix(minimum=1)
        self.stdout.write(f"Mixed {mixed} sealed response{'s' if mixed != 1 else ''} into the results.")
