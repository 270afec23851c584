"""Versioned questionnaires with branching, defined in configuration (questionnaires/<key>/<version>.json).

Pure functions over plain data: what a version asks, which questions a set of answers makes
visible, whether an answer is valid, what is still unanswered, and which needs the answers
identify. An answer keeps the version it was given under, so a new version never breaks old
answers: old screenings are read with the version they were given (HMPPS Resettlement Passport).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organisations.constants import Pathway
from resettlement.constants import AnswerStatus

CONFIG_DIR = Path(__file__).resolve().parent / "questionnaires"
TYPES = ("single", "multiple", "text")
TEXT_LIMIT = 2000


def reason_key(question_id: str) -> str:
    """Where the reason for a missing answer is given (and where an error about it belongs)."""
    return f"{question_id}__reason"


class QuestionnaireError(Exception):
    """A questionnaire's configuration is wrong (raised when it is loaded, never while answering)."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    required: bool
    section_id: str
    pathway: str
    options: tuple[Option, ...] = ()
    show_if_question: str = ""
    show_if_values: tuple[str, ...] = ()
    need_when: tuple[str, ...] = ()
    need: str = ""
    # What to do when a required question is left empty, in GOV.UK's words for this question.
    error: str = ""

    def label_for(self, value: str) -> str:
        return next((o.label for o in self.options if o.value == value), value)


@dataclass(frozen=True)
class Section:
    id: str
    pathway: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Questionnaire:
    key: str
    version: int
    title: str
    sections: tuple[Section, ...]
    _by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def next_section(self, section_id: str) -> Section | None:
        ids = [s.id for s in self.sections]
        index = ids.index(section_id)
        return self.sections[index + 1] if index + 1 < len(ids) else None


@dataclass(frozen=True)
class Answer:
    status: str
    value: str | list[str] = ""
    reason: str = ""

    def is_answered(self) -> bool:
        return self.status == AnswerStatus.ANSWERED


def versions(key: str, *, config_dir: Path = CONFIG_DIR) -> list[int]:
    return sorted(int(p.stem) for p in (config_dir / key).glob("*.json") if p.stem.isdigit())


def latest(key: str, *, config_dir: Path = CONFIG_DIR) -> Questionnaire:
    found = versions(key, config_dir=config_dir)
    if not found:
        raise QuestionnaireError(f"No versions of questionnaire {key!r}")
    return load(key, found[-1], config_dir=config_dir)


@cache
def load(key: str, version: int, *, config_dir: Path = CONFIG_DIR) -> Questionnaire:
    path = config_dir / key / f"{version}.json"
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise QuestionnaireError(f"No version {version} of questionnaire {key!r}") from None
    return parse(data)


def parse(data: Mapping) -> Questionnaire:
    """Build and check a questionnaire: every fault in the configuration is found here, once."""
    seen: dict[str, Question] = {}
    sections = []
    for raw_section in data["sections"]:
        if raw_section["pathway"] not in Pathway.values:
            raise QuestionnaireError(f"Section {raw_section['id']!r}: unknown pathway {raw_section['pathway']!r}")
        questions = []
        for raw in raw_section["questions"]:
            question = Question(
                id=raw["id"],
                type=raw["type"],
                text=raw["text"],
                required=bool(raw.get("required", False)),
                section_id=raw_section["id"],
                pathway=raw_section["pathway"],
                options=tuple(Option(o["value"], o["label"]) for o in raw.get("options", ())),
                show_if_question=raw.get("show_if", {}).get("question", ""),
                show_if_values=tuple(raw.get("show_if", {}).get("in", ())),
                need_when=tuple(raw.get("need_when", ())),
                need=raw.get("need", ""),
                error=raw.get("error", ""),
            )
            _check(question, earlier=seen)
            seen[question.id] = question
            questions.append(question)
        sections.append(Section(raw_section["id"], raw_section["pathway"], raw_section["title"], tuple(questions)))
    return Questionnaire(data["key"], int(data["version"]), data["title"], tuple(sections), seen)


def _check(question: Question, *, earlier: Mapping[str, Question]) -> None:
    where = f"Question {question.id!r}"
    if question.id in earlier:
        raise QuestionnaireError(f"{where} is defined twice")
    if question.type not in TYPES:
        raise QuestionnaireError(f"{where}: unknown type {question.type!r}")
    values = {o.value for o in question.options}
    if question.type in ("single", "multiple") and not values:
        raise QuestionnaireError(f"{where} has no options")
    if values & {s.value for s in AnswerStatus}:
        raise QuestionnaireError(f"{where}: an option may not be called {sorted(values & set(AnswerStatus.values))}")
    if not set(question.need_when) <= values:
        raise QuestionnaireError(f"{where}: need_when names values it does not offer")
    if question.required and question.type != "text" and not question.error:
        raise QuestionnaireError(f"{where}: a required question needs the error message that says what to do")
    if question.need_when and not question.need:
        raise QuestionnaireError(f"{where}: need_when without the need it identifies")
    if question.show_if_question:
        # Branching depends only on questions asked before, so the answers decide it in one pass.
        depends_on = earlier.get(question.show_if_question)
        if depends_on is None:
            raise QuestionnaireError(f"{where}: show_if must name a question asked before it")
        if not set(question.show_if_values) <= {o.value for o in depends_on.options}:
            raise QuestionnaireError(f"{where}: show_if names values {question.show_if_question!r} does not offer")


def is_visible(question: Question, answers: Mapping[str, Answer]) -> bool:
    """Whether the answers so far make this question apply (skip logic)."""
    if not question.show_if_question:
        return True
    given = answers.get(question.show_if_question)
    if given is None or not given.is_answered():
        return False
    chosen = given.value if isinstance(given.value, list) else [given.value]
    return any(value in question.show_if_values for value in chosen)


def visible_questions(section: Section, answers: Mapping[str, Answer]) -> list[Question]:
    return [q for q in section.questions if is_visible(q, answers)]


def clean_answer(question: Question, *, status: str, value: str | list[str] = "", reason: str = "") -> Answer | None:
    """A valid Answer, None for an optional question left empty, or ValidationError saying what is wrong."""
    reason = (reason or "").strip()
    if status in (AnswerStatus.DECLINED, AnswerStatus.NOT_ABLE_TO_ASK):
        if not reason:
            raise ValidationError(_("Say why this question was not answered"), code="reason_required")
        return Answer(status=status, reason=reason[:TEXT_LIMIT])
    if status not in ("", AnswerStatus.ANSWERED):
        raise ValidationError(_("Choose an answer from the list"), code="invalid_status")
    offered = {o.value for o in question.options}
    if question.type == "text":
        text = (value if isinstance(value, str) else "").strip()
        if len(text) > TEXT_LIMIT:
            raise ValidationError(
                _("Answer must be %(limit)s characters or fewer") % {"limit": TEXT_LIMIT}, code="too_long"
            )
        if text:
            return Answer(status=AnswerStatus.ANSWERED, value=text)
    elif question.type == "multiple":
        chosen = [v for v in (value if isinstance(value, list) else [value]) if v]
        if any(v not in offered for v in chosen):
            raise ValidationError(_("Choose an answer from the list"), code="invalid_choice")
        if chosen:
            return Answer(
                status=AnswerStatus.ANSWERED, value=sorted(set(chosen), key=[o.value for o in question.options].index)
            )
    else:
        if value and value not in offered:
            raise ValidationError(_("Choose an answer from the list"), code="invalid_choice")
        if value:
            return Answer(status=AnswerStatus.ANSWERED, value=value)
    if question.required:
        raise ValidationError(
            question.error or _("Answer this question, or say that they declined or that you were not able to ask"),
            code="required",
        )
    return None


def unanswered(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> list[Question]:
    """Required questions that apply and have no answer (nor a recorded reason for none)."""
    return [
        q for s in questionnaire.sections for q in visible_questions(s, answers) if q.required and q.id not in answers
    ]


def identified_needs(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> list[Question]:
    """The questions whose answers identify a need, in questionnaire order."""
    found = []
    for section in questionnaire.sections:
        for question in visible_questions(section, answers):
            answer = answers.get(question.id)
            if answer is None or not answer.is_answered() or not question.need_when:
                continue
            chosen = answer.value if isinstance(answer.value, list) else [answer.value]
            if any(v in question.need_when for v in chosen):
                found.append(question)
    return found
