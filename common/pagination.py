from __future__ import annotations

from django.http import HttpRequest


def page_url(request: HttpRequest, number: int) -> str:
    """The current page's URL for another page number, keeping every filter and search."""
    query = request.GET.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"
