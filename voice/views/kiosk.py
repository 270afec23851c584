"""The person-facing side of feedback and surveys: kiosks at a service, the person's own phone,
the families' public web form and the visits-hall kiosk.

Every page here is open to anyone and names no one. A survey runs two ways:
- without JavaScript, one question per screen on the server. What the person has answered so far
  travels in a signed value in a hidden field of the page (`state`), never in a session: nothing on
  the server links the answers to a browser, and nothing is left once the page is gone;
- with JavaScript (voice/static/voice/kiosk.js), the whole survey runs on the device from the
  definition embedded in the start page as JSON, and the answers are queued on the device and sent
  to `api-responses` until the server has them, each exactly once (the submission id).

Views are thin: the rules are in voice/definition.py, voice/selectors.py and voice/services.py."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.html import json_script
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from organisations.constants import OrganisationKind
from organisations.models import Organisation
from voice import definition, selectors, services
from voice.constants import Audience, Channel, Eligibility, QuestionType
from voice.models import Survey, SurveyVersion

STATE_SALT = "voice.kiosk.state"
NAME_SALT = "voice.kiosk.name"
# A choice to give one's name may wait in a kiosk's queue while the network is down: as long as a pass.
NAME_MAX_AGE = services.TOKEN_DAYS * 24 * 60 * 60
STATE_MAX_AGE = 4 * 60 * 60  # a survey left open longer starts again
IDLE_SECONDS = {Channel.KIOSK: 120, Channel.VISITS_KIOSK: 120, Channel.PHONE: 30 * 60, Channel.PUBLIC_WEB: 30 * 60}
FAMILY_CHANNELS = (Channel.PUBLIC_WEB, Channel.VISITS_KIOSK)
PERSON_CHANNELS = (Channel.KIOSK, Channel.PHONE)
SHARED_DEVICES = (Channel.KIOSK, Channel.VISITS_KIOSK)
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
CHECK = "check"
PROMISE = "promise"


def idle_seconds(channel: str) -> int:
    """How long a survey page may sit unused before a shared kiosk wipes it for the next person.
    The setting VOICE_IDLE_SECONDS, when set, shortens it for every channel (browser tests)."""
    return int(getattr(settings, "VOICE_IDLE_SECONDS", None) or IDLE_SECONDS[Channel(channel)])


# Where a survey is taken.


@dataclass(frozen=True)
class Place:
    """Where the person is answering: the channel, and the service the kiosk or page is at."""

    channel: str
    organisation: Organisation | None

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation else None

    @property
    def shared(self) -> bool:
        return self.channel in SHARED_DEVICES

    @property
    def idle_seconds(self) -> int:
        return idle_seconds(self.channel)

    @property
    def home_url(self) -> str:
        """The page the person started from, and "Finish" goes back to."""
        if self.channel == Channel.PUBLIC_WEB or self.organisation is None:
            return reverse("voice:families") + (f"?at={self.organisation.pk}" if self.organisation else "")
        name = {Channel.KIOSK: "voice:kiosk", Channel.PHONE: "voice:phone", Channel.VISITS_KIOSK: "voice:visits"}
        return reverse(name[Channel(self.channel)], args=[self.organisation.pk])

    def audiences(self) -> tuple[str, ...]:
        if self.channel in FAMILY_CHANNELS:
            return (Audience.FAMILIES.value,)
        kind = self.organisation.kind if self.organisation else None
        if kind == OrganisationKind.ESTABLISHMENT:
            return (Audience.IN_CUSTODY.value,)
        if kind == OrganisationKind.DELIVERY_UNIT:
            return (Audience.ON_PROBATION.value,)
        return (Audience.IN_CUSTODY.value, Audience.ON_PROBATION.value)

    def offers(self, survey: Survey) -> bool:
        return survey.audience in self.audiences()


def _service(organisation_id: Any) -> Organisation:
    try:
        pk = int(organisation_id)
    except (TypeError, ValueError):
        raise Http404 from None
    found = Organisation.objects.filter(pk=pk, active=True, kind__in=services.SERVICE_KINDS).first()
    if found is None:
        raise Http404
    return found


def _prison(organisation_id: Any) -> Organisation | None:
    """An active establishment by its id, or None."""
    try:
        pk = int(organisation_id)
    except (TypeError, ValueError):
        return None
    return Organisation.objects.filter(pk=pk, active=True, kind=OrganisationKind.ESTABLISHMENT).first()


def place_from(channel: Any, organisation_id: Any) -> Place:
    """The place a start page or a form names; unknown ones are not found. The families' web form
    names the prison the feedback is about (chosen by the person), or none yet."""
    if channel not in Channel.values or channel == Channel.PAPER:
        raise Http404
    if channel == Channel.PUBLIC_WEB:
        if organisation_id in (None, ""):
            return Place(channel=channel, organisation=None)
        prison = _prison(organisation_id)
        if prison is None:
            raise Http404
        return Place(channel=channel, organisation=prison)
    return Place(channel=channel, organisation=_service(organisation_id))


# The words of a survey, for the screens and for kiosk.js.


def privacy_promise(place: Place, *, easy_read: bool, can_name: bool = False) -> list[str]:
    """The promise shown before every survey, in the active language. A person signed in to their
    own view is told that they may choose to give their name at the end (and are anonymous if not)."""
    probation = Audience.ON_PROBATION.value in place.audiences() and place.channel not in FAMILY_CHANNELS
    if easy_read:
        found = [
            _("You do not have to tell us your name."),
            _("We keep only the place and the month. We do not keep the day or the time."),
            _(
                "If you write that someone may be hurt, we tell the safer custody team what you wrote. We do not tell"
                " them your name."
            ),
            _(
                "This is not a complaint. To complain, ask for a complaint form. You can also talk to the Independent"
                " Monitoring Board or write to the Prisons and Probation Ombudsman."
            ),
        ]
    else:
        found = [
            _("Your answers are anonymous unless you choose to give your name."),
            _(
                "We keep only the service your answers are about and the month you gave them: not the day, the time "
                "or the device."
            ),
            _(
                "If you write that someone may be harmed, we pass your words, but not your name, to the safer custody"
                " team so that they can help."
            ),
            _(
                "This survey is not a complaint. To make a complaint, use the formal complaints process. You can also"
                " contact the Independent Monitoring Board or the Prisons and Probation Ombudsman."
            ),
        ]
    if can_name:
        found.insert(
            1,
            _("At the end, you can choose to give your name. Then staff can tell you what happens.")
            if easy_read
            else _(
                "At the end you can choose to give your name, so that staff can tell you what happens because of "
                "your answers. If you do not choose to, your answers are anonymous."
            ),
        )
    if probation:
        found.append(
            _(
                "If you are on probation, you can complain to your probation office, and then to the Prisons and "
                "Probation Ombudsman."
            )
        )
    return found


def _ui_words(place: Place) -> dict[str, Any]:
    """The words kiosk.js shows, in the active language."""
    return {
        "question_n_of": _("Question %(n)s of %(total)s"),
        "back": _("Back"),
        "next": _("Next"),
        "start": _("Start the survey"),
        "listen": _("Listen"),
        "listen_to": _("Listen to: %(words)s"),
        "optional": _("(optional)"),
        "required": _("Answer this question to go on"),
        "select_all": _("Select all that apply."),
        "check_title": _("Check your answers"),
        "check_intro": _("You can change an answer before you send them."),
        "change": _("Change"),
        "change_answer": _("your answer to: %(question)s"),
        "not_answered": _("Not answered"),
        "submit": _("Send my answers"),
        "thanks_title": _("Thank you"),
        "thanks_body": _(
            "Your answers will be read by the people who run this service, with everyone else’s. They will tell "
            "you what they changed because of them."
        ),
        "thanks_complaints": _(
            "You wrote about a complaint or about a member of staff. Our staff will not see your name. If you "
            "want it dealt with as a complaint, use the formal complaints process, or contact the Independent "
            "Monitoring Board or the Prisons and Probation Ombudsman."
        ),
        "thanks_safer_custody": _(
            "You wrote that someone may be harmed. We have passed your words, but not your name, to the safer "
            "custody team. If you or someone else is in danger now, tell a member of staff."
        ),
        "finish": _("Finish"),
        "give_name_legend": _("Your name"),
        "give_name": _("Give my name so staff can tell me what happens"),
        "give_name_hint": _("If you leave this unticked, your answers are anonymous."),
        "thanks_named": _("You gave your name, so staff can tell you what happens because of your answers."),
        "queue_waiting": _("%(n)s answers waiting to send"),
        "queue_waiting_one": _("1 answer waiting to send"),
        "queue_sent": _("All answers sent"),
        "queue_refused": _("Some answers could not be sent: %(message)s"),
        "privacy_title": _("Before you start"),
        "number_hint": _("Enter a number"),
        "date_hint": _("For example, 27 3 2026"),
        "idle_seconds": place.idle_seconds,
    }


def _question_json(question: definition.Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "type": question.type,
        "required": question.required,
        "text": question.text,
        "easy_read": question.words,
        "show_if": question.show_if,
        "min": question.min,
        "max": question.max,
        "options": [
            {"value": o.value, "text": o.text, "easy_read": o.easy_read or o.text, "face": o.face}
            for o in question.options
        ],
    }


def survey_data(
    survey: Survey, version: SurveyVersion, place: Place, token: str | None = None, name_offer: str | None = None
) -> dict[str, Any]:
    """Everything kiosk.js needs to run the survey on the device, in every language it is in."""
    by_language = {}
    for code in definition.languages(version.definition):
        with override(code):
            by_language[code] = {
                "name": LANGUAGE_NAMES.get(code, code),
                "words": _ui_words(place),
                "promise": privacy_promise(place, easy_read=False),
                "promise_easy": privacy_promise(place, easy_read=True),
                # For a person offered the choice to give their name (data's name_offer).
                "promise_named": privacy_promise(place, easy_read=False, can_name=True),
                "promise_named_easy": privacy_promise(place, easy_read=True, can_name=True),
                "questions": [_question_json(q) for q in definition.questions_in(version.definition, language=code)],
            }
    return {
        "survey_id": survey.pk,
        "title": survey.title,
        "version": version.number,
        "channel": place.channel,
        "organisation_id": place.organisation_id,
        "pass": token,
        "name_offer": name_offer,
        "api": reverse("voice:api-responses"),
        "home": place.home_url,
        "languages": by_language,
    }


# Pages that list the surveys at a place.


def _listing(request: HttpRequest, place: Place, surveys: Any) -> HttpResponse:
    surveys = list(surveys)
    rows = [
        {
            "survey": s,
            "needs_pass": s.eligibility == Eligibility.ONE_PER_PERSON,
            "start": reverse("voice:survey-start", args=[s.pk])
            + f"?channel={place.channel}"
            + (f"&at={place.organisation_id}" if place.organisation_id else ""),
        }
        for s in surveys
    ]
    return render(
        request,
        "voice/kiosk/list.html",
        {"place": place, "rows": rows, "is_kiosk": place.shared, "sign_in_url": _sign_in_url(place)},
    )


def _sign_in_url(place: Place) -> str:
    # The person's own view is another app; voice only links to it by name, never imports it.
    return reverse("myplan:sign-in") + ("?kiosk=1" if place.shared else "")


@never_cache
@require_GET
def kiosk(request: HttpRequest, organisation_id: int) -> HttpResponse:
    place = Place(channel=Channel.KIOSK, organisation=_service(organisation_id))
    return _listing(
        request, place, selectors.surveys_open_at(organisation=place.organisation, audiences=place.audiences())
    )


@never_cache
@require_GET
def phone(request: HttpRequest, organisation_id: int) -> HttpResponse:
    place = Place(channel=Channel.PHONE, organisation=_service(organisation_id))
    return _listing(
        request, place, selectors.surveys_open_at(organisation=place.organisation, audiences=place.audiences())
    )


@never_cache
@require_GET
def visits(request: HttpRequest, organisation_id: int) -> HttpResponse:
    place = Place(channel=Channel.VISITS_KIOSK, organisation=_service(organisation_id))
    return _listing(
        request, place, selectors.surveys_open_at(organisation=place.organisation, audiences=(Audience.FAMILIES,))
    )


def _choose_prison(
    request: HttpRequest, *, action: str, error: str | None = None, hidden: dict[str, str] | None = None
) -> HttpResponse:
    """Ask families and visitors which prison their feedback is about: a form that works without
    JavaScript (GET, so the answer is in the address of the next page and nothing is stored)."""
    prisons = Organisation.objects.filter(active=True, kind=OrganisationKind.ESTABLISHMENT).order_by("name", "pk")
    return render(
        request,
        "voice/kiosk/choose_prison.html",
        {
            "place": Place(channel=Channel.PUBLIC_WEB, organisation=None),
            "prisons": list(prisons.values_list("pk", "name")),
            "action": action,
            "hidden": hidden or {},
            "error": error,
            "chosen": request.GET.get("at", ""),
            "is_kiosk": False,
        },
        status=400 if error else 200,
    )


def _prison_refused() -> str:
    return _("Select the prison your feedback is about from the list")


@never_cache
@require_GET
def families(request: HttpRequest) -> HttpResponse:
    """The families' and visitors' public web form: first which prison the feedback is about, then
    the families' surveys there. The prison chosen is stored with the answers (voice.Response's
    organisation); an unknown one is refused with a message."""
    if "at" not in request.GET:
        return _choose_prison(request, action=reverse("voice:families"))
    prison = _prison(request.GET["at"])
    if prison is None:
        return _choose_prison(request, action=reverse("voice:families"), error=_prison_refused())
    place = Place(channel=Channel.PUBLIC_WEB, organisation=prison)
    return _listing(request, place, selectors.surveys_open_at(organisation=prison, audiences=(Audience.FAMILIES,)))


# One survey.


def _open_survey(survey_id: Any, place: Place) -> tuple[Survey, SurveyVersion] | None:
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None or not place.offers(survey):
        raise Http404
    version = selectors.version_current(survey)
    if version is None or not selectors.survey_is_open(survey):
        return None
    return survey, version


def _closed(request: HttpRequest, place: Place) -> HttpResponse:
    return render(request, "voice/kiosk/closed.html", {"place": place, "is_kiosk": place.shared}, status=410)


def name_offer_for(person_id: int) -> str:
    """What lets a person signed in to their own view give their name with their answers, if they
    choose to: their id, signed so that no one can give someone else's. Like the pass, it travels
    only in the page, and is sent with the answers only when the person ticks the box."""
    return signing.dumps(person_id, salt=NAME_SALT)


class NameRefused(ValidationError):
    """The name sent with the answers is not one this service offered (forged or run out)."""


def named_person_from(offer: Any) -> int:
    """The person a name offer names; NameRefused when it is not one we signed, or has run out."""
    try:
        found = signing.loads(str(offer), salt=NAME_SALT, max_age=NAME_MAX_AGE)
    except signing.BadSignature:
        found = None
    if not isinstance(found, int) or isinstance(found, bool):
        raise NameRefused(
            _("Your name could not be added to your answers. Untick the box to send them without your name."),
            code="name",
        )
    return found


def start_page(
    request: HttpRequest,
    survey: Survey,
    version: SurveyVersion,
    place: Place,
    *,
    token: str | None = None,
    named_person_id: int | None = None,
) -> HttpResponse:
    """The first page of a survey: language and reading choice. kiosk.js runs the rest on the
    device; without it, the form starts the survey on the server. Also drawn by the person's own
    view (myplan) with their one-time pass, which travels only in the page (never the URL), and
    with `named_person_id` so that they may choose to give their name (anonymous unless they do)."""
    name_offer = name_offer_for(named_person_id) if named_person_id is not None else None
    data = survey_data(survey, version, place, token, name_offer)
    languages = list(data["languages"])
    return render(
        request,
        "voice/kiosk/start.html",
        {
            "place": place,
            "survey": survey,
            "version": version,
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in languages],
            "token": token,
            "name_offer": name_offer,
            "data_script": json_script(data, "voice-survey-data"),
            "is_kiosk": place.shared,
            "state": None,
        },
    )


def _families_place(survey: Survey, place: Place) -> Place | None:
    """On the families' web form the answers must say which prison they are about: the one the
    person chose, else the one the survey is about; None when neither is known yet."""
    if place.channel != Channel.PUBLIC_WEB or place.organisation is not None:
        return place
    about = _prison(survey.about_id) if survey.about_id else None
    return Place(channel=place.channel, organisation=about) if about else None


@never_cache
@require_GET
def survey_start(request: HttpRequest, survey_id: int) -> HttpResponse:
    place = place_from(request.GET.get("channel", Channel.PUBLIC_WEB), request.GET.get("at"))
    found = _open_survey(survey_id, place)
    if found is None:
        return _closed(request, place)
    survey, version = found
    chosen = _families_place(survey, place)
    if chosen is None:
        return _choose_prison(
            request,
            action=reverse("voice:survey-start", args=[survey.pk]),
            hidden={"channel": Channel.PUBLIC_WEB},
        )
    place = chosen
    if survey.eligibility == Eligibility.ONE_PER_PERSON:
        return render(
            request,
            "voice/kiosk/sign_in_first.html",
            {"place": place, "survey": survey, "sign_in_url": _sign_in_url(place), "is_kiosk": place.shared},
        )
    return start_page(request, survey, version, place)


def _pack(state: dict[str, Any]) -> str:
    return signing.dumps(state, salt=STATE_SALT, compress=True)


def _unpack(value: str) -> dict[str, Any] | None:
    try:
        found = signing.loads(value, salt=STATE_SALT, max_age=STATE_MAX_AGE)
    except signing.BadSignature:
        return None
    return found if isinstance(found, dict) else None


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
        "easy": easy,
        "error": error,
        "is_kiosk": place.shared,
        "language": language,
    }
    context["can_name"] = bool(state.get("n"))
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
        return render(request, template, context, status=status)


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
            "n": request.POST.get("name_offer") or None,
            "at": PROMISE,
        }
    else:
        state = _unpack(request.POST.get("state", ""))
        if state is None or state.get("s") != int(survey_id):
            return render(request, "voice/kiosk/lost.html", {"is_kiosk": False}, status=400)
        place = place_from(state["c"], state["o"])
    found = _open_survey(survey_id, place)
    if found is None:
        return _closed(request, place)
    survey, version = found
    assert state is not None
    chosen = _families_place(survey, place)
    if chosen is None:
        return _choose_prison(
            request,
            action=reverse("voice:survey-start", args=[survey.pk]),
            hidden={"channel": Channel.PUBLIC_WEB},
            error=_prison_refused(),
        )
    place = chosen
    state["o"] = place.organisation_id
    if go == "begin" and survey.eligibility == Eligibility.ONE_PER_PERSON and not state["p"]:
        return render(
            request,
            "voice/kiosk/sign_in_first.html",
            {"place": place, "survey": survey, "sign_in_url": _sign_in_url(place), "is_kiosk": place.shared},
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
                return _survey_screen(request, survey, version, place, state, error=error, status=400)
            state["a"] = _prune(defn, state["a"])
            ids = shown_ids()
            after = ids[ids.index(current.id) + 1 :]
            state["at"] = after[0] if after else CHECK
        elif go == "submit":
            return _submit(request, survey, version, place, state, named=request.POST.get("named") == "yes")
        elif state["at"] not in (PROMISE, CHECK, *shown_ids()):
            state["at"] = PROMISE
    return _survey_screen(request, survey, version, place, state)


def _submit(
    request: HttpRequest, survey: Survey, version: SurveyVersion, place: Place, state: dict[str, Any], *, named: bool
) -> HttpResponse:
    named = named and bool(state.get("n"))
    try:
        named_person_id = named_person_from(state["n"]) if named else None
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
        return _closed(request, place)
    except services.PassRefused as e:
        return render(
            request,
            "voice/kiosk/lost.html",
            {"is_kiosk": place.shared, "message": e.messages[0], "place": place},
            status=409,
        )
    except ValidationError as e:
        state["at"] = CHECK
        return _survey_screen(request, survey, version, place, state, error=e.messages[0], status=400)
    return render(
        request,
        "voice/kiosk/thanks.html",
        {
            "place": place,
            "survey": survey,
            "submitted": submitted,
            "named": named,
            "is_kiosk": place.shared,
            "words": _ui_words(place),
        },
    )


# The device's queue sends its answers here.


def _json_error(message: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message, "code": code}, status=status)


@csrf_exempt  # A kiosk's queue sends answers with no cookie and no session: there is no authority
# for a cross-site request to borrow, and a forged request can do no more than any anonymous
# person can (give answers once per submission id; one-per-person surveys need a one-time pass).
@never_cache
@require_POST
def api_responses(request: HttpRequest) -> JsonResponse:
    """Store one queued submission: 201 stored, 200 already stored (a replay), 400 malformed,
    409 the pass is used or unknown, 410 the survey has closed. Nothing is stored on refusal."""
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = None
    if not isinstance(body, dict):
        return _json_error(_("The answers could not be read"), "malformed", 400)
    channel = body.get("channel")
    language = body.get("language", "en")
    organisation_id = body.get("organisation_id")
    if channel not in Channel.values or channel == Channel.PAPER:
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


# The service worker keeps the kiosk pages and their assets on the device, so a survey can be
# started and answered while the network is down. It is served from /voice/ so that its scope
# covers every survey page; it never stores a POST or its answer (a pass travels only in those).

SERVICE_WORKER = """// Generated by voice/views/kiosk.py: keeps survey pages for use offline.
const CACHE = "voice-kiosk-v1";
const ASSETS = %(assets)s;
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).catch(() => undefined));
  self.skipWaiting();
});
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/voice/api/")) {
    return;
  }
  // Network first, so pages are fresh when the network is up; the copy kept when it is down.
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === "basic") {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((found) => found || Response.error()))
  );
});
"""


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    assets = [
        static("css/application.css"),
        static("js/govuk-frontend.min.js"),
        static("js/init.js"),
        static("voice/kiosk.js"),
        static("voice/kiosk.css"),
    ]
    response = HttpResponse(SERVICE_WORKER % {"assets": json.dumps(assets)}, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/voice/"
    return response


urlpatterns: list[URLPattern] = [
    path("kiosk/<int:organisation_id>/", kiosk, name="kiosk"),
    path("services/<int:organisation_id>/", phone, name="phone"),
    path("visits/<int:organisation_id>/", visits, name="visits"),
    path("families/", families, name="families"),
    path("surveys/<int:survey_id>/start/", survey_start, name="survey-start"),
    path("surveys/<int:survey_id>/answer/", survey_answer, name="survey-answer"),
    path("api/responses/", api_responses, name="api-responses"),
    path("sw.js", service_worker, name="service-worker"),
]
