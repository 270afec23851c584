from django.db import models
from django.utils.translation import gettext_lazy as _


class MentorKind(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    COACH = "coach", _("Coach")
    # Someone with lived experience of the justice system who mentors others (seed 001, Good Help).
    PEER_MENTOR = "peer_mentor", _("Peer mentor")


class EndReason(models.TextChoices):
    GOALS_MET = "goals_met", _("The person's goals were met")
    PERSONS_CHOICE = "persons_choice", _("The person chose to stop")
    MENTOR_LEFT = "mentor_left", _("The mentor left or is no longer available")
    LOST_CONTACT = "lost_contact", _("Lost contact with the person")
    RETURNED_TO_CUSTODY = "returned_to_custody", _("The person returned to custody")
    OTHER = "other", _("Another reason")


class ContactMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    LETTER = "letter", _("Letter")


class ContactSetting(models.TextChoices):
    IN_PRISON = "in_prison", _("In prison")
    AT_THE_GATE = "at_the_gate", _("At the gate, on the day of release")
    IN_COMMUNITY = "in_community", _("In the community")


class ContactOutcome(models.TextChoices):
    HAPPENED = "happened", _("It happened")
    DID_NOT_ATTEND = "did_not_attend", _("The person did not attend")


class ContactRating(models.TextChoices):
    """The person's own rating of the contact, on the Friends and Family Test scale
    (ENGINEERING.md, 'Feedback score')."""

    VERY_GOOD = "very_good", _("Very good")
    GOOD = "good", _("Good")
    NEITHER = "neither", _("Neither good nor poor")
    POOR = "poor", _("Poor")
    VERY_POOR = "very_poor", _("Very poor")
    DONT_KNOW = "dont_know", _("Don't know")


class MentoringFlag(models.TextChoices):
    """Derived, never stored: what the through-the-gate rules (mentoring.selectors) find."""

    NO_MENTOR_BEFORE_RELEASE = "no_mentor_before_release", _("Due for release with no mentor")
    NO_CONTACT_SINCE_RELEASE = "no_contact_since_release", _("No contact since release")
    NO_RECENT_CONTACT = "no_recent_contact", _("No contact for 4 weeks or more")
