import datetime

import pytest
from django.db.models import Q

from accounts.models import User
from common.compiled_reads import CompiledValues
from people.models import CustodyEpisode
from tests.factories import CustodyEpisodeFactory, EstablishmentFactory, ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def _episodes(person):
    return (
        CustodyEpisode.objects.filter(person_id=person)
        .order_by()
        .values("received_on", "released_on", "establishment__name", "person__date_of_birth")
    )


def test_rows_are_what_the_orm_gives_converted_the_same_way():
    person = ServiceUserFactory()
    CustodyEpisodeFactory(person=person, released_on=datetime.date(2026, 3, 1))
    CustodyEpisodeFactory(person=person, received_on=datetime.date(2026, 6, 1))
    CustodyEpisodeFactory()  # someone else's
    read = CompiledValues(_episodes, "person")
    rows = read.rows(person=person.pk)
    assert sorted(rows, key=repr) == sorted(_episodes(person.pk), key=repr)
    assert len(rows) == 2
    assert {type(row["received_on"]) for row in rows} == {datetime.date}


def test_datetimes_and_booleans_convert_as_the_orm_converts_them():
    prison = EstablishmentFactory()
    UserFactory(organisation=prison, is_active=False)
    UserFactory(organisation=prison)

    def users(organisation):
        return User.objects.filter(organisation_id=organisation).order_by().values("date_joined", "is_active")

    rows = CompiledValues(users, "organisation").rows(organisation=prison.pk)
    assert sorted(rows, key=repr) == sorted(users(prison.pk), key=repr)
    assert {row["is_active"] for row in rows} == {True, False}
    assert all(row["date_joined"].tzinfo is not None for row in rows)


def test_the_query_is_built_and_compiled_once_and_run_with_each_id(django_assert_num_queries):
    built = []

    def build(person):
        built.append(person)
        return _episodes(person)

    first, second = CustodyEpisodeFactory(), CustodyEpisodeFactory()
    read = CompiledValues(build, "person")
    with django_assert_num_queries(1):
        assert [r["establishment__name"] for r in read.rows(person=first.person_id)] == [first.establishment.name]
    with django_assert_num_queries(1):
        assert [r["establishment__name"] for r in read.rows(person=second.person_id)] == [second.establishment.name]
    assert len(built) == 1, "built once, with a stand-in, not with either person's id"
    assert built[0] not in (first.person_id, second.person_id)


def test_a_parameter_used_twice_and_two_parameters_each_take_their_value():
    a, b = CustodyEpisodeFactory(), CustodyEpisodeFactory()
    CustodyEpisodeFactory()

    def build(person, prison):
        return (
            CustodyEpisode.objects.filter(Q(person_id=person) | Q(person_id=person + 0, establishment_id=prison))
            .filter(Q(establishment_id=prison) | Q(person_id=person))
            .order_by()
            .values("person")
        )

    read = CompiledValues(build, "person", "prison")
    assert read.rows(person=a.person_id, prison=b.establishment_id) == [{"person": a.person_id}]
    assert read.rows(person=b.person_id, prison=a.establishment_id) == [{"person": b.person_id}]


def test_what_it_refuses():
    with pytest.raises(ValueError, match="at least one parameter"):
        CompiledValues(_episodes)
    with pytest.raises(TypeError, match="values"):
        CompiledValues(lambda person: CustodyEpisode.objects.filter(person_id=person), "person").rows(person=1)
    with pytest.raises(ValueError, match="does not use"):
        CompiledValues(lambda person: CustodyEpisode.objects.values("pk"), "person").rows(person=1)
    read = CompiledValues(_episodes, "person")
    with pytest.raises(TypeError, match="expected values"):
        read.rows(someone=1)
    with pytest.raises(TypeError, match="integer"):
        read.rows(person="1")
    with pytest.raises(TypeError, match="integer"):
        read.rows(person=True)


def test_scoped_reads_give_everything_or_one_organisations_rows():
    from common.compiled_reads import scoped_reads

    person = ServiceUserFactory()
    there = CustodyEpisodeFactory(
        person=person, received_on=datetime.date(2025, 1, 6), released_on=datetime.date(2025, 6, 2)
    )
    here = CustodyEpisodeFactory(person=person)

    def episodes(**where):
        return CustodyEpisode.objects.filter(**where).order_by().values("establishment")

    reads = scoped_reads("prison", (episodes, "person_id", "establishment_id"))
    (everything,), values = reads.choose(person.pk, here.establishment_id, everything=True)
    assert values == {"person": person.pk}
    assert {r["establishment"] for r in everything.rows(**values)} == {here.establishment_id, there.establishment_id}
    (own,), values = reads.choose(person.pk, here.establishment_id, everything=False)
    assert values == {"person": person.pk, "prison": here.establishment_id}
    assert own.rows(**values) == [{"establishment": here.establishment_id}]
    assert reads.choose(person.pk, None, everything=False) is None
