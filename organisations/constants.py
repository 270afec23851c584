from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ESTABLISHMENT = "establishment", _("Prison")
    PROBATION_REGION = "probation_region", _("Probation region")
    DELIVERY_UNIT = "delivery_unit", _("Probation delivery unit")
    PROVIDER = "provider", _("Partner provider")
    COMMISSIONER = "commissioner", _("Commissioning body")
    NATIONAL = "national", _("National service team")


class ProviderType(models.TextChoices):
    VOLUNTARY = "voluntary", _("Voluntary and community sector")
    COMMISSIONED = "commissioned", _("Commissioned rehabilitative services")
    PUBLIC = "public", _("Public sector service")
    EMPLOYER = "employer", _("Employer")


class Pathway(models.TextChoices):
    """The seven resettlement pathways (ENGINEERING.md, 'Pathways')."""

    ACCOMMODATION = "accommodation", _("Accommodation")
    ATTITUDES = "attitudes", _("Attitudes, thinking and behaviour")
    FAMILY = "family", _("Children, families and communities")
    DRUGS_ALCOHOL = "drugs_alcohol", _("Drugs and alcohol")
    EDUCATION_WORK = "education_work", _("Education, skills and work")
    FINANCE_ID = "finance_id", _("Finance and ID")
    HEALTH = "health", _("Health")


class ContractType(models.TextChoices):
    CRS = "crs", _("Commissioned rehabilitative services")
    DYNAMIC_FRAMEWORK = "dynamic_framework", _("Dynamic framework call-off")
    PRISON_SERVICE = "prison_service", _("Prison service contract")
    GRANT = "grant", _("Grant agreement")


class ObligationKind(models.TextChoices):
    OUTCOME = "outcome", _("Outcome to achieve")
    OUTPUT = "output", _("Output to deliver")
    FEEDBACK_DUTY = "feedback_duty", _("Duty to gather and act on service-user feedback")
    REPORTING = "reporting", _("Reporting")


class MeasureKey(models.TextChoices):
    """The outcome and duty measures accountability reports (docs/measures.md holds each one's rule,
    accountability.measures its code). Here, below both, so that a contract obligation can name the
    measure it is checked against."""

    HOUSED_ON_RELEASE = "housed_on_release", _("Housed on the first night after release")
    SETTLED_AT_3_MONTHS = "settled_at_3_months", _("In settled accommodation 3 months after release")
    EMPLOYED_AT_6_WEEKS = "employed_at_6_weeks", _("In employment 6 weeks after release")
    EMPLOYED_AT_6_MONTHS = "employed_at_6_months", _("In employment 6 months after release")
    RETURNED_TO_CUSTODY = "returned_to_custody_12_months", _("Back in custody within 12 months of release")
    MENTOR_BEFORE_RELEASE = "mentor_before_release", _("Mentor allocated before release")
    REFERRALS_ACCEPTED = "referrals_accepted", _("Referrals accepted")
    REFERRAL_OUTCOMES_ACHIEVED = "referral_outcomes_achieved", _("Referral outcomes achieved")
    FEEDBACK_POSITIVE = "feedback_positive", _("Feedback positive (Friends and Family Test)")
    FEEDBACK_NEGATIVE = "feedback_negative", _("Feedback negative (Friends and Family Test)")


class EstablishmentType(models.TextChoices):
    """A prison's function, so that a prison is compared with places of the same type (issue 16)."""

    RECEPTION_LOCAL = "reception_local", _("Reception or local prison")
    TRAINING = "training", _("Category C training prison")
    OPEN = "open", _("Open prison (category D)")
    YOI = "yoi", _("Young offender institution")
    WOMEN = "women", _("Women's prison")
    HIGH_SECURITY = "high_security", _("High security prison")


class TargetDirection(models.TextChoices):
    """Whether a measured obligation is met at or above its target (housed on release) or at or
    below it (back in custody within 12 months)."""

    AT_LEAST = "at_least", _("At least")
    AT_MOST = "at_most", _("At most")
