from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField
from organisations.models import Organisation
from release.constants import (
    ASKS_EMPLOYMENT,
    Accommodation,
    BenefitsClaim,
    DischargeGrant,
    Employment,
    ReleaseType,
    YesNo,
)


def _radios(label: str, choices: list[tuple[str, Any]], *, required: bool = False, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", _("Not yet known")), *choices] if not required else choices,
        widget=forms.RadioSelect,
        required=required,
        **kwargs,
    )


class ReleasePlanForm(forms.Form):
    """Everything may be left for later: what is blank shows on the pre-release checklist."""

    expected_release_on = DateInputField(label=_("Release date"), required=False, help_text=_("For example, 27 3 2027"))
    release_type = _radios(_("Type of release"), ReleaseType.choices)
    first_night_accommodation = _radios(_("Where will they sleep on the first night?"), Accommodation.choices)
    first_night_address = forms.CharField(label=_("First-night address"), required=False, max_length=300)
    discharge_grant = _radios(_("Discharge grant"), DischargeGrant.choices)
    has_id = _radios(_("Do they have identification?"), YesNo.choices)
    has_bank_account = _radios(_("Do they have a bank account?"), YesNo.choices)
    benefits_claim = _radios(_("Benefits claim"), BenefitsClaim.choices)
    gp_registered = _radios(_("Are they registered with a GP near where they will live?"), YesNo.choices)
    first_appointment_on = DateInputField(
        label=_("Date of the first probation appointment"), required=False, help_text=_("For example, 28 3 2027")
    )
    first_appointment_place = forms.CharField(label=_("Where is the appointment?"), required=False, max_length=200)


class ReleaseForm(forms.Form):
    released_on = DateInputField(
        label=_("Date of release"), error_messages={"required": _("Enter the date they were released")}
    )


class HandoverForm(forms.Form):
    to_organisation = forms.TypedChoiceField(
        label=_("Which probation delivery unit takes over?"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Select the probation delivery unit taking over")},
    )
    handover_on = DateInputField(
        label=_("Date responsibility passes to the community team"),
        help_text=_("For example, 1 3 2027"),
        error_messages={"required": _("Enter the date responsibility passes to the community team")},
    )
    note = forms.CharField(
        label=_("Anything the community team should know"), widget=forms.Textarea, required=False, max_length=3000
    )

    def __init__(self, *args: Any, units: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].choices = [("", _("Select a delivery unit"))] + [  # type: ignore[attr-defined]
            (u.pk, u.name) for u in units
        ]


class CheckpointForm(forms.Form):
    accommodation = forms.ChoiceField(
        label=_("Where are they living?"),
        choices=Accommodation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select where they are living")},
    )
    employment = forms.ChoiceField(
        label=_("Are they working?"),
        choices=Employment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether they are working")},
    )
    note = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False, max_length=2000)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind not in ASKS_EMPLOYMENT:
            del self.fields["employment"]
