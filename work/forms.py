from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField
from common.once import OnceOnlyForm
from work.constants import LicenceCondition, OffenceCategory, OpportunityKind, Skill, Step, Travel, WithdrawalReason

REQUIREMENTS = [
    ("works_with_vulnerable", _("It involves work with children or vulnerable adults (needs an enhanced DBS check)")),
    ("requires_driving", _("It needs driving")),
    ("requires_internet", _("It needs internet access")),
]


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you offering?"),
        choices=OpportunityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether it is a job, an apprenticeship or a training place")},
    )
    title = forms.CharField(label=_("Title"), max_length=200, error_messages={"required": _("Enter a title")})
    description = forms.CharField(
        label=_("Describe the work"),
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": _("Describe the work")},
    )
    town = forms.CharField(
        label=_("Town"), max_length=100, error_messages={"required": _("Enter the town where the work is")}
    )
    postcode_district = forms.CharField(
        label=_("Postcode district"),
        max_length=8,
        help_text=_("The first part of the postcode, like LS11"),
        error_messages={"required": _("Enter the postcode district where the work is, like LS11")},
    )
    hours = forms.CharField(
        label=_("Hours"),
        max_length=200,
        help_text=_("For example, 37.5 hours a week, Monday to Friday, early starts"),
        error_messages={"required": _("Enter the hours")},
    )
    pay = forms.CharField(
        label=_("Pay (optional)"), max_length=200, required=False, help_text=_("For example, £12.60 an hour")
    )
    places = forms.IntegerField(
        label=_("Number of places"),
        error_messages={
            "required": _("Enter how many places there are, 1 or more"),
            "invalid": _("Enter the number of places as a number, like 2"),
        },
    )
    closes_on = DateInputField(
        label=_("Closing date"),
        help_text=_("For example, 27 3 2027"),
        error_messages={"required": _("Enter the closing date")},
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills you are looking for"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply. Leave empty if you will train from scratch."),
    )
    excluded_offences = forms.MultipleChoiceField(
        label=_("Convictions you cannot accept for this role"),
        choices=OffenceCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only those the role truly rules out, such as dishonesty for cash handling. Leave empty if none."),
    )
    requirements = forms.MultipleChoiceField(
        label=_("Does the role need any of these?"),
        choices=REQUIREMENTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply"),
    )

    def details_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        requirements = data.pop("requirements")
        data.pop("submission_id", None)
        return {**data, **{name: name in requirements for name, _label in REQUIREMENTS}}


class OpportunityNewForm(OnceOnlyForm, OpportunityForm):
    pass


class WorkProfileForm(forms.Form):
    skills = forms.MultipleChoiceField(
        label=_("Skills and qualifications"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply"),
    )
    release_town = forms.CharField(
        label=_("Town they will live in on release"),
        max_length=100,
        error_messages={"required": _("Enter the town they will live in")},
    )
    release_district = forms.CharField(
        label=_("Postcode district they will live in"),
        max_length=8,
        help_text=_("The first part of the postcode, like LS11"),
        error_messages={"required": _("Enter the postcode district they will live in, like LS11")},
    )
    travel = forms.ChoiceField(
        label=_("How far can they travel to work?"),
        choices=Travel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how far they can travel to work")},
    )
    offences = forms.MultipleChoiceField(
        label=_("Convictions employers ask about"),
        choices=OffenceCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select any of these they have been convicted of. Employers see only whether they match."),
    )
    licence_conditions = forms.MultipleChoiceField(
        label=_("Licence conditions that bear on work"),
        choices=LicenceCondition.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply"),
    )
    exclusion_zone = forms.CharField(
        label=_("Postcode districts of the exclusion zone"),
        max_length=300,
        required=False,
        help_text=_("Only for an exclusion zone: the districts it covers, separated by commas, like LS11, LS12"),
    )


class ApplicationForm(OnceOnlyForm):
    disclosure_statement = forms.CharField(
        label=_("Disclosure statement"),
        widget=forms.Textarea,
        max_length=4000,
        help_text=_(
            "In their own words, agreed with them: what they were convicted of, what has changed, and why they want "
            "this work. The employer sees this, their name and skills, and your name, nothing else."
        ),
        error_messages={"required": _("Enter the disclosure statement they agreed to share")},
    )
    consent_to_share = forms.BooleanField(
        label=_("They have agreed to share this disclosure statement with the employer"),
        required=False,
    )


class StepForm(OnceOnlyForm):
    step = forms.ChoiceField(
        label=_("What happened?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what happened")},
    )
    reason = forms.ChoiceField(
        label=_("If withdrawn, why?"),
        choices=WithdrawalReason.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text=_("Needed if they were not offered it: say why, so they can learn from it"),
    )

    def __init__(self, *args: Any, steps: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Step.choices)
        self.fields["step"].choices = [(s, labels[s]) for s in steps]
