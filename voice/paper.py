"""Paper surveys: any survey's published version printed as an accessible PDF (issue 5, "Paper").

The PDF is drawn by WeasyPrint from a Jinja2 template (ENGINEERING.md, "PDF: WeasyPrint from the
same templates") as PDF/UA-1: tagged, so a screen reader reads the headings, lists and questions in
order, with the document's language set. The type is large (14pt and up, 16pt easy-read) in Arial
or its metric twin Liberation Sans, every choice has a tick box, free text has ruled lines, and the
skip logic is written out in words ("If you answered No, go to question 5"), because paper cannot
hide a question.

Everything but `survey_pdf` is plain data work, tested in voice/tests/test_paper.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from voice import definition
from voice.constants import QuestionType

# A single choice (or a rating) decides which question comes next; a multiple choice can tick
# several, so the question that depends on it says when to answer it instead.
DECIDING_TYPES = {QuestionType.SINGLE, QuestionType.SCALE, QuestionType.FFT}
TEXT_LINES = 5
EASY_READ_TEXT_LINES = 4

# The privacy promise, shown before every survey (issue 5, "The privacy promise is shown in plain
# and easy-read words before each survey"). It promises only what voice/models.py makes true.
PRIVACY_PLAIN = (
    gettext_lazy("You do not need to write your name on this form. Your answers are not linked to you."),
    gettext_lazy(
        "The member of staff who types your answers in does not record who you are. We keep only where the "
        "service is and the month, so that no one can tell which answers are yours."
    ),
    gettext_lazy(
        "If you write that you or someone else may be harmed, a member of the safer custody team will read it "
        "so that they can help."
    ),
)
PRIVACY_EASY_READ = (
    gettext_lazy("Do not write your name."),
    gettext_lazy("No one will know these answers are yours."),
    gettext_lazy("If you write that someone may get hurt, a person from the safer custody team will read it to help."),
)


@dataclass(frozen=True)
class PaperOption:
    value: str
    words: str
    # The language of the words when it is not the form's own (a built-in text not yet translated).
    lang: str = ""


@dataclass(frozen=True)
class PaperQuestion:
    number: int
    id: str
    type: str
    words: str
    required: bool
    options: tuple[PaperOption, ...]
    lang: str = ""
    multiple: bool = False
    lines: int = 0
    # "Answer this question only if ..." for a question that skip logic may hide.
    only_if: str = ""
    # "If you answered No, go to question 5" after a question that decides what comes next.
    go_to: tuple[str, ...] = field(default_factory=tuple)
    min: float | None = None
    max: float | None = None


def _or(words: Sequence[str]) -> str:
    """'Yes', 'Yes or No', 'Good, Poor or Very poor'."""
    quoted = [f"“{w}”" for w in words]
    if len(quoted) == 1:
        return quoted[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(quoted[:-1]), "last": quoted[-1]}


def _next_shown(questions: Sequence[Mapping[str, Any]], index: int, value: str) -> int:
    """The index of the question that comes after questions[index] when it was answered `value`:
    the first later question that is not hidden by a rule on this very answer. A rule on another
    question cannot be decided here, so such a question counts as shown (its own words say when)."""
    source = questions[index]["id"]
    for j in range(index + 1, len(questions)):
        rule = questions[j].get("show_if")
        if not rule or rule["question"] != source or value in rule["in"]:
            return j
    return len(questions)


def paper_questions(survey_definition: Mapping[str, Any], *, language: str, easy_read: bool) -> list[PaperQuestion]:
    """The questions as printed: words in `language` (easy-read words where there are some),
    options, lines for free text, and the skip logic in words."""
    shown = definition.questions_in(survey_definition, language=language)
    english = definition.questions_in(survey_definition, language="en") if language != "en" else shown
    raw = survey_definition["questions"]
    by_id = {q.id: q for q in shown}

    def words(q: definition.Question | definition.Option) -> str:
        return (q.easy_read or q.text) if easy_read else q.text

    def lang_of(text: str, english_text: str) -> str:
        # A built-in text without its translation yet comes out in English: mark it so a screen
        # reader does not read English words as Welsh (WCAG 3.1.2, docs/decisions.md §8).
        return "en" if language != "en" and text == english_text else ""

    out: list[PaperQuestion] = []
    with override(language):
        for index, (q, q_en) in enumerate(zip(shown, english, strict=True)):
            options = tuple(
                PaperOption(o.value, words(o), lang_of(words(o), words(o_en)))
                for o, o_en in zip(q.options, q_en.options, strict=True)
            )
            labels = {o.value: o.words for o in options}
            only_if = ""
            if q.show_if:
                source = by_id[q.show_if["question"]]
                source_labels = {o.value: words(o) for o in source.options}
                only_if = _("Answer this question only if you answered %(answers)s to question %(n)s.") % {
                    "answers": _or([source_labels[v] for v in q.show_if["in"]]),
                    "n": source.number,
                }
            go_to: list[str] = []
            if q.type in DECIDING_TYPES:
                targets: dict[int, list[str]] = {}
                for option in options:
                    targets.setdefault(_next_shown(raw, index, option.value), []).append(option.value)
                if set(targets) != {index + 1}:
                    for target, values in sorted(targets.items()):
                        answers = _or([labels[v] for v in values])
                        if target >= len(raw):
                            finished = _("If you answered %(answers)s, you have finished: there are no more questions.")
                            go_to.append(finished % {"answers": answers})
                        else:
                            go_to.append(
                                _("If you answered %(answers)s, go to question %(n)s.")
                                % {"answers": answers, "n": target + 1}
                            )
            kind = q.type
            lines = 0
            if kind == QuestionType.TEXT:
                lines = EASY_READ_TEXT_LINES if easy_read else TEXT_LINES
            text = words(q)
            out.append(
                PaperQuestion(
                    number=q.number,
                    id=q.id,
                    type=kind,
                    words=text,
                    required=q.required,
                    options=options,
                    lang=lang_of(text, words(q_en)),
                    multiple=kind == QuestionType.MULTIPLE,
                    lines=lines,
                    only_if=only_if,
                    go_to=tuple(go_to),
                    min=q.min,
                    max=q.max,
                )
            )
    return out


def interface_language(language: str) -> str:
    """The language the service's own words (headings, instructions, the promise) come out in: the
    survey's, once the service has a catalogue for it, else English (docs/decisions.md §8)."""
    return language if language in dict(settings.LANGUAGES) else "en"


def survey_html(*, survey: Any, version: Any, language: str, easy_read: bool) -> str:
    """The paper form as HTML, for WeasyPrint (and for reading in tests)."""
    with override(language):
        return render_to_string(
            "voice/paper/survey.html",
            {
                "survey": survey,
                "version": version,
                "language": language,
                "easy_read": easy_read,
                "questions": paper_questions(version.definition, language=language, easy_read=easy_read),
                "privacy": PRIVACY_EASY_READ if easy_read else PRIVACY_PLAIN,
                "ask_service": survey.about_id is None,
                "ui_lang": interface_language(language),
            },
        )


def survey_pdf(*, survey: Any, version: Any, language: str = "en", easy_read: bool = False) -> bytes:
    """The paper form as a tagged PDF/UA-1 document."""
    from weasyprint import HTML

    html = survey_html(survey=survey, version=version, language=language, easy_read=easy_read)
    # pdf/ua-1 turns on pdf_tags (the structure tree) and writes the PDF/UA identification; the
    # title comes from <title> and the language from <html lang>. Nothing is fetched: base_url is
    # unset and the template has no outside resources.
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
