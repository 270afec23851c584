from django.db import models
from django.utils.translation import gettext_lazy as _


class AnswerStatus(models.TextChoices):
    """A required question is never skipped silently: it is answered, or its absence is explained."""

    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined to answer")
    NOT_ABLE_TO_ASK = "not_able_to_ask", _("Not able to ask")


class NeedStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    MET = "met", _("Met")
    DECLINED = "declined", _("Declined")


class ActionResult(models.TextChoices):
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


class ActionState(models.TextChoices):
    """Derived, never stored: from the due date and the recorded result."""

    OPEN = "open", _("Open")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


class RiskLevel(models.TextChoices):
    """Risk of serious harm (OASys RoSH levels)."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class MappaCategory(models.TextChoices):
    NONE = "", _("Not managed under MAPPA")
    CATEGORY_1 = "1", _("Category 1: registered sexual offender")
    CATEGORY_2 = "2", _("Category 2: violent offender")
    CATEGORY_3 = "3", _("Category 3: other dangerous offender")
    CATEGORY_4 = "4", _("Category 4: terrorism or terrorism-connected offender")


class MappaLevel(models.TextChoices):
    NONE = "", _("Not applicable")
    LEVEL_1 = "1", _("Level 1: ordinary agency management")
    LEVEL_2 = "2", _("Level 2: active multi-agency management")
    LEVEL_3 = "3", _("Level 3: active multi-agency management, senior oversight")


class ConcernKind(models.TextChoices):
    CHILD_SAFEGUARDING = "child_safeguarding", _("Safeguarding children")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    VICTIM_CONTACT = "victim_contact", _("Victim contact")
    LICENCE_CONDITION = "licence_condition", _("Licence condition")
    OTHER = "other", _("Other public protection concern")
