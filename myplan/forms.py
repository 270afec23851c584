from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.once import OnceOnlyForm
from myplan.constants import Answer, Channel


class SignInForm(forms.Form):
    identifier = forms.CharField(
        label=_("Your prison number"),
        help_text=_("For example, A1234BC. If you have left prison, you can use your case reference number."),
        max_length=20,
        error_messages={"required": _("Enter your prison number")},
    )
    pin = forms.CharField(
        label=_("Your PIN"),
        help_text=_("The 4 to 6 numbers a member of staff gave you"),
        max_length=20,
        strip=True,
        widget=forms.PasswordInput,
        error_messages={"required": _("Enter your PIN")},
    )
    channel = forms.ChoiceField(
        label=_("Where are you using this?"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where you are using this")},
    )

    def __init__(self, *args: object, kiosk: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.kiosk = kiosk
        if kiosk:
            # The kiosk says where it is: the person is not asked.
            del self.fields["channel"]

    @property
    def chosen_channel(self) -> str:
        return Channel.KIOSK if self.kiosk else self.cleaned_data["channel"]


class ConfirmForm(OnceOnlyForm):
    answer = forms.ChoiceField(
        label=_("Did this really happen?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes if it happened, or no if it did not happen")},
    )
    comment = forms.CharField(
        label=_("Do you want to tell us more? (optional)"),
        help_text=_("For example, what happened instead"),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": _("What you tell us must be 1000 characters or fewer")},
    )


class PinForm(OnceOnlyForm):
    pin = forms.CharField(
        label=_("New PIN"),
        help_text=_("4 to 6 numbers. Tell the person their PIN yourself: it is never shown again."),
        max_length=20,
        required=False,
    )
