from django import forms
from django.utils.translation import gettext_lazy as _

from audit.constants import Action


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All actions")), *Action.choices])
    username = forms.CharField(label=_("Username"), required=False, max_length=150)
    person = forms.IntegerField(label=_("Person record number"), required=False, min_value=1)
