"""The JSON endpoint a kiosk's queue sends its answers to (kiosk.js): each queued submission is
stored exactly once, however often the device sends it (the submission id)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from voice import services
from voice.constants import Channel
from voice.views.kiosk_names import named_person_from

# The deepest a submission is: the body, its answers, a question's list of choices, a choice.
MAX_DEPTH = 4


def _json_error(message: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message, "code": code}, status=status)


def _readable(body: Any) -> bool:
    """Whether a parsed body is no deeper than a submission can be and every string in it is
    UTF-8 text. JSON's escapes can carry a lone surrogate (\\ud800), which is not: in a pass, a
    name or an answer it failed only when digested or written, as a 500 (issue 15, break 9). (A
    NUL is text, refused in an answer by voice.definition with a message naming the question.)
    Walked without recursion."""
    waiting: list[tuple[Any, int]] = [(body, 0)]
    while waiting:
        value, depth = waiting.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return False
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            waiting.extend((item, depth + 1) for item in items)
    return True


@csrf_exempt  # A kiosk's queue sends answers with no cookie and no session: there is no authority
# for a cross-site request to borrow, and a forged request can do no more than any anonymous
# person can (give answers once per submission id; one-per-person surveys need a one-time pass).
@require_POST
def api_responses(request: HttpRequest) -> JsonResponse:
    """Answers are never kept by a cache (the headers Django's never_cache sets, written directly:
    on the kiosks' hot path, building them each time cost a tenth of the request)."""
    response = _store(request)
    response["Cache-Control"] = NEVER_CACHE
    response["Expires"] = LONG_AGO
    # Every reply is one length (JSON allows the trailing spaces), so an access log's sizes do not
    # say which answers went to the safer custody team or named a complaint (issue 15, break 4).
    response.content = response.content.ljust(REPLY_BYTES)
    return response


NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"
LONG_AGO = "Thu, 01 Jan 1970 00:00:00 GMT"
# Longer than any reply: the longest is a refusal's message in Welsh.
REPLY_BYTES = 1024


def _store(request: HttpRequest) -> JsonResponse:
    """Store one queued submission: 201 stored, 200 already stored (a replay), 400 malformed,
    409 the pass is used or unknown, 410 the survey has closed. Nothing is stored on refusal."""
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: 100,000 nested brackets are deeper than Python's parser goes (issue 15,
        # break 9); no submission is more than MAX_DEPTH deep.
        body = None
    if not isinstance(body, dict) or not _readable(body):
        return _json_error(_("The answers could not be read"), "malformed", 400)
    channel = body.get("channel")
    language = body.get("language", "en")
    organisation_id = body.get("organisation_id")
    if channel not in services.CHANNELS or channel == Channel.PAPER:
        return _json_error(_("Unknown channel"), "channel", 400)
    if not isinstance(language, str) or organisation_id is not None and not isinstance(organisation_id, int):
        return _json_error(_("The answers could not be read"), "malformed", 400)
    try:
        offer = body.get("name_offer")
        named_person_id = named_person_from(offer) if offer is not None else None
        submitted = services.response_submit(
            survey_id=body.get("survey_id"),
            version_number=body.get("version"),
            answers=body.get("answers"),
            submission_id=body.get("submission_id"),
            channel=channel,
            language=language,
            easy_read=body.get("easy_read") is True,
            token=body.get("pass") if isinstance(body.get("pass"), str) else None,
            organisation_id=organisation_id,
            named_person_id=named_person_id,
        )
    except services.SurveyNotOpen as e:
        return _json_error(e.messages[0], e.code or "closed", 410 if e.code == "closed" else 400)
    except services.PassRefused as e:
        return _json_error(e.messages[0], e.code or "bad_pass", 409)
    except PermissionDenied as e:
        return _json_error(str(e), "forbidden", 400)
    except ValidationError as e:
        return _json_error(e.messages[0], getattr(e, "code", None) or "invalid", 400)
    return JsonResponse(
        {
            "status": "duplicate" if submitted.duplicate else "stored",
            "signpost_complaints": submitted.signpost_complaints,
            "routed_to_safer_custody": submitted.routed_to_safer_custody,
        },
        status=200 if submitted.duplicate else 201,
    )
