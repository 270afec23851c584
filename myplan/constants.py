from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Where the person is using their own view: a shared kiosk in prison, or their own phone."""

    KIOSK = "kiosk", _("On a shared kiosk or computer")
    PHONE = "phone", _("On my own phone or computer")


class Answer(models.TextChoices):
    """The person's word on whether an action recorded as done really happened."""

    HAPPENED = "happened", _("Yes, it happened")
    DID_NOT_HAPPEN = "did_not_happen", _("No, it did not happen")
