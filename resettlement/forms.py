"""The screening section form: built from the questionnaire, rendered with the GOV.UK macros.

Validation belongs to resettlement.questionnaire via the service; the form only turns what was
posted into raw answers and carries the service's errors back to the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _

from common import govuk_forms
from resettlement import questionnaire
from resettlement.constants import AnswerStatus

NO_ANSWER = (AnswerStatus.DECLINED, AnswerStatus.NOT_ABLE_TO_ASK)


reason_name = questionnaire.reason_key


class SectionForm(forms.Form):
    def __init__(self, *args: Any, questions: list[questionnaire.Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        no_answer = [(s.value, s.label) for s in AnswerStatus if s in NO_ANSWER]
        for q in questions:
            options = [(o.value, o.label) for o in q.options]
            if q.type == "single":
                self.fields[q.id] = forms.ChoiceField(label=q.text, choices=options + no_answer, required=False)
            elif q.type == "multiple":
                self.fields[q.id] = forms.MultipleChoiceField(label=q.text, choices=options + no_answer, required=False)
            else:
                self.fields[q.id] = forms.CharField(label=q.text, required=False, widget=forms.Textarea)
            if q.required:
                self.fields[reason_name(q.id)] = forms.CharField(
                    label=_("If they declined or you were not able to ask, say why"), required=False, max_length=2000
                )

    @staticmethod
    def initial_from(answers: dict[str, questionnaire.Answer]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for qid, answer in answers.items():
            initial[qid] = answer.value if answer.is_answered() else answer.status
            initial[reason_name(qid)] = answer.reason
        return initial

    def raw_answers(self, data: QueryDict) -> dict[str, tuple[str, str | list[str], str]]:
        raw: dict[str, tuple[str, str | list[str], str]] = {}
        for q in self.questions:
            reason = data.get(reason_name(q.id), "")
            chosen: list[str] = data.getlist(q.id) if q.type == "multiple" else [data.get(q.id, "")]
            status = next((c for c in chosen if c in NO_ANSWER), "")
            if status:
                raw[q.id] = (status, "", reason)
            elif q.type == "multiple":
                raw[q.id] = ("", [c for c in chosen if c], "")
            else:
                raw[q.id] = ("", chosen[0], "")
        return raw

    def question_params(self, question: questionnaire.Question) -> dict[str, Any]:
        """Parameters for govukRadios, govukCheckboxes or govukTextarea, with the no-answer choices
        set apart by 'or' (GOV.UK radios and checkboxes patterns)."""
        field = self[question.id]
        legend = {"classes": "govuk-fieldset__legend--m"}
        if question.type == "text":
            return govuk_forms.textarea(field, label={"classes": "govuk-label--m"}, rows=3)
        params = govuk_forms.radios(field, legend=legend)
        items = [i for i in params["items"] if i["value"] not in NO_ANSWER]
        extra = [i for i in params["items"] if i["value"] in NO_ANSWER]
        if question.type == "multiple":
            for item in extra:
                item["behaviour"] = "exclusive"
        params["items"] = [*items, {"divider": _("or")}, *extra] if extra else items
        return params
