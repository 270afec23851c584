from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.constants import OrganisationKind


class OrganisationFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *OrganisationKind.choices])
    q = forms.CharField(label=_("Name or prison code"), required=False, max_length=100)
