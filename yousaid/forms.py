from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField
from common.once import OnceOnlyForm
from yousaid.constants import ConfirmedBy, Source

YES_NO = [("no", _("No")), ("yes", _("Yes"))]
TEXT_MAX = 2000


class IssueForm(OnceOnlyForm):
    organisation = forms.TypedChoiceField(
        label=_("Which organisation is it for?"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Where did it come from?"),
        choices=[(Source.COUNCIL.value, Source.COUNCIL.label), (Source.BY_HAND.value, Source.BY_HAND.label)],
        widget=forms.RadioSelect,
        required=False,
    )
    said = forms.CharField(
        label=_("What did people say?"),
        help_text=_("In their words. Take out anything that could identify someone: this is shown in public."),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )
    named_identifier = forms.CharField(
        label=_("Prison number or case reference number of the person who raised it (optional)"),
        help_text=_("Only if they chose to give their name, so that they can be told what happens"),
        max_length=7,
        required=False,
    )
    contract = forms.TypedChoiceField(
        label=_("Is it about a commissioned service? (optional)"),
        help_text=_("Choose its contract, so that the issue is reported against the contract too"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    restricted = forms.ChoiceField(
        label=_("Keep it off the public board?"),
        help_text=_("For example, if it is about a named member of staff"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="no",
        error_messages={"required": _("Select whether to keep it off the public board")},
    )
    response = forms.CharField(widget=forms.HiddenInput, required=False)
    question = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        organisations: list[Any] | None,
        from_feedback: bool,
        contracts: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if contracts:
            self.fields["contract"].choices = [("", _("Not about a contract"))] + [(c.pk, str(c)) for c in contracts]
        else:
            del self.fields["contract"]
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = [("", _("Select an organisation"))] + [
                (o.pk, o.name) for o in organisations
            ]
        if from_feedback:
            del self.fields["source"]
            del self.fields["named_identifier"]
            self.fields["said"].label = _("What did they say?")


class RespondForm(forms.Form):
    response = forms.CharField(
        label=_("Our response"),
        help_text=_("What you did, or what you will do, in plain words. This is shown in public."),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Anything to add? (optional)"), widget=forms.Textarea, max_length=TEXT_MAX, required=False
    )


class ActionForm(OnceOnlyForm):
    description = forms.CharField(
        label=_("What will be done?"), widget=forms.Textarea, max_length=TEXT_MAX, required=False
    )
    owner = forms.ChoiceField(label=_("Who owns it?"), required=False)
    due_on = DateInputField(label=_("When is it due?"), help_text=_("For example, 27 3 2027"), required=False)

    def __init__(self, *args: Any, staff: list[Any], organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [
            ("", _("Select a member of staff or an organisation")),
            *[(f"user:{u.pk}", u.display_name) for u in staff],
            *[(f"organisation:{o.pk}", o.name) for o in organisations],
        ]

    def owner_ids(self) -> tuple[int | None, int | None]:
        kind, _sep, pk = (self.cleaned_data.get("owner") or "").partition(":")
        if not pk.isdigit():
            return None, None
        return (int(pk), None) if kind == "user" else (None, int(pk))


class ProgressForm(OnceOnlyForm):
    noted_on = DateInputField(label=_("Date"), help_text=_("For example, 27 3 2027"), required=False)
    note = forms.CharField(label=_("What has happened?"), widget=forms.Textarea, max_length=TEXT_MAX, required=False)


class ClaimForm(forms.Form):
    note = forms.CharField(
        label=_("What was done? (optional)"), widget=forms.Textarea, max_length=TEXT_MAX, required=False
    )


class ConfirmForm(forms.Form):
    confirmed_by = forms.ChoiceField(
        label=_("Who confirmed it is done?"), choices=ConfirmedBy.choices, widget=forms.RadioSelect, required=False
    )
    confirmed_on = DateInputField(
        label=_("When did they confirm it?"),
        help_text=_("For example, the date of the council meeting"),
        required=False,
    )
    note = forms.CharField(
        label=_("How was it confirmed?"),
        help_text=_("For example, confirmed by the council at its meeting on 4 March"),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )

    def __init__(self, *args: Any, named: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not named:
            self.fields["confirmed_by"].choices = [c for c in ConfirmedBy.choices if c[0] != ConfirmedBy.NAMED_PERSON]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        help_text=_("This is shown on the public board"),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )


class ClaimRejectForm(OnceOnlyForm):
    said_by = forms.ChoiceField(
        label=_("Who says it is not done yet?"), choices=ConfirmedBy.choices, widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(
        label=_("What did they say?"),
        help_text=_("In their words, without naming anyone. This is shown on the public board."),
        widget=forms.Textarea,
        max_length=TEXT_MAX,
        required=False,
    )

    def __init__(self, *args: Any, named: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not named:
            self.fields["said_by"].choices = [c for c in ConfirmedBy.choices if c[0] != ConfirmedBy.NAMED_PERSON]


class DeadlineForm(forms.Form):
    """The number is read here and its range checked by the service (one message for 0 and 121).
    The second button, "use the default", sends use_default and needs no number."""

    working_days = forms.CharField(
        label=_("How many working days do you have to respond to an issue?"),
        help_text=_("From 1 to 120. Working days leave out weekends and bank holidays."),
        required=False,
    )
    use_default = forms.CharField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("use_default"):
            data["working_days"] = None
            return data
        raw = (data.get("working_days") or "").strip()
        if not raw:
            self.add_error("working_days", _("Enter the number of working days"))
        elif not (raw.isascii() and raw.isdigit()):
            self.add_error("working_days", _("Enter the number of working days as a whole number, like 20"))
        else:
            data["working_days"] = int(raw)
        return data
