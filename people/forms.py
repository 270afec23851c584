from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField
from people.validators import normalise_identifier, validate_crn, validate_pnc, validate_prison_number


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, prison number or case reference number"), required=False, max_length=100
    )


class PersonRecordForm(forms.Form):
    """Who the person is and where they are now. Which of the 'where' questions are asked, and which
    of them must be answered, depends on the role of the person recording (people.views._asks_for).

    Everything that can be checked without the database is checked here, so that an empty or wrong
    form lists every problem at once (GOV.UK error summary pattern); people.services.person_record
    checks it all again, with duplicates, because a service never trusts its caller."""

    given_name = forms.CharField(
        label=_("First name"), max_length=100, error_messages={"required": _("Enter their first name")}
    )
    family_name = forms.CharField(
        label=_("Last name"), max_length=100, error_messages={"required": _("Enter their last name")}
    )
    date_of_birth = DateInputField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 1990"),
        error_messages={"required": _("Enter their date of birth")},
    )
    prison_number = forms.CharField(
        label=_("Prison number"), required=False, max_length=12, help_text=_("For example, A1234BC")
    )
    crn = forms.CharField(
        label=_("Case reference number (CRN)"), required=False, max_length=12, help_text=_("For example, X123456")
    )
    pnc_number = forms.CharField(
        label=_("PNC number (optional)"), required=False, max_length=16, help_text=_("For example, 2002/0073319Z")
    )
    establishment_code = forms.CharField(
        label=_("Prison code"),
        required=False,
        max_length=5,
        help_text=_("The 3-letter code of the prison that received them, like LEI"),
    )
    received_on = DateInputField(
        label=_("Date received into custody"),
        required=False,
        help_text=_("For example, 3 11 2026"),
        error_messages={"required": _("Enter the date they were received into custody")},
    )
    probation_started_on = DateInputField(
        label=_("Date probation started"),
        required=False,
        help_text=_("For example, 3 11 2026"),
        error_messages={"required": _("Enter the date their probation started")},
    )

    def __init__(self, *args: Any, asks: tuple[str, ...] = (), requires: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("establishment_code", "received_on", "probation_started_on"):
            if name not in asks:
                del self.fields[name]
            elif name in requires:
                self.fields[name].required = True

    def _identifier(self, name: str, validator: Any) -> str:
        value = normalise_identifier(self.cleaned_data.get(name, ""))
        if value:
            validator(value)
        return value

    def clean_prison_number(self) -> str:
        return self._identifier("prison_number", validate_prison_number)

    def clean_crn(self) -> str:
        return self._identifier("crn", validate_crn)

    def clean_pnc_number(self) -> str:
        return self._identifier("pnc_number", validate_pnc)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            not data.get("prison_number")
            and not data.get("crn")
            and not self.has_error("prison_number")
            and not self.has_error("crn")
        ):
            self.add_error(
                "prison_number", ValidationError(_("Enter a prison number or a case reference number, or both"))
            )
        if "establishment_code" in self.fields:
            code, received = data.get("establishment_code"), data.get("received_on")
            if code and not received and not self.has_error("received_on"):
                self.add_error("received_on", _("Enter the date they were received into custody"))
            if received and not code:
                self.add_error("establishment_code", _("Enter the code of the prison that received them"))
        return data
