from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.constants import ROLE_ORGANISATION_KINDS, Role
from organisations.constants import OrganisationKind


class User(AbstractUser):
    """A member of staff. Every user belongs to one organisation and has one role; together they
    decide what the user may see (people.access) and do (accounts.rules)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    manager = models.ForeignKey(
        "self",
        verbose_name=_("line manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text=_("Sees this person's overdue actions"),
    )
    # Duties that route what people say (voice, issue 5): words about self-harm or harm to others
    # go to the safer custody (or, in probation, public protection) team before anything else
    # happens; allegations against staff go only to professional standards.
    safer_custody = models.BooleanField(
        _("safer custody team"),
        default=False,
        help_text=_("Reads feedback that mentions self-harm or harm to others, first"),
    )
    professional_standards = models.BooleanField(
        _("professional standards"),
        default=False,
        help_text=_("Reads allegations against members of staff (a restricted route)"),
    )

    class Meta:
        constraints = [
            # A user without an organisation and role can sign in to nothing but Django's admin
            # (only when a superuser), so ordinary accounts must have both.
            models.CheckConstraint(
                condition=models.Q(is_superuser=True) | (models.Q(organisation__isnull=False) & ~models.Q(role="")),
                name="staff_have_organisation_and_role",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.is_superuser and not self.organisation_id:
            return
        errors: dict[str, str] = {}
        if not self.role:
            errors["role"] = str(_("Select a role"))
        if not self.organisation_id:
            errors["organisation"] = str(_("Select an organisation"))
        if not errors and self.organisation.kind not in ROLE_ORGANISATION_KINDS[self.role]:
            allowed = ", ".join(str(OrganisationKind(k).label).lower() for k in ROLE_ORGANISATION_KINDS[self.role])
            errors["organisation"] = str(
                _("A %(role)s must belong to a %(kinds)s") % {"role": Role(self.role).label.lower(), "kinds": allowed}
            )
        if self.manager_id and self.manager_id == self.pk:
            errors["manager"] = str(_("A person cannot be their own manager"))
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles
