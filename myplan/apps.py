from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyPlanConfig(AppConfig):
    name = "myplan"
    verbose_name = _("The person's own view")

    def ready(self) -> None:
        from myplan.timeline import own_view_entries
        from myplan.views import person_panel
        from people import panels, timeline

        panels.register(person_panel)
        timeline.register(own_view_entries)
