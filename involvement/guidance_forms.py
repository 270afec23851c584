"""Forms for the guidance library. Checks of substance (empty text, duplicate titles, stale edits)
live in involvement/guidance_services.py; these only read what was sent."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.once import OnceOnlyForm
from involvement.constants import ActivityKind
from involvement.guidance_services import BODY_MAX, SUMMARY_MAX, TITLE_MAX


class GuidancePageForm(OnceOnlyForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        help_text=_("One or two sentences shown in the library list"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=SUMMARY_MAX,
        required=False,
    )
    body = forms.CharField(
        label=_("Page text"), widget=forms.Textarea(attrs={"rows": 20}), max_length=BODY_MAX, required=False
    )
    for_kinds = forms.MultipleChoiceField(
        label=_("Which activities does this page describe?"),
        help_text=_("The page is linked from activities of these kinds. Select none for a general page."),
        choices=ActivityKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select activities from the list")},
    )
    # The version the editor opened; a save against an older version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
