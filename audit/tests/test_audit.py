import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from audit.constants import Action
from audit.models import AppendOnlyError, Event
from audit.services import changes_between, event_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_event_records_who_from_which_organisation_and_what():
    user = UserFactory()
    event = event_record(
        actor=user, action=Action.VIEW, record_type="person", record_id=7, person_id=7, summary="Viewed"
    )
    event.refresh_from_db()
    assert (event.actor, event.actor_username, event.actor_role) == (user, user.username, user.role)
    assert (event.organisation_id, event.organisation_name) == (user.organisation.pk, user.organisation.name)
    assert (event.record_type, event.record_id, event.person_id) == ("person", "7", 7)
    assert event.occurred_at is not None


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    event = event_record(actor=UserFactory(), action=Action.VIEW)
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.all().update(summary="rewritten")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert Event.objects.get().summary == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's; SQLite runs check the ORM guard above"
)
def test_postgresql_refuses_raw_sql_updates_and_deletes():
    event_record(actor=UserFactory(), action=Action.VIEW)
    for sql in ("UPDATE audit_event SET summary = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert Event.objects.count() == 1


def test_anonymous_events_such_as_failed_sign_ins_have_no_actor():
    event = event_record(actor=None, action=Action.SIGN_IN_FAILED, summary="Failed sign-in as 'x'")
    assert event.actor is None and event.actor_username == ""


def test_changes_between_lists_only_what_changed():
    assert changes_between({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": None}) == {"b": ["x", "y"]}


def test_changes_made_in_django_admin_are_audited(client):
    from accounts.constants import Role
    from organisations.models import Organisation

    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/django-admin/organisations/organisation/add/",
        {"kind": "provider", "name": "Example Mentoring", "code": "", "provider_type": "voluntary", "active": "on"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Example Mentoring")
    event = Event.objects.get(record_type="organisation")
    assert (event.action, event.record_id, event.actor) == (Action.CREATE, str(organisation.pk), admin)
    assert event.changes["name"] == [None, "Example Mentoring"]
