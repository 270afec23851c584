import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from audit.models import Event
from people.models import ServiceUser
from resettlement.constants import AnswerStatus, NeedStatus
from resettlement.models import Need, NeedEvent, Screening, ScreeningAnswer
from resettlement.selectors import need_list_for_person
from resettlement.services import screening_save_section, screening_start, screening_submit
from tests.factories import CustodyEpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

A = AnswerStatus.ANSWERED
FINE = {
    "accommodation": {"accommodation_before": (A, "settled", ""), "accommodation_tenancy_at_risk": (A, "no", "")},
    "attitudes": {"attitudes_support_wanted": (A, "no", "")},
    "family": {"family_dependants": (A, "no", ""), "family_contact_wanted": (A, "yes", "")},
    "drugs_alcohol": {"drugs_alcohol_problem": (A, "no", "")},
    "education_work": {"work_before": (A, "no", "")},
    "finance_id": {
        "finance_id_documents": (A, "yes", ""),
        "finance_bank_account": (AnswerStatus.DECLINED, "", "Did not want to say"),
        "finance_debts": (A, "no", ""),
    },
    "health": {
        "health_gp_registered": (A, "unsure", ""),
        "health_mental_health_support": (A, "no", ""),
        "health_notes": ("", "", ""),
    },
}


@pytest.fixture
def officer():
    return UserFactory(role=Role.PRISON_STAFF)


@pytest.fixture
def person(officer):
    return CustodyEpisodeFactory(establishment=officer.organisation).person


def answer_all(officer, screening, sections=FINE):
    for section_id, answers in sections.items():
        screening_save_section(
            acting_user=officer, screening_id=screening.pk, section_id=section_id, raw_answers=answers
        )


def test_a_full_screening_identifies_needs_each_not_started(officer, person):
    screening = screening_start(acting_user=officer, person_id=person.pk)
    assert (screening.questionnaire_key, screening.questionnaire_version) == ("reception_screening", 1)
    answer_all(officer, screening)
    needs = screening_submit(acting_user=officer, screening_id=screening.pk)
    assert [(n.pathway, n.description) for n in needs] == [
        ("family", "Wants help to keep in touch with family"),
        ("education_work", "Needs help into work, education or training on release"),
        ("health", "Needs registering with a GP before release"),
    ]
    assert {n.current_status for n in need_list_for_person(person=person)} == {NeedStatus.NOT_STARTED}
    assert ScreeningAnswer.objects.get(question_id="finance_bank_account").reason == "Did not want to say"
    screening.refresh_from_db()
    assert screening.is_submitted and screening.submitted_by == officer


def test_a_screening_with_unanswered_required_questions_cannot_be_submitted(officer, person):
    screening = screening_start(acting_user=officer, person_id=person.pk)
    answer_all(officer, screening, {k: v for k, v in FINE.items() if k != "finance_id"})
    with pytest.raises(ValidationError) as error:
        screening_submit(acting_user=officer, screening_id=screening.pk)
    assert len(error.value.messages) == 3
    assert "Do they have a bank account?" in " ".join(error.value.messages)
    screening.refresh_from_db()
    assert not screening.is_submitted and Need.objects.count() == 0


def test_a_blank_section_is_refused_with_every_error_and_saves_nothing(officer, person):
    screening = screening_start(acting_user=officer, person_id=person.pk)
    blank = {qid: ("", "", "") for qid in FINE["finance_id"]}
    blank["finance_debts"] = (AnswerStatus.NOT_ABLE_TO_ASK, "", "")
    with pytest.raises(ValidationError) as error:
        screening_save_section(
            acting_user=officer, screening_id=screening.pk, section_id="finance_id", raw_answers=blank
        )
    assert set(error.value.message_dict) == {"finance_id_documents", "finance_bank_account", "finance_debts__reason"}
    assert error.value.message_dict["finance_debts__reason"] == ["Say why this question was not answered"]
    assert ScreeningAnswer.objects.count() == 0


def test_a_follow_up_that_now_applies_is_asked_next_and_one_that_no_longer_applies_is_removed(officer, person):
    screening = screening_start(acting_user=officer, person_id=person.pk)
    ask_next = screening_save_section(
        acting_user=officer,
        screening_id=screening.pk,
        section_id="accommodation",
        raw_answers={"accommodation_before": (A, "settled", "")},
    )
    assert [x.id for x in ask_next] == ["accommodation_tenancy_at_risk"]
    screening_save_section(
        acting_user=officer, screening_id=screening.pk, section_id="accommodation", raw_answers=FINE["accommodation"]
    )
    assert ScreeningAnswer.objects.filter(question_id="accommodation_tenancy_at_risk").exists()
    screening_save_section(
        acting_user=officer,
        screening_id=screening.pk,
        section_id="accommodation",
        raw_answers={"accommodation_before": (A, "homeless", "")},
    )
    assert not ScreeningAnswer.objects.filter(question_id="accommodation_tenancy_at_risk").exists()


def test_starting_twice_carries_on_the_same_screening(officer, person):
    first = screening_start(acting_user=officer, person_id=person.pk)
    assert screening_start(acting_user=officer, person_id=person.pk) == first
    assert Screening.objects.count() == 1


def test_submitting_twice_creates_the_needs_once(officer, person):
    screening = screening_start(acting_user=officer, person_id=person.pk)
    answer_all(officer, screening)
    screening_submit(acting_user=officer, screening_id=screening.pk)
    with pytest.raises(ValidationError, match="already|no longer"):
        screening_submit(acting_user=officer, screening_id=screening.pk)
    with pytest.raises(ValidationError, match="no longer be changed"):
        answer_all(officer, screening)
    assert Need.objects.count() == 3 and NeedEvent.objects.count() == 3


def test_only_prison_staff_of_the_persons_prison_screen(officer, person):
    with pytest.raises(ServiceUser.DoesNotExist):
        screening_start(acting_user=UserFactory(role=Role.PRISON_STAFF), person_id=person.pk)
    for role in (Role.PROBATION_PRACTITIONER, Role.PARTNER_CASEWORKER, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):
            screening_start(acting_user=UserFactory(role=role), person_id=person.pk)
    assert Screening.objects.count() == 0


def test_every_step_is_audited_against_the_person(officer, person):
    screening = screening_start(acting_user=officer, person_id=person.pk)
    answer_all(officer, screening)
    screening_submit(acting_user=officer, screening_id=screening.pk)
    summaries = list(Event.objects.filter(person_id=person.pk).order_by("id").values_list("summary", flat=True))
    assert summaries[0].startswith("Started reception screening")
    assert summaries[-1] == "Submitted reception screening: 3 needs identified"
    assert len(summaries) == 2 + len(FINE)


def test_one_reception_screening_per_stay_in_custody(officer, person):
    screening = screening_start(acting_user=officer, person_id=person.pk)
    answer_all(officer, screening)
    screening_submit(acting_user=officer, screening_id=screening.pk)
    with pytest.raises(ValidationError, match="already been submitted for this stay"):
        screening_start(acting_user=officer, person_id=person.pk)
    assert Screening.objects.count() == 1


def test_needs_are_listed_in_the_published_order_of_the_pathways(officer, person):
    screening = screening_start(acting_user=officer, person_id=person.pk)
    answer_all(officer, screening)
    screening_submit(acting_user=officer, screening_id=screening.pk)
    assert [n.pathway for n in need_list_for_person(person=person)] == ["family", "education_work", "health"]
