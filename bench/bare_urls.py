"""The URLconf the kiosk benchmark serves (bench/voice_bench.py): every URL of the service, plus
the framework's bare "return 200" view, and a stand-in kiosk endpoint used only while the real one
(voice:api-responses) does not exist. Never mounted by config.urls: the benchmark's server picks
it with `bench.bare_urls:wsgi_app()`, a factory gunicorn calls before Django is set up, which is
why nothing here imports a model at the top."""

from __future__ import annotations

import json
import os
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def wsgi_app() -> Any:
    """gunicorn's app factory: the service with the bare view beside it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.ROOT_URLCONF = "bench.bare_urls"
    return get_wsgi_application()


@csrf_exempt
def bare(request: HttpRequest) -> HttpResponse:
    """The baseline: the whole middleware stack, then nothing."""
    return HttpResponse("OK")


@csrf_exempt
@require_POST
def kiosk_submit(request: HttpRequest) -> HttpResponse:
    """The kiosk's JSON body, as the kiosk sends it, straight to voice.services.response_submit."""
    from voice.services import response_submit

    try:
        body = json.loads(request.body)
        result = response_submit(
            survey_id=body.get("survey"),
            version_number=body.get("version"),
            answers=body.get("answers"),
            submission_id=body.get("submission_id"),
            channel=body.get("channel") or "kiosk",
            language=body.get("language") or "en",
            easy_read=bool(body.get("easy_read")),
            token=body.get("pass"),
        )
    except (ValueError, AttributeError):
        return JsonResponse({"error": "The answers could not be read"}, status=400)
    except (ValidationError, PermissionDenied) as e:
        return JsonResponse({"error": " ".join(getattr(e, "messages", [str(e)]))}, status=400)
    return JsonResponse({"stored": not result.duplicate, "duplicate": result.duplicate}, status=201)


def __getattr__(name: str) -> Any:
    """urlpatterns and the error handlers, read by Django's resolver once the apps are ready."""
    from config import urls as service_urls

    if name == "urlpatterns":
        return [
            path("bench/bare/", bare, name="bench-bare"),
            path("bench/kiosk-submit/", kiosk_submit, name="bench-kiosk-submit"),
            *service_urls.urlpatterns,
        ]
    if name in ("handler400", "handler403", "handler404", "handler500"):
        return getattr(service_urls, name, None) or getattr(__import__("django.conf.urls").conf.urls, name)
    raise AttributeError(name)
