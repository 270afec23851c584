"""Forms for involvement activities and lived-experience roles. They only read what was typed: the
services (involvement/activity_services.py) check the rules and say what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField
from common.once import OnceOnlyForm
from involvement.constants import (
    RUNG_IN_PLAIN_WORDS,
    ActivityKind,
    Band,
    Recognition,
    RoleEndReason,
    RoleKind,
    Rung,
    band_of,
)

TEXT_MAX = 2000
RUNG_CHOICES = [(str(r.value), f"{r.value}. {r.label}") for r in Rung]
PLAIN_WORD_CHOICES = [(str(r.value), RUNG_IN_PLAIN_WORDS[r.value]) for r in Rung]
RUNG_ERRORS = {"required": _("Choose a rung on the ladder"), "invalid_choice": _("Choose a rung on the ladder")}
EXAMPLE_DATE = _("For example, 27 3 2027")


def rung_radio_items(field: forms.BoundField) -> list[dict[str, Any]]:
    """The staff rung as radios grouped by band (a divider names each band), each rung with its
    name and, as its hint, what it meant for the people taking part."""
    value = str(field.value() or "")
    items: list[dict[str, Any]] = []
    band = None
    for rung in Rung:
        if band_of(rung.value) != band:
            band = band_of(rung.value)
            items.append({"divider": str(Band(band).label)})
        items.append(
            {
                # The first radio carries the field's id, so the error summary's link finds it.
                "id": f"id_{field.html_name}"
                if rung.value == Rung.MANIPULATION
                else f"id_{field.html_name}-{rung.value}",
                "value": str(rung.value),
                "text": f"{rung.value}. {rung.label}",
                "hint": {"text": str(RUNG_IN_PLAIN_WORDS[rung.value])},
                "checked": value == str(rung.value),
            }
        )
    return items


class ActivityForm(OnceOnlyForm):
    organisation = forms.TypedChoiceField(
        label=_("Which organisation ran it?"), coerce=int, empty_value=None, required=False
    )
    kind = forms.ChoiceField(
        label=_("Type of activity"),
        choices=ActivityKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the type of activity"),
            "invalid_choice": _("Select the type of activity"),
        },
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    held_on = DateInputField(label=_("When was it?"), help_text=EXAMPLE_DATE, required=False)
    purpose = forms.CharField(label=_("What was it for?"), widget=forms.Textarea, max_length=TEXT_MAX, required=False)
    staff_rung = forms.ChoiceField(
        label=_("How much say did the people taking part have?"),
        help_text=_("The rung on the ladder of participation that fits best"),
        choices=RUNG_CHOICES,
        error_messages=RUNG_ERRORS,
    )
    staff_rung_reason = forms.CharField(
        label=_("Why this rung?"), widget=forms.Textarea, max_length=TEXT_MAX, required=False
    )
    other_participants = forms.IntegerField(
        label=_("How many other people took part, who are not named?"),
        help_text=_("For example, family members, or people who chose not to give their name"),
        min_value=0,
        max_value=100000,
        initial=0,
        required=False,
        error_messages={"invalid": _("Enter a whole number, like 3")},
    )
    contract = forms.TypedChoiceField(
        label=_("Contract it was run under (optional)"), coerce=int, empty_value=None, required=False
    )
    council_meeting = forms.TypedChoiceField(
        label=_("Council meeting (optional, for a council meeting)"), coerce=int, empty_value=None, required=False
    )
    project = forms.TypedChoiceField(
        label=_("Peer research project (optional, for peer research)"), coerce=int, empty_value=None, required=False
    )
    role = forms.TypedChoiceField(
        label=_("Lived-experience role (optional)"), coerce=int, empty_value=None, required=False
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[Any] | None,
        contracts: list[Any],
        meetings: list[Any],
        projects: list[Any],
        roles: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = [("", _("Select an organisation"))] + [
                (o.pk, o.name) for o in organisations
            ]
        options = {
            "contract": [(c.pk, str(c)) for c in contracts],
            "council_meeting": [(m.pk, f"{m.council.name}, {m.held_on:%-d %B %Y}") for m in meetings],
            "project": [(p.pk, p.title) for p in projects],
            "role": [(r.pk, f"{r.title} ({r.person.full_name})") for r in roles],
        }
        for name, choices in options.items():
            if choices:
                self.fields[name].choices = [("", _("None"))] + choices
            else:
                del self.fields[name]


class StaffRatingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    staff_rung = forms.ChoiceField(
        label=_("How much say did the people taking part have?"), choices=RUNG_CHOICES, error_messages=RUNG_ERRORS
    )
    staff_rung_reason = forms.CharField(
        label=_("Why this rung?"), widget=forms.Textarea, max_length=TEXT_MAX, required=False
    )


class FeedbackForm(forms.Form):
    fed_back = forms.CharField(
        label=_("What was fed back to the people who took part?"),
        help_text=_("What you told them happened because of what they said"),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )
    fed_back_on = DateInputField(label=_("When was it fed back?"), help_text=EXAMPLE_DATE, required=False)


class ParticipantForm(OnceOnlyForm):
    identifier = forms.CharField(
        label=_("Prison number or case reference number"),
        help_text=_("For example, A1234BC or X123456"),
        max_length=20,
        required=False,
    )
    recognition = forms.ChoiceField(
        label=_("What were they given for their time?"),
        choices=Recognition.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what they were given for their time"),
            "invalid_choice": _("Select what they were given for their time"),
        },
    )
    amount = forms.CharField(
        label=_("Amount, in pounds (for paid or a voucher)"),
        help_text=_("For example, 15.00"),
        max_length=12,
        required=False,
    )


class SlipsForm(OnceOnlyForm):
    """How many anonymous slips chose each rung, all entered in one go."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for rung in Rung:
            self.fields[f"rung_{rung.value}"] = forms.IntegerField(
                label=f"{rung.value}. {rung.label}",
                help_text=RUNG_IN_PLAIN_WORDS[rung.value],
                min_value=0,
                max_value=500,
                required=False,
                error_messages={
                    "invalid": _("Enter a whole number of slips, like 3"),
                    "min_value": _("Enter a number of slips from 0 to 500"),
                    "max_value": _("Enter a number of slips from 0 to 500"),
                },
            )

    def counts(self) -> dict[int, int]:
        return {r.value: self.cleaned_data.get(f"rung_{r.value}") or 0 for r in Rung}


class OwnRatingForm(OnceOnlyForm):
    """The participant's own rating: plain words only, never the theory's names."""

    rung = forms.ChoiceField(
        label=_("How much say did you have?"),
        choices=PLAIN_WORD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the sentence that fits best"),
            "invalid_choice": _("Choose the sentence that fits best"),
        },
    )


class RoleForm(OnceOnlyForm):
    organisation = forms.TypedChoiceField(label=_("Which organisation?"), coerce=int, empty_value=None, required=False)
    identifier = forms.CharField(
        label=_("Prison number or case reference number of the person"),
        help_text=_("For example, A1234BC or X123456"),
        max_length=20,
        required=False,
    )
    title = forms.CharField(
        label=_("Role"),
        help_text=_("For example, peer mentor or council representative"),
        max_length=200,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Paid or volunteer?"),
        choices=RoleKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select paid or volunteer"), "invalid_choice": _("Select paid or volunteer")},
    )
    pay = forms.CharField(
        label=_("Pay per hour, in pounds (for a paid role)"),
        help_text=_("For example, 12.21"),
        max_length=12,
        required=False,
    )
    hours_per_week = forms.CharField(
        label=_("Hours a week (optional)"), help_text=_("For example, 7.5"), max_length=6, required=False
    )
    starts_on = DateInputField(label=_("When does it start?"), help_text=EXAMPLE_DATE, required=False)
    ends_on = DateInputField(label=_("When does it end? (optional)"), help_text=EXAMPLE_DATE, required=False)
    description = forms.CharField(
        label=_("What does the role do? (optional)"), widget=forms.Textarea, max_length=TEXT_MAX, required=False
    )

    def __init__(self, *args: Any, organisations: list[Any] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = [("", _("Select an organisation"))] + [
                (o.pk, o.name) for o in organisations
            ]


class RoleEndForm(forms.Form):
    ends_on = DateInputField(label=_("When did it end?"), help_text=EXAMPLE_DATE, required=False)
    end_reason = forms.ChoiceField(
        label=_("Why did it end?"),
        choices=RoleEndReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why the role ended"), "invalid_choice": _("Select why the role ended")},
    )
