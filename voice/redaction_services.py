"""Redaction of answers stored before redaction was on the write path (issue 14, §2: "existing
rows are redacted by a migration or command"). New answers are redacted in
voice.services._submit before they are sealed or stored."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from insight.redaction import redact
from voice import definition
from voice.models import ProtectedWords, Response, SafeguardingAlert, SurveyVersion


def responses_redact_stored(*, chunk_size: int = 500) -> int:
    """Redact the free text of every stored response whose words still identify someone, keeping
    the words as written only where a named team must read them (a response with a safeguarding
    alert, or a restricted allegation). Each response changes in its own transaction, so a stop
    half-way leaves every response either as it was or done; running it again changes nothing
    already done. Returns how many responses changed. Sealed responses are redacted already or,
    if sealed before this, once `throughgate voice_mix` has mixed them and this runs again."""
    definitions: dict[int, dict[str, Any]] = {}
    alerted = set(SafeguardingAlert.objects.values_list("response_id", flat=True))
    kept = set(ProtectedWords.objects.values_list("response_id", flat=True))
    changed = 0
    found = Response.objects.order_by("pk").values_list("pk", "version_id", "answers", "restricted")
    for pk, version_id, answers, restricted in found.iterator(chunk_size=chunk_size):
        if version_id not in definitions:
            definitions[version_id] = SurveyVersion.objects.values_list("definition", flat=True).get(pk=version_id)
        written = definition.free_text_by_id(definitions[version_id], answers)
        redacted = {question: redact(words).text for question, words in written.items()}
        if redacted == written:
            continue
        with transaction.atomic():
            if (pk in alerted or restricted) and pk not in kept:
                ProtectedWords.objects.create(response_id=pk, answers=written)
            Response.objects.filter(pk=pk).update(answers={**answers, **redacted})
        changed += 1
    return changed
