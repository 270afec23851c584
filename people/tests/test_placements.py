import datetime

import pytest

from people.selectors import PLACEMENTS_AT_ONCE, person_placements
from tests.factories import CustodyEpisodeFactory, ProbationCaseFactory, ServiceUserFactory

pytestmark = pytest.mark.django_db


def test_each_person_is_placed_at_their_open_custody_and_open_case_only(django_assert_num_queries):
    held = CustodyEpisodeFactory()
    supervised = ProbationCaseFactory()
    both = CustodyEpisodeFactory()
    ProbationCaseFactory(person=both.person)
    released = CustodyEpisodeFactory(released_on=datetime.date(2026, 3, 1))
    ended = ProbationCaseFactory(ended_on=datetime.date(2026, 4, 1))
    nowhere = ServiceUserFactory()
    ids = [held.person_id, supervised.person_id, both.person_id, released.person_id, ended.person_id, nowhere.pk]
    with django_assert_num_queries(2):
        places = person_placements(person_ids=ids)
    unit_of_both = both.person.probation_cases.get().delivery_unit.name
    assert places == {
        held.person_id: (held.establishment.name, ""),
        supervised.person_id: ("", supervised.delivery_unit.name),
        both.person_id: (both.establishment.name, unit_of_both),
        released.person_id: ("", ""),
        ended.person_id: ("", ""),
        nowhere.pk: ("", ""),
    }
    # Shorter and longer lists take their own compiled reads; a long list is read a page at a time.
    assert person_placements(person_ids=[held.person_id]) == {held.person_id: (held.establishment.name, "")}
    assert person_placements(person_ids=[]) == {}
    many = [CustodyEpisodeFactory() for _ in range(PLACEMENTS_AT_ONCE + 2)]
    with django_assert_num_queries(4):
        places = person_placements(person_ids=[e.person_id for e in many])
    assert places == {e.person_id: (e.establishment.name, "") for e in many}
