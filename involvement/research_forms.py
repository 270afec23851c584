"""Forms for peer research projects. Fields are optional here and checked by the services, so that
every refusal is worded once, in involvement/research_services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField
from common.once import OnceOnlyForm
from involvement.constants import ApprovalDecision, ProjectStage, RoleKind

TEXT_MAX = 2000
DATE_HINT = _("For example, 27 3 2026")


class ProjectForm(OnceOnlyForm):
    organisation = forms.TypedChoiceField(
        label=_("Which organisation is running it?"), coerce=int, empty_value=None, required=False
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    question = forms.CharField(
        label=_("Research question"),
        help_text=_("What the peer researchers want to find out, in plain words"),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )
    proposed_on = DateInputField(
        label=_("Date it was proposed (optional)"),
        help_text=_("Leave it empty if it is proposed today. For example, 27 3 2026"),
        required=False,
    )

    def __init__(self, *args: Any, organisations: list[Any] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = [("", _("Select an organisation"))] + [  # type: ignore[attr-defined]
                (o.pk, o.name) for o in organisations
            ]


class StageForm(OnceOnlyForm):
    stage = forms.ChoiceField(
        label=_("Which stage is the project moving to?"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Select the stage the project is moving to")},
    )
    on = DateInputField(label=_("Date it moved to this stage"), help_text=DATE_HINT, required=False)
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Required if the project stopped: say why"),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )

    def __init__(self, *args: Any, stages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, ProjectStage(s).label) for s in stages]  # type: ignore[attr-defined]


class ApprovalForm(OnceOnlyForm):
    body = forms.CharField(
        label=_("Who made the decision?"),
        help_text=_(
            "For example, the governor, the HMPPS National Research Committee or a university ethics committee"
        ),
        max_length=200,
        required=False,
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ApprovalDecision.choices, widget=forms.RadioSelect, required=False
    )
    decided_on = DateInputField(label=_("Date of the decision"), help_text=DATE_HINT, required=False)
    reference = forms.CharField(label=_("Reference (optional)"), max_length=100, required=False)
    conditions = forms.CharField(
        label=_("Conditions, or the reason for a refusal"),
        help_text=_("Required if the project was approved with conditions or refused"),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )


class ResearcherForm(OnceOnlyForm):
    identifier = forms.CharField(
        label=_("Prison number or case reference number"),
        help_text=_("For example, A1234BC or X123456"),
        max_length=12,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Paid or volunteer?"), choices=RoleKind.choices, widget=forms.RadioSelect, required=False
    )
    joined_on = DateInputField(label=_("Date they joined the project"), help_text=DATE_HINT, required=False)


class LeaveForm(forms.Form):
    left_on = DateInputField(label=_("Date they left the project"), help_text=DATE_HINT, required=False)


class TrainingForm(OnceOnlyForm):
    course = forms.CharField(
        label=_("Course"),
        help_text=_("For example, peer research methods, or research ethics and safeguarding"),
        max_length=200,
        required=False,
    )
    completed_on = DateInputField(label=_("Date they completed it"), help_text=DATE_HINT, required=False)


class ConsentForm(OnceOnlyForm):
    participant_code = forms.CharField(
        label=_("Participant code"),
        help_text=_(
            "The project's own code for the participant, like P-014. Never a name, prison number or case reference."
        ),
        max_length=40,
        required=False,
    )
    form_version = forms.CharField(
        label=_("Consent form version"), help_text=_("For example, v2"), max_length=40, required=False
    )
    given_on = DateInputField(label=_("Date consent was given"), help_text=DATE_HINT, required=False)


class WithdrawForm(forms.Form):
    withdrawn_on = DateInputField(label=_("Date consent was withdrawn"), help_text=DATE_HINT, required=False)
