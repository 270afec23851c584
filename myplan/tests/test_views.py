import re
import time

import pytest
from django.urls import reverse

from audit.constants import Action
from audit.models import Event
from myplan import session
from myplan.constants import Answer
from myplan.models import ActionConfirmation, PersonPin
from myplan.services import pin_set, pin_switch_off
from myplan.tests.records import SECRET_CONCERN, SECRET_MITIGATION, make_story
from people.timeline import timeline_for_person

pytestmark = pytest.mark.django_db
PIN = "2580"
HOME = reverse("myplan:home")
SIGN_IN = reverse("myplan:sign-in")


@pytest.fixture
def story():
    story = make_story()
    pin_set(acting_user=story.officer, person_id=story.person.pk, pin=PIN)
    return story


def submission_of(response) -> str:
    return re.search(r'name="submission_id" value="([^"]+)"', response.content.decode()).group(1)


def person_signs_in(client, story, *, kiosk=True, pin=PIN):
    data = {"identifier": story.person.prison_number, "pin": pin}
    if kiosk:
        data["kiosk"] = "1"
    else:
        data["channel"] = "phone"
    return client.post(SIGN_IN + ("?kiosk=1" if kiosk else ""), data)


def test_the_person_signs_in_on_a_kiosk_and_sees_their_plan_in_plain_words(client, story):
    response = person_signs_in(client, story)
    assert response.status_code == 303 and response["Location"] == HOME
    page = client.get(HOME)
    html = page.content.decode()
    assert page.status_code == 200 and "Hello Alex. This is your plan." in html
    assert "Open a bank account" in html and "Your probation officer" in html and "Wold Housing Trust" in html
    assert "Finish and sign out" in html and "3 minutes" in html
    assert SECRET_CONCERN not in html and SECRET_MITIGATION not in html and "MAPPA" not in html
    assert "no-store" in page["Cache-Control"]
    event = Event.objects.filter(action=Action.VIEW, person_id=story.person.pk).latest("id")
    assert event.actor is None and event.summary == "Person viewed their own plan (kiosk)"


def test_the_pin_field_is_never_autocompleted_and_the_kiosk_does_not_ask_where_it_is(client):
    html = client.get(SIGN_IN + "?kiosk=1").content.decode()
    assert 'autocomplete="off"' in html and 'type="password"' in html and 'name="channel"' not in html
    assert 'name="channel"' in client.get(SIGN_IN).content.decode()


def test_a_wrong_pin_gets_a_clear_message_and_no_session(client, story):
    response = person_signs_in(client, story, pin="8642")
    assert response.status_code == 200
    assert "The number or the PIN is not right" in response.content.decode()
    assert session.PERSON_KEY not in client.session
    assert client.get(HOME).status_code == 303


def test_a_staff_sign_in_is_not_a_person_session(client, story):
    client.force_login(story.officer)
    response = client.get(HOME)
    assert response.status_code == 303 and response["Location"].startswith(SIGN_IN)
    assert client.get(reverse("myplan:action-confirm", args=[story.done_action.pk])).status_code == 303
    assert "You are signed in as a member of staff" in client.get(SIGN_IN).content.decode()


def test_a_person_session_is_not_a_staff_session(client, story):
    person_signs_in(client, story)
    for url in (reverse("home"), reverse("people:list"), reverse("people:detail", args=[story.person.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
    assert client.get(reverse("myplan:pin", args=[story.person.pk])).status_code == 302


def test_a_person_signing_in_ends_a_staff_session_in_the_same_browser(client, story):
    client.force_login(story.officer)
    person_signs_in(client, story)
    assert client.get(reverse("home")).status_code == 302
    assert client.get(HOME).status_code == 200


def test_a_staff_member_signing_in_later_does_not_become_the_person(client, story):
    person_signs_in(client, story)
    client.force_login(story.officer)
    assert client.get(HOME).status_code == 303


def test_finish_and_sign_out_flushes_the_session(client, story):
    person_signs_in(client, story)
    response = client.post(reverse("myplan:sign-out"))
    assert response.status_code == 303 and response["Location"] == SIGN_IN + "?kiosk=1"
    assert session.PERSON_KEY not in client.session
    assert client.get(HOME).status_code == 303
    assert Event.objects.filter(action=Action.SIGN_OUT, person_id=story.person.pk).exists()


@pytest.mark.parametrize(("kiosk", "idle"), [(True, 3 * 60), (False, 30 * 60)])
def test_an_idle_session_ends_after_3_minutes_on_a_kiosk_and_30_on_a_phone(client, story, kiosk, idle):
    person_signs_in(client, story, kiosk=kiosk)
    s = client.session
    s[session.LAST_SEEN_KEY] = time.time() - idle + 30
    s.save()
    assert client.get(HOME).status_code == 200  # still within the limit, and the clock starts again
    s = client.session
    s[session.LAST_SEEN_KEY] = time.time() - idle - 1
    s.save()
    response = client.get(HOME)
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert f"not used for {idle // 60} minutes" in page


def test_switching_off_the_pin_ends_the_persons_session(client, story):
    person_signs_in(client, story)
    pin_switch_off(acting_user=story.officer, person_id=story.person.pk)
    assert client.get(HOME).status_code == 303


def test_the_person_says_an_action_did_not_happen(client, story):
    person_signs_in(client, story)
    url = reverse("myplan:action-confirm", args=[story.done_action.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Did this really happen?" in page.content.decode()
    submission = submission_of(page)
    data = {"answer": Answer.DID_NOT_HAPPEN, "comment": "Nobody came", "submission_id": submission}
    response = client.post(url, data)
    assert response.status_code == 303 and response["Location"] == HOME
    confirmation = ActionConfirmation.objects.get()
    assert (confirmation.person, confirmation.answer, confirmation.channel) == (story.person, "did_not_happen", "kiosk")
    # The same form again (a double click): refused, nothing more saved.
    again = client.post(url, {"answer": Answer.HAPPENED, "comment": "", "submission_id": submission})
    assert again.status_code == 200 and "already been sent" in again.content.decode()
    assert ActionConfirmation.objects.count() == 1


def test_an_empty_answer_is_refused_with_a_clear_message(client, story):
    person_signs_in(client, story)
    url = reverse("myplan:action-confirm", args=[story.done_action.pk])
    submission = submission_of(client.get(url))
    response = client.post(url, {"comment": "", "submission_id": submission})
    assert "Choose yes if it happened, or no if it did not happen" in response.content.decode()
    assert not ActionConfirmation.objects.exists()


@pytest.mark.parametrize("which", ["other_action", "mitigation"])
def test_opening_or_answering_another_persons_action_is_not_found_and_changes_nothing(client, story, which):
    person_signs_in(client, story)
    url = reverse("myplan:action-confirm", args=[getattr(story, which).pk])
    page = client.get(url)
    assert page.status_code == 404 and "We could not find that" in page.content.decode()
    assert "Other person's action" not in page.content.decode()
    data = {"answer": Answer.DID_NOT_HAPPEN, "submission_id": "6f0c7c8e-2a57-4a63-9b8c-0d1c1c2f1a11"}
    response = client.post(url, data)
    assert response.status_code == 404 and not ActionConfirmation.objects.exists()


# Staff


def test_staff_set_a_pin_from_the_person_page(client, story):
    PersonPin.objects.all().delete()
    client.force_login(story.officer)
    detail = client.get(reverse("people:detail", args=[story.person.pk])).content.decode()
    assert "Set their PIN" in detail and "no PIN has been set" in detail
    url = reverse("myplan:pin", args=[story.person.pk])
    submission = submission_of(client.get(url))
    bad = client.post(url, {"pin": "1234", "submission_id": submission})
    assert "Choose a PIN that is harder to guess" in bad.content.decode() and not PersonPin.objects.exists()
    response = client.post(url, {"pin": "7391", "submission_id": submission})
    assert response.status_code == 302
    assert PersonPin.objects.get().is_active
    detail = client.get(reverse("people:detail", args=[story.person.pk])).content.decode()
    assert "Tell Alex their PIN now" in detail and "7391" not in detail


def test_staff_switch_off_the_sign_in(client, story):
    client.force_login(story.probation)
    response = client.post(reverse("myplan:pin", args=[story.person.pk]), {"switch_off": "1"})
    assert response.status_code == 302 and not PersonPin.objects.get().is_active


def test_the_person_page_shows_staff_what_the_person_says_did_not_happen(client, story):
    person_signs_in(client, story)
    url = reverse("myplan:action-confirm", args=[story.done_action.pk])
    submission = submission_of(client.get(url))
    client.post(url, {"answer": Answer.DID_NOT_HAPPEN, "comment": "Nobody came", "submission_id": submission})
    client.force_login(story.officer)
    html = client.get(reverse("people:detail", args=[story.person.pk])).content.decode()
    assert "What the person says happened" in html
    assert "Alex says 1 action recorded as done did not happen" in html and "Nobody came" in html
    client.force_login(story.partner)
    partner_page = client.get(reverse("people:detail", args=[story.person.pk])).content.decode()
    assert "What the person says happened" not in partner_page


def test_the_timeline_shows_the_persons_answers_in_a_fixed_number_of_queries(story, django_assert_num_queries):
    from myplan.services import action_confirmation_record
    from myplan.timeline import own_view_entries

    def answers(n):
        for _ in range(n):
            action_confirmation_record(
                person_id=story.person.pk, action_id=story.done_action.pk, answer="happened", channel="phone"
            )

    answers(1)
    with django_assert_num_queries(2):
        one = own_view_entries(story.person, story.officer)
    answers(5)
    with django_assert_num_queries(2):
        many = own_view_entries(story.person, story.officer)
    assert len(many) == len(one) + 5
    texts = [e.text for e in timeline_for_person(person=story.person, viewer=story.officer)]
    assert "Alex said “Open a bank account” happened (on my own phone or computer)" in texts
    assert own_view_entries(story.person, story.partner) == []
