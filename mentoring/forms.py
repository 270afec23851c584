from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.forms import DateInputField
from common.once import OnceOnlyForm
from mentoring.constants import ContactMethod, ContactOutcome, ContactRating, ContactSetting, EndReason, MentorKind
from mentoring.models import Mentor

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class MentorForm(OnceOnlyForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the name of the person they sign in as"),
    )
    kind = forms.ChoiceField(
        label=_("Are they a mentor, a coach or a peer mentor?"),
        choices=MentorKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether they are a mentor, a coach or a peer mentor")},
    )
    lived_experience = forms.ChoiceField(
        label=_("Do they have lived experience of the justice system?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether they have lived experience of the justice system")},
    )
    user = forms.TypedChoiceField(
        label=_("Do they sign in to throughgate?"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Peer mentors often do not: you record their contacts for them"),
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(organisation_id=organisation_id, is_active=True).order_by("last_name", "first_name")
        self.fields["user"].choices = [("", _("No, they do not sign in"))] + [(u.pk, u.display_name) for u in staff]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name", "").strip() and not data.get("user"):
            self.add_error("name", _("Enter the mentor's name"))
        return data


class MentorUnavailableForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are they unavailable? (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example, they have left, or they have as many people as they can take on"),
    )


class AllocationForm(OnceOnlyForm):
    mentor = forms.TypedChoiceField(
        label=_("Mentor or coach"),
        coerce=int,
        error_messages={"required": _("Select an available mentor or coach")},
    )
    started_on = DateInputField(
        label=_("When does the mentoring start?"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date the mentoring starts")},
    )
    goals = forms.CharField(
        label=_("What does the person want from it?"),
        help_text=_("In their own words: what matters to them, and what they want to be able to do"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Enter what the person wants from mentoring, in their own words")},
    )
    consent = forms.ChoiceField(
        label=_(
            "Has the person agreed to be mentored, and to the mentor's organisation seeing their name "
            "and where they are?"
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the person has agreed to be mentored")},
    )

    def __init__(self, *args: Any, mentors: list[Mentor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = [("", _("Select a mentor or coach"))] + [
            (m.pk, _mentor_label(m)) for m in mentors
        ]


def _mentor_label(mentor: Mentor) -> str:
    label = f"{mentor.name}, {mentor.get_kind_display().lower()}"
    if mentor.lived_experience:
        label += ", " + str(_("lived experience"))
    return f"{label} ({mentor.organisation.name})"


class ContactForm(OnceOnlyForm):
    contact_on = DateInputField(
        label=_("When was the contact?"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date of the contact")},
    )
    outcome = forms.ChoiceField(
        label=_("Did it happen?"),
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the contact happened")},
    )
    method = forms.ChoiceField(
        label=_("How?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the contact was made")},
    )
    setting = forms.ChoiceField(
        label=_("Where?"),
        choices=ContactSetting.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select where the contact was")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("A short note: what you talked about, what the person wants next"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        error_messages={"max_length": _("The note must be 500 characters or fewer")},
    )
    rating = forms.ChoiceField(
        label=_("How did the person rate it? (optional)"),
        choices=ContactRating.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class EndForm(forms.Form):
    ended_on = DateInputField(
        label=_("When did the mentoring end?"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date the mentoring ended")},
    )
    reason = forms.ChoiceField(
        label=_("Why did it end?"),
        choices=EndReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why the mentoring ended")},
    )
    note = forms.CharField(
        label=_("Note (needed for another reason)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
