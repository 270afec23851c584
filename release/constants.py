from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseType(models.TextChoices):
    """How a person left custody. Release on temporary licence is not a release (ENGINEERING.md,
    'Outcome measures': it does not count), so it is not offered."""

    CONDITIONAL = "conditional", _("Automatic conditional release, on licence")
    PAROLE = "parole", _("Released on parole")
    HDC = "hdc", _("Home detention curfew")
    END_OF_SENTENCE = "end_of_sentence", _("Sentence served in full")
    REMAND = "remand", _("Released from remand (bail, acquitted or time served)")
    REMOVED = "removed", _("Removed or deported")
    OTHER = "other", _("Other release")


class Accommodation(models.TextChoices):
    """Accommodation status (ENGINEERING.md, 'Accommodation status')."""

    SETTLED = "settled", _("Settled")
    OTHER_HOUSED = "other_housed", _("Other housed (transient or temporary)")
    APPROVED_PREMISES = "approved_premises", _("Approved premises or CAS")
    HOMELESS = "homeless", _("Homeless (not rough sleeping)")
    ROUGH_SLEEPING = "rough_sleeping", _("Rough sleeping")
    NOT_KNOWN = "not_known", _("Not known")


class Employment(models.TextChoices):
    EMPLOYED = "employed", _("In employment (employed or self-employed)")
    EDUCATION = "education", _("In education or training")
    UNEMPLOYED = "unemployed", _("Unemployed and available for work")
    UNAVAILABLE = "unavailable", _("Not available for work (ill health, caring, retired)")
    NOT_KNOWN = "not_known", _("Not known")


class CheckpointKind(models.TextChoices):
    """Follow-ups after every release (issue 4): the first night, 6 weeks, 3 months and 6 months."""

    FIRST_NIGHT = "first_night", _("First night")
    WEEK_6 = "week_6", _("6 weeks")
    MONTH_3 = "month_3", _("3 months")
    MONTH_6 = "month_6", _("6 months")


# Days after the release date each checkpoint falls on ("the night following release" is day 1).
CHECKPOINT_DAYS = {
    CheckpointKind.FIRST_NIGHT: 1,
    CheckpointKind.WEEK_6: 42,
    CheckpointKind.MONTH_3: 91,
    CheckpointKind.MONTH_6: 182,
}
# The first night asks where they slept; later checkpoints also ask about work.
ASKS_EMPLOYMENT = (CheckpointKind.WEEK_6, CheckpointKind.MONTH_3, CheckpointKind.MONTH_6)


class CheckpointState(models.TextChoices):
    """Derived, never stored. A checkpoint not recorded within its grace period is NOT KNOWN, which is a
    failure reported against the organisation responsible (PRODUCT.md: 'not known' counts as a failure)."""

    UPCOMING = "upcoming", _("Upcoming")
    DUE = "due", _("Due")
    RECORDED = "recorded", _("Recorded")
    NOT_KNOWN = "not_known", _("Not known")


class DischargeGrant(models.TextChoices):
    PAID = "paid", _("Paid")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    NOT_PAID = "not_paid", _("Eligible but not paid")


class BenefitsClaim(models.TextChoices):
    MADE = "made", _("Claim made or advance arranged")
    NOT_NEEDED = "not_needed", _("Not needed (work, pension or other income)")
    NOT_MADE = "not_made", _("Not made")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
