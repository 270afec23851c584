"""The choice a person signed in to their own view has to give their name with their answers: an
offer that holds their id sealed (voice/views/page_seal.py: encrypted, not only signed, so that no
one who sees the page can read whose it is), which travels only in the page and is sent with the
answers only when the person ticks the box (anonymous unless they do)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from voice import services
from voice.views import page_seal

NAME_SALT = "voice.kiosk.name"
# A choice to give one's name may wait in a kiosk's queue while the network is down: as long as a pass.
NAME_MAX_AGE = services.TOKEN_DAYS * 24 * 60 * 60


def name_offer_for(person_id: int) -> str:
    """What lets a person signed in to their own view give their name with their answers, if they
    choose to: their id, sealed so that no one can read it or give someone else's. Like the pass,
    it travels only in the page, and is sent with the answers only when the person ticks the box."""
    return page_seal.seal(NAME_SALT, person_id, bucket=64)  # one length for every person


class NameRefused(ValidationError):
    """The name sent with the answers is not one this service offered (forged or run out)."""


def named_person_from(offer: Any) -> int:
    """The person a name offer names; NameRefused when it is not one we signed, or has run out."""
    try:
        found = page_seal.unseal(NAME_SALT, offer, max_age=NAME_MAX_AGE)
    except page_seal.Unreadable:
        found = None
    if not isinstance(found, int) or isinstance(found, bool):
        raise NameRefused(
            _("Your name could not be added to your answers. Untick the box to send them without your name."),
            code="name",
        )
    return found
