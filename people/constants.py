"""Protected characteristics as the case systems record them (issue 16 §2). Used only in aggregate
(accountability's comparisons) and seen on a person's record only by the case roles that need them
(people.rules.can_see_protected_characteristics). Age at release is derived from the date of
birth, never stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NOT_RECORDED = "not_recorded", _("Not recorded")


class EthnicGroup(models.TextChoices):
    """The five high-level ethnic groups of the ONS 2021 census classification, and not stated."""

    ASIAN = "asian", _("Asian, Asian British or Asian Welsh")
    BLACK = "black", _("Black, Black British, Black Welsh, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Other ethnic group")
    NOT_STATED = "not_stated", _("Not stated")


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_STATED = "not_stated", _("Not stated")
