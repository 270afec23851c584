from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.constants import OrganisationKind

# The bodies a council can belong to (issue 6: "councils per establishment or probation region").
COUNCIL_ORGANISATION_KINDS = (
    OrganisationKind.ESTABLISHMENT,
    OrganisationKind.PROBATION_REGION,
    OrganisationKind.DELIVERY_UNIT,
)


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class LeavingReason(models.TextChoices):
    RELEASED = "released", _("Released or moved on from probation")
    TRANSFERRED = "transferred", _("Transferred to another prison")
    RESIGNED = "resigned", _("Resigned")
    TERM_ENDED = "term_ended", _("Term ended")
    REMOVED = "removed", _("Removed by the council")
    OTHER = "other", _("Other")


class ElectionStatus(models.TextChoices):
    """Derived from the election's recorded steps (decision 10), never stored."""

    NOMINATIONS = "nominations", _("Taking nominations")
    SCHEDULED = "scheduled", _("Voter list made, voting not yet open")
    VOTING = "voting", _("Voting open")
    CLOSED = "closed", _("Voting closed, count not published")
    PUBLISHED = "published", _("Result published")


class Channel(models.TextChoices):
    """How a ballot reached the ballot box. Recorded only in the audit trail's words (by election),
    never on the ballot: a channel on a ballot would split the ballots into smaller, guessable groups."""

    POLLING_STATION = "polling_station", _("Polling station")
    PAPER = "paper", _("Paper")
    # The voter alone, signed in to their own view on a kiosk or their phone (councils.services.ballot_cast_by_voter).
    OWN_VIEW = "own_view", _("The voter's own view")


# The channels on which a member of staff brings a ballot to the box (councils.services.ballot_cast).
STAFF_CHANNELS = (Channel.POLLING_STATION, Channel.PAPER)
