"""Links for the rows of a list, made without a reverse() per row."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# Any id a URL pattern accepts that cannot be mistaken for another part of the URL.
_MARKER = 918273645


def url_for_id(name: str) -> Callable[[int], str]:
    """The URL named `name` for any one id. reverse() costs as much as the rest of a row's
    rendering, so a page of rows reverses once, with a marker id, and fills in each row's id."""
    head, _, tail = reverse(name, args=[_MARKER]).rpartition(str(_MARKER))
    return lambda pk: f"{head}{int(pk)}{tail}"
