from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.constants import (
    ContractType,
    EstablishmentType,
    MeasureKey,
    ObligationKind,
    OrganisationKind,
    Pathway,
    ProviderType,
    TargetDirection,
)
from organisations.querysets import ContractQuerySet, OrganisationQuerySet
from organisations.validators import validate_establishment_code

# Which kinds of organisation sit inside a probation region.
KINDS_IN_A_REGION = (OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT)


class Organisation(models.Model):
    """Any body whose staff use throughgate: a prison, a probation region or delivery unit, a partner
    provider, a commissioner, or the national team. One table, so that every user, record and audit
    event points at an organisation the same way."""

    kind = models.CharField(_("type"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=10,
        blank=True,
        help_text=_("For a prison, its 3-letter establishment code, like LEI"),
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("probation region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        limit_choices_to={"kind": OrganisationKind.PROBATION_REGION},
    )
    provider_type = models.CharField(_("provider type"), max_length=32, choices=ProviderType.choices, blank=True)
    # Prisons only: its function, for comparisons with places of the same type. Blank in the
    # database (other kinds have none); clean() asks a prison for it.
    establishment_type = models.CharField(
        _("type of prison"), max_length=32, choices=EstablishmentType.choices, blank=True
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organisation_name_unique_per_kind"),
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~Q(code=""), name="organisation_code_unique_per_kind"
            ),
            models.CheckConstraint(
                condition=~Q(kind=OrganisationKind.ESTABLISHMENT) | Q(code__regex=r"^[A-Z]{3}$"),
                name="establishment_has_code",
            ),
            models.CheckConstraint(
                condition=~Q(kind=OrganisationKind.PROVIDER) | ~Q(provider_type=""),
                name="provider_has_type",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == OrganisationKind.ESTABLISHMENT:
            try:
                validate_establishment_code(self.code)
            except ValidationError as e:
                errors["code"] = e.messages[0]
            if not self.establishment_type:
                errors["establishment_type"] = str(_("Select the type of prison"))
        elif self.establishment_type:
            errors["establishment_type"] = str(_("Only a prison has a type of prison"))
        if self.kind == OrganisationKind.PROVIDER and not self.provider_type:
            errors["provider_type"] = str(_("Select the type of provider"))
        if self.region_id and self.kind not in KINDS_IN_A_REGION:
            errors["region"] = str(_("Only prisons and probation delivery units belong to a region"))
        if self.kind == OrganisationKind.DELIVERY_UNIT and not self.region_id:
            errors["region"] = str(_("Select the region this delivery unit belongs to"))
        if errors:
            raise ValidationError(errors)

    @property
    def is_establishment(self) -> bool:
        return self.kind == OrganisationKind.ESTABLISHMENT


class Contract(models.Model):
    """A commissioned service: who delivers it, where, on which pathways, and what it must achieve.
    Obligations are listed so that accountability can check each one (including the feedback duty)."""

    reference = models.CharField(_("contract reference"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    contract_type = models.CharField(_("contract type"), max_length=32, choices=ContractType.choices)
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="contracts",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    commissioner = models.ForeignKey(
        Organisation,
        verbose_name=_("commissioner"),
        on_delete=models.PROTECT,
        related_name="commissioned_contracts",
        null=True,
        blank=True,
        limit_choices_to={"kind": OrganisationKind.COMMISSIONER},
    )
    region = models.ForeignKey(
        Organisation,
        verbose_name=_("probation region"),
        on_delete=models.PROTECT,
        related_name="region_contracts",
        null=True,
        blank=True,
        limit_choices_to={"kind": OrganisationKind.PROBATION_REGION},
    )
    establishments = models.ManyToManyField(
        Organisation,
        verbose_name=_("prisons"),
        related_name="establishment_contracts",
        blank=True,
        limit_choices_to={"kind": OrganisationKind.ESTABLISHMENT},
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    value_pounds = models.PositiveIntegerField(_("value in pounds"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[establishments])
    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="contract_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def pathway_labels(self) -> list[str]:
        return [Pathway(p.pathway).label for p in self.pathways.all()]


class ContractPathway(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="pathways")
    pathway = models.CharField(_("pathway"), max_length=32, choices=Pathway.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contract", "pathway"], name="contract_pathway_unique")]

    def __str__(self) -> str:
        return self.get_pathway_display()


class ContractObligation(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField(_("type"), max_length=32, choices=ObligationKind.choices)
    description = models.TextField(_("description"))
    target = models.CharField(_("target"), max_length=200, blank=True)
    # The measure it is checked against, with a numeric target and direction; blank where no
    # measure covers it (reported as "not measured", the free-text target kept).
    measure = models.CharField(_("measure"), max_length=40, choices=MeasureKey.choices, blank=True)
    target_percent = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=1, null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=16, choices=TargetDirection.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(measure="") & Q(target_percent__isnull=True) & Q(direction=""))
                | (~Q(measure="") & Q(target_percent__gte=0) & Q(target_percent__lte=100) & ~Q(direction="")),
                name="measured_obligation_has_target_and_direction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.measure:
            if self.target_percent is None:
                errors["target_percent"] = str(_("Enter the target, as a percentage from 0 to 100"))
            elif not 0 <= self.target_percent <= 100:
                errors["target_percent"] = str(_("The target must be a percentage from 0 to 100"))
            if not self.direction:
                errors["direction"] = str(_("Select whether the result must be at least or at most the target"))
        else:
            if self.target_percent is not None:
                errors["target_percent"] = str(_("Select the measure this target applies to, or remove the target"))
            if self.direction:
                errors["direction"] = str(_("Select the measure this direction applies to, or remove the direction"))
        if errors:
            raise ValidationError(errors)

    @property
    def measured_target(self) -> str:
        """The obligation's measured target in words, like "Housed on the first night after release:
        at least 80%", or "not measured" where it names no measure."""
        if not self.measure or self.target_percent is None or not self.direction:
            return str(_("not measured"))
        percent = f"{self.target_percent:.1f}".removesuffix(".0")
        return _("%(measure)s: %(direction)s %(percent)s%%") % {
            "measure": MeasureKey(self.measure).label,
            "direction": str(TargetDirection(self.direction).label).lower(),
            "percent": percent,
        }
