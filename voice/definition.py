"""A survey's questions, as versioned configuration (HMPPS Resettlement Passport's questionnaires:
answers keep the version they were given under, and a new version never breaks old answers).

A definition is plain JSON:

    {"questions": [
        {"id": "overall", "type": "fft", "required": true,
         "text": {"en": "...", "cy": "..."}, "easy_read": {"en": "...", "cy": "..."},
         "options": [{"value": "yes", "text": {"en": "Yes", "cy": "Ydw"}}],   # single / multiple
         "min": 0, "max": 100,                                                # number
         "show_if": {"question": "q1", "in": ["yes"]}}                        # skip logic
    ]}

Texts are keyed by language code; English is required, every other language is optional and a
survey is offered in a language only when every question has its text in it. The built-in
questions (the overall-experience question and the 5-point scale) carry their own wording and
options, translated with the rest of the service (locale/<code>/LC_MESSAGES).

Everything here is a plain function on plain data, checked by voice/tests/test_definition.py."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from voice.constants import QuestionType, Rating

ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TEXT_MAX = 2000
# A number answer has at most this many digits before the point: turning "1e999999999" into an
# integer held a worker for as long as it took (issue 15, break 9), and no survey counts beyond
# thousands of billions.
NUMBER_DIGITS_MAX = 15
MAX_QUESTIONS = 60
# The standard question (ENGINEERING.md, "Feedback score"): its wording is fixed so that scores
# from every service can be compared.
FFT_TEXT = gettext_lazy("Overall, how was your experience of our service?")
FFT_EASY_READ = gettext_lazy("Was our service good or bad for you?")
FFT_WHY_TEXT = gettext_lazy("Please tell us why you gave that answer.")
FFT_WHY_EASY_READ = gettext_lazy("Tell us why.")
SCALE_VALUES = [r.value for r in Rating if r != Rating.DONT_KNOW]
FFT_VALUES = [r.value for r in Rating]
CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE}
RATING_TYPES = {QuestionType.SCALE, QuestionType.FFT}
# The faces shown beside each point of the scale, read aloud by their label, never by the picture.
FACES = {
    Rating.VERY_GOOD: "😄",
    Rating.GOOD: "🙂",
    Rating.NEITHER: "😐",
    Rating.POOR: "🙁",
    Rating.VERY_POOR: "😞",
    Rating.DONT_KNOW: "🤷",
}


class DefinitionError(ValidationError):
    """The survey's questions cannot be used as they are; the message says which and why."""


class AnswersError(ValidationError):
    """The answers do not fit the survey; nothing was stored."""


def storable(text: str) -> bool:
    """Whether every database can keep the text as it is: PostgreSQL's JSON columns refuse a NUL
    character, and a lone surrogate (which JSON's \\ud800 escapes can carry) is not UTF-8 at all.
    Both once reached the database and answered an outsider with a 500 (issue 15, break 9)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def standard_questions() -> list[dict[str, Any]]:
    """The overall-experience question followed by its free-text question, ready to start a survey."""
    return [
        {"id": "overall", "type": QuestionType.FFT.value, "required": True, "text": {}, "easy_read": {}},
        {"id": "overall_why", "type": QuestionType.TEXT.value, "required": False, "text": {}, "easy_read": {}},
    ]


def _texts(value: Any, where: str, *, required: bool) -> dict[str, str]:
    if value in (None, ""):
        value = {}
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, Mapping):
        raise DefinitionError(_("%(where)s: the text must be given per language") % {"where": where})
    texts = {}
    for code, text in value.items():
        if not isinstance(code, str) or not re.match(r"^[a-z]{2,3}(-[a-z]{2,4})?$", code):
            raise DefinitionError(_("%(where)s: %(code)s is not a language code") % {"where": where, "code": code})
        if not isinstance(text, str) or len(text) > TEXT_MAX:
            raise DefinitionError(_("%(where)s: each text must be words of up to 2,000 characters") % {"where": where})
        if not storable(text):
            raise DefinitionError(_("%(where)s: a text has a character that cannot be stored") % {"where": where})
        if text.strip():
            texts[code] = text.strip()
    if required and "en" not in texts:
        raise DefinitionError(_("%(where)s: give the English text") % {"where": where})
    return texts


def definition_clean(raw: Any) -> dict[str, Any]:
    """Check a definition and return it in its one stored shape, or raise DefinitionError."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("questions"), list):
        raise DefinitionError(_("A survey needs a list of questions"))
    questions = raw["questions"]
    if not questions:
        raise DefinitionError(_("Add at least one question"))
    if len(questions) > MAX_QUESTIONS:
        raise DefinitionError(_("A survey can have at most %(n)s questions") % {"n": MAX_QUESTIONS})
    cleaned: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for position, question in enumerate(questions, start=1):
        where = _("Question %(n)s") % {"n": position}
        if not isinstance(question, Mapping):
            raise DefinitionError(_("%(where)s cannot be read") % {"where": where})
        qid = question.get("id")
        if not isinstance(qid, str) or not ID_RE.match(qid):
            raise DefinitionError(
                _("%(where)s: its id must start with a small letter and use only small letters, numbers and _")
                % {"where": where}
            )
        if qid in seen:
            raise DefinitionError(_("%(where)s: the id %(id)s is used twice") % {"where": where, "id": qid})
        kind = question.get("type")
        if kind not in QuestionType.values:
            raise DefinitionError(_("%(where)s: choose a question type") % {"where": where})
        builtin_text = kind == QuestionType.FFT or (qid == "overall_why" and kind == QuestionType.TEXT)
        out: dict[str, Any] = {
            "id": qid,
            "type": kind,
            "required": bool(question.get("required", False)),
            "text": _texts(question.get("text"), where, required=not builtin_text),
            "easy_read": _texts(question.get("easy_read"), where, required=False),
        }
        if kind in CHOICE_TYPES:
            options = question.get("options")
            if not isinstance(options, list) or len(options) < 2:
                raise DefinitionError(_("%(where)s: give at least two options") % {"where": where})
            values: set[str] = set()
            out["options"] = []
            for option in options:
                value = option.get("value") if isinstance(option, Mapping) else None
                if not isinstance(value, str) or not ID_RE.match(value) or value in values:
                    raise DefinitionError(
                        _("%(where)s: each option needs its own value of small letters, numbers and _")
                        % {"where": where}
                    )
                values.add(value)
                out["options"].append(
                    {
                        "value": value,
                        "text": _texts(option.get("text"), where, required=True),
                        "easy_read": _texts(option.get("easy_read"), where, required=False),
                    }
                )
        if kind == QuestionType.NUMBER:
            for bound in ("min", "max"):
                if question.get(bound) is not None:
                    if not isinstance(question[bound], int | float) or isinstance(question[bound], bool):
                        message = _("%(where)s: the smallest and largest must be numbers")
                        raise DefinitionError(message % {"where": where})
                    out[bound] = question[bound]
            if "min" in out and "max" in out and out["min"] > out["max"]:
                raise DefinitionError(_("%(where)s: the smallest number is larger than the largest") % {"where": where})
        show_if = question.get("show_if")
        if show_if:
            if not isinstance(show_if, Mapping):
                raise DefinitionError(_("%(where)s: the skip rule cannot be read") % {"where": where})
            earlier = seen.get(show_if.get("question", ""))
            if earlier is None:
                raise DefinitionError(_("%(where)s: it can only depend on an earlier question") % {"where": where})
            allowed = set(option_values(earlier))
            wanted = show_if.get("in")
            if not allowed or not isinstance(wanted, list) or not wanted or not set(wanted) <= allowed:
                raise DefinitionError(
                    _("%(where)s: it can only depend on the answers of an earlier choice question") % {"where": where}
                )
            out["show_if"] = {"question": earlier["id"], "in": list(wanted)}
        seen[qid] = out
        cleaned.append(out)
    return {"questions": cleaned}


def option_values(question: Mapping[str, Any]) -> list[str]:
    kind = question["type"]
    if kind == QuestionType.FFT:
        return FFT_VALUES
    if kind == QuestionType.SCALE:
        return SCALE_VALUES
    if kind in CHOICE_TYPES:
        return [o["value"] for o in question["options"]]
    return []


def languages(definition: Mapping[str, Any]) -> list[str]:
    """The languages every question (and option) of the survey has its words in."""
    found: set[str] | None = None
    for question in definition["questions"]:
        texts = [question["text"]] + [o["text"] for o in question.get("options", [])]
        for text in texts:
            if not text:
                continue  # a built-in text, translated with the service
            found = set(text) if found is None else found & set(text)
    return sorted(found or {"en"}, key=lambda code: (code != "en", code))


def shown(question: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """Skip logic: a question with a rule is shown only when the earlier answer matches it."""
    rule = question.get("show_if")
    if not rule:
        return True
    earlier = answers.get(rule["question"])
    given = earlier if isinstance(earlier, list) else [earlier]
    return any(value in rule["in"] for value in given)


def _one_answer(question: Mapping[str, Any], value: Any) -> Any:
    kind = question["type"]
    if kind in (QuestionType.SINGLE, QuestionType.SCALE, QuestionType.FFT):
        if not isinstance(value, str) or value not in option_values(question):
            raise AnswersError(_("That answer is not one of the choices"), code="not_an_option")
        return value
    if kind == QuestionType.MULTIPLE:
        if isinstance(value, str):
            value = [value]
        allowed = option_values(question)
        if not isinstance(value, list) or not all(isinstance(v, str) and v in allowed for v in value):
            raise AnswersError(_("That answer is not one of the choices"), code="not_an_option")
        return [v for v in allowed if v in value]  # in the question's order, each once
    if kind == QuestionType.TEXT:
        if not isinstance(value, str):
            raise AnswersError(_("Write your answer in words"), code="wrong_type")
        if len(value) > TEXT_MAX:
            raise AnswersError(_("Write 2,000 characters or fewer"), code="too_long")
        if not storable(value):
            raise AnswersError(
                _("Your answer has a character that cannot be stored. Remove it and try again."), code="unstorable"
            )
        return value.strip()
    if kind == QuestionType.NUMBER:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise AnswersError(_("Enter a number"), code="wrong_type") from None
        if not number.is_finite() or isinstance(value, bool):
            raise AnswersError(_("Enter a number"), code="wrong_type")
        if number.adjusted() >= NUMBER_DIGITS_MAX:
            raise AnswersError(_("That number is too large"), code="out_of_range")
        if ("min" in question and number < question["min"]) or ("max" in question and number > question["max"]):
            raise AnswersError(_("That number is outside what the question allows"), code="out_of_range")
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == QuestionType.DATE:
        try:
            return datetime.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise AnswersError(_("Enter a real date"), code="wrong_type") from None
    raise AnswersError(_("That question cannot be answered"), code="wrong_type")  # pragma: no cover


def answers_clean(definition: Mapping[str, Any], raw: Any, *, require: bool = True) -> dict[str, Any]:
    """Check answers against the version they were given under; return them as stored, or raise
    AnswersError naming the first question at fault. Answers to questions that skip logic hides,
    and answers to questions the survey does not have, are refused: they were not asked.
    `require=False` (paper, typed in after the person has gone) lets required questions be blank."""
    if not isinstance(raw, Mapping):
        raise AnswersError(_("The answers could not be read"), code="malformed")
    known = {q["id"] for q in definition["questions"]}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise AnswersError(_("The survey has no question %(id)s") % {"id": unknown[0]}, code="unknown_question")
    answers: dict[str, Any] = {}
    for position, question in enumerate(definition["questions"], start=1):
        value = raw.get(question["id"])
        empty = value is None or value == "" or value == []
        if not shown(question, answers):
            if not empty:
                raise AnswersError(
                    _("Question %(n)s was skipped, so it cannot have an answer") % {"n": position}, code="skipped"
                )
            continue
        if empty:
            if question["required"] and require:
                raise AnswersError(_("Answer question %(n)s") % {"n": position}, code="required")
            continue
        try:
            answers[question["id"]] = _one_answer(question, value)
        except AnswersError as e:
            raise AnswersError(
                _("Question %(n)s: %(message)s") % {"n": position, "message": e.messages[0]}, code=e.code
            ) from None
        if answers[question["id"]] in ("", []):
            del answers[question["id"]]
            if question["required"] and require:
                raise AnswersError(_("Answer question %(n)s") % {"n": position}, code="required")
    return answers


@dataclass(frozen=True)
class Option:
    value: str
    text: str
    easy_read: str
    face: str = ""


@dataclass(frozen=True)
class Question:
    """A question ready to show in one language, plain or easy-read."""

    id: str
    type: str
    required: bool
    number: int
    text: str
    easy_read: str
    options: tuple[Option, ...]
    show_if: Mapping[str, Any] | None
    min: float | None = None
    max: float | None = None

    @property
    def words(self) -> str:
        return self.easy_read or self.text


def _pick(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or ""


def questions_in(definition: Mapping[str, Any], *, language: str) -> list[Question]:
    """The questions with their words in `language` (built-in words from the service's own
    translations), for screens, paper and read-aloud alike."""
    out = []
    with override(language):
        for number, q in enumerate(definition["questions"], start=1):
            kind = q["type"]
            text, easy = _pick(q["text"], language), _pick(q["easy_read"], language)
            if kind == QuestionType.FFT:
                text, easy = text or str(FFT_TEXT), easy or str(FFT_EASY_READ)
            if q["id"] == "overall_why" and kind == QuestionType.TEXT:
                text, easy = text or str(FFT_WHY_TEXT), easy or str(FFT_WHY_EASY_READ)
            if kind in RATING_TYPES:
                options = tuple(
                    Option(value, str(Rating(value).label), str(Rating(value).label), FACES[Rating(value)])
                    for value in option_values(q)
                )
            else:
                options = tuple(
                    Option(o["value"], _pick(o["text"], language), _pick(o["easy_read"], language))
                    for o in q.get("options", [])
                )
            out.append(
                Question(
                    id=q["id"],
                    type=kind,
                    required=q["required"],
                    number=number,
                    text=text,
                    easy_read=easy,
                    options=options,
                    show_if=q.get("show_if"),
                    min=q.get("min"),
                    max=q.get("max"),
                )
            )
    return out


def free_text(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> Iterable[str]:
    """Every free-text answer, for the safeguarding screen."""
    return free_text_by_id(definition, answers).values()


def free_text_by_id(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, str]:
    """Every free-text answer by its question's id, in the survey's order."""
    return {
        q["id"]: answers[q["id"]]
        for q in definition["questions"]
        if q["type"] == QuestionType.TEXT and answers.get(q["id"])
    }
