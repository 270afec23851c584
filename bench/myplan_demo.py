"""The person's own view in the small demo world, written through the real services: one person in
custody at the demo prison gets a PIN, set by the demo prison officer, so the own view can be tried at
/my-plan/sign-in/?kiosk=1; they have told staff that one action recorded as done did not happen.

Convention: PIN 1357 for the person in custody at the demo prison with the lowest prison number among
those with a plan action recorded as done (else among those with a plan, else any)."""

from __future__ import annotations

import random

from accounts.constants import Role
from accounts.models import User
from bench.dataset import DEMO_USERNAMES
from myplan.constants import Answer, Channel
from myplan.services import action_confirmation_record, pin_set
from people.models import ServiceUser
from resettlement.constants import ActionResult
from resettlement.models import PlanAction

DEMO_PIN = "1357"


def demo_person(*, prison_id: int) -> ServiceUser | None:
    """The demo person who has the PIN (see the module's convention)."""
    held = ServiceUser.objects.filter(
        custody_episodes__establishment_id=prison_id, custody_episodes__released_on__isnull=True
    ).order_by("prison_number")
    return (
        held.filter(plan__actions__result=ActionResult.DONE, plan__actions__concern__isnull=True).first()
        or held.filter(plan__isnull=False).first()
        or held.first()
    )


def make_myplan_records(*, rng: random.Random) -> dict[str, int]:
    officer = User.objects.select_related("organisation").get(username=DEMO_USERNAMES[Role.PRISON_STAFF])
    person = demo_person(prison_id=officer.organisation_id)
    if person is None:
        return {"own_view_pins": 0, "own_view_answers": 0}
    pin_set(acting_user=officer, person_id=person.pk, pin=DEMO_PIN)
    done = list(
        PlanAction.objects.filter(plan__person=person, result=ActionResult.DONE, concern__isnull=True).order_by("id")
    )
    answers = 0
    if done:
        action_confirmation_record(
            person_id=person.pk,
            action_id=rng.choice(done).pk,
            answer=Answer.DID_NOT_HAPPEN,
            comment="Nobody came to see me about it",
            channel=Channel.KIOSK,
        )
        answers = 1
    return {"own_view_pins": 1, "own_view_answers": answers}
