from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.constants import OrganisationKind
from people.constants import Disability, EthnicGroup, Sex
from people.querysets import CustodyEpisodeQuerySet, ProbationCaseQuerySet, ServiceUserQuerySet
from people.validators import validate_crn, validate_pnc, validate_prison_number


class ServiceUser(models.Model):
    """A person in prison or on probation: the subject of one shared record, known by their prison
    number, their probation case reference number (CRN), or both."""

    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    prison_number = models.CharField(
        _("prison number"), max_length=7, unique=True, null=True, blank=True, validators=[validate_prison_number]
    )
    crn = models.CharField(
        _("case reference number"), max_length=7, unique=True, null=True, blank=True, validators=[validate_crn]
    )
    pnc_number = models.CharField(_("PNC number"), max_length=13, blank=True, validators=[validate_pnc])
    # Protected characteristics as the case systems record them (people.constants); seen only by
    # people.rules.can_see_protected_characteristics, used by accountability only in aggregate.
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.NOT_RECORDED)
    ethnic_group = models.CharField(
        _("ethnic group"), max_length=16, choices=EthnicGroup.choices, default=EthnicGroup.NOT_STATED
    )
    disability = models.CharField(
        _("disability"), max_length=16, choices=Disability.choices, default=Disability.NOT_STATED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = ServiceUserQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name", "id"]
        indexes = [models.Index(fields=["family_name", "given_name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(prison_number__isnull=False) | Q(crn__isnull=False),
                name="person_has_prison_number_or_crn",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.identifier})"

    def clean(self) -> None:
        if not self.prison_number and not self.crn:
            raise ValidationError({"prison_number": _("Enter a prison number or a case reference number, or both")})

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def identifier(self) -> str:
        return self.prison_number or self.crn or ""

    def age_on(self, day: datetime.date) -> int:
        """Age in whole years on a day (age at release: the release date)."""
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class CustodyEpisode(models.Model):
    """One stay in custody, from reception to release, at the prison that holds the person now."""

    person = models.ForeignKey(ServiceUser, on_delete=models.PROTECT, related_name="custody_episodes")
    establishment = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("prison"),
        on_delete=models.PROTECT,
        related_name="custody_episodes",
        limit_choices_to={"kind": OrganisationKind.ESTABLISHMENT},
    )
    received_on = models.DateField(_("date received into custody"))
    released_on = models.DateField(_("date released"), null=True, blank=True)
    # The date the person is due to be released, while in custody: release planning (mentoring
    # through the gate, work on release, the pre-release checklist) counts back from it.
    expected_release_on = models.DateField(_("expected release date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = CustodyEpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            # With the person: the prison's access rule (people.access) reads the person ids of its
            # episodes from the index alone, not from each episode's row.
            models.Index(fields=["establishment", "released_on", "person"], name="custody_prison_people_idx"),
            models.Index(fields=["released_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(released_on__isnull=True) | Q(released_on__gte=F("received_on")),
                name="custody_release_not_before_reception",
            ),
            models.CheckConstraint(
                condition=Q(expected_release_on__isnull=True) | Q(expected_release_on__gte=F("received_on")),
                name="custody_expected_release_not_before_reception",
            ),
            models.UniqueConstraint(
                fields=["person"], condition=Q(released_on__isnull=True), name="one_open_custody_episode_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.establishment_id} from {self.received_on}"

    @property
    def is_open(self) -> bool:
        return self.released_on is None


class ProbationCase(models.Model):
    """Supervision by probation, in a delivery unit, with a responsible practitioner."""

    person = models.ForeignKey(ServiceUser, on_delete=models.PROTECT, related_name="probation_cases")
    delivery_unit = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("probation delivery unit"),
        on_delete=models.PROTECT,
        related_name="probation_cases",
        limit_choices_to={"kind": OrganisationKind.DELIVERY_UNIT},
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("probation practitioner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ProbationCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [
            # With the person: probation's access rule (people.access) reads the person ids of a
            # unit's or a practitioner's open cases from the index alone, not from each case's row.
            models.Index(fields=["delivery_unit", "ended_on", "person"], name="probation_unit_people_idx"),
            models.Index(fields=["practitioner", "ended_on", "person"], name="probation_holder_people_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="probation_case_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_on__isnull=True), name="one_open_probation_case_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.delivery_unit_id} from {self.started_on}"
