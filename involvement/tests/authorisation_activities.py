"""Authorisation rows for involvement/views/activities.py. The activity and the role belong to the
world's involvement lead's prison; only involvement leads and administrators run involvement, so
everyone else is refused (403). Another organisation's lead is told the record does not exist
(404): involvement/tests/test_activities_views.py checks that."""

from __future__ import annotations

from tests.matrix import World, expect

RUNNERS = expect(403, involvement_lead=200, administrator=200)
# Sent empty, a POST form changes nothing and goes back to the activity with a message.
RUNNERS_POST = expect(403, involvement_lead=302, administrator=302)

MATRIX = {
    ("involvement:activities", "get"): RUNNERS,
    ("involvement:activity-new", "get"): RUNNERS,
    ("involvement:activity", "get"): RUNNERS,
    ("involvement:activity-participant-add", "get"): RUNNERS,
    # The activity has ratings, so the participant cannot be removed: refused with a message.
    ("involvement:activity-participant-remove", "post"): RUNNERS_POST,
    ("involvement:activity-feedback", "get"): RUNNERS,
    ("involvement:activity-rating", "get"): RUNNERS,
    ("involvement:activity-slips", "get"): RUNNERS,
    ("involvement:roles", "get"): RUNNERS,
    ("involvement:role-new", "get"): RUNNERS,
    ("involvement:role-end", "get"): RUNNERS,
}


def arrange(world: World) -> dict[str, list[object]]:
    from involvement import activity_services as services
    from involvement.models import Participant
    from involvement.tests.helpers_activities import add_person, days, log_activity, rate

    lead = world.users["involvement_lead"]
    activity = log_activity(lead)
    add_person(lead, activity, world.person)
    rate(activity, 3)
    participant = Participant.objects.get(activity=activity)
    role = services.role_add(
        acting_user=lead,
        organisation_id=None,
        identifier=world.person.prison_number,
        title="Peer mentor",
        kind="volunteer",
        starts_on=days(-30),
    )
    one = [activity.pk]
    return {
        "involvement:activity": one,
        "involvement:activity-participant-add": one,
        "involvement:activity-participant-remove": [activity.pk, participant.pk],
        "involvement:activity-feedback": one,
        "involvement:activity-rating": one,
        "involvement:activity-slips": one,
        "involvement:role-end": [role.pk],
    }
