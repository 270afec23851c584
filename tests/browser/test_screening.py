"""Prison staff screen a person on reception: seven sections one page at a time, a follow-up question that
an answer makes apply, a question not asked with the reason why, errors that save nothing, a check page with
Change links, and submission that turns answers into needs on the person's page. The journey runs with
JavaScript and again without it (GOV.UK Service Manual, progressive enhancement); the pages are checked by
axe-core against WCAG 2.2 AA and screenshotted to var/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from accounts.constants import Role
from resettlement import services
from resettlement.constants import AnswerStatus, NeedStatus
from resettlement.models import Need, NeedEvent, Screening, ScreeningAnswer
from tests.browser.conftest import World, check_accessibility, log_in, screenshot

ANSWERED = AnswerStatus.ANSWERED.value
NOT_ABLE_TO_ASK = AnswerStatus.NOT_ABLE_TO_ASK.value

# The questions, as the person on the page reads them.
LIVING_BEFORE = "Where were they living before they came into custody?"
HOME_AT_RISK = "Is their home at risk while they are in custody (rent, mortgage or tenancy)?"
THINKING_HELP = "Do they want help to change the way they think about or deal with problems?"
CARING = "Were they caring for children or anyone else before coming into custody?"
DEPENDANTS_LOOKED_AFTER = "Is someone looking after the people they care for now?"
FAMILY_CONTACT = "Do they want help to keep in touch with family?"
DRUGS_ALCOHOL = "Have drugs or alcohol caused them problems in the last 12 months?"
DRUGS_TREATMENT = "Do they want treatment or support for drugs or alcohol?"
WORK_BEFORE = "Were they in work, education or training before coming into custody?"
JOB_TO_RETURN = "Do they have a job to go back to on release?"
PHOTO_ID = "Do they have photo ID (passport or driving licence) they can use on release?"
BANK_ACCOUNT = "Do they have a bank account?"
DEBTS = "Do they have debts they are worried about?"
GP = "Were they registered with a GP before coming into custody?"
MENTAL_HEALTH = "Do they want support with their mental health?"
HEALTH_NOTES = "Anything else about their health the team should know (optional)"

# Each required question's own error message (from the questionnaire's configuration).
REQUIRED = {
    "finance_id_documents": "Select whether they have photo ID they can use on release",
    "finance_bank_account": "Select whether they have a bank account",
    "finance_debts": "Select whether they have debts they are worried about",
}
REASON_REQUIRED = "Say why this question was not answered"
REASON_LABEL = "If they declined or you were not able to ask, say why"
CHECK_HEADING = "Check the screening before you submit it"
NOT_ABLE_REASON = "Too unwell to talk at reception; the nurse saw them first"
HEALTH_NOTE = "Uses an inhaler for asthma"

SECTIONS = [
    ("accommodation", "Accommodation"),
    ("attitudes", "Attitudes, thinking and behaviour"),
    ("family", "Children, families and communities"),
    ("drugs_alcohol", "Drugs and alcohol"),
    ("education_work", "Education, skills and work"),
    ("finance_id", "Finance and ID"),
    ("health", "Health"),
]

# Every section answered (status, value, reason), as the services take them: for the tests whose subject is
# not the section pages.
A = ANSWERED
ALL_ANSWERED: dict[str, dict[str, tuple[str, str, str]]] = {
    "accommodation": {"accommodation_before": (A, "homeless", "")},
    "attitudes": {"attitudes_support_wanted": (A, "no", "")},
    "family": {"family_dependants": (A, "no", ""), "family_contact_wanted": (A, "no", "")},
    "drugs_alcohol": {"drugs_alcohol_problem": (A, "no", "")},
    "education_work": {"work_before": (A, "no", "")},
    "finance_id": {
        "finance_id_documents": (A, "yes", ""),
        "finance_bank_account": (A, "yes", ""),
        "finance_debts": (A, "no", ""),
    },
    "health": {
        "health_gp_registered": (A, "yes", ""),
        "health_mental_health_support": (A, "no", ""),
        "health_notes": ("", "", ""),
    },
}


# Helpers ------------------------------------------------------------------------------------------------------


def screening_url(person: Any, screening: Screening, section_id: str | None = None) -> str:
    url = f"/people/{person.pk}/screening/{screening.pk}/"
    return f"{url}{section_id}/" if section_id else url


def url_ending(path: str, query: str = "") -> re.Pattern[str]:
    return re.compile(re.escape(path) + (re.escape(query) if query else "") + r"(#.*)?$")


def question(page: Any, text: str) -> Any:
    """A single-choice question: a fieldset whose legend is the question."""
    return page.get_by_role("group", name=text, exact=True)


def choose(page: Any, text: str, label: str) -> None:
    question(page, text).get_by_label(label, exact=True).check()


def reason_box(page: Any, question_id: str) -> Any:
    # Each reason box's label names its question (visually hidden); the id finds it directly.
    return page.locator(f"#id_{question_id}__reason")


def save_and_continue(page: Any) -> None:
    page.get_by_role("button", name="Save and continue").click()


def expect_section(page: Any, person: Any, screening: Screening, section_id: str, query: str = "") -> None:
    ids = [s[0] for s in SECTIONS]
    title = dict(SECTIONS)[section_id]
    expect(page).to_have_url(url_ending(screening_url(person, screening, section_id), query))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".govuk-caption-l")).to_have_text(
        f"Reception screening for {person.full_name}, section {ids.index(section_id) + 1} of {len(SECTIONS)}"
    )
    expect(page).to_have_title(re.compile(rf"^(Error: )?{re.escape(title)} – Reception screening"))


def expect_check_page(page: Any, person: Any, screening: Screening) -> None:
    expect(page).to_have_url(url_ending(screening_url(person, screening)))
    expect(page.get_by_role("heading", level=1)).to_have_text(CHECK_HEADING)


def expect_error_summary(page: Any, errors: list[tuple[str, str | None]], *, javascript: bool) -> None:
    """The GOV.UK error summary lists exactly these (message, link target) pairs, in this order (a target of
    None: any); every link leads to something on the page, and the page title starts 'Error: '."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    links = summary.get_by_role("link")
    expect(links).to_have_text([message for message, _ in errors])
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert [href if target is None else target for href, (_, target) in zip(hrefs, errors, strict=True)] == hrefs
    for href in set(hrefs):
        expect(page.locator(href)).to_have_count(1)
    expect(page).to_have_title(re.compile(r"^Error: "))
    if javascript:
        # GOV.UK Frontend moves the focus to the summary, so a screen reader announces it first.
        expect(summary).to_be_focused()


def answer_row(page: Any, text: str) -> Any:
    """The row of the check-answers summary list for one question."""
    key = page.locator(".govuk-summary-list__key").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    return page.locator(".govuk-summary-list__row").filter(has=key)


def expect_answer(page: Any, text: str, answer: str) -> None:
    expect(answer_row(page, text).locator(".govuk-summary-list__value")).to_have_text(answer)


def stored_answers(screening: Screening) -> dict[str, tuple[str, Any, str]]:
    return {a.question_id: (a.status, a.value, a.reason) for a in ScreeningAnswer.objects.filter(screening=screening)}


def start_screening(world: World, person: Any, sections: list[str]) -> Screening:
    """A screening started by the prison's member of staff, with these sections answered, through the
    services (for the tests whose subject is a later page)."""
    staff = world.users[Role.PRISON_STAFF.value]
    screening = services.screening_start(acting_user=staff, person_id=person.pk)
    for section_id in sections:
        services.screening_save_section(
            acting_user=staff, screening_id=screening.pk, section_id=section_id, raw_answers=ALL_ANSWERED[section_id]
        )
    return screening


# The whole journey -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_prison_staff_screen_a_person_on_reception(request, live_server, world, page_fixture):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    staff = world.users[Role.PRISON_STAFF.value]
    person = world.people_in_custody[0]
    assert person.custody_episodes.get().establishment == staff.organisation == world.prison
    log_in(page, live_server, staff)

    # The person's page offers the screening to staff of the prison holding them.
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    expect(page.get_by_text("No reception screening has been recorded.")).to_be_visible()
    expect(page.get_by_text("No needs have been identified yet.")).to_be_visible()
    page.get_by_role("button", name="Start reception screening").click()

    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/screening/\d+/accommodation/$"))
    screening = Screening.objects.get(person=person)
    assert (screening.started_by, screening.submitted_at, screening.questionnaire_version) == (staff, None, 1)
    assert screening.custody_episode == person.custody_episodes.get()

    # 1. Accommodation: the follow-up is asked only once "their own home" is chosen, on the same page.
    expect_section(page, person, screening, "accommodation")
    expect(question(page, LIVING_BEFORE)).to_be_visible()
    expect(question(page, HOME_AT_RISK)).to_have_count(0)
    expect(page.get_by_role("link", name="Back to Alex Ashdown")).to_have_attribute("href", f"/people/{person.pk}/")
    choose(page, LIVING_BEFORE, "Their own home or a family home")
    save_and_continue(page)
    expect(question(page, HOME_AT_RISK)).to_be_visible()
    expect_section(page, person, screening, "accommodation")
    expect(question(page, LIVING_BEFORE).get_by_label("Their own home or a family home", exact=True)).to_be_checked()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert stored_answers(screening) == {"accommodation_before": (ANSWERED, "settled", "")}
    screenshot(page, f"screening-section{suffix}")
    if javascript:
        check_accessibility(page, "screening section")
    choose(page, HOME_AT_RISK, "Yes")
    save_and_continue(page)

    # 2. Attitudes: not able to ask. A reason is required; with none, the error says so and nothing is saved.
    expect_section(page, person, screening, "attitudes")
    choose(page, THINKING_HELP, "Not able to ask")
    save_and_continue(page)
    # (Where the error is shown and linked to is test_a_missing_reason_is_shown_at_the_reason_box's subject.)
    expect_error_summary(page, [(REASON_REQUIRED, None)], javascript=javascript)
    expect_section(page, person, screening, "attitudes")
    expect(page.locator(".govuk-error-message")).to_have_text([f"Error: {REASON_REQUIRED}"])
    expect(question(page, THINKING_HELP).get_by_label("Not able to ask", exact=True)).to_be_checked()
    assert set(stored_answers(screening)) == {"accommodation_before", "accommodation_tenancy_at_risk"}
    expect(reason_box(page, "attitudes_support_wanted")).to_have_accessible_name(
        re.compile(rf"^{re.escape(REASON_LABEL)}\s*: {re.escape(THINKING_HELP)}")
    )
    reason_box(page, "attitudes_support_wanted").fill(NOT_ABLE_REASON)
    save_and_continue(page)

    # 3. Children, families and communities: the follow-up about dependants is not asked when they had none.
    expect_section(page, person, screening, "family")
    expect(question(page, DEPENDANTS_LOOKED_AFTER)).to_have_count(0)
    choose(page, CARING, "No")
    choose(page, FAMILY_CONTACT, "Yes")
    save_and_continue(page)

    # 4. Drugs and alcohol.
    expect_section(page, person, screening, "drugs_alcohol")
    expect(question(page, DRUGS_TREATMENT)).to_have_count(0)
    choose(page, DRUGS_ALCOHOL, "No")
    save_and_continue(page)

    # 5. Education, skills and work.
    expect_section(page, person, screening, "education_work")
    choose(page, WORK_BEFORE, "No")
    save_and_continue(page)

    # 6. Finance and ID, first sent empty: every question's error is listed, each linked to its question, and
    # nothing is saved; then with one answer of three: still nothing saved, and the answer given is kept.
    expect_section(page, person, screening, "finance_id")
    answers_before = ScreeningAnswer.objects.filter(screening=screening).count()
    assert answers_before == 7
    save_and_continue(page)
    expect_error_summary(
        page,
        [
            (REQUIRED["finance_id_documents"], "#id_finance_id_documents"),
            (REQUIRED["finance_bank_account"], "#id_finance_bank_account"),
            (REQUIRED["finance_debts"], "#id_finance_debts"),
        ],
        javascript=javascript,
    )
    expect_section(page, person, screening, "finance_id")
    for text, question_id in (
        (PHOTO_ID, "finance_id_documents"),
        (BANK_ACCOUNT, "finance_bank_account"),
        (DEBTS, "finance_debts"),
    ):
        expect(question(page, text).locator(".govuk-error-message")).to_have_text(f"Error: {REQUIRED[question_id]}")
    expect(page.locator(".govuk-error-message")).to_have_count(3)
    assert ScreeningAnswer.objects.filter(screening=screening).count() == answers_before
    screenshot(page, f"screening-section-errors{suffix}")
    if javascript:
        check_accessibility(page, "screening section with errors")
        # Following a link in the summary moves the focus to its question.
        page.locator(".govuk-error-summary").get_by_role("link").nth(1).click()
        expect(question(page, BANK_ACCOUNT).get_by_label("Yes", exact=True)).to_be_focused()

    choose(page, BANK_ACCOUNT, "Yes")
    save_and_continue(page)
    expect_error_summary(
        page,
        [
            (REQUIRED["finance_id_documents"], "#id_finance_id_documents"),
            (REQUIRED["finance_debts"], "#id_finance_debts"),
        ],
        javascript=javascript,
    )
    expect(question(page, BANK_ACCOUNT).get_by_label("Yes", exact=True)).to_be_checked()
    expect(question(page, BANK_ACCOUNT).locator(".govuk-error-message")).to_have_count(0)
    assert ScreeningAnswer.objects.filter(screening=screening).count() == answers_before
    choose(page, PHOTO_ID, "No")
    choose(page, DEBTS, "No")
    save_and_continue(page)

    # 7. Health, with the optional free-text question answered.
    expect_section(page, person, screening, "health")
    choose(page, GP, "Yes")
    choose(page, MENTAL_HEALTH, "No")
    page.get_by_label(HEALTH_NOTES, exact=True).fill(HEALTH_NOTE)
    save_and_continue(page)

    # Check the answers: everything answered, the reason shown for the question not asked.
    expect_check_page(page, person, screening)
    expect(page.get_by_text("Not answered", exact=True)).to_have_count(0)
    expect(page.locator("#missing")).to_have_count(0)
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text([title for _, title in SECTIONS])
    expect_answer(page, LIVING_BEFORE, "Their own home or a family home")
    expect_answer(page, HOME_AT_RISK, "Yes")
    expect_answer(page, THINKING_HELP, f"Not able to ask: {NOT_ABLE_REASON}")
    expect_answer(page, PHOTO_ID, "No")
    expect_answer(page, BANK_ACCOUNT, "Yes")
    expect_answer(page, HEALTH_NOTES, HEALTH_NOTE)
    expect(answer_row(page, DEPENDANTS_LOOKED_AFTER)).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile(r"^Change "))).to_have_count(13)
    screenshot(page, f"screening-check{suffix}")
    if javascript:
        check_accessibility(page, "check page, every question answered")

    # A Change link opens the right section with the answers given, and saving returns to the check page.
    page.get_by_role("link", name=f"Change {BANK_ACCOUNT}", exact=True).click()
    expect_section(page, person, screening, "finance_id", query="?then=check")
    expect(question(page, BANK_ACCOUNT).get_by_label("Yes", exact=True)).to_be_checked()
    expect(question(page, PHOTO_ID).get_by_label("No", exact=True)).to_be_checked()
    choose(page, BANK_ACCOUNT, "No")
    save_and_continue(page)
    expect_check_page(page, person, screening)
    expect_answer(page, BANK_ACCOUNT, "No")
    assert stored_answers(screening)["finance_bank_account"] == (ANSWERED, "no", "")

    # Submit: back on the person's page, with the needs the answers identify, none started yet.
    assert not Need.objects.filter(person=person).exists()
    page.get_by_role("button", name="Submit screening").click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Screening submitted: 5 needs identified"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    needs_table = page.get_by_role("table", name="Needs identified, by resettlement pathway")
    expected_needs = [
        ("Accommodation", "Home at risk while in custody: protect the tenancy or mortgage"),
        ("Children, families and communities", "Wants help to keep in touch with family"),
        ("Education, skills and work", "Needs help into work, education or training on release"),
        ("Finance and ID", "Needs photo ID before release"),
        ("Finance and ID", "Needs a bank account before release"),
    ]
    rows = needs_table.locator("tbody tr")
    expect(rows).to_have_count(len(expected_needs))
    # Pathway, Need, Status, Identified (later columns, such as actions, are not this test's subject).
    expect(needs_table.locator("thead th").nth(2)).to_have_text("Status")
    shown = [[cell.strip() for cell in rows.nth(i).locator("td").all_inner_texts()[:4]] for i in range(rows.count())]
    assert sorted((pathway, need) for pathway, need, _, _ in shown) == sorted(expected_needs), shown
    assert {status for _, _, status, _ in shown} == {"Not started"}, shown
    assert all(identified.endswith(", Priya Tester") for _, _, _, identified in shown), shown
    submitted_link = page.get_by_role("link", name=re.compile(r"^Screening submitted .* by Priya Tester$"))
    expect(submitted_link).to_have_count(1)
    screenshot(page, f"person-needs{suffix}")
    if javascript:
        check_accessibility(page, "person page with needs")

    # What was stored.
    screening.refresh_from_db()
    assert screening.submitted_by == staff
    assert screening.submitted_at is not None
    assert stored_answers(screening) == {
        "accommodation_before": (ANSWERED, "settled", ""),
        "accommodation_tenancy_at_risk": (ANSWERED, "yes", ""),
        "attitudes_support_wanted": (NOT_ABLE_TO_ASK, "", NOT_ABLE_REASON),
        "family_dependants": (ANSWERED, "no", ""),
        "family_contact_wanted": (ANSWERED, "yes", ""),
        "drugs_alcohol_problem": (ANSWERED, "no", ""),
        "work_before": (ANSWERED, "no", ""),
        "finance_id_documents": (ANSWERED, "no", ""),
        "finance_bank_account": (ANSWERED, "no", ""),
        "finance_debts": (ANSWERED, "no", ""),
        "health_gp_registered": (ANSWERED, "yes", ""),
        "health_mental_health_support": (ANSWERED, "no", ""),
        "health_notes": (ANSWERED, HEALTH_NOTE, ""),
    }
    assert set(ScreeningAnswer.objects.filter(screening=screening).values_list("answered_by", flat=True)) == {staff.pk}
    needs = Need.objects.filter(person=person)
    assert sorted((n.pathway, n.question_id, n.description) for n in needs) == [
        ("accommodation", "accommodation_tenancy_at_risk", expected_needs[0][1]),
        ("education_work", "work_before", expected_needs[2][1]),
        ("family", "family_contact_wanted", expected_needs[1][1]),
        ("finance_id", "finance_bank_account", expected_needs[4][1]),
        ("finance_id", "finance_id_documents", expected_needs[3][1]),
    ]
    for need in needs:
        assert (need.screening, need.identified_by, need.identified_at) == (screening, staff, screening.submitted_at)
        assert list(NeedEvent.objects.filter(need=need).values_list("status", "recorded_by")) == [
            (NeedStatus.NOT_STARTED, staff.pk)
        ]

    # The submitted screening reads as it was submitted, and can no longer be changed.
    submitted_link.click()
    expect(page).to_have_url(url_ending(screening_url(person, screening)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reception screening")
    expect(page.get_by_text(re.compile(r"^\s*Submitted .* by Priya Tester\."))).to_be_visible()
    expect_answer(page, THINKING_HELP, f"Not able to ask: {NOT_ABLE_REASON}")
    expect_answer(page, BANK_ACCOUNT, "No")
    expect(page.get_by_role("link", name=re.compile(r"^Change"))).to_have_count(0)
    expect(page.get_by_role("button", name="Submit screening")).to_have_count(0)
    screenshot(page, f"screening-submitted{suffix}")
    if javascript:
        check_accessibility(page, "submitted screening")
    page.goto(live_server.url + screening_url(person, screening, "health"))
    expect(page).to_have_url(url_ending(screening_url(person, screening)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reception screening")


# Submitting too soon -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_an_incomplete_screening_cannot_be_submitted(request, live_server, world, page_fixture):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    person = world.people_in_custody[1]
    screening = start_screening(world, person, ["accommodation", "attitudes", "drugs_alcohol"])
    answers_before = stored_answers(screening)
    log_in(page, live_server, world.users[Role.PRISON_STAFF.value])

    # The person's page shows the screening in progress and leads to its check page.
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(
        page.get_by_text(re.compile(r"^\s*Screening started .* by Priya Tester, not yet submitted\."))
    ).to_be_visible()
    expect(page.get_by_role("button", name="Start reception screening")).to_have_count(0)
    page.get_by_role("link", name="Continue the screening").click()
    expect_check_page(page, person, screening)

    missing = [CARING, FAMILY_CONTACT, WORK_BEFORE, PHOTO_ID, BANK_ACCOUNT, DEBTS, GP, MENTAL_HEALTH]
    expect(page.locator("#missing")).to_contain_text(
        "8 questions still need an answer, or a reason why they have none."
    )
    expect_answer(page, LIVING_BEFORE, "No fixed address or rough sleeping")
    expect_answer(page, THINKING_HELP, "No")
    expect_answer(page, HEALTH_NOTES, "No answer (optional)")
    for text in missing:
        expect(answer_row(page, text).locator(".govuk-summary-list__value")).to_contain_text("Not answered")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    if javascript:
        check_accessibility(page, "check page with missing answers")

    page.get_by_role("button", name="Submit screening").click()
    expect_error_summary(
        page,
        [(f"Answer “{text}”, or say why it was not answered", "#missing") for text in missing],
        javascript=javascript,
    )
    expect_check_page(page, person, screening)
    expect(page).to_have_title(re.compile(r"^Error: Reception screening"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The screening cannot be submitted until every question is answered, or you have said why it was not answered."
    )
    expect(page.locator("#missing")).to_contain_text("8 questions still need an answer")
    expect(page.get_by_role("button", name="Submit screening")).to_be_visible()
    screenshot(page, f"screening-check-errors{suffix}")
    if javascript:
        check_accessibility(page, "check page after a submit error")

    # Nothing was submitted, no need was made, no answer changed.
    screening.refresh_from_db()
    assert (screening.submitted_at, screening.submitted_by) == (None, None)
    assert not Need.objects.filter(person=person).exists()
    assert stored_answers(screening) == answers_before

    # Each unanswered question is marked with a red "Not answered" tag.
    red_tags = page.locator(".govuk-summary-list__value .govuk-tag--red")
    expect(red_tags).to_have_text(["Not answered"] * len(missing))
    for text in missing:
        expect(answer_row(page, text).locator(".govuk-tag--red")).to_have_text("Not answered")


# Problems found while writing these tests, fixed, and kept as tests so they stay fixed ---------------------


def test_change_that_asks_a_follow_up_returns_to_the_check_page(page, live_server, world):
    """From the check page, an answer that makes a follow-up apply is asked on the same page; after that,
    'Save and continue' should return to the check page as every other Change does."""
    person = world.people_in_custody[2]
    screening = start_screening(world, person, [s for s, _ in SECTIONS])
    log_in(page, live_server, world.users[Role.PRISON_STAFF.value])
    page.goto(live_server.url + screening_url(person, screening))

    page.get_by_role("link", name=f"Change {WORK_BEFORE}", exact=True).click()
    expect_section(page, person, screening, "education_work", query="?then=check")
    choose(page, WORK_BEFORE, "Yes")
    save_and_continue(page)
    expect(question(page, JOB_TO_RETURN)).to_be_visible()
    choose(page, JOB_TO_RETURN, "Yes")
    save_and_continue(page)
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Education, skills and work")
    assert stored_answers(screening)["work_job_to_return"] == (ANSWERED, "yes", "")
    expect_check_page(page, person, screening)


def test_a_missing_reason_is_shown_at_the_reason_box(page, live_server, world):
    """'Say why this question was not answered' is about the reason box: GOV.UK's pattern, and WCAG 3.3.1,
    put the error on the field to fix and link the summary to it."""
    person = world.people_in_custody[2]
    screening = start_screening(world, person, ["accommodation"])
    log_in(page, live_server, world.users[Role.PRISON_STAFF.value])
    page.goto(live_server.url + screening_url(person, screening, "attitudes"))
    choose(page, THINKING_HELP, "Declined to answer")
    save_and_continue(page)

    link = page.locator(".govuk-error-summary").get_by_role("link", name=REASON_REQUIRED)
    expect(link).to_have_count(1)
    box = reason_box(page, "attitudes_support_wanted")
    expect(link).to_have_attribute("href", "#id_attitudes_support_wanted__reason")
    expect(box).to_have_class(re.compile(r"\bgovuk-input--error\b"))


def test_each_reason_box_is_labelled_by_its_question(page, live_server, world):
    """On a section with several questions, every 'say why' box has the same label and stands outside its
    question's fieldset, so someone moving through the form fields with a screen reader cannot tell which
    question a box belongs to (WCAG 1.3.1 Info and relationships, 2.4.6 Headings and labels). axe does not
    detect this."""
    person = world.people_in_custody[2]
    screening = start_screening(world, person, [])
    log_in(page, live_server, world.users[Role.PRISON_STAFF.value])
    page.goto(live_server.url + screening_url(person, screening, "finance_id"))

    boxes = page.locator("input[id$='__reason']")  # visible or not: a conditional reveal hides them
    expect(boxes).to_have_count(3)
    grouped = [
        question(page, text).locator("input[id$='__reason']").count() for text in (PHOTO_ID, BANK_ACCOUNT, DEBTS)
    ]
    names = {boxes.nth(i).evaluate("e => e.labels[0].textContent.trim()") for i in range(3)}
    assert len(names) == len(grouped), names  # every box is named by its own question
