from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache


def start(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "common/start.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "common/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "common/privacy.html")


@never_cache
def healthcheck(request: HttpRequest) -> JsonResponse:
    """For load balancers: the application answers and its database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "common/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "common/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "common/500.html", status=500)
