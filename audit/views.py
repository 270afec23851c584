from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import rules
from accounts.decorators import allowed_if
from audit.forms import EventFilterForm
from audit.selectors import event_list


@allowed_if(rules.can_view_audit)
def event_list_view(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = event_list(
        action=filters.get("action") or "",
        username=filters.get("username") or "",
        person_id=filters.get("person"),
    ).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"filter_form": form, "page": page})
