from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "work"
    verbose_name = _("Work on release")

    def ready(self) -> None:
        from people import panels, timeline
        from work.timeline import work_entries
        from work.views import person_panel

        panels.register(person_panel)
        timeline.register(work_entries)
