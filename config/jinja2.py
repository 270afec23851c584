"""The Jinja2 environment for the service's pages: Django's url/static, translations, GOV.UK macros."""

from __future__ import annotations

from typing import Any

import jinja2
from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation

from common import govuk_forms
from common.pagination import page_url
from config.navigation import navigation_for


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date_format(value: Any, fmt: str = "j F Y") -> str:
    """Dates as GOV.UK writes them: 23 November 2026."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return formats.date_format(value, fmt)


def environment(**options: Any) -> jinja2.Environment:
    # The GOV.UK Frontend macros live in the govuk_frontend_jinja package and import each other
    # as "govuk_frontend_jinja/components/...".
    options["loader"] = jinja2.ChoiceLoader(
        [
            options["loader"],
            jinja2.PrefixLoader({"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja", "templates")}),
        ]
    )
    options.setdefault("extensions", []).extend(["jinja2.ext.i18n", "jinja2.ext.do"])
    options["undefined"] = jinja2.ChainableUndefined
    env = jinja2.Environment(**options)  # noqa: S701 - autoescape=True comes in options (settings.TEMPLATES)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=True, pgettext=translation.pgettext
    )
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "service_name": settings.SERVICE_NAME,
            "phase": settings.PHASE,
            "govuk": govuk_forms,
            "navigation_for": navigation_for,
            "page_url": page_url,
            "get_current_language": translation.get_language,
            "languages": settings.LANGUAGES,
        }
    )
    env.filters["date"] = date_format
    return env
