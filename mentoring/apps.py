from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Mentoring and Good Help")

    def ready(self) -> None:
        from mentoring.access import mentor_organisations_see_their_mentees
        from mentoring.timeline import mentoring_entries
        from mentoring.views import person_panel
        from people import access, panels, timeline

        access.register(mentor_organisations_see_their_mentees)
        panels.register(person_panel)
        timeline.register(mentoring_entries)
