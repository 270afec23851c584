from django.db import models
from django.utils.translation import gettext_lazy as _


class Concern(models.TextChoices):
    """What the safeguarding screen (insight/screening.py) found in what someone wrote."""

    SELF_HARM = "self_harm", _("Self-harm or suicide")
    HARM_TO_OTHERS = "harm_to_others", _("Harm to others")
    STAFF_ALLEGATION = "staff_allegation", _("Allegation against a member of staff")
    COMPLAINT = "complaint", _("Complaint")
