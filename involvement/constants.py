"""Involvement on Arnstein's ladder (ENGINEERING.md, "Domain definitions"), activities, lived-
experience roles and peer research."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rung(models.IntegerChoices):
    """Arnstein's ladder of citizen participation, from the bottom (1) to the top (8)."""

    MANIPULATION = 1, _("Manipulation")
    THERAPY = 2, _("Therapy")
    INFORMING = 3, _("Informing")
    CONSULTATION = 4, _("Consultation")
    PLACATION = 5, _("Placation")
    PARTNERSHIP = 6, _("Partnership")
    DELEGATED_POWER = 7, _("Delegated power")
    CITIZEN_CONTROL = 8, _("Citizen control")


class Band(models.TextChoices):
    NON_PARTICIPATION = "non_participation", _("Non-participation")
    TOKENISM = "tokenism", _("Tokenism")
    CITIZEN_POWER = "citizen_power", _("Citizen power")


def band_of(rung: int) -> Band:
    if rung not in Rung.values:
        raise ValueError(f"{rung!r} is not a rung on the ladder")
    if rung <= Rung.THERAPY:
        return Band.NON_PARTICIPATION
    if rung <= Rung.PLACATION:
        return Band.TOKENISM
    return Band.CITIZEN_POWER


# What each rung meant for the people taking part, in their words: participants rate an activity
# by choosing the sentence that fits, never the theory's name.
RUNG_IN_PLAIN_WORDS: dict[int, str] = {
    Rung.MANIPULATION: _("We were there to make it look as if we agreed"),
    Rung.THERAPY: _("They tried to change us, not the service"),
    Rung.INFORMING: _("We were told what had already been decided"),
    Rung.CONSULTATION: _("We were asked what we think, but not told what happened to it"),
    Rung.PLACATION: _("We gave advice, but staff decided everything"),
    Rung.PARTNERSHIP: _("We decided things together with staff"),
    Rung.DELEGATED_POWER: _("We made most of the decisions"),
    Rung.CITIZEN_CONTROL: _("We ran it ourselves"),
}


class ActivityKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    FOCUS_GROUP = "focus_group", _("Focus group")
    CO_DESIGN = "co_design", _("Co-design")
    PEER_RESEARCH = "peer_research", _("Peer research")
    COUNCIL_MEETING = "council_meeting", _("Council meeting")
    LIVED_EXPERIENCE_ROLE = "lived_experience_role", _("Lived-experience role")
    OTHER = "other", _("Other")


class Recognition(models.TextChoices):
    """What a participant was given for their time."""

    PAID = "paid", _("Paid")
    VOUCHER = "voucher", _("Voucher")
    CERTIFICATE = "certificate", _("Certificate or reference")
    THANKS = "thanks", _("Thanked, nothing given")
    NONE = "none", _("Nothing")


# Recognition with a value in money must record the amount.
RECOGNITION_WITH_AMOUNT = (Recognition.PAID, Recognition.VOUCHER)


class RatingChannel(models.TextChoices):
    """How a participant's rating reached us. Ratings never name the person who gave them."""

    SLIP = "slip", _("Anonymous slip or form, entered by staff")
    OWN_VIEW = "own_view", _("The person's own view (kiosk or phone)")


class RoleKind(models.TextChoices):
    PAID = "paid", _("Paid")
    VOLUNTEER = "volunteer", _("Volunteer")


class RoleEndReason(models.TextChoices):
    COMPLETED = "completed", _("Role came to its planned end")
    RELEASED = "released", _("Released or moved on")
    TRANSFERRED = "transferred", _("Transferred")
    STEPPED_DOWN = "stepped_down", _("Stepped down")
    OTHER = "other", _("Other")


class ProjectStage(models.TextChoices):
    """Stages of a peer research project, in order. The current stage is the latest recorded."""

    PROPOSED = "proposed", _("Proposed")
    SEEKING_APPROVAL = "seeking_approval", _("Seeking approval")
    TRAINING = "training", _("Training peer researchers")
    FIELDWORK = "fieldwork", _("Fieldwork")
    ANALYSIS = "analysis", _("Analysis")
    REPORTING = "reporting", _("Reporting back")
    COMPLETE = "complete", _("Complete")
    STOPPED = "stopped", _("Stopped")


STAGE_ORDER = [s.value for s in ProjectStage if s != ProjectStage.STOPPED]


class ApprovalDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    CONDITIONS = "conditions", _("Approved with conditions")
    REFUSED = "refused", _("Refused")


APPROVING_DECISIONS = (ApprovalDecision.APPROVED, ApprovalDecision.CONDITIONS)
