"""Prison staff refer a person to a partner provider under a contract; the partner it was sent to (and no other)
sees it, accepts it, arranges sessions and records attendance, and closes it with each desired outcome rated;
the referrer sees the outcome on the referral, the person's page and the timeline. Another referral is declined
with a reason, another withdrawn with a coded reason, the same referral form sent twice makes one referral, and a
referral accepted in two tabs is accepted once.
The journeys run with JavaScript and again without it; the pages are checked by axe-core against WCAG 2.2 AA
and screenshotted to var/screenshots/."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from organisations.constants import Pathway
from referrals import services
from referrals.constants import OutcomeRating
from referrals.models import Referral, ReferralSession
from resettlement.models import Need
from tests.browser.conftest import World, check_accessibility, log_in, screenshot
from tests.factories import ContractFactory, ProviderFactory, UserFactory

HOUSING_NEED = "Needs somewhere to live on release"
HEALTH_NEED = "Needs to register with a GP near the release address"
DETAILS = "Alex has nowhere to go on release and wants to live near their children in Testshire."
OUTCOMES = ["A tenancy agreed before release", "Housing benefit claimed from the first week"]
FIRST_SESSION = "First meeting to plan the housing search"
FUTURE_SESSION = "Viewing a flat with the landlord"
SUMMARY = "Alex signed a tenancy on a flat near their children; the benefit claim is made and awaits a decision."
ALREADY_SENT = "This form has already been sent, so nothing was changed the second time. Check the page to see it."

NEED_LABEL = "Which need is it for?"
PATHWAY_LABEL = "Pathway"
CONTRACT_LABEL = "Which service?"
DETAILS_LABEL = "What help does the person need?"
OUTCOMES_LABEL = "What does the person want to come of it?"


# Helpers ------------------------------------------------------------------------------------------------------


def url_ending(path: str) -> re.Pattern[str]:
    return re.compile(re.escape(path) + r"(\?.*)?(#.*)?$")


def long_date(day: datetime.date) -> str:
    """As the pages write dates: 23 November 2026."""
    return f"{day.day} {day:%B %Y}"


def contract_label(contract: Any) -> str:
    """How the referral form offers a contract: provider, title and the pathways it covers."""
    pathways = ", ".join(str(Pathway(p).label) for p in contract.pathways.values_list("pathway", flat=True))
    return f"{contract.provider.name}: {contract.title} ({pathways})"


def switch_user(page: Any, live_server: Any, user: Any) -> None:
    """Another person at the same browser: the last one's session is gone."""
    page.context.clear_cookies()
    log_in(page, live_server, user)


def other_partner(world: World) -> Any:
    """A partner caseworker at another provider, contracted in the same region for another pathway."""
    provider = ProviderFactory(name="Testshire Employment Partnership")
    ContractFactory(
        title="Employment support in Testshire",
        provider=provider,
        region=world.region,
        pathways=[Pathway.EDUCATION_WORK],
    )
    return UserFactory(
        role=Role.PARTNER_CASEWORKER,
        organisation=provider,
        username="nia-partner",
        first_name="Nia",
        last_name="Partner",
    )


def add_needs(person: Any, staff: Any) -> tuple[Need, Need]:
    housing = Need.objects.create(
        person=person, pathway=Pathway.ACCOMMODATION, description=HOUSING_NEED, identified_by=staff
    )
    health = Need.objects.create(person=person, pathway=Pathway.HEALTH, description=HEALTH_NEED, identified_by=staff)
    return housing, health


def send_referral(world: World, person: Any, **overrides: Any) -> Referral:
    """A referral sent through the service (for the tests whose subject is a later step)."""
    arguments = {
        "acting_user": world.users[Role.PRISON_STAFF.value],
        "person_id": person.pk,
        "contract_id": world.contract.pk,
        "pathway": Pathway.ACCOMMODATION,
        "details": "Needs a room on release",
        "desired_outcomes": ["Somewhere to live on the day of release"],
        **overrides,
    }
    return services.referral_send(**arguments)


def banner(page: Any) -> Any:
    return page.locator(".govuk-notification-banner--success")


def status_tag(page: Any) -> Any:
    """The referral's status, under its heading."""
    return page.locator("h1 + p .govuk-tag")


def summary_value(page: Any, key: str) -> Any:
    key_cell = page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$"))
    return page.locator(".govuk-summary-list__row").filter(has=key_cell).locator(".govuk-summary-list__value")


def expect_error_summary(page: Any, errors: list[tuple[str, str]], *, javascript: bool) -> None:
    """The GOV.UK error summary lists exactly these (message, link target) pairs, in order; every target is on
    the page, and the title starts 'Error: '."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    links = summary.get_by_role("link")
    expect(links).to_have_text([message for message, _ in errors])
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [target for _, target in errors]
    for href in set(hrefs):
        expect(page.locator(href)).to_have_count(1)
    expect(page).to_have_title(re.compile(r"^Error: "))
    if javascript:
        expect(summary).to_be_focused()


def fill_referral(
    page: Any, *, need: str | None, pathway: str | None, contract: str, details: str, outcomes: list[str]
) -> None:
    page.get_by_label(NEED_LABEL, exact=True).select_option(label=need or "Not for a recorded need")
    page.get_by_label(PATHWAY_LABEL, exact=True).select_option(label=pathway or "Select a pathway")
    page.get_by_label(CONTRACT_LABEL, exact=True).select_option(label=contract)
    page.get_by_label(DETAILS_LABEL, exact=True).fill(details)
    page.get_by_label(OUTCOMES_LABEL, exact=True).fill("\n".join(outcomes))


def send(page: Any) -> None:
    page.get_by_role("button", name="Send the referral").click()


def save(page: Any) -> None:
    page.get_by_role("button", name="Save").click()


def fill_date(page: Any, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day", exact=True).fill(str(day.day))
    group.get_by_label("Month", exact=True).fill(str(day.month))
    group.get_by_label("Year", exact=True).fill(str(day.year))


def arrange_session(page: Any, *, on: datetime.date, purpose: str, method: str = "In person") -> None:
    page.get_by_role("button", name="Arrange a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrange a session")
    fill_date(page, "Date of the session", on)
    page.get_by_role("group", name="How will it happen?").get_by_label(method, exact=True).check()
    page.get_by_label("What is the session for?", exact=True).fill(purpose)
    page.get_by_role("button", name="Arrange the session").click()


def session_row(page: Any, purpose: str) -> Any:
    return page.get_by_role("table", name="Sessions, in date order").locator("tbody tr").filter(has_text=purpose)


def outcome_row(page: Any, description: str) -> Any:
    table = page.get_by_role("table", name="Desired outcomes and how far each was achieved")
    return table.locator("tbody tr").filter(has_text=description)


def expect_not_found(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 404, f"{url} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def csrf_token(page: Any) -> str:
    return page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")


# The whole journey -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_a_referral_is_sent_accepted_delivered_and_closed_with_its_outcomes(request, live_server, world, page_fixture):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    staff = world.users[Role.PRISON_STAFF.value]
    partner = world.users[Role.PARTNER_CASEWORKER.value]
    stranger = other_partner(world)
    person = world.people_in_custody[0]
    housing, _ = add_needs(person, staff)
    provider = world.provider
    today = timezone.localdate()
    next_week = today + datetime.timedelta(days=7)

    # 1. Prison staff: People -> the person -> Refer to a partner.
    log_in(page, live_server, staff)
    page.goto(f"{live_server.url}/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name=f"{person.family_name}, {person.given_name}").click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/"))
    expect(page.get_by_role("heading", level=2, name="Referrals to partners")).to_be_visible()
    expect(page.get_by_text("No referrals to partners have been made.")).to_be_visible()
    page.get_by_role("button", name="Refer to a partner").click()
    expect(page).to_have_url(url_ending(f"/referrals/new/{person.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer to a partner")
    expect(page.locator(".govuk-caption-l")).to_have_text(f"{person.full_name}, {person.prison_number}")
    services_offered = page.get_by_label(CONTRACT_LABEL, exact=True).locator("option").all_inner_texts()
    assert contract_label(world.contract) in services_offered, services_offered
    assert "Testshire Employment Partnership: Employment support in Testshire (Education, skills and work)" in (
        services_offered
    )

    # Sent empty: every problem listed and linked to its field, and nothing is created.
    send(page)
    expect_error_summary(
        page,
        [
            ("Select the service to refer to", "#id_contract"),
            ("Describe the help the person needs", "#id_details"),
            ("Enter at least one outcome the person wants from this referral", "#id_desired_outcomes"),
        ],
        javascript=javascript,
    )
    expect(page.locator(".govuk-error-message")).to_have_count(3)
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer to a partner")
    assert not Referral.objects.exists()
    screenshot(page, f"referral-new-errors{suffix}")
    if javascript:
        check_accessibility(page, "referral form with errors")

    # A service whose contract does not cover the pathway is refused, and nothing is created.
    fill_referral(
        page,
        need=None,
        pathway="Health",
        contract=contract_label(world.contract),
        details=DETAILS,
        outcomes=OUTCOMES,
    )
    send(page)
    expect_error_summary(
        page,
        [(f"{provider.name} has no contract for health: choose another service", "#id_contract")],
        javascript=javascript,
    )
    # What was typed is kept.
    expect(page.get_by_label(DETAILS_LABEL, exact=True)).to_have_value(DETAILS)
    expect(page.get_by_label(OUTCOMES_LABEL, exact=True)).to_have_value("\n".join(OUTCOMES))
    assert not Referral.objects.exists()
    screenshot(page, f"referral-new-no-contract{suffix}")
    if javascript:
        check_accessibility(page, "referral form refused for the pathway")

    # For the housing need, to the housing partner: sent.
    fill_referral(
        page,
        need=f"Accommodation: {HOUSING_NEED}",
        pathway=None,
        contract=contract_label(world.contract),
        details=DETAILS,
        outcomes=["  " + OUTCOMES[0], "", OUTCOMES[1] + "  "],
    )
    send(page)
    referral = Referral.objects.get()
    expect(page).to_have_url(url_ending(f"/referrals/{referral.pk}/"))
    expect(banner(page)).to_contain_text(f"Referral {referral.reference} sent to {provider.name}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{person.full_name} to {provider.name}")
    expect(status_tag(page)).to_have_text("Sent")
    expect(summary_value(page, "Pathway")).to_have_text("Accommodation")
    expect(summary_value(page, "Need")).to_have_text(HOUSING_NEED)
    expect(summary_value(page, "Service")).to_have_text(f"{world.contract.reference}: {world.contract.title}")
    expect(summary_value(page, "Help needed")).to_have_text(DETAILS)
    expect(summary_value(page, "Sent")).to_have_text(f"{long_date(today)} by {staff.display_name}, {world.prison.name}")
    for outcome in OUTCOMES:
        expect(outcome_row(page, outcome).locator("td").nth(1)).to_have_text("Not yet rated")
    # The referrer neither accepts nor delivers; they may withdraw.
    expect(page.get_by_role("button", name="Accept the referral")).to_have_count(0)
    expect(page.get_by_role("button", name="Arrange a session")).to_have_count(0)
    expect(page.get_by_role("link", name="Withdraw the referral")).to_be_visible()
    assert (referral.provider, referral.pathway, referral.need, referral.sent_by) == (
        provider,
        Pathway.ACCOMMODATION,
        housing,
        staff,
    )
    assert [o.description for o in referral.outcomes.order_by("id")] == OUTCOMES
    screenshot(page, f"referral-sent{suffix}")
    if javascript:
        check_accessibility(page, "referral page, sent")

    # 2. A caseworker at another partner sees none of it.
    switch_user(page, live_server, stranger)
    page.goto(f"{live_server.url}/referrals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals received")
    expect(page.get_by_text("There are no referrals here.")).to_be_visible()
    expect(page.get_by_role("link", name=referral.reference)).to_have_count(0)
    expect_not_found(page, f"{live_server.url}/referrals/{referral.pk}/")
    expect_not_found(page, f"{live_server.url}/referrals/{referral.pk}/decline/")
    expect_not_found(page, f"{live_server.url}/people/{person.pk}/")
    page.goto(f"{live_server.url}/home/")
    refused = page.request.post(
        f"{live_server.url}/referrals/{referral.pk}/accept/",
        form={"csrfmiddlewaretoken": csrf_token(page)},
        max_redirects=0,
    )
    assert refused.status == 404, refused.status
    referral.refresh_from_db()
    assert referral.accepted_at is None

    # 3. The partner it was sent to: Referrals -> the referral.
    switch_user(page, live_server, partner)
    page.goto(f"{live_server.url}/home/")
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation.get_by_role("link", name="Referrals", exact=True)).to_be_visible()
    navigation.get_by_role("link", name="Referrals", exact=True).click()
    expect(page).to_have_url(url_ending("/referrals/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals received")
    rows = page.get_by_role("table", name="1 referral").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td")).to_have_text(
        [referral.reference, person.full_name, world.prison.name, "Accommodation", long_date(today), "Sent"]
    )
    expect(page.get_by_role("link", name="Sent (1)")).to_be_visible()
    screenshot(page, f"referrals-received{suffix}")
    if javascript:
        check_accessibility(page, "referrals received")
    rows.first.get_by_role("link", name=referral.reference).click()
    expect(page).to_have_url(url_ending(f"/referrals/{referral.pk}/"))
    expect(summary_value(page, "Name")).to_have_text(person.full_name)
    expect(summary_value(page, "Where they are")).to_have_text(f"In custody at {world.prison.name}")
    expect(status_tag(page)).to_have_text("Sent")
    expect(page.get_by_text(HEALTH_NEED)).to_have_count(0)
    if javascript:
        check_accessibility(page, "referral page for the partner")

    # The person's page shows the partner no screening, needs or risk.
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    expect(page.get_by_role("heading", name="Plan actions for your organisation")).to_be_visible()
    for heading in ("Reception screening", "Needs", "Risk and public protection", "Resettlement plan"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_have_count(0)
    expect(page.get_by_text(HEALTH_NEED)).to_have_count(0)
    expect(page.get_by_text("Risk of serious harm")).to_have_count(0)
    expect(page.get_by_role("button", name="Refer to a partner")).to_have_count(0)
    expect(page.get_by_role("link", name=referral.reference)).to_be_visible()
    screenshot(page, f"person-for-partner{suffix}")
    page.get_by_role("link", name=referral.reference).click()

    # Accepted.
    page.get_by_role("button", name="Accept the referral").click()
    expect(page).to_have_url(url_ending(f"/referrals/{referral.pk}/"))
    expect(banner(page)).to_contain_text("Referral accepted. Arrange the first session below.")
    expect(status_tag(page)).to_have_text("Accepted")
    expect(page.get_by_text(f"Accepted {long_date(today)} by {partner.display_name}.")).to_be_visible()
    expect(page.get_by_role("button", name="Accept the referral")).to_have_count(0)
    expect(page.get_by_text("No sessions have been arranged.")).to_be_visible()

    # A session today, attended.
    arrange_session(page, on=today, purpose=FIRST_SESSION)
    expect(page).to_have_url(url_ending(f"/referrals/{referral.pk}/"))
    expect(banner(page)).to_contain_text("Session arranged")
    row = session_row(page, FIRST_SESSION)
    expect(row.locator("td")).to_have_text(
        [long_date(today), f"{FIRST_SESSION} (in person)", re.compile(r"^\s*Record attendance\b")]
    )
    expect(status_tag(page)).to_have_text("Accepted")
    row.get_by_role("link", name=f"Record attendance for {FIRST_SESSION} on {long_date(today)}").click()
    expect(page).to_have_url(re.compile(rf"/referrals/{referral.pk}/sessions/\d+/attendance/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record attendance")
    expect(page.locator(".govuk-inset-text")).to_have_text(f"{FIRST_SESSION} – {long_date(today)}, In person")
    screenshot(page, f"referral-attendance{suffix}")
    if javascript:
        check_accessibility(page, "record attendance")
    page.get_by_role("group", name="Did the person come?").get_by_label("Attended", exact=True).check()
    save(page)
    expect(page).to_have_url(url_ending(f"/referrals/{referral.pk}/"))
    expect(banner(page)).to_contain_text("Attendance recorded")
    expect(row.locator(".govuk-tag")).to_have_text("Attended")
    expect(status_tag(page)).to_have_text("In progress")

    # A session next week: its attendance cannot be recorded yet.
    arrange_session(page, on=next_week, purpose=FUTURE_SESSION, method="Video call")
    expect(banner(page)).to_contain_text("Session arranged")
    future = session_row(page, FUTURE_SESSION)
    expect(future.locator("td").nth(1)).to_have_text(f"{FUTURE_SESSION} (video call)")
    future.get_by_role("link", name=re.compile("^Record attendance")).click()
    page.get_by_role("group", name="Did the person come?").get_by_label("Attended", exact=True).check()
    save(page)
    expect_error_summary(
        page,
        [("This session has not happened yet: record attendance on or after its date", "#id_attendance")],
        javascript=javascript,
    )
    assert ReferralSession.objects.get(purpose=FUTURE_SESSION).attendance == ""
    screenshot(page, f"referral-attendance-future{suffix}")
    if javascript:
        check_accessibility(page, "record attendance refused for a future session")
    page.get_by_role("link", name="Back to the referral").click()
    expect(session_row(page, FUTURE_SESSION).get_by_role("link", name=re.compile("^Record attendance"))).to_be_visible()

    # Closed: sent without ratings first, then with each outcome rated.
    page.get_by_role("button", name="Close the referral with its outcomes").click()
    expect(page).to_have_url(url_ending(f"/referrals/{referral.pk}/complete/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Close the referral with its outcomes")
    screenshot(page, f"referral-complete{suffix}")
    if javascript:
        check_accessibility(page, "close the referral")
    page.get_by_label("What did the person do and achieve?", exact=True).fill(SUMMARY)
    page.get_by_role("button", name="Close the referral").click()
    first, second = referral.outcomes.order_by("id")
    expect_error_summary(
        page,
        [
            (f"Select whether “{OUTCOMES[0]}” was achieved", f"#id_outcome_{first.pk}"),
            (f"Select whether “{OUTCOMES[1]}” was achieved", f"#id_outcome_{second.pk}"),
        ],
        javascript=javascript,
    )
    expect(page.get_by_label("What did the person do and achieve?", exact=True)).to_have_value(SUMMARY)
    referral.refresh_from_db()
    assert referral.completed_at is None
    screenshot(page, f"referral-complete-errors{suffix}")
    if javascript:
        check_accessibility(page, "close the referral with errors")
    page.get_by_role("group", name=OUTCOMES[0]).get_by_label("Achieved", exact=True).check()
    page.get_by_role("group", name=OUTCOMES[1]).get_by_label("Partly achieved", exact=True).check()
    page.get_by_role("button", name="Close the referral").click()
    expect(page).to_have_url(url_ending(f"/referrals/{referral.pk}/"))
    expect(banner(page)).to_contain_text("Referral completed and its outcomes recorded")
    expect(status_tag(page)).to_have_text("Completed")
    expect(page.get_by_role("button", name="Arrange a session")).to_have_count(0)
    referral.refresh_from_db()
    assert (referral.completed_by, referral.completion_note) == (partner, SUMMARY)
    assert list(referral.outcomes.order_by("id").values_list("rating", flat=True)) == [
        OutcomeRating.ACHIEVED,
        OutcomeRating.PARTLY,
    ]

    # 4. The prison sees the referral completed, with its outcomes.
    switch_user(page, live_server, staff)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    panel_row = page.get_by_role("table", name="Referrals, newest first").locator("tbody tr")
    expect(panel_row).to_have_count(1)
    expect(panel_row.locator("td")).to_have_text(
        [referral.reference, provider.name, "Accommodation", long_date(today), "Completed"]
    )
    page.get_by_role("link", name=referral.reference).click()
    expect(status_tag(page)).to_have_text("Completed")
    expect(outcome_row(page, OUTCOMES[0]).locator(".govuk-tag")).to_have_text("Achieved")
    expect(outcome_row(page, OUTCOMES[1]).locator(".govuk-tag")).to_have_text("Partly achieved")
    expect(page.locator(".govuk-inset-text", has_text="Completed")).to_have_text(
        f"Completed {long_date(today)} by {partner.display_name}. {SUMMARY}"
    )
    expect(session_row(page, FIRST_SESSION).locator(".govuk-tag")).to_have_text("Attended")
    expect(page.get_by_role("link", name="Withdraw the referral")).to_have_count(0)
    screenshot(page, f"referral-completed{suffix}")
    if javascript:
        check_accessibility(page, "completed referral")

    # The timeline: sent, accepted, attended and completed, newest first, with who did each.
    page.goto(f"{live_server.url}/people/{person.pk}/timeline/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    rows = page.get_by_role("table", name="Timeline, newest first").locator("tbody tr")
    expect(rows.first).to_be_visible()
    shown = [tuple(cell.strip() for cell in rows.nth(i).locator("td").all_inner_texts()) for i in range(rows.count())]
    by_partner = f"{partner.display_name}, {provider.name}"
    expected = [
        (f"Referral completed by {provider.name}: 1 of 2 outcomes achieved, 1 partly", by_partner),
        (f"{provider.name} session on {long_date(today)} ({FIRST_SESSION}): attended", by_partner),
        (f"Referral accepted by {provider.name}", by_partner),
        (
            f"Referred to {provider.name} for accommodation ({referral.reference})",
            f"{staff.display_name}, {world.prison.name}",
        ),
    ]
    about_referral = [(what, who) for _, what, who in shown if provider.name in what]
    assert about_referral == expected, shown
    screenshot(page, f"referral-timeline{suffix}")
    if javascript:
        check_accessibility(page, "timeline with a referral")


# Declined and withdrawn ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_a_referral_is_declined_with_a_reason_and_another_withdrawn_with_a_coded_reason(
    request, live_server, world, page_fixture
):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    staff = world.users[Role.PRISON_STAFF.value]
    partner = world.users[Role.PARTNER_CASEWORKER.value]
    provider = world.provider
    declined = send_referral(world, world.people_in_custody[1])
    withdrawn = send_referral(world, world.people_in_custody[2])
    today = timezone.localdate()

    # The partner declines the second referral, giving a reason.
    log_in(page, live_server, partner)
    page.goto(f"{live_server.url}/referrals/{declined.pk}/")
    page.get_by_role("link", name="Decline the referral").click()
    expect(page).to_have_url(url_ending(f"/referrals/{declined.pk}/decline/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Decline the referral")
    page.get_by_role("button", name="Decline the referral").click()
    expect_error_summary(page, [("Select why you are declining the referral", "#id_reason")], javascript=javascript)
    screenshot(page, f"referral-decline-errors{suffix}")
    if javascript:
        check_accessibility(page, "decline a referral with an error")
    reasons = page.get_by_role("group", name="Why are you declining the referral?")
    reasons.get_by_label("Another reason", exact=True).check()
    page.get_by_role("button", name="Decline the referral").click()
    expect_error_summary(page, [("Enter why you are declining the referral", "#id_note")], javascript=javascript)
    declined.refresh_from_db()
    assert declined.declined_at is None
    reasons = page.get_by_role("group", name="Why are you declining the referral?")
    reasons.get_by_label("No capacity to take the referral", exact=True).check()
    page.get_by_label("Anything the referrer should know", exact=True).fill("Our waiting list is full until spring.")
    page.get_by_role("button", name="Decline the referral").click()
    expect(page).to_have_url(url_ending("/referrals/"))
    expect(banner(page)).to_contain_text("Referral declined. The referrer can see your reason.")
    # A declined referral gives the partner no more sight of the person, nor of the referral's
    # copy of their details (referrals.access, referrals.selectors).
    expect_not_found(page, f"{live_server.url}/people/{world.people_in_custody[1].pk}/")
    expect_not_found(page, f"{live_server.url}/referrals/{declined.pk}/")

    # The prison sees why.
    switch_user(page, live_server, staff)
    page.goto(f"{live_server.url}/referrals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals")
    row = page.locator("tbody tr").filter(has=page.get_by_role("link", name=declined.reference))
    expect(row.locator(".govuk-tag")).to_have_text("Declined")
    if javascript:
        check_accessibility(page, "referrals list for the prison")
    row.get_by_role("link", name=declined.reference).click()
    expect(status_tag(page)).to_have_text("Declined")
    expect(page.locator(".govuk-inset-text")).to_have_text(
        f"Declined {long_date(today)} by {partner.display_name}: No capacity to take the referral. "
        "Our waiting list is full until spring."
    )
    expect(page.get_by_role("link", name="Withdraw the referral")).to_have_count(0)
    screenshot(page, f"referral-declined{suffix}")

    # The prison withdraws the third, choosing a coded reason.
    page.goto(f"{live_server.url}/referrals/{withdrawn.pk}/")
    page.get_by_role("link", name="Withdraw the referral").click()
    expect(page).to_have_url(url_ending(f"/referrals/{withdrawn.pk}/withdraw/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw the referral")
    reasons = page.get_by_role("group", name="Why is the referral being withdrawn?")
    expect(reasons.locator(".govuk-radios__divider")).to_have_count(0)  # labels that read on their own
    expect(reasons.locator(".govuk-radios__item label")).to_have_text(
        [
            "Ineligible referral",
            "Mistaken or duplicate referral",
            "The person did not engage",
            "Needs met elsewhere",
            "The person moved out of the area",
            "Work or caring responsibilities",
            "The person died",
            "Acquitted on appeal",
            "Returned to custody",
            "Sentence revoked or expired",
            "Another reason",
        ]
    )
    screenshot(page, f"referral-withdraw{suffix}")
    if javascript:
        check_accessibility(page, "withdraw a referral")
    page.get_by_role("button", name="Withdraw the referral").click()
    expect_error_summary(page, [("Select why the referral is being withdrawn", "#id_reason")], javascript=javascript)
    if javascript:
        check_accessibility(page, "withdraw a referral with an error")
    withdrawn.refresh_from_db()
    assert withdrawn.withdrawn_at is None
    reasons = page.get_by_role("group", name="Why is the referral being withdrawn?")
    reasons.get_by_label("Needs met elsewhere", exact=True).check()
    page.get_by_role("button", name="Withdraw the referral").click()
    expect(page).to_have_url(url_ending(f"/referrals/{withdrawn.pk}/"))
    expect(banner(page)).to_contain_text("Referral withdrawn")
    expect(status_tag(page)).to_have_text("Withdrawn")
    expect(page.locator(".govuk-inset-text")).to_have_text(
        f"Withdrawn {long_date(today)} by {staff.display_name}: Needs met elsewhere."
    )
    expect(page.get_by_role("link", name="Withdraw the referral")).to_have_count(0)
    withdrawn.refresh_from_db()
    assert (withdrawn.withdrawal_reason, withdrawn.withdrawn_by) == ("needs_met", staff)
    screenshot(page, f"referral-withdrawn{suffix}")

    # The list filters by status.
    page.goto(f"{live_server.url}/referrals/")
    page.get_by_role("link", name="Withdrawn (1)").click()
    expect(page.get_by_role("table", name="1 referral: withdrawn").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name=withdrawn.reference)).to_be_visible()

    # And the timelines say what happened.
    page.goto(f"{live_server.url}/people/{world.people_in_custody[1].pk}/timeline/")
    expect(page.get_by_role("table", name="Timeline, newest first")).to_contain_text(
        f"Referral declined by {provider.name}: No capacity to take the referral"
    )
    page.goto(f"{live_server.url}/people/{world.people_in_custody[2].pk}/timeline/")
    expect(page.get_by_role("table", name="Timeline, newest first")).to_contain_text(
        f"Referral to {provider.name} withdrawn: Needs met elsewhere"
    )


# The same form sent twice -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_the_same_referral_form_sent_twice_makes_one_referral(request, live_server, world, page_fixture):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    staff = world.users[Role.PRISON_STAFF.value]
    person = world.people_in_custody[0]
    form_url = f"{live_server.url}/referrals/new/{person.pk}/"
    log_in(page, live_server, staff)

    page.goto(form_url)
    fill_referral(
        page,
        need=None,
        pathway="Accommodation",
        contract=contract_label(world.contract),
        details=DETAILS,
        outcomes=OUTCOMES,
    )
    submission_id = page.locator("input[name=submission_id]").get_attribute("value")
    assert submission_id
    data = {
        "csrfmiddlewaretoken": csrf_token(page),
        "submission_id": submission_id,
        "need": "",
        "pathway": Pathway.ACCOMMODATION.value,
        "contract": str(world.contract.pk),
        "details": DETAILS,
        "desired_outcomes": "\n".join(OUTCOMES),
    }

    # The form's data reaches the server once (a first click whose page never came back, say)...
    first = page.request.post(form_url, form=data)
    assert first.ok, first.status
    referral = Referral.objects.get()
    assert first.url.endswith(f"/referrals/{referral.pk}/"), first.url

    # ...and the same form is sent again from the page: refused, and nothing more is made.
    send(page)
    expect_error_summary(page, [(ALREADY_SENT, "#main-content")], javascript=javascript)
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer to a partner")
    assert Referral.objects.count() == 1
    screenshot(page, f"referral-sent-twice{suffix}")
    if javascript:
        check_accessibility(page, "referral form sent twice")

    # A third time, as a retried request: still one referral.
    again = page.request.post(form_url, form=data)
    assert again.status == 200, again.status
    assert ALREADY_SENT in again.text()
    assert Referral.objects.count() == 1
    assert list(Referral.objects.values_list("person", "provider", "pathway")) == [
        (person.pk, world.provider.pk, Pathway.ACCOMMODATION.value)
    ]

    # A double click on the button sends one referral.
    other = world.people_in_custody[1]
    page.goto(f"{live_server.url}/referrals/new/{other.pk}/")
    fill_referral(
        page,
        need=None,
        pathway="Accommodation",
        contract=contract_label(world.contract),
        details="Needs a room near the bus station",
        outcomes=["A room on the day of release"],
    )
    page.get_by_role("button", name="Send the referral").dblclick()
    heading = page.get_by_role("heading", level=1)
    if javascript:
        # GOV.UK Frontend's preventDoubleClick: one request, and the referral's page.
        expect(heading).to_have_text(f"{other.full_name} to {world.provider.name}")
    else:
        # Without JavaScript the browser may send both: the second is refused, whichever page is shown.
        expect(heading).to_have_text(re.compile(rf"^({re.escape(other.full_name)} to .*|Refer to a partner)$"))
    assert Referral.objects.filter(person=other).count() == 1


# Accepted in two tabs -----------------------------------------------------------------------------------------


def test_a_referral_accepted_in_another_tab_is_accepted_once_and_the_refusal_is_not_shown_as_a_success(
    page, live_server, world
):
    partner = world.users[Role.PARTNER_CASEWORKER.value]
    referral = send_referral(world, world.people_in_custody[0])
    log_in(page, live_server, partner)
    detail_url = f"{live_server.url}/referrals/{referral.pk}/"
    page.goto(detail_url)
    other_tab = page.context.new_page()
    other_tab.goto(detail_url)

    page.get_by_role("button", name="Accept the referral").click()
    expect(banner(page)).to_contain_text("Referral accepted")
    referral.refresh_from_db()
    accepted_at = referral.accepted_at
    assert accepted_at is not None

    # The other tab still offers to accept it: doing so changes nothing and says why.
    other_tab.get_by_role("button", name="Accept the referral").click()
    expect(other_tab).to_have_url(url_ending(f"/referrals/{referral.pk}/"))
    refusal = other_tab.locator(".govuk-notification-banner", has_text="This referral is accepted")
    expect(refusal).to_contain_text("This referral is accepted, so that cannot be done now")
    expect(status_tag(other_tab)).to_have_text("Accepted")
    referral.refresh_from_db()
    assert (referral.accepted_at, referral.accepted_by) == (accepted_at, partner)
    screenshot(other_tab, "referral-accepted-twice")
    check_accessibility(other_tab, "referral accepted twice")

    # The refusal is an error (messages.error): an "Important" banner read out at once, never a green success.
    expect(refusal).not_to_have_class(re.compile("govuk-notification-banner--success"))
    expect(refusal).to_have_attribute("role", "alert")
