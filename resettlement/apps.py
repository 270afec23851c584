from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResettlementConfig(AppConfig):
    name = "resettlement"
    verbose_name = _("Resettlement")

    def ready(self) -> None:
        from people import panels, timeline
        from resettlement.timeline import resettlement_entries
        from resettlement.views import person_panel

        panels.register(person_panel)
        timeline.register(resettlement_entries)
