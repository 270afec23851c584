from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.constants import CASE_ROLES
from accounts.models import User
from common.forms import DateInputField
from organisations.constants import Pathway
from organisations.models import Contract, Organisation
from people.models import ServiceUser
from resettlement.constants import ActionResult, ConcernKind, MappaCategory, MappaLevel, NeedStatus, RiskLevel
from resettlement.models import Need, RiskConcern


class PlanChangeForm(forms.Form):
    """Every plan form carries the revision the page showed (optimistic concurrency)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def owner_choices(*, person: ServiceUser, user: Any) -> list[Organisation]:
    """Who can own an action for this person: their prison and probation delivery unit, the user's
    own organisation, and the partners contracted where they are held."""
    prisons = Organisation.objects.filter(custody_episodes__person=person, custody_episodes__released_on__isnull=True)
    units = Organisation.objects.filter(probation_cases__person=person, probation_cases__ended_on__isnull=True)
    providers = Organisation.objects.none()
    prison = prisons.first()
    if prison is not None:
        providers = Organisation.objects.filter(contracts__in=Contract.objects.relevant_to(prison))
    return list(
        Organisation.objects.filter(
            Q(pk__in=prisons.values("pk"))
            | Q(pk__in=units.values("pk"))
            | Q(pk__in=providers.values("pk"))
            | Q(pk=user.organisation_id)
        )
        .filter(active=True)
        .distinct()
        .order_by("kind", "name")
    )


class PlanActionForm(PlanChangeForm):
    need = forms.TypedChoiceField(label=_("Which need does it meet?"), required=False, coerce=int, empty_value=None)
    concern = forms.TypedChoiceField(
        label=_("Or which public protection concern does it mitigate?"), required=False, coerce=int, empty_value=None
    )
    pathway = forms.ChoiceField(
        label=_("Pathway"),
        required=False,
        choices=[("", _("Select a pathway")), *Pathway.choices],
        help_text=_("Only if it meets no need above"),
    )
    description = forms.CharField(
        label=_("What will be done?"), max_length=300, error_messages={"required": _("Describe the action")}
    )
    owner = forms.TypedChoiceField(
        label=_("Which organisation owns it?"),
        coerce=int,
        error_messages={"required": _("Select the organisation that owns this action")},
    )
    assignee = forms.TypedChoiceField(
        label=_("Who will do it?"), coerce=int, error_messages={"required": _("Select who will do it")}
    )
    due_on = DateInputField(
        label=_("When is it due?"),
        help_text=_("For example, 27 3 2027"),
        error_messages={"required": _("Enter the date the action is due")},
    )

    def __init__(self, *args: Any, person: ServiceUser, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        needs = Need.objects.filter(person=person).order_by("pathway", "id")
        self.fields["need"].choices = [("", _("It meets no recorded need"))] + [
            (n.pk, f"{n.get_pathway_display()}: {n.description}") for n in needs
        ]
        concerns = RiskConcern.objects.filter(person=person)
        self.fields["concern"].choices = [("", _("It mitigates no recorded concern"))] + [
            (c.pk, f"{c.get_kind_display()}: {c.description[:80]}") for c in concerns
        ]
        if not concerns:
            del self.fields["concern"]
        owners = owner_choices(person=person, user=user)
        self.fields["owner"].choices = [("", _("Select an organisation"))] + [(o.pk, o.name) for o in owners]
        staff = User.objects.filter(organisation__in=owners, is_active=True, role__in=CASE_ROLES).select_related(
            "organisation"
        )
        self.fields["assignee"].choices = [("", _("Select a person"))] + [
            (u.pk, f"{u.display_name} ({u.organisation.name})")
            for u in staff.order_by("organisation__name", "last_name")
        ]


class ActionResultForm(PlanChangeForm):
    result = forms.ChoiceField(
        label=_("Was it done?"),
        choices=ActionResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the action was done")},
    )
    note = forms.CharField(
        label=_("What came of it, or why was it not done?"), widget=forms.Textarea, max_length=2000, required=False
    )


class NeedWithoutActionForm(PlanChangeForm):
    reason = forms.CharField(
        label=_("Why does this need have no action?"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Enter why this need has no action")},
    )


class NeedStatusForm(PlanChangeForm):
    status = forms.ChoiceField(
        label=_("What is the status of this need now?"),
        choices=NeedStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the need's status")},
    )
    note = forms.CharField(
        label=_("Note (needed if they declined)"), widget=forms.Textarea, max_length=2000, required=False
    )


class RiskAssessmentForm(PlanChangeForm):
    rosh_level = forms.ChoiceField(
        label=_("Risk of serious harm"),
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the risk of serious harm")},
    )
    mappa_category = forms.ChoiceField(label=_("MAPPA category"), choices=MappaCategory.choices, required=False)
    mappa_level = forms.ChoiceField(label=_("MAPPA level"), choices=MappaLevel.choices, required=False)


class RiskConcernForm(PlanChangeForm):
    kind = forms.ChoiceField(
        label=_("What kind of concern is it?"),
        choices=ConcernKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of concern")},
    )
    description = forms.CharField(
        label=_("Describe the concern"),
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("Include any relevant licence condition, victim contact arrangement or named person at risk"),
        error_messages={"required": _("Describe the concern")},
    )
