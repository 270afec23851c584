from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals to partners")

    def ready(self) -> None:
        from people import access, panels, timeline
        from referrals.access import partners_see_people_referred_to_them
        from referrals.timeline import referral_entries
        from referrals.views import person_panel

        access.register(partners_see_people_referred_to_them)
        panels.register(person_panel)
        timeline.register(referral_entries)
