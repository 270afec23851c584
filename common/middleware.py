"""Every page a signed-in member of staff is sent is `no-store` and `private` (THREAT-MODEL.md: "Pages
for staff are no-store, never cached by a service worker, and cleared on sign-out"; docs/decisions.md
27), whatever the view set. The next person at a shared browser then finds no staff page in the
browser's cache or back-forward cache, and the kiosk's service worker, which keeps nothing marked
no-store or private, keeps none even when a staff page is fetched by a page it controls."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class StaffPagesNoStore:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Without a session cookie no one is signed in: no session is read for a kiosk's answers.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
