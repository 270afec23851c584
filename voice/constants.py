from django.db import models
from django.utils.translation import gettext_lazy as _

from insight.constants import Concern

__all__ = ["Audience", "Channel", "Concern", "Eligibility", "QuestionType", "Rating"]


class Audience(models.TextChoices):
    """Who a survey or feedback form is for. Families and visitors use the services too, through
    their own channel (a public web form and the visits-hall kiosks)."""

    IN_CUSTODY = "in_custody", _("People in prison")
    ON_PROBATION = "on_probation", _("People on probation")
    FAMILIES = "families", _("Families and visitors")


class Eligibility(models.TextChoices):
    # One response per person is checked with a one-time token (voice/anonymity.py) that cannot be
    # joined back to the answers. Open surveys (families, visitors) take anyone, once per device
    # submission.
    ONE_PER_PERSON = "one_per_person", _("One response per person (they sign in to get a one-time pass)")
    OPEN = "open", _("Open to anyone")


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk or tablet")
    PHONE = "phone", _("Phone or computer")
    PAPER = "paper", _("Paper, entered by staff")
    PUBLIC_WEB = "public_web", _("Public web form")
    VISITS_KIOSK = "visits_kiosk", _("Visits hall kiosk")


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("5-point scale with faces (very good to very poor)")
    FFT = "fft", _("Overall experience (very good to very poor, or don't know)")
    TEXT = "text", _("Free text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")


class Rating(models.TextChoices):
    """The 5-point scale, and the Friends and Family Test answers (ENGINEERING.md, "Feedback
    score"), in the order they are shown."""

    VERY_GOOD = "very_good", _("Very good")
    GOOD = "good", _("Good")
    NEITHER = "neither", _("Neither good nor poor")
    POOR = "poor", _("Poor")
    VERY_POOR = "very_poor", _("Very poor")
    DONT_KNOW = "dont_know", _("Don't know")


POSITIVE = (Rating.VERY_GOOD, Rating.GOOD)
NEGATIVE = (Rating.POOR, Rating.VERY_POOR)
