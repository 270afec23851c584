from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.constants import OrganisationKind


class Role(models.TextChoices):
    PRISON_STAFF = "prison_staff", _("Prison resettlement staff")
    PROBATION_PRACTITIONER = "probation_practitioner", _("Probation practitioner")
    PARTNER_CASEWORKER = "partner_caseworker", _("Partner caseworker")
    INVOLVEMENT_LEAD = "involvement_lead", _("Involvement lead")
    COMMISSIONER = "commissioner", _("Commissioner")
    ADMINISTRATOR = "administrator", _("Administrator")


# Which kinds of organisation each role's staff can belong to. A role outside these makes no sense
# (a partner caseworker employed by a prison) and would open the wrong records to them.
ROLE_ORGANISATION_KINDS: dict[str, tuple[str, ...]] = {
    Role.PRISON_STAFF: (OrganisationKind.ESTABLISHMENT,),
    Role.PROBATION_PRACTITIONER: (OrganisationKind.DELIVERY_UNIT,),
    Role.PARTNER_CASEWORKER: (OrganisationKind.PROVIDER,),
    Role.INVOLVEMENT_LEAD: (
        OrganisationKind.ESTABLISHMENT,
        OrganisationKind.PROBATION_REGION,
        OrganisationKind.DELIVERY_UNIT,
        OrganisationKind.PROVIDER,
    ),
    Role.COMMISSIONER: (OrganisationKind.COMMISSIONER, OrganisationKind.PROBATION_REGION),
    Role.ADMINISTRATOR: (OrganisationKind.NATIONAL,),
}

# Roles that work with individual people's case records. Involvement leads and commissioners
# work with what people say and with aggregate figures, never with case records.
CASE_ROLES = (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.PARTNER_CASEWORKER, Role.ADMINISTRATOR)
