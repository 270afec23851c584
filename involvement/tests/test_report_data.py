"""Hand-made, synthetic records for the involvement report's tests (no tests here): each builder
writes exactly the rows a figure is counted from, through the models, so that each test can say
what every figure must be."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from accounts.constants import Role
from councils.models import Council, Meeting
from involvement.models import Activity, Participant, ParticipantRating
from tests.factories import ServiceUserFactory, UserFactory
from yousaid.models import Action, Issue

# The report is read on this day: the last complete quarter is July to September 2026.
TODAY = datetime.date(2026, 11, 29)
IN_PERIOD = datetime.date(2026, 8, 10)
BEFORE = datetime.date(2026, 6, 30)
AFTER = datetime.date(2026, 10, 1)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def staff(organisation: Any) -> Any:
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=organisation)


def issue(
    organisation: Any,
    *,
    raised: datetime.date = IN_PERIOD,
    due_in: int = 20,
    answered_after: int | None = None,
    contract: Any = None,
    by: Any = None,
) -> Issue:
    """An issue raised on `raised`, due `due_in` days later, answered `answered_after` days later."""
    by = by or staff(organisation)
    answered = raised + datetime.timedelta(days=answered_after) if answered_after is not None else None
    return Issue.objects.create(
        organisation=organisation,
        contract=contract,
        source="by_hand",
        said="The library is shut at weekends",
        response_due_on=raised + datetime.timedelta(days=due_in),
        raised_at=at(raised),
        raised_by=by,
        response="We will open it on Saturdays" if answered else "",
        responded_at=at(answered) if answered else None,
        responded_by=by if answered else None,
    )


def action(on: Issue, *, claimed: bool = False, confirmed: bool = False, due: datetime.date = TODAY) -> Action:
    by = on.raised_by
    return Action.objects.create(
        issue=on,
        description="Open the library on Saturdays",
        owner_organisation=on.organisation,
        due_on=due,
        created_by=by,
        done_claimed_at=at(IN_PERIOD) if claimed or confirmed else None,
        done_claimed_by=by if claimed or confirmed else None,
        confirmed_at=at(IN_PERIOD) if confirmed else None,
        confirmed_recorded_by=by if confirmed else None,
        confirmed_by_kind="council" if confirmed else "",
        confirmed_on=IN_PERIOD if confirmed else None,
    )


def meeting(organisation: Any, *, held: datetime.date = IN_PERIOD) -> Meeting:
    by = staff(organisation)
    council, _created = Council.objects.get_or_create(
        organisation=organisation, name="Prisoner council", defaults={"created_by": by}
    )
    return Meeting.objects.create(council=council, held_on=held, agenda="Food; visits", recorded_by=by)


def activity(
    organisation: Any,
    *,
    rung: int,
    ratings: tuple[int, ...] = (),
    held: datetime.date = IN_PERIOD,
    named: int = 0,
    other: int = 0,
    fed_back: bool = False,
    contract: Any = None,
    title: str = "Menu consultation",
) -> Activity:
    by = staff(organisation)
    made = Activity.objects.create(
        organisation=organisation,
        contract=contract,
        kind="consultation",
        title=title,
        held_on=held,
        purpose="Ask what people want on the menu",
        other_participants=other,
        staff_rung=rung,
        staff_rung_reason="We asked and changed the menu",
        fed_back="We changed the menu" if fed_back else "",
        fed_back_on=held if fed_back else None,
        recorded_by=by,
    )
    for _n in range(named):
        Participant.objects.create(activity=made, person=ServiceUserFactory(), recognition="thanks", added_by=by)
    for chosen in ratings:
        ParticipantRating.objects.create(activity=made, rung=chosen, channel="slip")
    return made
