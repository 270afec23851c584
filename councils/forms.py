from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.forms import DateInputField
from common.once import OnceOnlyForm
from councils.constants import LeavingReason, MemberRole
from councils.models import Candidate, Voter

IDENTIFIER_LABEL = _("Prison number or case reference number")


class CouncilForm(OnceOnlyForm):
    organisation = forms.TypedChoiceField(label=_("Prison or probation service"), coerce=int)
    name = forms.CharField(label=_("Name of the council"), max_length=200)

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("Choose one"))] + [(o.pk, o.name) for o in organisations]  # type: ignore[attr-defined]


class MemberForm(OnceOnlyForm):
    identifier = forms.CharField(label=IDENTIFIER_LABEL, max_length=7)
    role = forms.ChoiceField(label=_("Role on the council"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    term_starts_on = DateInputField(label=_("Term starts"), help_text=_("For example, 27 3 2026"))
    term_ends_on = DateInputField(label=_("Term ends (optional)"), required=False)


class LeaveForm(forms.Form):
    left_on = DateInputField(label=_("Date they left"))
    reason = forms.ChoiceField(label=_("Why did they leave?"), choices=LeavingReason.choices)
    note = forms.CharField(label=_("More about why (optional)"), required=False, max_length=500)


class MeetingForm(OnceOnlyForm):
    held_on = DateInputField(label=_("Date of the meeting"))
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea)
    minutes = forms.CharField(label=_("Minutes (optional)"), widget=forms.Textarea, required=False)
    decisions = forms.CharField(
        label=_("Decisions (optional)"),
        help_text=_("One decision on each line. They are shown on the council's public board."),
        widget=forms.Textarea,
        required=False,
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ElectionForm(OnceOnlyForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    seats = forms.IntegerField(label=_("Number of seats"), min_value=1, max_value=50)
    opens_on = DateInputField(label=_("Voting opens"), help_text=_("Voting opens at the start of this day"))
    closes_on = DateInputField(label=_("Voting closes"), help_text=_("Voting closes at the end of this day"))

    def __init__(self, *args: Any, by_election: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if by_election:
            del self.fields["seats"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            raise ValidationError({"closes_on": _("Voting must close on or after the day it opens")})
        return data

    @property
    def opens_at(self) -> datetime.datetime:
        return _start_of(self.cleaned_data["opens_on"])

    @property
    def closes_at(self) -> datetime.datetime:
        return _start_of(self.cleaned_data["closes_on"] + datetime.timedelta(days=1))


class CandidateForm(OnceOnlyForm):
    identifier = forms.CharField(label=IDENTIFIER_LABEL, max_length=7)
    statement = forms.CharField(
        label=_("Their statement"),
        help_text=_("In their own words: why they are standing. Voters see it on the ballot."),
        widget=forms.Textarea,
    )


def _voter_choices(voters: list[Voter]) -> list[tuple[str, str]]:
    return [("", str(_("Choose the voter")))] + [
        (str(v.pk), f"{v.person.full_name} ({v.person.identifier})") for v in voters
    ]


class VoterForm(forms.Form):
    """Staff at the polling station: the person in front of them, from the voter list."""

    voter = forms.TypedChoiceField(
        label=_("Voter"),
        coerce=int,
        help_text=_(
            "Check who they are (their ID card) before you choose them. Only people who have not voted are listed."
        ),
    )

    def __init__(self, *args: Any, voters: list[Voter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voter"].choices = _voter_choices(voters)  # type: ignore[attr-defined]


class BallotForm(forms.Form):
    choices = forms.TypedMultipleChoiceField(
        label=_("Your vote"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one candidate")},
    )

    def __init__(self, *args: Any, candidates: list[Candidate], seats: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["choices"]
        field.choices = [(c.pk, c.person.full_name) for c in candidates]  # type: ignore[attr-defined]
        field.label = ngettext("Choose %(seats)s candidate", "Choose up to %(seats)s candidates", seats) % {
            "seats": seats
        }


class PaperBallotForm(BallotForm):
    voter = forms.TypedChoiceField(label=_("Whose paper ballot is this?"), coerce=int)

    field_order = ["voter", "choices"]

    def __init__(self, *args: Any, voters: list[Voter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voter"].choices = _voter_choices(voters)  # type: ignore[attr-defined]
        self.fields["choices"].label = _("The candidates marked on the paper")
        self.order_fields(self.field_order)
