import datetime

import pytest
from django.utils import timezone

from people.timeline import Entry, name_who_did_it, timeline_for_person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def test_everyone_on_a_timeline_is_named_from_one_query(django_assert_num_queries):
    officer, practitioner = UserFactory(first_name="Olu", last_name="Officer"), UserFactory(first_name="", last_name="")
    practitioner.organisation = None
    practitioner.is_superuser = True  # the only kind of account without an organisation
    practitioner.save()
    entries = [
        Entry(NOW, "plan", "one", by=officer.pk),
        Entry(NOW, "plan", "two", by=officer.pk),
        Entry(NOW, "custody", "three", organisation="HMP Somewhere", by=practitioner.pk),
        Entry(NOW, "custody", "four", "Someone", "Somewhere"),
    ]
    with django_assert_num_queries(1):
        named = name_who_did_it(entries)
    assert [(e.text, e.who, e.organisation) for e in named] == [
        ("one", "Olu Officer", officer.organisation.name),
        ("two", "Olu Officer", officer.organisation.name),
        # No name: the username. No organisation: the entry's own (the prison that received them).
        ("three", practitioner.username, "HMP Somewhere"),
        ("four", "Someone", "Somewhere"),
    ]


def test_a_timeline_naming_no_one_reads_no_users(django_assert_num_queries):
    entries = [Entry(NOW - datetime.timedelta(days=1), "custody", "Released", "", "HMP Somewhere")]
    with django_assert_num_queries(0):
        assert name_who_did_it(entries) == entries


def test_the_timeline_is_newest_first_and_named(monkeypatch):
    from people import timeline

    officer = UserFactory(first_name="Olu", last_name="Officer")
    older, newer = NOW - datetime.timedelta(days=2), NOW - datetime.timedelta(days=1)
    monkeypatch.setattr(
        timeline,
        "_sources",
        [lambda person, viewer: [Entry(older, "a", "older", by=officer.pk), Entry(newer, "a", "newer")]],
    )
    entries = timeline_for_person(person=None, viewer=officer)  # type: ignore[arg-type]
    assert [(e.text, e.who) for e in entries] == [("newer", ""), ("older", "Olu Officer")]
