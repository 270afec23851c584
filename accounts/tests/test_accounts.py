import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.constants import ROLE_ORGANISATION_KINDS, Role
from accounts.models import User
from audit.constants import Action
from audit.models import Event
from tests.factories import EstablishmentFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def test_a_role_must_belong_to_an_organisation_of_the_right_kind():
    user = User(username="x", role=Role.PARTNER_CASEWORKER, organisation=EstablishmentFactory())
    with pytest.raises(ValidationError, match="must belong to a partner provider"):
        user.clean()
    user.organisation = ProviderFactory()
    user.clean()


def test_every_role_has_organisation_kinds():
    assert set(ROLE_ORGANISATION_KINDS) == set(Role)


def test_staff_accounts_without_an_organisation_are_refused_by_the_database():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create(username="orphan", role=Role.PRISON_STAFF)


def test_signing_in_and_out_is_audited(client):
    user = UserFactory(username="officer1", password=PASSWORD)
    response = client.post(reverse("accounts:sign-in"), {"username": "officer1", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    client.post(reverse("accounts:sign-out"))
    assert list(Event.objects.order_by("id").values_list("action", "actor")) == [
        (Action.SIGN_IN, user.pk),
        (Action.SIGN_OUT, user.pk),
    ]


def test_a_wrong_password_gets_one_clear_message_and_is_audited(client):
    UserFactory(username="officer1", password=PASSWORD)
    response = client.post(reverse("accounts:sign-in"), {"username": "officer1", "password": "nope"})
    assert "Enter a correct username and password" in response.content.decode()
    assert Event.objects.get().action == Action.SIGN_IN_FAILED


def test_an_empty_sign_in_names_both_fields(client):
    page = client.post(reverse("accounts:sign-in"), {}).content.decode()
    assert "Enter your username" in page and "Enter your password" in page and "There is a problem" in page


def test_repeated_wrong_passwords_lock_the_account(client, settings):
    UserFactory(username="officer1", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:sign-in"), {"username": "officer1", "password": "guess"})
    locked = client.post(reverse("accounts:sign-in"), {"username": "officer1", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_nobody_manages_themselves():
    user = UserFactory()
    user.manager = user
    with pytest.raises(ValidationError, match="cannot be their own manager"):
        user.clean()
