import datetime

import pytest
from django.utils import timezone

from myplan import selectors
from myplan.constants import Answer, Channel
from myplan.services import action_confirmation_record
from myplan.tests.records import SECRET_CONCERN, SECRET_MITIGATION, SECRET_RESULT_NOTE, make_story
from release.constants import CheckpointKind
from release.models import Checkpoint, ReleasePlan

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def story():
    return make_story()


def everything_shown(view) -> str:
    """Every word of the person's own view, as one string."""
    return repr(view)


def test_the_person_sees_their_actions_grouped_by_who_is_doing_them_in_plain_words(story):
    view = selectors.own_view(person=story.person, today=TODAY)
    assert [g.who for g in view.groups] == ["The prison", "Your probation officer", "Wold Housing Trust"]
    prison = view.groups[0]
    assert prison.about == "Staff at HMP Testhaven."
    (done,) = prison.actions
    assert (done.description, done.topic, done.state, done.can_answer) == (
        "Open a bank account",
        "Money and ID",
        "done",
        True,
    )
    assert view.groups[1].actions[0].can_answer is False
    assert "pathway" not in everything_shown(view).lower()


def test_risk_mitigations_and_staff_notes_never_appear(story):
    shown = everything_shown(selectors.own_view(person=story.person, today=TODAY))
    for secret in (SECRET_CONCERN, SECRET_MITIGATION, SECRET_RESULT_NOTE, "MAPPA", "high", "Needs a room"):
        assert secret not in shown
    view = selectors.own_view(person=story.person, today=TODAY)
    assert story.mitigation.pk not in [a.pk for g in view.groups for a in g.actions]
    assert not selectors.own_actions(person=story.person).filter(concern__isnull=False).exists()


def test_only_the_persons_own_record_appears(story):
    shown = everything_shown(selectors.own_view(person=story.person, today=TODAY))
    assert "Other person's action" not in shown and "Bryn" not in shown


def test_referrals_mentor_and_appointments_in_plain_words(story):
    ReleasePlan.objects.create(
        custody_episode=story.person.custody_episodes.get(),
        person=story.person,
        first_appointment_on=TODAY + datetime.timedelta(days=20),
        first_appointment_place="Testshire probation office, 1 High Street",
        updated_by=story.officer,
    )
    view = selectors.own_view(person=story.person, today=TODAY)
    (referral,) = view.referrals
    assert referral.to == "Wold Housing Trust" and referral.what_for == "Somewhere to live"
    assert referral.status_text == "They said yes. They will get in touch with you."
    (mentor,) = view.mentors
    assert mentor.first_name == "Morgan" and "Evans" not in everything_shown(view)
    assert "peer mentor" in mentor.about
    assert [a.what for a in view.appointments] == [
        "Housing assessment, with Wold Housing Trust",
        "Your first meeting with your probation officer",
    ]
    assert view.appointments[1].where == "Testshire probation office, 1 High Street"


def test_checkpoints_after_release_are_explained(story):
    episode = story.person.custody_episodes.get()
    released = TODAY - datetime.timedelta(days=60)
    episode.received_on = released - datetime.timedelta(days=100)
    episode.released_on = released
    episode.save()
    for kind, days in ((CheckpointKind.FIRST_NIGHT, 1), (CheckpointKind.WEEK_6, 42), (CheckpointKind.MONTH_3, 91)):
        Checkpoint.objects.create(
            custody_episode=episode, person=story.person, kind=kind, due_on=released + datetime.timedelta(days=days)
        )
    view = selectors.own_view(person=story.person, today=TODAY)
    assert view.released_on == released and not view.in_custody
    assert [c.state for c in view.checkpoints] == ["not_known", "not_known", "upcoming"]
    assert view.checkpoints[1].what == (
        "6 weeks after you leave, your probation officer will ask where you are living and if you are working."
    )


def test_the_latest_answer_is_shown_and_staff_see_what_did_not_happen_first(story):
    for value in (Answer.HAPPENED, Answer.DID_NOT_HAPPEN):
        action_confirmation_record(
            person_id=story.person.pk,
            action_id=story.done_action.pk,
            answer=value,
            comment="",
            channel=Channel.PHONE,
        )
    view = selectors.own_view(person=story.person, today=TODAY)
    assert view.groups[0].actions[0].answer == Answer.DID_NOT_HAPPEN
    (row,) = selectors.what_the_person_says(person=story.person)
    assert row.did_not_happen and len(row.earlier) == 1
