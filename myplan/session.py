"""The person's own session: Django's session with keys of its own, never django.contrib.auth's
login, so a person is never a staff user and a staff user is never a person.

Signing a person in starts a fresh session (ending any staff session in the same browser: a kiosk
or phone is one person's at a time). Person pages refuse a browser signed in as staff. A session
ends after a short idle time: 3 minutes on a shared kiosk (the next person in the queue must not
find it open), 30 minutes on the person's own phone."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from myplan.constants import Channel
from people.models import ServiceUser

PERSON_KEY = "myplan_person_id"
CHANNEL_KEY = "myplan_channel"
LAST_SEEN_KEY = "myplan_last_seen"
IDLE_SECONDS = {Channel.KIOSK: 3 * 60, Channel.PHONE: 30 * 60}


class SeeOther(HttpResponseRedirect):
    """A 303 to the person's own sign-in page: not the staff sign-in, which a 302 for someone
    not signed in means everywhere else (tests/test_authorisation_matrix.py)."""

    status_code = 303


@dataclass(frozen=True)
class OwnSession:
    person: ServiceUser
    channel: str

    @property
    def is_kiosk(self) -> bool:
        return self.channel == Channel.KIOSK

    @property
    def idle_minutes(self) -> int:
        return IDLE_SECONDS[Channel(self.channel)] // 60


def sign_in_url(*, kiosk: bool) -> str:
    return reverse("myplan:sign-in") + ("?kiosk=1" if kiosk else "")


def start(request: HttpRequest, *, person: ServiceUser, channel: str) -> None:
    request.session.flush()  # a new session key, and no staff sign-in left in it
    request.session[PERSON_KEY] = person.pk
    request.session[CHANNEL_KEY] = channel
    request.session[LAST_SEEN_KEY] = time.time()
    request.session.set_expiry(IDLE_SECONDS[Channel(channel)])


def current(request: HttpRequest) -> OwnSession | None:
    """The signed-in person, or None (no session, timed out, staff, or their sign-in switched off).
    Reading it counts as use: the idle time starts again."""
    if request.user.is_authenticated:
        return None
    person_id = request.session.get(PERSON_KEY)
    channel = request.session.get(CHANNEL_KEY, Channel.KIOSK)
    if person_id is None or channel not in Channel.values:
        return None
    last_seen = request.session.get(LAST_SEEN_KEY, 0)
    if time.time() - last_seen > IDLE_SECONDS[Channel(channel)]:
        end(request)
        messages.info(
            request,
            _(
                "You were signed out because the page was not used for %(minutes)s minutes. "
                "This keeps your plan private."
            )
            % {"minutes": IDLE_SECONDS[Channel(channel)] // 60},
        )
        return None
    person = ServiceUser.objects.filter(pk=person_id, own_view_pin__switched_off_at__isnull=True).first()
    if person is None:
        end(request)
        return None
    request.session[LAST_SEEN_KEY] = time.time()
    request.session.set_expiry(IDLE_SECONDS[Channel(channel)])
    return OwnSession(person=person, channel=channel)


def end(request: HttpRequest) -> None:
    request.session.flush()


def person_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the person's own view: only for a signed-in person (request.own), never cached
    (a shared kiosk's back button must not show the last person's plan)."""

    @never_cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        kiosk = request.session.get(CHANNEL_KEY) == Channel.KIOSK or request.GET.get("kiosk") == "1"
        own = current(request)
        if own is None:
            return SeeOther(sign_in_url(kiosk=kiosk))
        request.own = own  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped
