"""`throughgate voice_redact_stored`: redact the free text of answers stored before redaction was
on the write path (voice/redaction_services.py). Run it once after upgrading, after
`throughgate voice_mix`; running it again changes nothing already done."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from voice.redaction_services import responses_redact_stored


class Command(BaseCommand):
    help = "Redact names, identifiers and contact details in answers stored before redaction was applied."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = responses_redact_stored()
        self.stdout.write(f"Redacted {changed} stored response{'s' if changed != 1 else ''}.")
