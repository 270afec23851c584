"""The person's own words on their timeline (people.timeline): each answer to "Did this really
happen?", and when their own-view sign-in was set up or switched off. Two queries whatever the
number of records (no N+1)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from myplan import rules
from myplan.constants import Answer, Channel
from myplan.models import ActionConfirmation, PersonPin
from people.models import ServiceUser
from people.timeline import Entry
from people.timeline import done_by as _by


def own_view_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    if not rules.can_see_what_the_person_says(viewer):
        return []
    channels = dict(Channel.choices)
    entries: list[Entry] = []
    for confirmation in ActionConfirmation.objects.filter(person=person).select_related("action"):
        text = (
            _("%(name)s said “%(action)s” happened")
            if confirmation.answer == Answer.HAPPENED
            else _("%(name)s said “%(action)s” did not happen")
        ) % {"name": person.given_name, "action": confirmation.action.description}
        if confirmation.comment:
            text += ": " + confirmation.comment
        entries.append(
            Entry(
                confirmation.answered_at,
                "own view",
                f"{text} ({str(channels[confirmation.channel]).lower()})",
                person.full_name,
                _("in their own view"),
            )
        )
    credential = (
        PersonPin.objects.filter(person=person)
        .select_related("set_by__organisation", "switched_off_by__organisation")
        .first()
    )
    if credential is not None:
        entries.append(Entry(credential.set_at, "own view", _("PIN set for their own view"), *_by(credential.set_by)))
        if credential.switched_off_at:
            entries.append(
                Entry(
                    credential.switched_off_at,
                    "own view",
                    _("Their own-view sign-in was switched off"),
                    *_by(credential.switched_off_by),
                )
            )
    return entries
