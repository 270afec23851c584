from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyPlanConfig(AppConfig):
    name = "myplan"
    verbose_name = _("The person's own view")
