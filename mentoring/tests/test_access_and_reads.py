import datetime

import pytest
from django.utils import timezone

from accounts.constants import Role
from mentoring.constants import ContactMethod, ContactOutcome, ContactSetting, EndReason, MentorKind
from mentoring.models import Allocation
from mentoring.selectors import (
    caseload_for_organisation,
    person_mentoring,
    release_position,
    release_soon_without_mentor,
)
from mentoring.services import allocation_add, allocation_end, contact_record, mentor_add
from mentoring.tests.conftest import GOALS, TODAY, ago
from people.models import ServiceUser
from people.timeline import name_who_did_it, timeline_for_person
from tests.factories import CustodyEpisodeFactory, ProbationCaseFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db


def record(user, allocation, on, outcome=ContactOutcome.HAPPENED):
    return contact_record(
        acting_user=user,
        person_id=allocation.person_id,
        allocation_id=allocation.pk,
        contact_on=on,
        method=ContactMethod.PHONE,
        setting=ContactSetting.IN_COMMUNITY,
        outcome=outcome,
    )


def release(episode, on):
    episode.released_on = on
    episode.save()


def visible(user, person):
    return ServiceUser.objects.visible_to(user).filter(pk=person.pk).exists()


def test_the_mentors_organisation_sees_the_person_while_active_and_90_days_after(caseworker, officer, allocation):
    person = allocation.person
    other_partner = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=ProviderFactory())
    assert visible(caseworker, person) and not visible(other_partner, person)
    allocation_end(
        acting_user=officer,
        person_id=person.pk,
        allocation_id=allocation.pk,
        ended_on=ago(10),
        reason=EndReason.GOALS_MET,
    )
    assert visible(caseworker, person)
    Allocation.objects.filter(pk=allocation.pk).update(started_on=ago(200), ended_on=ago(91))
    assert not visible(caseworker, person)


def test_a_partner_reads_only_its_own_mentoring_of_a_person(caseworker, officer, person, allocation):
    coach_org = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=ProviderFactory(name="Coaching Co"))
    coach = mentor_add(acting_user=coach_org, name="Cleo Coach", kind=MentorKind.COACH, lived_experience=False)
    allocation_add(
        acting_user=officer, person_id=person.pk, mentor_id=coach.pk, started_on=TODAY, goals="x", consent=True
    )
    as_partner = person_mentoring(person=person, viewer=caseworker, today=TODAY)
    assert [v.allocation.mentor.name for v in as_partner.active] == ["Rhys Peer"]
    as_prison = person_mentoring(person=person, viewer=officer, today=TODAY)
    assert {v.allocation.mentor.name for v in as_prison.active} == {"Rhys Peer", "Cleo Coach"}
    texts = [e.text for e in timeline_for_person(person=person, viewer=caseworker) if e.kind == "mentoring"]
    assert texts == ["Peer mentor allocated: Rhys Peer, Wold Mentoring Trust"]


def test_the_person_page_shows_the_partner_only_the_basics_and_their_mentoring(client, caseworker, allocation):
    client.force_login(caseworker)
    page = client.get(f"/people/{allocation.person_id}/").content.decode()
    assert "Mentoring and coaching" in page and GOALS in page and "Record a contact" in page
    assert "Allocate a mentor or coach" not in page  # prison and probation allocate
    for private in ("Reception screening", "Needs", "Risk and public protection"):
        assert private not in page  # not what mentoring needs


def test_release_position_in_custody_released_and_never_held(episode, person):
    episode.expected_release_on = TODAY + datetime.timedelta(days=30)
    episode.save()
    assert release_position(person=person).in_custody
    assert release_position(person=person).expected_release_on == episode.expected_release_on
    release(episode, ago(3))
    assert (release_position(person=person).in_custody, release_position(person=person).released_on) == (False, ago(3))
    on_probation = ProbationCaseFactory().person
    assert release_position(person=on_probation).released_on is None


def test_someone_due_for_release_soon_with_no_mentor_is_flagged_to_the_prison(client, officer, episode, person):
    episode.expected_release_on = TODAY + datetime.timedelta(weeks=6)
    episode.save()
    assert person_mentoring(person=person, viewer=officer, today=TODAY).flags == ["no_mentor_before_release"]
    assert list(release_soon_without_mentor(prison_id=officer.organisation_id, today=TODAY)) == [episode]
    client.force_login(officer)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Due for release within 12 weeks with no mentor or coach." in page
    caseload = client.get("/mentoring/").content.decode()
    assert person.full_name in caseload and "Due for release with no mentor" in caseload


def test_a_mentor_in_place_clears_the_release_flag(officer, episode, allocation):
    episode.expected_release_on = TODAY + datetime.timedelta(weeks=6)
    episode.save()
    assert person_mentoring(person=episode.person, viewer=officer, today=TODAY).flags == []
    assert not release_soon_without_mentor(prison_id=officer.organisation_id, today=TODAY).exists()


def test_contacts_are_split_at_release_and_a_relationship_lost_at_the_gate_is_flagged(
    client, officer, caseworker, episode, allocation
):
    record(caseworker, allocation, ago(50))
    release(episode, ago(40))
    record(caseworker, allocation, ago(35), outcome=ContactOutcome.DID_NOT_ATTEND)
    view = person_mentoring(person=episode.person, viewer=officer, today=TODAY).active[0]
    assert [c.contact_on for c in view.before_release] == [ago(50)]
    assert [c.contact_on for c in view.after_release] == [ago(35)]
    assert (view.last_contact_on, view.flags) == (ago(50), ["no_contact_since_release"])
    client.force_login(caseworker)
    page = client.get(f"/people/{episode.person_id}/").content.decode()
    assert "Contacts before release" in page and "No contact since release on" in page
    rows = caseload_for_organisation(organisation_id=caseworker.organisation_id, today=TODAY)
    assert [(r.released_on, r.last_contact_on, r.flags) for r in rows] == [
        (ago(40), ago(50), ["no_contact_since_release"])
    ]
    record(caseworker, allocation, ago(2))
    view = person_mentoring(person=episode.person, viewer=officer, today=TODAY).active[0]
    assert (view.last_contact_on, view.flags) == (ago(2), [])


def test_the_caseload_shows_last_contact_and_who_has_gone_quiet_in_one_query(
    client, caseworker, officer, mentor, django_assert_num_queries
):
    people = [CustodyEpisodeFactory(establishment=officer.organisation).person for _ in range(3)]
    allocations = [
        allocation_add(
            acting_user=officer, person_id=p.pk, mentor_id=mentor.pk, started_on=ago(60), goals="x", consent=True
        )
        for p in people
    ]
    record(caseworker, allocations[0], ago(3))
    record(caseworker, allocations[1], ago(30))
    with django_assert_num_queries(1):
        rows = caseload_for_organisation(organisation_id=caseworker.organisation_id, today=TODAY)
    by_person = {r.allocation.person_id: (r.last_contact_on, r.flags, r.in_custody) for r in rows}
    assert by_person == {
        people[0].pk: (ago(3), [], True),
        people[1].pk: (ago(30), ["no_recent_contact"], True),
        people[2].pk: (None, ["no_recent_contact"], True),
    }
    client.force_login(caseworker)
    page = client.get("/mentoring/").content.decode()
    assert "3 current mentees" in page and "2 people have had no contact for 4 weeks or more." in page


def test_the_timeline_shows_allocation_contacts_and_ending_in_a_fixed_number_of_queries(
    officer, caseworker, allocation, django_assert_num_queries
):
    from mentoring.timeline import mentoring_entries

    record(caseworker, allocation, ago(20))
    record(caseworker, allocation, ago(10), outcome=ContactOutcome.DID_NOT_ATTEND)
    allocation_end(
        acting_user=officer,
        person_id=allocation.person_id,
        allocation_id=allocation.pk,
        ended_on=ago(5),
        reason=EndReason.LOST_CONTACT,
    )
    with django_assert_num_queries(2):
        entries = mentoring_entries(allocation.person, officer)
    texts = [e.text for e in sorted(entries, key=lambda e: e.at)]
    assert texts == [
        "Peer mentor allocated: Rhys Peer, Wold Mentoring Trust",
        "Mentoring contact with Rhys Peer (phone, in the community)",
        "Mentoring contact with Rhys Peer missed: the person did not attend",
        "Mentoring with Rhys Peer ended: Lost contact with the person",
    ]
    named = name_who_did_it(entries)
    assert (named[0].who, named[0].organisation) == ("Olu Officer", officer.organisation.name)
    for _ in range(5):
        record(caseworker, allocation, ago(30))
    with django_assert_num_queries(2):
        mentoring_entries(allocation.person, officer)


def test_with_no_mentoring_the_timeline_reads_no_contacts(officer, django_assert_num_queries):
    from mentoring.timeline import mentoring_entries

    person = CustodyEpisodeFactory(establishment=officer.organisation).person
    with django_assert_num_queries(1):
        assert mentoring_entries(person, officer) == []


def test_ending_is_stamped_with_today(officer, allocation):
    allocation_end(
        acting_user=officer,
        person_id=allocation.person_id,
        allocation_id=allocation.pk,
        ended_on=TODAY,
        reason=EndReason.OTHER,
        note="Moved abroad",
    )
    allocation.refresh_from_db()
    assert allocation.ended_at.date() == timezone.localdate()
