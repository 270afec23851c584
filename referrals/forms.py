from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField
from common.once import OnceOnlyForm
from organisations.constants import Pathway
from organisations.models import Contract
from referrals.constants import Attendance, DeclineReason, OutcomeRating, SessionMethod, WithdrawalReason
from referrals.models import ReferralOutcome
from resettlement.models import Need


def _contract_label(contract: Contract) -> str:
    pathways = ", ".join(str(label) for label in contract.pathway_labels)
    return f"{contract.provider.name}: {contract.title} ({pathways})"


class ReferralForm(OnceOnlyForm):
    need = forms.TypedChoiceField(label=_("Which need is it for?"), required=False, coerce=int, empty_value=None)
    pathway = forms.ChoiceField(
        label=_("Pathway"),
        required=False,
        choices=[("", _("Select a pathway")), *Pathway.choices],
        help_text=_("Only if the referral is for none of the needs above"),
    )
    contract = forms.TypedChoiceField(
        label=_("Which service?"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Select the service to refer to")},
        help_text=_("Partners contracted where you work, with the pathways each contract covers"),
    )
    details = forms.CharField(
        label=_("What help does the person need?"),
        widget=forms.Textarea,
        max_length=3000,
        error_messages={"required": _("Describe the help the person needs")},
        help_text=_("Only what the partner needs to know to help. Do not include risk information."),
    )
    desired_outcomes = forms.CharField(
        label=_("What does the person want to come of it?"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter at least one outcome the person wants from this referral")},
        help_text=_("One outcome on each line, in the person's own words where you can"),
    )

    def __init__(self, *args: Any, needs: list[Need], contracts: list[Contract], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", _("Not for a recorded need"))] + [  # type: ignore[attr-defined]
            (n.pk, f"{n.get_pathway_display()}: {n.description}") for n in needs
        ]
        self.fields["contract"].choices = [("", _("Select a service"))] + [  # type: ignore[attr-defined]
            (c.pk, _contract_label(c)) for c in contracts
        ]

    def clean_desired_outcomes(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["desired_outcomes"].splitlines() if line.strip()]


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you declining the referral?"),
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why you are declining the referral")},
    )
    note = forms.CharField(
        label=_("Anything the referrer should know"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text=_("Required if you chose another reason"),
    )


class WithdrawForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the referral being withdrawn?"),
        choices=WithdrawalReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why the referral is being withdrawn")},
    )
    note = forms.CharField(
        label=_("More detail"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text=_("Required if you chose another reason"),
    )


class SessionForm(OnceOnlyForm):
    happens_on = DateInputField(
        label=_("Date of the session"),
        help_text=_("For example, 27 3 2027"),
        error_messages={"required": _("Enter the date of the session")},
    )
    method = forms.ChoiceField(
        label=_("How will it happen?"),
        choices=SessionMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the session happens")},
    )
    purpose = forms.CharField(
        label=_("What is the session for?"),
        max_length=300,
        error_messages={"required": _("Enter what the session is for")},
    )


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        label=_("Did the person come?"),
        choices=Attendance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the person came")},
    )
    note = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text=_("Required if they did not attend: what you know about why, and what happens next"),
    )


class CompleteForm(forms.Form):
    """One rating per desired outcome, named outcome_<id>."""

    note = forms.CharField(
        label=_("What did the person do and achieve?"),
        widget=forms.Textarea,
        max_length=3000,
        error_messages={"required": _("Summarise what the person did and achieved")},
    )

    def __init__(self, *args: Any, outcomes: list[ReferralOutcome], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rated: dict[str, forms.Field] = {}
        for outcome in outcomes:
            rated[f"outcome_{outcome.pk}"] = forms.ChoiceField(
                label=outcome.description,
                choices=OutcomeRating.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Select whether “%(outcome)s” was achieved") % {"outcome": outcome.description}
                },
            )
        # Outcomes first, in the order they were set; the summary last.
        self.fields = {**rated, "note": self.fields["note"]}
        self.outcome_fields = list(rated)

    def ratings(self) -> dict[int, str]:
        return {int(name.removeprefix("outcome_")): self.cleaned_data[name] for name in self.outcome_fields}
