"""The through-the-gate rules (mentoring.selectors), each alone, on dates."""

import datetime

from mentoring.selectors import (
    contact_flags,
    due_for_release_without_mentor,
    no_contact_since_release,
    no_recent_contact,
)

TODAY = datetime.date(2026, 6, 1)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def test_due_for_release_within_12_weeks_without_a_mentor_is_flagged():
    flag = due_for_release_without_mentor
    assert flag(in_custody=True, expected_release_on=days(84), has_active_mentoring=False, today=TODAY)
    assert flag(in_custody=True, expected_release_on=days(1), has_active_mentoring=False, today=TODAY)
    # Past the expected date and still held: still due, still flagged.
    assert flag(in_custody=True, expected_release_on=days(-3), has_active_mentoring=False, today=TODAY)


def test_release_further_off_a_mentor_in_place_or_no_date_is_not_flagged():
    flag = due_for_release_without_mentor
    assert not flag(in_custody=True, expected_release_on=days(85), has_active_mentoring=False, today=TODAY)
    assert not flag(in_custody=True, expected_release_on=days(10), has_active_mentoring=True, today=TODAY)
    assert not flag(in_custody=True, expected_release_on=None, has_active_mentoring=False, today=TODAY)
    assert not flag(in_custody=False, expected_release_on=days(10), has_active_mentoring=False, today=TODAY)


def test_mentoring_begun_in_custody_with_no_contact_in_the_4_weeks_since_release_is_flagged():
    common = {"started_on": days(-100), "ended_on": None, "today": TODAY}
    assert no_contact_since_release(released_on=days(-28), last_contact_on=None, **common)
    assert no_contact_since_release(released_on=days(-40), last_contact_on=days(-41), **common)  # before release


def test_a_contact_since_release_or_less_than_4_weeks_passed_is_not_flagged():
    common = {"started_on": days(-100), "ended_on": None, "today": TODAY}
    assert not no_contact_since_release(released_on=days(-27), last_contact_on=None, **common)
    assert not no_contact_since_release(released_on=days(-40), last_contact_on=days(-40), **common)  # at the gate
    assert not no_contact_since_release(released_on=None, last_contact_on=None, **common)


def test_mentoring_ended_or_begun_after_release_is_not_a_gate_failure():
    assert not no_contact_since_release(
        released_on=days(-40), started_on=days(-100), ended_on=days(-30), last_contact_on=None, today=TODAY
    )
    assert not no_contact_since_release(
        released_on=days(-40), started_on=days(-39), ended_on=None, last_contact_on=None, today=TODAY
    )


def test_no_contact_for_4_weeks_counts_from_the_last_contact_or_the_start():
    assert no_recent_contact(started_on=days(-60), ended_on=None, last_contact_on=days(-28), today=TODAY)
    assert not no_recent_contact(started_on=days(-60), ended_on=None, last_contact_on=days(-27), today=TODAY)
    assert no_recent_contact(started_on=days(-28), ended_on=None, last_contact_on=None, today=TODAY)
    assert not no_recent_contact(started_on=days(-27), ended_on=None, last_contact_on=None, today=TODAY)
    assert not no_recent_contact(started_on=days(-90), ended_on=days(-1), last_contact_on=None, today=TODAY)


def test_a_gate_failure_is_shown_rather_than_the_general_4_week_flag():
    args = {"started_on": days(-100), "ended_on": None, "last_contact_on": None, "today": TODAY}
    assert contact_flags(released_on=days(-30), **args) == ["no_contact_since_release"]
    assert contact_flags(released_on=None, **args) == ["no_recent_contact"]
    assert contact_flags(released_on=None, **{**args, "last_contact_on": days(-1)}) == []
