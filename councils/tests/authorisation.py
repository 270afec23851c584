"""Councils and elections in the authorisation matrix (tests/test_authorisation_matrix.py).

Every member of staff sees the list of councils. A council's own pages name its people, so only
staff who may see the people of its prison (here prison staff and the involvement lead of the
prison) and administrators see them (people.access.may_see_people_of, decision 26); to the others
(probation in another region, the partner, the commissioner) they do not exist (404), as the
records of those people do not. Only the involvement lead of the council's own prison and
administrators run them: members, meetings, elections, the voter list, the polling station and
paper ballots. The public board and published results need no sign-in at all."""

from __future__ import annotations

import datetime

from django.utils import timezone

from councils import services
from tests.matrix import AD, IL, World, expect

# Staff with no sight of the prison's people: the council's pages do not exist for them.
OUTSIDE = {"probation_practitioner": 404, "partner_caseworker": 404, "commissioner": 404}
MANAGE = {"involvement_lead": 200, "administrator": 200, **OUTSIDE}
MANAGE_POST = {"involvement_lead": 302, "administrator": 302, **OUTSIDE}

MATRIX = {
    ("councils:list", "get"): expect(200),
    ("councils:new", "get"): expect(403, involvement_lead=200, administrator=200),
    ("councils:detail", "get"): expect(200, **OUTSIDE),
    ("councils:member-add", "get"): expect(403, **MANAGE),
    ("councils:member-leave", "get"): expect(403, **MANAGE),
    ("councils:meeting-add", "get"): expect(403, **MANAGE),
    ("councils:election-new", "get"): expect(403, **MANAGE),
    ("councils:election", "get"): expect(200, **OUTSIDE),
    ("councils:election-open", "post"): expect(403, **MANAGE_POST),
    ("councils:election-close", "post"): expect(403, **MANAGE_POST),
    ("councils:election-publish", "post"): expect(403, **MANAGE_POST),
    ("councils:candidate-add", "get"): expect(403, **MANAGE),
    ("councils:candidate-withdraw", "post"): expect(403, **MANAGE_POST),
    ("councils:voters", "get"): expect(403, **MANAGE),
    ("councils:polling", "get"): expect(403, **MANAGE),
    # Without a voter chosen at the polling station, the ballot page sends staff back to choose one.
    ("councils:ballot", "get"): expect(403, **MANAGE_POST),
    ("councils:paper", "get"): expect(403, **MANAGE),
    ("councils:board", "get"): expect(200, anon=200),
    ("councils:board-election", "get"): expect(200, anon=200),
}


def arrange(world: World) -> dict[str, list[object]]:
    lead, admin = world.users[IL], world.users[AD]
    council = services.council_create(acting_user=admin, organisation_id=world.prison.pk, name="Prisoner council")
    member = services.member_add(
        acting_user=lead,
        council_id=council.pk,
        identifier=world.person.prison_number,
        role="member",
        term_starts_on=timezone.localdate(),
    )
    now = timezone.now()

    def election(title: str) -> object:
        made = services.election_create(
            acting_user=lead,
            council_id=council.pk,
            title=title,
            seats=1,
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(days=1),
        )
        services.candidate_nominate(
            acting_user=lead, election_id=made.pk, identifier=world.person.prison_number, statement="Vote for me"
        )
        return made

    nominating = election("Nominations")
    voting = election("Voting")
    services.election_open(acting_user=lead, election_id=voting.pk)
    published = election("Published")
    services.election_open(acting_user=lead, election_id=published.pk)
    services.ballot_cast(
        acting_user=lead,
        election_id=published.pk,
        voter_id=published.voters.get(person=world.person).pk,
        candidate_ids=[published.candidates.get().pk],
        channel="paper",
    )
    services.election_close(acting_user=lead, election_id=published.pk)
    services.election_publish(acting_user=lead, election_id=published.pk)
    return {
        "councils:detail": [council.pk],
        "councils:member-add": [council.pk],
        "councils:member-leave": [council.pk, member.pk],
        "councils:meeting-add": [council.pk],
        "councils:election-new": [council.pk],
        "councils:election": [nominating.pk],
        "councils:election-open": [nominating.pk],
        "councils:election-close": [voting.pk],
        "councils:election-publish": [voting.pk],
        "councils:candidate-add": [nominating.pk],
        "councils:candidate-withdraw": [nominating.pk, nominating.candidates.get().pk],
        "councils:voters": [voting.pk],
        "councils:polling": [voting.pk],
        "councils:ballot": [voting.pk],
        "councils:paper": [voting.pk],
        "councils:board": [council.pk],
        "councils:board-election": [published.pk],
    }
