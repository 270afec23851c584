"""Resettlement records for the small demo world, written through the real services (so they are
validated and audited exactly as a member of staff's would be): reception screenings for the
people in the demo prison, the needs they identify, and plans that cover some of those needs."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from accounts.models import User
from people.models import ServiceUser
from resettlement import questionnaire
from resettlement.constants import ActionResult, AnswerStatus
from resettlement.plan_services import (
    need_record_without_action,
    plan_action_add,
    plan_action_record_result,
    risk_assess,
    risk_concern_add,
)
from resettlement.selectors import screening_questionnaire
from resettlement.services import screening_save_section, screening_start, screening_submit

NO_ANSWER_REASONS = ["Interpreter not available at reception", "Too unwell to talk at reception", "Did not want to say"]
ACTION_TEXT = {
    "accommodation": "Refer to the housing advice service",
    "attitudes": "Offer a place on a thinking skills course",
    "family": "Book a family visit and contact the family support worker",
    "drugs_alcohol": "Refer to the substance misuse team",
    "education_work": "Book an interview with the employment adviser",
    "finance_id": "Apply for a birth certificate and open a basic bank account",
    "health": "Register with a GP near the release address",
}


def _answer(rng: random.Random, question: questionnaire.Question) -> tuple[str, str | list[str], str]:
    if question.type == "text":
        return ("", "", "")
    if question.required and rng.random() < 0.05:
        return (rng.choice([AnswerStatus.DECLINED, AnswerStatus.NOT_ABLE_TO_ASK]), "", rng.choice(NO_ANSWER_REASONS))
    return ("", rng.choice(question.options).value, "")


def make_resettlement_records(*, officer: User, rng: random.Random, people: int = 12) -> dict[str, int]:
    counts = {"screenings": 0, "needs": 0, "actions": 0}
    in_custody = (
        ServiceUser.objects.visible_to(officer)
        .filter(custody_episodes__establishment=officer.organisation, custody_episodes__released_on__isnull=True)
        .order_by("pk")[:people]
    )
    for index, person in enumerate(in_custody):
        screening = screening_start(acting_user=officer, person_id=person.pk)
        config = screening_questionnaire(screening=screening)
        for section in config.sections:
            asked: dict[str, tuple[str, str | list[str], str]] = {}
            ask = [
                q
                for q in section.questions
                if not q.show_if_question or q.show_if_question not in {x.id for x in section.questions}
            ]
            while ask:
                asked.update({q.id: _answer(rng, q) for q in ask})
                ask = screening_save_section(
                    acting_user=officer, screening_id=screening.pk, section_id=section.id, raw_answers=asked
                )
        if index % 5 == 4:
            continue  # some screenings are left in progress, as at a busy reception
        needs = screening_submit(acting_user=officer, screening_id=screening.pk)
        counts["screenings"] += 1
        counts["actions"] += _assess_risk(officer=officer, person=person, rng=rng, index=index)
        counts["needs"] += len(needs)
        for number, need in enumerate(needs):
            if index % 3 == 2 and number == len(needs) - 1:
                continue  # an incomplete plan, for the demo to show
            if need.pathway == "attitudes" and rng.random() < 0.5:
                need_record_without_action(
                    acting_user=officer,
                    person_id=person.pk,
                    need_id=need.pk,
                    expected_revision=None,
                    reason="Already on a course in this prison",
                )
                continue
            action = plan_action_add(
                acting_user=officer,
                person_id=person.pk,
                expected_revision=None,
                description=ACTION_TEXT[need.pathway],
                owner_id=officer.organisation_id,
                assignee_id=officer.pk,
                due_on=timezone.localdate() + datetime.timedelta(days=rng.randint(0, 60)),
                need_id=need.pk,
            )
            counts["actions"] += 1
            if rng.random() < 0.3:
                plan_action_record_result(
                    acting_user=officer,
                    person_id=person.pk,
                    action_id=action.pk,
                    expected_revision=None,
                    result=ActionResult.DONE,
                    note="Done at the first appointment",
                )
    return counts


def _assess_risk(*, officer: User, person: ServiceUser, rng: random.Random, index: int) -> int:
    """Most people assessed; a few with MAPPA management and a concern, some concerns left unmitigated.
    Returns how many mitigating actions it added to the plan."""
    if index % 4 == 3:
        return 0  # not yet assessed, as the person page then warns
    # The first is high, so that every demo world, whatever its date and draws, has a risk concern to show.
    level = "high" if index == 0 else rng.choice(["low", "low", "medium", "medium", "high", "very_high"])
    mappa = ("2", "1") if level in ("high", "very_high") else ("", "")
    risk_assess(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        rosh_level=level,
        mappa_category=mappa[0],
        mappa_level=mappa[1],
    )
    if level in ("high", "very_high"):
        concern = risk_concern_add(
            acting_user=officer,
            person_id=person.pk,
            expected_revision=None,
            kind="victim_contact",
            description="Victim contact scheme: the victim has asked to be told of the release date",
        )
        if index % 2 == 0:
            plan_action_add(
                acting_user=officer,
                person_id=person.pk,
                expected_revision=None,
                description="Tell the victim liaison officer the release date and address",
                owner_id=officer.organisation_id,
                assignee_id=officer.pk,
                due_on=timezone.localdate() + datetime.timedelta(days=rng.randint(7, 40)),
                concern_id=concern.pk,
            )
            return 1
    return 0
