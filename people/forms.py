from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInputField


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, prison number or case reference number"), required=False, max_length=100
    )


class PersonRecordForm(forms.Form):
    """Who the person is and where they are now. Which of the 'where' questions are asked depends
    on the role of the person recording (see people.services.person_record)."""

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
        label=_("Date received into custody"), required=False, help_text=_("For example, 3 11 2026")
    )
    probation_started_on = DateInputField(
        label=_("Date probation started"), required=False, help_text=_("For example, 3 11 2026")
    )

    def __init__(self, *args, asks: tuple[str, ...] = (), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for name in ("establishment_code", "received_on", "probation_started_on"):
            if name not in asks:
                del self.fields[name]
