"""A survey without JavaScript, one question per screen on the server. What the person has
answered so far travels in a sealed value in a hidden field of the page (`state`), never in a
session: nothing on the server links the answers to a browser, and nothing is left once the page
is gone.

The state is encrypted, not only signed (voice/views/page_seal.py): whoever sees the page cannot
read the pass or the answers in it (issue 15, break 3). It never holds who the person is: a
person signed in to their own view carries their name offer (itself sealed) in a field of its own,
which is opened only when they tick "give my name" on the check screen.

Every page of a survey here is the same size whatever was answered (`_padded`), so that the sizes
in an access log say nothing of the answers or of what was sent to the safer custody team (issue
15, break 4)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from voice import definition, services
from voice.constants import Eligibility, QuestionType
from voice.models import Survey, SurveyVersion
from voice.views import page_seal
from voice.views.kiosk_names import named_person_from
from voice.views.kiosk_pages import (
    choose_prison_to_start,
    closed_page,
    families_place,
    known_language,
    open_survey,
    sign_in_url,
)
from voice.views.kiosk_place import Place, place_from, privacy_promise, ui_words

STATE_SALT = "voice.kiosk.state"
STATE_MAX_AGE = 4 * 60 * 60  # a survey left open longer starts again
CHECK = "check"
PROMISE = "promise"


# The state is padded to a multiple of this before it is sealed (never compressed: compressed,
# its length would follow what was written), and the page around it is padded too (`_padded`).
STATE_BUCKET = 1024
# A sealed name offer is one length (kiosk_names.py); anything much longer is not one.
NAME_OFFER_MAX = 256


def _pack(state: dict[str, Any]) -> str:
    return page_seal.seal(STATE_SALT, state, scope=state["s"], bucket=STATE_BUCKET)


def _unpack(value: str, survey_id: int) -> dict[str, Any] | None:
    try:
        found = page_seal.unseal(STATE_SALT, value, scope=survey_id, max_age=STATE_MAX_AGE)
    except page_seal.Unreadable:
        return None
    return found if isinstance(found, dict) else None


def _name_offer(request: HttpRequest) -> str | None:
    """The sealed name offer the page carries, as it came (opened only when the person ticks the
    box: `_submit`); None when there is none."""
    offer = request.POST.get("name_offer", "")
    return offer if 0 < len(offer) <= NAME_OFFER_MAX else None


# Padding (issue 15, break 4). Each page of a survey is padded to one size for its version, larger
# than any page its answers can make: the page's own words and markup (PAGE_BASE), and for each
# question its words in every language at the worst escaping (QUESTION_WORDS each byte, the widest
# being a character written as `&#34;` and again in the state), its markup, and for free text the
# longest answer as the state and the page hold it.
PAGE_BASE = 24 * 1024  # the largest page with no answers, in Welsh with an error, is under 8 KiB
PAGE_STEP = 4 * 1024
QUESTION_MARKUP = 2 * 1024
OPTION_MARKUP = 1024
QUESTION_WORDS = 12
# A free-text answer of TEXT_MAX characters: in the state, at most 6 bytes a character in JSON
# (a control character as \u0000) and a third more in base64; on the page, at most 5 (`&#34;`).
TEXT_ANSWER = definition.TEXT_MAX * (6 * 4 // 3 + 5) + 1024
OTHER_ANSWER = 512
_PAGE_SIZES: dict[int, int] = {}


def page_size(version: SurveyVersion) -> int:
    """The size every page of this survey version is padded to (kept per process: a published
    version never changes)."""
    size = _PAGE_SIZES.get(version.pk)
    if size is None:
        size = PAGE_BASE
        for q in version.definition["questions"]:
            words = len(json.dumps(q, ensure_ascii=False).encode())
            size += QUESTION_MARKUP + QUESTION_WORDS * words + OPTION_MARKUP * len(q.get("options") or ())
            size += TEXT_ANSWER if q["type"] == QuestionType.TEXT else OTHER_ANSWER
        size += -size % PAGE_STEP
        _PAGE_SIZES[version.pk] = size
    return size


def _padded(response: HttpResponse, version: SurveyVersion) -> HttpResponse:
    """The page padded with spaces after its end to the version's page size. A page larger than
    that (only answers no browser sends, such as text over the limit that is refused) is padded to
    the next step: it says only its step."""
    target = page_size(version)
    size = len(response.content)
    if size > target:
        target = size + (-size % PAGE_STEP)
    response.content = response.content + b" " * (target - size)
    return response


def _shown_questions(questions: list[definition.Question], answers: dict[str, Any]) -> list[definition.Question]:
    shown = []
    for q in questions:
        if definition.shown({"show_if": q.show_if}, answers):
            shown.append(q)
    return shown


def _prune(defn: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Drop answers to questions that skip logic now hides (an earlier answer was changed)."""
    kept: dict[str, Any] = {}
    for q in defn["questions"]:
        if q["id"] in answers and definition.shown(q, kept):
            kept[q["id"]] = answers[q["id"]]
    return kept


def _answer_from(request: HttpRequest, question: definition.Question) -> Any:
    if question.type == QuestionType.MULTIPLE:
        return request.POST.getlist("answer")
    return request.POST.get("answer", "")


def _check_one(defn: dict[str, Any], answers: dict[str, Any], qid: str) -> str | None:
    """Check the answers up to and including one question; the first fault's message, or None."""
    ids = [q["id"] for q in defn["questions"]]
    upto = ids[: ids.index(qid) + 1]
    try:
        definition.answers_clean(
            {"questions": defn["questions"][: len(upto)]}, {k: answers[k] for k in upto if k in answers}
        )
    except definition.AnswersError as e:
        return e.messages[0]
    return None


def _display(question: definition.Question, value: Any, easy: bool) -> str:
    if value in (None, "", []):
        return ""
    labels = {o.value: (o.easy_read if easy and o.easy_read else o.text) for o in question.options}
    if isinstance(value, list):
        return ", ".join(labels.get(v, v) for v in value)
    return labels.get(value, str(value))


def _survey_screen(
    request: HttpRequest,
    survey: Survey,
    version: SurveyVersion,
    place: Place,
    state: dict[str, Any],
    *,
    name_offer: str | None,
    error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    language, easy = state["l"], state["e"]
    questions = definition.questions_in(version.definition, language=language)
    shown = _shown_questions(questions, state["a"])
    context: dict[str, Any] = {
        "place": place,
        "survey": survey,
        "state": _pack(state),
        "name_offer": name_offer,
        "easy": easy,
        "error": error,
        "is_kiosk": place.shared,
        "language": language,
    }
    context["can_name"] = bool(name_offer)
    if state["at"] == PROMISE:
        context["promise"] = privacy_promise(place, easy_read=easy, can_name=context["can_name"])
        template = "voice/kiosk/promise.html"
    elif state["at"] == CHECK:
        context["rows"] = [(q, _display(q, state["a"].get(q.id), easy)) for q in shown]
        template = "voice/kiosk/check.html"
    else:
        question = next(q for q in shown if q.id == state["at"])
        value = state["a"].get(question.id)
        context.update(
            {
                "question": question,
                "position": shown.index(question) + 1,
                "total": len(shown),
                "value": value,
                "values": value if isinstance(value, list) else [value],
                "words": question.words if easy else question.text,
            }
        )
        template = "voice/kiosk/question.html"
    with override(language):
        return _padded(render(request, template, context, status=status), version)


@never_cache
@require_POST
def survey_answer(request: HttpRequest, survey_id: int) -> HttpResponse:
    """One step of the survey without JavaScript. The form carries the signed state; the button
    pressed (`go`) says what to do: begin, start, next, back, change:<question>, submit."""
    go = request.POST.get("go", "")
    if go == "begin":
        # From the start page: where, in which language and words, and the pass if there is one.
        place = place_from(request.POST.get("channel"), request.POST.get("at"))
        state: dict[str, Any] | None = {
            "s": int(survey_id),
            "c": place.channel,
            "o": place.organisation_id,
            "l": request.POST.get("language", "en"),
            "e": request.POST.get("reading") == "easy",
            "a": {},
            "id": str(uuid.uuid4()),
            "p": request.POST.get("pass") or None,
            "at": PROMISE,
        }
    else:
        state = _unpack(request.POST.get("state", ""), int(survey_id))
        if state is None or state.get("s") != int(survey_id):
            return render(request, "voice/kiosk/lost.html", {"is_kiosk": False}, status=400)
        place = place_from(state["c"], state["o"])
    found = open_survey(survey_id, place)
    if found is None:
        return closed_page(request, place)
    survey, version = found
    assert state is not None
    name_offer = _name_offer(request)
    chosen = families_place(survey, place)
    if chosen is None:
        return choose_prison_to_start(request, survey, language=known_language(state["l"]), refused=True)
    place = chosen
    state["o"] = place.organisation_id
    if go == "begin" and survey.eligibility == Eligibility.ONE_PER_PERSON and not state["p"]:
        return render(
            request,
            "voice/kiosk/sign_in_first.html",
            {"place": place, "survey": survey, "sign_in_url": sign_in_url(place), "is_kiosk": place.shared},
        )
    state["v"] = state.get("v", version.number)
    if state["v"] != version.number:
        # A new version was published while they answered: their answers no longer fit it.
        version = survey.versions.filter(number=state["v"], published_at__isnull=False).first() or version
    defn = version.definition
    if state["l"] not in definition.languages(defn):
        state["l"] = "en"
    questions = definition.questions_in(defn, language=state["l"])
    state["a"] = _prune(defn, state["a"])

    def shown_ids() -> list[str]:
        return [q.id for q in _shown_questions(questions, state["a"])]

    with override(state["l"]):
        if go == "start":
            state["at"] = shown_ids()[0]
        elif go.startswith("change:") and go[7:] in shown_ids():
            state["at"] = go[7:]
        elif go == "back":
            ids = shown_ids()
            if state["at"] == CHECK:
                state["at"] = ids[-1]
            elif state["at"] in ids and ids.index(state["at"]) > 0:
                state["at"] = ids[ids.index(state["at"]) - 1]
            else:
                state["at"] = PROMISE
        elif go == "next" and state["at"] in shown_ids():
            current = next(q for q in questions if q.id == state["at"])
            value = _answer_from(request, current)
            state["a"][current.id] = value
            if value in ("", [], None):
                del state["a"][current.id]
            error = _check_one(defn, state["a"], current.id)
            if error:
                return _survey_screen(
                    request, survey, version, place, state, name_offer=name_offer, error=error, status=400
                )
            state["a"] = _prune(defn, state["a"])
            ids = shown_ids()
            after = ids[ids.index(current.id) + 1 :]
            state["at"] = after[0] if after else CHECK
        elif go == "submit":
            return _submit(
                request,
                survey,
                version,
                place,
                state,
                name_offer=name_offer if request.POST.get("named") == "yes" else None,
            )
        elif state["at"] not in (PROMISE, CHECK, *shown_ids()):
            state["at"] = PROMISE
    return _survey_screen(request, survey, version, place, state, name_offer=name_offer)


def _submit(
    request: HttpRequest,
    survey: Survey,
    version: SurveyVersion,
    place: Place,
    state: dict[str, Any],
    *,
    name_offer: str | None,
) -> HttpResponse:
    """Send the answers. `name_offer` is the person's sealed offer only when they ticked "give my
    name" (anonymous otherwise): only then is it opened."""
    named = name_offer is not None
    try:
        named_person_id = named_person_from(name_offer) if named else None
        submitted = services.response_submit(
            survey_id=survey.pk,
            version_number=version.number,
            answers=state["a"],
            submission_id=state["id"],
            channel=place.channel,
            language=state["l"],
            easy_read=state["e"],
            token=state["p"],
            organisation_id=place.organisation_id,
            named_person_id=named_person_id,
        )
    except services.SurveyNotOpen:
        return closed_page(request, place)
    except services.PassRefused as e:
        refused = render(
            request,
            "voice/kiosk/lost.html",
            {"is_kiosk": place.shared, "message": e.messages[0], "place": place},
            status=409,
        )
        return _padded(refused, version)
    except ValidationError as e:
        state["at"] = CHECK
        # The offer goes back to the page whether or not it was ticked, to be ticked again.
        return _survey_screen(
            request, survey, version, place, state, name_offer=_name_offer(request), error=e.messages[0], status=400
        )
    thanks = render(
        request,
        "voice/kiosk/thanks.html",
        {
            "place": place,
            "survey": survey,
            "submitted": submitted,
            "named": named,
            "is_kiosk": place.shared,
            "words": ui_words(place),
        },
    )
    # The same size whether or not the answers went to the safer custody team or named a complaint.
    return _padded(thanks, version)
