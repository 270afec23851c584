from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    """Derived from what was recorded (sent_at, accepted_at, …), never stored."""

    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)


class DeclineReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("Not eligible for this service")
    NO_CAPACITY = "no_capacity", _("No capacity to take the referral")
    OUTSIDE_AREA = "outside_area", _("Outside the area this service covers")
    ALREADY_SUPPORTED = "already_supported", _("Already receiving this help")
    OTHER = "other", _("Another reason")


class WithdrawalReason(models.TextChoices):
    """The coded withdrawal reasons (ENGINEERING.md, 'Referral outcomes'), in their three groups."""

    # A problem with the referral
    INELIGIBLE = "ineligible", _("Ineligible referral")
    MISTAKEN = "mistaken", _("Mistaken or duplicate referral")
    # The person
    NOT_ENGAGED = "not_engaged", _("The person did not engage")
    NEEDS_MET = "needs_met", _("Needs met elsewhere")
    MOVED = "moved", _("The person moved out of the area")
    WORK_OR_CARING = "work_or_caring", _("Work or caring responsibilities")
    DIED = "died", _("The person died")
    # The sentence or case
    ACQUITTED = "acquitted", _("Acquitted on appeal")
    RETURNED_TO_CUSTODY = "returned_to_custody", _("Returned to custody")
    SENTENCE_ENDED = "sentence_ended", _("Sentence revoked or expired")
    OTHER = "other", _("Another reason")


class SessionMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    LATE = "late", _("Attended late")
    DID_NOT_ATTEND = "did_not_attend", _("Did not attend")
    CANCELLED = "cancelled", _("Cancelled or rescheduled")


ATTENDED = (Attendance.ATTENDED, Attendance.LATE)


class OutcomeRating(models.TextChoices):
    """Each desired outcome is rated when the referral ends (ENGINEERING.md, 'Referral outcomes')."""

    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
