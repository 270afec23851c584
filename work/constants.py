"""The vocabulary of work on release (issue 3, journey 5): what employers offer and ask for, what
people bring and what their licence allows. Coded lists, so matching compares codes, never text."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# "People approaching release": expected out within the next 12 weeks (issue 3, journey 5).
APPROACHING_RELEASE = datetime.timedelta(weeks=12)
# Young leavers are matched first (issue 3: "young leavers aged 18–25 first"), by their age on the
# day they are expected out.
YOUNG_LEAVER_AGES = (18, 25)


class OpportunityKind(models.TextChoices):
    JOB = "job", _("Job")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    TRAINING = "training", _("Training place")


class Skill(models.TextChoices):
    CONSTRUCTION = "construction", _("Construction (CSCS card or site experience)")
    CATERING = "catering", _("Catering and food hygiene")
    WAREHOUSING = "warehousing", _("Warehousing and forklift")
    DRIVING_LICENCE = "driving_licence", _("Full driving licence")
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    CLEANING = "cleaning", _("Cleaning")
    IT = "it", _("IT and computers")
    MATHS_ENGLISH = "maths_english", _("Maths and English at level 2")
    HORTICULTURE = "horticulture", _("Horticulture and grounds maintenance")
    MANUFACTURING = "manufacturing", _("Manufacturing and recycling")


class OffenceCategory(models.TextChoices):
    """The kinds of conviction employers may exclude, and that a person's work profile records: the
    same codes, so an exclusion is a plain comparison."""

    SEXUAL = "sexual", _("Sexual offences")
    ARSON = "arson", _("Arson")
    DISHONESTY = "dishonesty", _("Offences of dishonesty (theft, fraud)")
    VIOLENCE = "violence", _("Violence against the person")
    DRUG_SUPPLY = "drug_supply", _("Supplying drugs")
    MOTORING = "motoring", _("Serious motoring offences")


class LicenceCondition(models.TextChoices):
    """Licence conditions that bear on work."""

    EXCLUSION_ZONE = "exclusion_zone", _("Exclusion zone")
    NO_VULNERABLE_WORK = "no_vulnerable_work", _("No work with children or vulnerable adults")
    NO_DRIVING = "no_driving", _("No driving")
    NO_INTERNET = "no_internet", _("No use of the internet")


class Travel(models.TextChoices):
    """How far the person can travel to work. Without geocoding, postcode districts stand in for
    distance: same district, then same town, then same postcode area (LS11 and LS6 are both LS)."""

    SAME_TOWN = "same_town", _("Same town only")
    POSTCODE_AREA = "postcode_area", _("Up to about 10 miles (anywhere in the same postcode area)")
    ANYWHERE = "anywhere", _("Further, if the journey is manageable")


class Step(models.TextChoices):
    """What happens to an application after it is made; its status is the latest step recorded."""

    INTERVIEW_OFFERED = "interview_offered", _("Interview offered")
    OFFERED = "offered", _("Offered the job or place")
    NOT_OFFERED = "not_offered", _("Not offered")
    STARTED = "started", _("Started")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApplicationStatus(models.TextChoices):
    """Derived, never stored: the latest step, or 'put forward' before any."""

    PUT_FORWARD = "put_forward", _("Put forward")
    INTERVIEW_OFFERED = "interview_offered", _("Interview offered")
    OFFERED = "offered", _("Offered")
    NOT_OFFERED = "not_offered", _("Not offered")
    STARTED = "started", _("Started")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Which steps may follow the current status. Not offered, started and withdrawn end an application.
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    ApplicationStatus.PUT_FORWARD: (Step.INTERVIEW_OFFERED, Step.OFFERED, Step.NOT_OFFERED, Step.WITHDRAWN),
    ApplicationStatus.INTERVIEW_OFFERED: (Step.OFFERED, Step.NOT_OFFERED, Step.WITHDRAWN),
    ApplicationStatus.OFFERED: (Step.STARTED, Step.WITHDRAWN),
    ApplicationStatus.NOT_OFFERED: (),
    ApplicationStatus.STARTED: (),
    ApplicationStatus.WITHDRAWN: (),
}
OPEN_STATUSES = (ApplicationStatus.PUT_FORWARD, ApplicationStatus.INTERVIEW_OFFERED, ApplicationStatus.OFFERED)


class WithdrawalReason(models.TextChoices):
    PERSON_DECLINED = "person_declined", _("They decided not to go ahead")
    OTHER_WORK = "other_work", _("They found other work or training")
    RELEASE_CHANGED = "release_changed", _("Their release date or address changed")
    RETURNED_TO_CUSTODY = "returned_to_custody", _("They returned to custody")
    OPPORTUNITY_FILLED = "opportunity_filled", _("The opportunity closed or was filled")
    OTHER = "other", _("Other")
