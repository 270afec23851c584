import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.constants import Role
from audit.models import Event
from people.models import CustodyEpisode, ServiceUser
from release import selectors, services
from release.constants import CheckpointKind, CheckpointState
from release.models import Checkpoint, Handover, ReleasePlan
from resettlement.models import Plan
from tests.factories import (
    CustodyEpisodeFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProbationCaseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def officer():
    return UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())


@pytest.fixture
def episode(officer):
    return CustodyEpisodeFactory(
        establishment=officer.organisation, received_on=TODAY - 200 * DAY, expected_release_on=TODAY + 30 * DAY
    )


@pytest.fixture
def unit():
    return DeliveryUnitFactory()


@pytest.fixture
def practitioner(unit):
    return UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit)


def save_plan(officer, episode, **overrides):
    kwargs = {
        "acting_user": officer,
        "person_id": episode.person_id,
        "expected_release_on": TODAY + 30 * DAY,
        "release_type": "conditional",
        "first_night_accommodation": "approved_premises",
        "first_night_address": "Ashdown House approved premises",
        "discharge_grant": "paid",
        "has_id": "yes",
        "has_bank_account": "yes",
        "benefits_claim": "made",
        "gp_registered": "yes",
        "first_appointment_on": TODAY + 31 * DAY,
        "first_appointment_place": "Bridge Street probation office",
    }
    kwargs.update(overrides)
    return services.release_plan_save(**kwargs)


def test_the_checklist_warns_on_what_is_missing_from_12_weeks_before_release(officer, episode):
    assert selectors.checklist_warns(episode=episode, today=TODAY)
    missing = [i.key for i in selectors.release_checklist(plan=None, episode=episode) if not i.done]
    assert missing == [
        "release_type",
        "first_night_accommodation",
        "discharge_grant",
        "has_id",
        "has_bank_account",
        "benefits_claim",
        "gp_registered",
        "first_appointment_on",
    ]
    plan = save_plan(officer, episode, has_bank_account="no", first_night_accommodation="rough_sleeping")
    items = {i.key: i for i in selectors.release_checklist(plan=plan, episode=episode)}
    assert [k for k, i in items.items() if not i.done] == ["first_night_accommodation", "has_bank_account"]
    assert items["first_night_accommodation"].warning == "Nowhere to live on the first night"
    episode.expected_release_on = TODAY + 90 * DAY
    assert not selectors.checklist_warns(episode=episode, today=TODAY)


def test_a_release_plan_refuses_dates_out_of_order_and_unknown_choices(officer, episode):
    with pytest.raises(ValidationError) as e:
        save_plan(
            officer,
            episode,
            expected_release_on=TODAY - 300 * DAY,
            first_appointment_on=TODAY - 301 * DAY,
            discharge_grant="lots",
        )
    assert set(e.value.message_dict) == {"expected_release_on", "first_appointment_on", "discharge_grant"}
    assert "before they were received into custody" in e.value.message_dict["expected_release_on"][0]
    assert not ReleasePlan.objects.exists()
    episode.refresh_from_db()
    assert episode.expected_release_on == TODAY + 30 * DAY


def test_saving_the_plan_keeps_the_release_date_and_is_audited(officer, episode):
    save_plan(officer, episode, expected_release_on=TODAY + 40 * DAY, first_appointment_on=TODAY + 41 * DAY)
    episode.refresh_from_db()
    assert episode.expected_release_on == TODAY + 40 * DAY
    assert Event.objects.filter(record_type="releaseplan", person_id=episode.person_id).count() == 1


def test_recording_a_release_makes_four_checkpoints_once(officer, episode):
    services.release_record(acting_user=officer, person_id=episode.person_id, released_on=TODAY)
    checkpoints = {c.kind: c.due_on for c in Checkpoint.objects.filter(custody_episode=episode)}
    assert checkpoints == {
        CheckpointKind.FIRST_NIGHT: TODAY + DAY,
        CheckpointKind.WEEK_6: TODAY + 42 * DAY,
        CheckpointKind.MONTH_3: TODAY + 91 * DAY,
        CheckpointKind.MONTH_6: TODAY + 182 * DAY,
    }
    assert services.checkpoints_generate() == 0
    with pytest.raises(ValidationError, match="not in custody"):
        services.release_record(acting_user=officer, person_id=episode.person_id, released_on=TODAY)
    assert Checkpoint.objects.count() == 4


def test_a_release_before_reception_in_the_future_or_by_another_prison_is_refused(officer, episode):
    for released_on, message in (
        (TODAY - 201 * DAY, "before they were received"),
        (TODAY + DAY, "today or in the past"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.release_record(acting_user=officer, person_id=episode.person_id, released_on=released_on)
    admin_like = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())
    with pytest.raises(ServiceUser.DoesNotExist):
        services.release_record(acting_user=admin_like, person_id=episode.person_id, released_on=TODAY)
    episode.refresh_from_db()
    assert episode.released_on is None and not Checkpoint.objects.exists()


def test_imported_releases_and_a_recalls_re_release_each_get_one_set(officer):
    person = CustodyEpisodeFactory(
        establishment=officer.organisation, received_on=TODAY - 400 * DAY, released_on=TODAY - 300 * DAY
    ).person
    assert services.checkpoints_generate() == 4
    assert services.checkpoints_generate() == 0
    CustodyEpisode.objects.create(
        person=person,
        establishment=officer.organisation,
        received_on=TODAY - 100 * DAY,
        released_on=TODAY - 10 * DAY,
    )
    assert services.checkpoints_generate() == 4
    assert Checkpoint.objects.filter(person=person).count() == 8
    assert Checkpoint.objects.values("custody_episode").distinct().count() == 2


def test_checkpoint_states_follow_the_grace_period_exactly(officer):
    episode = CustodyEpisodeFactory(
        establishment=officer.organisation, received_on=TODAY - 400 * DAY, released_on=TODAY - 100 * DAY
    )
    services.checkpoints_generate()
    week_6 = Checkpoint.objects.get(custody_episode=episode, kind=CheckpointKind.WEEK_6)
    assert selectors.checkpoint_state(checkpoint=week_6, today=week_6.due_on - DAY) == CheckpointState.UPCOMING
    assert selectors.checkpoint_state(checkpoint=week_6, today=week_6.due_on) == CheckpointState.DUE
    assert selectors.checkpoint_state(checkpoint=week_6, today=week_6.due_on + 14 * DAY) == CheckpointState.DUE
    assert selectors.checkpoint_state(checkpoint=week_6, today=week_6.due_on + 15 * DAY) == CheckpointState.NOT_KNOWN


@pytest.fixture
def released(officer, practitioner):
    episode = CustodyEpisodeFactory(
        establishment=officer.organisation, received_on=TODAY - 400 * DAY, released_on=TODAY - 50 * DAY
    )
    ProbationCaseFactory(person=episode.person, delivery_unit=practitioner.organisation, practitioner=practitioner)
    services.checkpoints_generate()
    return episode


def test_recording_a_checkpoint_once_on_or_after_its_date(released, practitioner):
    first_night, week_6, month_3, _month_6 = Checkpoint.objects.filter(custody_episode=released).order_by("due_on")
    with pytest.raises(ValidationError) as e:
        services.checkpoint_record(acting_user=practitioner, checkpoint_id=week_6.pk, accommodation="settled")
    assert "employment" in e.value.message_dict
    with pytest.raises(ValidationError, match="records accommodation only"):
        services.checkpoint_record(
            acting_user=practitioner, checkpoint_id=first_night.pk, accommodation="settled", employment="employed"
        )
    with pytest.raises(ValidationError, match="not due until"):
        services.checkpoint_record(
            acting_user=practitioner, checkpoint_id=month_3.pk, accommodation="settled", employment="employed"
        )
    services.checkpoint_record(
        acting_user=practitioner, checkpoint_id=week_6.pk, accommodation="settled", employment="employed"
    )
    with pytest.raises(ValidationError, match="already been recorded"):
        services.checkpoint_record(
            acting_user=practitioner, checkpoint_id=week_6.pk, accommodation="homeless", employment="unemployed"
        )
    week_6.refresh_from_db()
    assert (week_6.accommodation, week_6.employment, week_6.recorded_by) == ("settled", "employed", practitioner)
    assert Checkpoint.objects.filter(recorded_at__isnull=False).count() == 1


def test_someone_who_cannot_see_the_person_cannot_record_their_checkpoint(released):
    stranger = UserFactory(role=Role.PROBATION_PRACTITIONER)
    first_night = Checkpoint.objects.get(custody_episode=released, kind=CheckpointKind.FIRST_NIGHT)
    with pytest.raises(Checkpoint.DoesNotExist):
        services.checkpoint_record(acting_user=stranger, checkpoint_id=first_night.pk, accommodation="settled")


def test_a_handover_needs_a_plan_first_and_a_date_after_it(officer, episode, unit, practitioner):
    with pytest.raises(ValidationError, match="Make the resettlement plan before the handover"):
        services.handover_record(
            acting_user=officer, person_id=episode.person_id, to_organisation_id=unit.pk, handover_on=TODAY
        )
    Plan.objects.create(person=episode.person, created_by=officer)
    with pytest.raises(ValidationError, match="before the plan was made"):
        services.handover_record(
            acting_user=officer, person_id=episode.person_id, to_organisation_id=unit.pk, handover_on=TODAY - DAY
        )
    with pytest.raises(ValidationError, match="Select the probation delivery unit"):
        services.handover_record(
            acting_user=officer,
            person_id=episode.person_id,
            to_organisation_id=officer.organisation_id,
            handover_on=TODAY,
        )
    assert not Handover.objects.exists()
    assert not ServiceUser.objects.visible_to(practitioner).exists()
    services.handover_record(
        acting_user=officer, person_id=episode.person_id, to_organisation_id=unit.pk, handover_on=TODAY
    )
    # The community team now sees the same person and plan; nothing was re-entered.
    assert list(ServiceUser.objects.visible_to(practitioner)) == [episode.person]
    with pytest.raises(ValidationError, match="already been recorded"):
        services.handover_record(
            acting_user=officer, person_id=episode.person_id, to_organisation_id=unit.pk, handover_on=TODAY
        )


def test_each_not_known_is_reported_against_whoever_was_responsible_on_its_date(officer, unit):
    episode = CustodyEpisodeFactory(
        establishment=officer.organisation, received_on=TODAY - 400 * DAY, released_on=TODAY - 120 * DAY
    )
    Plan.objects.create(person=episode.person, created_by=officer)
    Plan.objects.filter(person=episode.person).update(created_at=timezone.now() - 300 * DAY)
    services.checkpoints_generate()
    # Handed over 20 days after release: the first night was the prison's, the later ones the unit's.
    services.handover_record(
        acting_user=officer,
        person_id=episode.person_id,
        to_organisation_id=unit.pk,
        handover_on=episode.released_on + 20 * DAY,
    )
    handover = Handover.objects.get()
    for checkpoint in Checkpoint.objects.filter(custody_episode=episode):
        # The stored answerable organisation always follows the rule.
        assert checkpoint.answerable_id == selectors.answerable_organisation_id(
            due_on=checkpoint.due_on,
            prison_id=officer.organisation_id,
            handover_on=handover.handover_on,
            unit_id=handover.to_organisation_id,
        )
    rows = selectors.checkpoint_outcomes(due_from=TODAY - 400 * DAY, due_to=TODAY, today=TODAY)
    by = {(r["responsible_id"], r["kind"]): (r["due"], r["known"], r["not_known"]) for r in rows}
    assert by == {
        (officer.organisation_id, CheckpointKind.FIRST_NIGHT): (1, 0, 1),
        (unit.pk, CheckpointKind.WEEK_6): (1, 0, 1),
        (unit.pk, CheckpointKind.MONTH_3): (1, 0, 1),
    }


def test_the_follow_ups_due_list_takes_one_query_whatever_its_length(released, practitioner, django_assert_num_queries):
    with django_assert_num_queries(1):
        few = list(selectors.followups_due_for_user(user=practitioner, today=TODAY))
    assert [c.kind for c in few] == [CheckpointKind.FIRST_NIGHT, CheckpointKind.WEEK_6]
    for _ in range(5):
        episode = CustodyEpisodeFactory(received_on=TODAY - 400 * DAY, released_on=TODAY - 50 * DAY)
        ProbationCaseFactory(person=episode.person, delivery_unit=practitioner.organisation, practitioner=practitioner)
    services.checkpoints_generate()
    with django_assert_num_queries(1):
        assert len(list(selectors.followups_due_for_user(user=practitioner, today=TODAY))) == 12


def test_the_command_makes_missing_checkpoints_once(officer):
    from io import StringIO

    from django.core.management import call_command

    CustodyEpisodeFactory(establishment=officer.organisation, received_on=TODAY - 99 * DAY, released_on=TODAY - DAY)
    out = StringIO()
    call_command("checkpoints_generate", stdout=out)
    call_command("checkpoints_generate", stdout=out)
    assert out.getvalue().splitlines() == ["Made 4 checkpoints.", "Made 0 checkpoints."]


def test_an_answer_recorded_after_the_grace_period_is_kept_but_stays_not_known(released, practitioner, officer):
    first_night = Checkpoint.objects.get(custody_episode=released, kind=CheckpointKind.FIRST_NIGHT)
    services.checkpoint_record(acting_user=practitioner, checkpoint_id=first_night.pk, accommodation="settled")
    first_night.refresh_from_db()
    assert first_night.late and first_night.accommodation == "settled"
    rows = selectors.checkpoint_outcomes(due_from=TODAY - 400 * DAY, due_to=TODAY, today=TODAY)
    first = next(r for r in rows if r["kind"] == CheckpointKind.FIRST_NIGHT)
    assert (first["due"], first["known"], first["not_known"]) == (1, 0, 1)


def test_checkpoints_made_after_a_handover_are_answerable_to_the_unit_from_its_date(officer, unit):
    episode = CustodyEpisodeFactory(establishment=officer.organisation, received_on=TODAY - 400 * DAY)
    Plan.objects.create(person=episode.person, created_by=officer)
    Plan.objects.filter(person=episode.person).update(created_at=timezone.now() - 300 * DAY)
    services.handover_record(
        acting_user=officer, person_id=episode.person_id, to_organisation_id=unit.pk, handover_on=TODAY - 80 * DAY
    )
    CustodyEpisode.objects.filter(pk=episode.pk).update(released_on=TODAY - 100 * DAY)  # as an import would
    services.checkpoints_generate()
    answerable = dict(Checkpoint.objects.filter(custody_episode=episode).values_list("kind", "answerable_id"))
    assert answerable == {
        CheckpointKind.FIRST_NIGHT: officer.organisation_id,
        CheckpointKind.WEEK_6: unit.pk,
        CheckpointKind.MONTH_3: unit.pk,
        CheckpointKind.MONTH_6: unit.pk,
    }
