from django.db import models
from django.utils.translation import gettext_lazy as _

# Every issue gets a public response within this many working days unless the organisation has
# set its own deadline (settings.YOUSAID_RESPONSE_WORKING_DAYS overrides the default).
DEFAULT_RESPONSE_WORKING_DAYS = 20


class Source(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback")
    COUNCIL = "council", _("Raised by the council")
    BY_HAND = "by_hand", _("Written down by staff")


class IssueStatus(models.TextChoices):
    """Derived from what was recorded (docs/decisions.md §10), never stored."""

    OPEN = "open", _("Waiting for a response")
    OVERDUE = "overdue", _("Response overdue")
    RESPONDED_ON_TIME = "responded_on_time", _("Answered on time")
    RESPONDED_LATE = "responded_late", _("Answered late")
    CLOSED = "closed", _("Closed")


class ActionStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    OVERDUE = "overdue", _("Overdue")
    DONE_CLAIMED = "done_claimed", _("We think this is done: waiting for confirmation")
    CONFIRMED = "confirmed", _("Done, and confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class ConfirmedBy(models.TextChoices):
    COUNCIL = "council", _("The council")
    PEOPLE = "people", _("The people who raised it")
    NAMED_PERSON = "named_person", _("The person who raised it")


class NotificationKind(models.TextChoices):
    RESPONDED = "responded", _("Your issue has a response")
    ACTION_ADDED = "action_added", _("Something was promised")
    ACTION_CLAIMED = "action_claimed", _("Staff think an action is done")
    ACTION_CONFIRMED = "action_confirmed", _("An action was confirmed as done")
    ACTION_NOT_DONE = "action_not_done", _("An action is not done yet")
    ACTION_CANCELLED = "action_cancelled", _("An action was cancelled")
    CLOSED = "closed", _("Your issue was closed")
