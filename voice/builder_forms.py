"""Forms for involvement leads building surveys (voice/views/builder.py) and for the safer custody
team's review of an alert (voice/views/staff.py).

A question is edited one at a time in a plain form that works without JavaScript; the form turns
what was typed into one question of the definition (voice/definition.py), and the whole definition
is then checked by services.survey_questions_save, whose messages are shown on the same form."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField
from common.once import OnceOnlyForm
from voice import definition
from voice.constants import Audience, Eligibility, QuestionType

OPTION_ROWS_MAX = 30
# Blank rows offered below a choice question's options, so that options can be added without
# JavaScript; more are offered each time the question is opened again.
OPTION_ROWS_SPARE = 3
OPTION_ROWS_MIN = 4
REQUIRED_CHOICES = [("yes", _("Yes, an answer is needed")), ("no", _("No, it can be left blank"))]
OPTION_PARTS = ("value", "en", "cy", "easy_en", "easy_cy")


class SurveyForm(OnceOnlyForm):
    # The names of the service's arguments, so that its refusals land on their fields.
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title"), "max_length": _("Title must be 200 characters or fewer")},
        help_text=_("People see this when they choose a survey, for example “Life on the wing”"),
    )
    audience = forms.ChoiceField(
        label=_("Who is it for?"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the survey is for")},
    )
    eligibility = forms.ChoiceField(
        label=_("Who can answer?"),
        choices=Eligibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who can answer")},
    )
    about_id = forms.TypedChoiceField(
        label=_("Which service is it about?"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Leave as “Any service” if people choose the service they are talking about"),
    )
    contract_id = forms.TypedChoiceField(
        label=_("Contract (optional)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("If the survey is about a commissioned service, its contract"),
    )
    closes_on = DateInputField(
        label=_("Closing date (optional)"),
        required=False,
        help_text=_("The last day people can answer. For example, 27 3 2027"),
    )

    def __init__(self, *args: Any, services: list[Any], contracts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about_id"].choices = [("", _("Any service"))] + [  # type: ignore[attr-defined]
            (o.pk, f"{o.name} ({o.get_kind_display()})") for o in services
        ]
        self.fields["contract_id"].choices = [("", _("No contract"))] + [  # type: ignore[attr-defined]
            (c.pk, f"{c.title} ({c.provider.name})") for c in contracts
        ]


class QuestionTypeForm(forms.Form):
    type = forms.ChoiceField(
        label=_("What kind of question?"),
        choices=QuestionType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the kind of question"),
            "invalid_choice": _("Select the kind of question"),
        },
    )


def option_value_from(text: str, taken: set[str]) -> str:
    """A stored value for an option from its English words ("Yes, often" -> "yes_often"), unique
    in the question. Answers keep the value, so an option keeps its value when its words change."""
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:30] or "option"
    if not base[0].isalpha():
        base = f"option_{base}"[:30]
    value, n = base, 2
    while value in taken:
        value, n = f"{base}_{n}", n + 1
    return value


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class QuestionForm(forms.Form):
    """One question of a survey. `kind` is fixed (a question changes kind by being removed and
    added again, since its earlier answers were of the old kind); `earlier` are the questions before
    it, whose answers it may depend on (skip logic)."""

    based_on = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("This form could not be read. Open the page again.")},
    )
    text_en = forms.CharField(label=_("Question in English"), required=False, max_length=2000, widget=forms.Textarea)
    text_cy = forms.CharField(
        label=_("Question in Welsh (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("The survey is offered in Welsh only when every question and option has its Welsh words"),
    )
    easy_en = forms.CharField(
        label=_("Easy-read English (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("Short, everyday words, for people who choose easy read"),
    )
    easy_cy = forms.CharField(
        label=_("Easy-read Welsh (optional)"), required=False, max_length=2000, widget=forms.Textarea
    )
    required = forms.ChoiceField(
        label=_("Must people answer it?"),
        choices=REQUIRED_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether an answer is needed")},
    )
    min = forms.DecimalField(
        label=_("Smallest number allowed (optional)"),
        required=False,
        max_digits=12,
        decimal_places=4,
        error_messages={"invalid": _("The smallest number must be a number, like 0")},
    )
    max = forms.DecimalField(
        label=_("Largest number allowed (optional)"),
        required=False,
        max_digits=12,
        decimal_places=4,
        error_messages={"invalid": _("The largest number must be a number, like 100")},
    )
    show_if = forms.MultipleChoiceField(
        label=_("Ask this question only when an earlier question is answered with one of these (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose answers of one earlier question. Leave all unticked to ask everyone."),
        error_messages={"invalid_choice": _("Choose answers of an earlier question from the list")},
    )
    option_rows = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=OPTION_ROWS_MAX)

    def __init__(
        self,
        *args: Any,
        kind: str,
        qid: str,
        earlier: list[dict[str, Any]],
        existing: dict[str, Any] | None = None,
        based_on: int,
        **kwargs: Any,
    ) -> None:
        existing = existing or {}
        initial = kwargs.pop("initial", None) or {}
        initial.setdefault("based_on", based_on)
        initial.setdefault("required", "yes" if existing.get("required", True) else "no")
        for name, key, code in (
            ("text_en", "text", "en"),
            ("text_cy", "text", "cy"),
            ("easy_en", "easy_read", "en"),
            ("easy_cy", "easy_read", "cy"),
        ):
            initial.setdefault(name, existing.get(key, {}).get(code, ""))
        initial.setdefault("min", existing.get("min"))
        initial.setdefault("max", existing.get("max"))
        rule = existing.get("show_if")
        if rule:
            initial.setdefault("show_if", [f"{rule['question']}:{value}" for value in rule["in"]])
        options = existing.get("options", [])
        for i, option in enumerate(options):
            initial.setdefault(f"option_{i}_value", option["value"])
            initial.setdefault(f"option_{i}_en", option["text"].get("en", ""))
            initial.setdefault(f"option_{i}_cy", option["text"].get("cy", ""))
            initial.setdefault(f"option_{i}_easy_en", option.get("easy_read", {}).get("en", ""))
            initial.setdefault(f"option_{i}_easy_cy", option.get("easy_read", {}).get("cy", ""))
        super().__init__(*args, initial=initial, **kwargs)
        self.kind = kind
        self.qid = qid
        self.existing = existing
        self.builtin_text = kind == QuestionType.FFT or (qid == "overall_why" and kind == QuestionType.TEXT)
        self.is_choice = kind in definition.CHOICE_TYPES
        if kind != QuestionType.NUMBER:
            del self.fields["min"], self.fields["max"]
        if kind == QuestionType.FFT:
            # The standard question's words are fixed so that scores can be compared (definition.FFT_TEXT).
            for name in ("text_en", "text_cy", "easy_en", "easy_cy"):
                del self.fields[name]
        elif self.builtin_text:
            self.fields["text_en"].help_text = _("Leave blank to use the standard words: “%(words)s”") % {
                "words": definition.FFT_WHY_TEXT
            }
        self.fields["show_if"].choices = [  # type: ignore[attr-defined]
            (f"{q.id}:{option.value}", f"{q.number}. {_short(q.text)} – {option.text or option.value}")
            for q in definition.questions_in({"questions": earlier}, language="en")
            for option in q.options
        ]
        if not self.fields["show_if"].choices:  # type: ignore[attr-defined]
            del self.fields["show_if"]
        self.option_indexes: list[int] = []
        if self.is_choice:
            posted = self.data.get("option_rows") if self.is_bound else None
            if posted is not None and str(posted).isdigit():
                rows = min(int(posted), OPTION_ROWS_MAX)
            else:
                rows = min(max(len(options) + OPTION_ROWS_SPARE, OPTION_ROWS_MIN), OPTION_ROWS_MAX)
            self.initial["option_rows"] = rows
            self.option_indexes = list(range(rows))
            for i in self.option_indexes:
                n = i + 1
                self.fields[f"option_{i}_value"] = forms.CharField(
                    label=_("Option %(n)s: stored value (optional)") % {"n": n},
                    required=False,
                    max_length=40,
                    help_text=_("Kept with the answers. Small letters, numbers and _; made from the words if blank"),
                )
                self.fields[f"option_{i}_en"] = forms.CharField(
                    label=_("Option %(n)s in English") % {"n": n}, required=False, max_length=2000
                )
                self.fields[f"option_{i}_cy"] = forms.CharField(
                    label=_("Option %(n)s in Welsh (optional)") % {"n": n}, required=False, max_length=2000
                )
                self.fields[f"option_{i}_easy_en"] = forms.CharField(
                    label=_("Option %(n)s in easy-read English (optional)") % {"n": n}, required=False, max_length=2000
                )
                self.fields[f"option_{i}_easy_cy"] = forms.CharField(
                    label=_("Option %(n)s in easy-read Welsh (optional)") % {"n": n}, required=False, max_length=2000
                )
        else:
            del self.fields["option_rows"]

    def option_rows_fields(self) -> list[tuple[int, list[Any]]]:
        """The option fields row by row, for the template."""
        return [(i + 1, [self[f"option_{i}_{part}"] for part in OPTION_PARTS]) for i in self.option_indexes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "text_en" in self.fields and not self.builtin_text and not data.get("text_en", "").strip():
            self.add_error("text_en", _("Enter the question in English"))
        if self.is_choice:
            rows = self._options(data)
            if len(rows) < 2:
                where = "option_0_en" if self.option_indexes else None
                self.add_error(where, _("Give at least two options, each with its English words"))
        chosen = data.get("show_if") or []
        questions = {value.split(":", 1)[0] for value in chosen}
        if len(questions) > 1:
            self.add_error("show_if", _("Choose answers of one earlier question only"))
        return data

    def _options(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        options: list[dict[str, Any]] = []
        taken: set[str] = set()
        for i in self.option_indexes:
            words = {part: (data.get(f"option_{i}_{part}") or "").strip() for part in OPTION_PARTS}
            if not any(words.values()):
                continue
            if not words["en"]:
                self.add_error(f"option_{i}_en", _("Enter option %(n)s in English, or clear its row") % {"n": i + 1})
                continue
            value = words["value"] or option_value_from(words["en"], taken)
            taken.add(value)
            options.append(
                {
                    "value": value,
                    "text": {"en": words["en"], "cy": words["cy"]},
                    "easy_read": {"en": words["easy_en"], "cy": words["easy_cy"]},
                }
            )
        return options

    def question(self) -> dict[str, Any]:
        """The question as the definition holds it (checked again, with the whole survey, by the service)."""
        data = self.cleaned_data
        out: dict[str, Any] = {
            "id": self.qid,
            "type": self.kind,
            "required": data["required"] == "yes",
            "text": {"en": data.get("text_en", ""), "cy": data.get("text_cy", "")},
            "easy_read": {"en": data.get("easy_en", ""), "cy": data.get("easy_cy", "")},
        }
        if self.kind == QuestionType.FFT:
            out["text"], out["easy_read"] = {}, {}
        if self.is_choice:
            out["options"] = self._options(data)
        if self.kind == QuestionType.NUMBER:
            for bound in ("min", "max"):
                number = _number(data.get(bound))
                if number is not None:
                    out[bound] = number
        chosen = data.get("show_if") or []
        if chosen:
            out["show_if"] = {"question": chosen[0].split(":", 1)[0], "in": [v.split(":", 1)[1] for v in chosen]}
        return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BasedOnForm(forms.Form):
    """Moving or removing a question: the version the list was drawn from, so that a change made
    by someone else in the meantime is not overwritten."""

    based_on = forms.IntegerField(error_messages={"required": _("This form could not be read. Open the page again.")})
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)


class AlertReviewForm(forms.Form):
    action_taken = forms.CharField(
        label=_("What did you do?"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Say what you did"), "max_length": _("Write 2,000 characters or fewer")},
        help_text=_(
            "For example, opened an ACCT, spoke to the wing, or passed it to the police. Do not guess who wrote it."
        ),
    )
