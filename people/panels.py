"""Sections of a person's page contributed by apps on higher floors (resettlement, later voice
and accountability), so the one record shows everything without `people` importing them.

A panel is a function (request, person) -> HTML or "" that an app registers from its
AppConfig.ready(). Panels render in the order they were registered."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from django.http import HttpRequest

    from people.models import ServiceUser

Panel = Callable[["HttpRequest", "ServiceUser"], str]
_panels: list[Panel] = []


def register(panel: Panel) -> Panel:
    if panel not in _panels:
        _panels.append(panel)
    return panel


def render_panels(request: HttpRequest, person: ServiceUser) -> list[Markup]:
    return [Markup(html) for panel in _panels if (html := panel(request, person))]  # noqa: S704 - rendered by Jinja with autoescape
