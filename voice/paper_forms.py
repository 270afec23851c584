"""The fast data-entry form for paper responses: every question of the version the paper was printed
from, on one page, in the paper's order, so that a member of staff can go down a pile of forms with
the keyboard alone.

Fields are named after the questions (`q_<id>`). Which answers are required depends on the skip
logic, so the form checks that in clean() with definition.shown, and puts each problem on its own
question; voice.services.response_submit then checks everything again (definition.answers_clean)
and stores the response once per submission id."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.forms import DateInputField
from common.once import OnceOnlyForm
from voice import definition
from voice.constants import QuestionType

FIELD_PREFIX = "q_"
CHOICE_WIDGETS = {
    QuestionType.SINGLE: forms.RadioSelect,
    QuestionType.SCALE: forms.RadioSelect,
    QuestionType.FFT: forms.RadioSelect,
}


def field_name(question_id: str) -> str:
    return f"{FIELD_PREFIX}{question_id}"


def _label(question: definition.Question) -> str:
    return _("%(n)s. %(words)s") % {"n": question.number, "words": question.text}


class PaperResponseForm(OnceOnlyForm):
    """One paper form's answers. `services` (id, name) is the choice of service the response is
    about, when the survey is about no one service; `languages` the languages it was printed in."""

    language = forms.ChoiceField(label=gettext_lazy("Language of the paper form"), required=False)
    easy_read = forms.BooleanField(label=gettext_lazy("It was the easy-read form"), required=False)
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Which service is it about?"),
        coerce=int,
        required=True,
        error_messages={"required": gettext_lazy("Select the service the form is about")},
    )

    def __init__(
        self,
        *args: Any,
        survey_definition: Mapping[str, Any],
        languages: list[tuple[str, str]],
        services: list[tuple[int, str]] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survey_definition = survey_definition
        self.questions = definition.questions_in(survey_definition, language="en")
        self.fields["submission_id"].error_messages["invalid"] = _("This form could not be read. Open the page again.")
        self.fields["language"].choices = languages
        self.fields["language"].initial = languages[0][0]
        if services is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = [("", _("Choose a service")), *services]
        for q in self.questions:
            self.fields[field_name(q.id)] = self._field(q)

    @staticmethod
    def _field(q: definition.Question) -> forms.Field:
        label = _label(q)
        if q.type in CHOICE_WIDGETS:
            return forms.ChoiceField(
                label=label,
                required=False,
                choices=[(o.value, o.text) for o in q.options],
                widget=CHOICE_WIDGETS[q.type],
                error_messages={"invalid_choice": _("Question %(n)s: choose one of the answers") % {"n": q.number}},
            )
        if q.type == QuestionType.MULTIPLE:
            return forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=[(o.value, o.text) for o in q.options],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Question %(n)s: choose from the answers") % {"n": q.number}},
            )
        if q.type == QuestionType.NUMBER:
            return forms.DecimalField(
                label=label,
                required=False,
                min_value=Decimal(str(q.min)) if q.min is not None else None,
                max_value=Decimal(str(q.max)) if q.max is not None else None,
                error_messages={"invalid": _("Question %(n)s: enter a number") % {"n": q.number}},
            )
        if q.type == QuestionType.DATE:
            return DateInputField(label=label, required=False)
        return forms.CharField(
            label=label,
            required=False,
            max_length=definition.TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 2}),
            error_messages={"max_length": _("Question %(n)s: write 2,000 characters or fewer") % {"n": q.number}},
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers: dict[str, Any] = {}
        for q in self.questions:
            name = field_name(q.id)
            if name in self.errors:
                continue
            value = cleaned.get(name)
            empty = value in (None, "", [])
            if not definition.shown({"show_if": q.show_if}, answers):
                if not empty:
                    self.add_error(
                        name,
                        _("Question %(n)s was to be skipped after the answer to question %(m)s: leave it empty")
                        % {"n": q.number, "m": self._number_of(q.show_if["question"] if q.show_if else "")},
                    )
                continue
            if empty:
                if q.required:
                    self.add_error(name, _("Answer question %(n)s") % {"n": q.number})
                continue
            answers[q.id] = value
        return cleaned

    def _number_of(self, question_id: str) -> int:
        return next((q.number for q in self.questions if q.id == question_id), 0)

    def answers(self) -> dict[str, Any]:
        """The answers in the shape voice.definition.answers_clean takes (after is_valid)."""
        out: dict[str, Any] = {}
        for q in self.questions:
            value = self.cleaned_data.get(field_name(q.id))
            if value in (None, "", []):
                continue
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            out[q.id] = value
        return out

    def question_fields(self) -> list[tuple[definition.Question, forms.BoundField]]:
        return [(q, self[field_name(q.id)]) for q in self.questions]
