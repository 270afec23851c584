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
