"""The person's own words on their timeline (people.timeline): each answer to "Did this really
happen?", and when their own-view sign-in was set up or switched off. Two queries whatever the
number of records (no N+1), each compiled to SQL once (common.compiled_reads)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from common.compiled_reads import person_values
from myplan import rules
from myplan.constants import Answer, Channel
from myplan.models import ActionConfirmation, PersonPin
from people.models import ServiceUser
from people.timeline import Entry

_CONFIRMATIONS = person_values(
    ActionConfirmation, "person_id", "answer", "comment", "answered_at", "channel", "action__description"
)
_PIN = person_values(PersonPin, "person_id", "set_at", "set_by", "switched_off_at", "switched_off_by")


def own_view_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    if not rules.can_see_what_the_person_says(viewer):
        return []
    channels = dict(Channel.choices)
    entries: list[Entry] = []
    for confirmation in _CONFIRMATIONS.rows(person=person.pk):
        text = (
            _("%(name)s said “%(action)s” happened")
            if confirmation["answer"] == Answer.HAPPENED
            else _("%(name)s said “%(action)s” did not happen")
        ) % {"name": person.given_name, "action": confirmation["action__description"]}
        if confirmation["comment"]:
            text += ": " + confirmation["comment"]
        entries.append(
            Entry(
                confirmation["answered_at"],
                "own view",
                f"{text} ({str(channels[confirmation['channel']]).lower()})",
                person.full_name,
                _("in their own view"),
            )
        )
    # A person has one own-view sign-in at most (PersonPin.person is one-to-one).
    for credential in _PIN.rows(person=person.pk):
        set_at, set_by = credential["set_at"], credential["set_by"]
        entries.append(Entry(set_at, "own view", _("PIN set for their own view"), by=set_by))
        if credential["switched_off_at"]:
            entries.append(
                Entry(
                    credential["switched_off_at"],
                    "own view",
                    _("Their own-view sign-in was switched off"),
                    by=credential["switched_off_by"],
                )
            )
    return entries
