from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleaseConfig(AppConfig):
    name = "release"
    verbose_name = _("Release and follow-ups")

    def ready(self) -> None:
        from people import access, panels, timeline
        from release.access import probation_sees_people_handed_over_to_them
        from release.timeline import release_entries
        from release.views import person_panel

        access.register(probation_sees_people_handed_over_to_them)
        panels.register(person_panel)
        timeline.register(release_entries)
