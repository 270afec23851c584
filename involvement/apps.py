from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = _("Involvement and peer research")
