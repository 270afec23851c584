"""The ladder arithmetic (lower median, gap, band) and the figures the involvement report uses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from involvement import activity_selectors as selectors
from involvement.tests import helpers_activities as helpers
from involvement.tests.helpers_activities import add_person, days, log_activity, rate
from tests.factories import EstablishmentFactory, ServiceUserFactory, UserFactory

prison, lead, other_lead, admin = helpers.prison, helpers.lead, helpers.other_lead, helpers.admin


def test_the_lower_median_is_a_rung_someone_chose():
    assert selectors.median_rung([]) is None
    assert selectors.median_rung([5]) == 5
    assert selectors.median_rung([2, 6]) == 2
    assert selectors.median_rung([1, 3, 8]) == 3
    assert selectors.median_rung([4, 2, 3, 1]) == 2


@given(st.lists(st.integers(min_value=1, max_value=8), min_size=1, max_size=40))
def test_the_median_is_always_one_of_the_ratings(rungs):
    median = selectors.median_rung(rungs)
    assert median in rungs
    assert sum(r <= median for r in rungs) >= len(rungs) / 2


def test_the_gap_and_its_words():
    assert selectors.rung_gap(staff_rung=6, participant_median=4) == -2
    assert selectors.rung_gap(staff_rung=6, participant_median=None) is None
    assert selectors.gap_in_words(-2) == "Participants rated this 2 rungs lower than staff"
    assert selectors.gap_in_words(-1) == "Participants rated this 1 rung lower than staff"
    assert selectors.gap_in_words(3) == "Participants rated this 3 rungs higher than staff"
    assert selectors.gap_in_words(0) == "Participants rated this the same as staff"
    assert selectors.gap_in_words(None) == "No ratings from participants yet"


def test_bands():
    assert selectors.band_name(2) == "Non-participation"
    assert selectors.band_name(5) == "Tokenism"
    assert selectors.band_name(6) == "Citizen power"
    assert selectors.band_name(None) == ""


def test_the_rating_summary_never_shows_a_single_rating(lead):
    activity = log_activity(lead, staff_rung=6)
    rate(activity, 4, 4, 5, 2)
    summary = selectors.activity_rating_summary(activity=activity)
    assert summary.count == 4
    assert [n for _rung, _label, n in summary.distribution] == [0, 1, 0, 2, 1, 0, 0, 0]
    assert summary.median == 4 and summary.gap == -2
    assert summary.gap_words == "Participants rated this 2 rungs lower than staff"
    assert summary.median_band == "Tokenism"


def test_activity_figures(lead, other_lead):
    first = log_activity(lead, staff_rung=6, held_on=days(-30), other_participants=3)
    rate(first, 4, 4)  # gap -2
    add_person(lead, first)
    second = log_activity(lead, staff_rung=2, held_on=days(-10), other_participants=0)
    rate(second, 3)  # gap +1
    add_person(lead, second)
    add_person(lead, second)
    helpers.services.activity_feedback_record(
        acting_user=lead, activity_id=second.pk, fed_back="We changed the rota", fed_back_on=days(-1)
    )
    log_activity(lead, staff_rung=8, held_on=days(-5), other_participants=1)  # not rated
    log_activity(other_lead, staff_rung=1)
    figures = selectors.activity_figures(organisation_ids=[lead.organisation_id])
    assert figures.activities == 3
    assert figures.by_rung == {1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 6: 1, 7: 0, 8: 1}
    assert figures.by_band == {"non_participation": 1, "tokenism": 0, "citizen_power": 2}
    assert figures.with_participant_ratings == 2
    assert figures.mean_gap == -0.5
    assert figures.fed_back == 1
    assert figures.participants_named == 3
    assert figures.participants_other == 4
    between = selectors.activity_figures(organisation_ids=[lead.organisation_id], start=days(-20), end=days(-6))
    assert between.activities == 1 and between.mean_gap == 1.0
    assert selectors.activity_figures().activities == 4
    empty = selectors.activity_figures(organisation_ids=[], contract_ids=None)
    assert empty.activities == 0 and empty.mean_gap is None and sum(empty.by_rung.values()) == 0


def test_activity_figures_by_contract(lead, prison):
    from tests.factories import ContractFactory, ProviderFactory

    contract = ContractFactory(provider=ProviderFactory(), region=prison.region)
    log_activity(lead, contract_id=contract.pk)
    log_activity(lead)
    assert selectors.activity_figures(contract_ids=[contract.pk]).activities == 1


def test_guidance_for_a_kind_is_filtered_in_python(db):
    from involvement.models import GuidancePage

    GuidancePage.objects.create(
        slug="focus", title="Running a focus group", summary="s", body="b", for_kinds=["focus_group"]
    )
    GuidancePage.objects.create(slug="all", title="Paying people", summary="s", body="b", for_kinds=[])
    slugs = [p.slug for p in selectors.guidance_for_kind(kind="focus_group")]
    assert "focus" in slugs and "all" not in slugs


def test_roles_current_and_ended(lead):
    """A role is current until its end date has passed; another organisation's roles are not listed."""
    other = UserFactory(role="involvement_lead", organisation=EstablishmentFactory())
    someone = ServiceUserFactory()
    current = helpers.services.role_add(
        acting_user=lead,
        organisation_id=None,
        identifier=someone.prison_number,
        title="Mentor",
        kind="volunteer",
        starts_on=days(-10),
        ends_on=days(10),
    )
    ended = helpers.services.role_add(
        acting_user=lead,
        organisation_id=None,
        identifier=someone.prison_number,
        title="Adviser",
        kind="volunteer",
        starts_on=days(-10),
        ends_on=days(-1),
    )
    helpers.services.role_add(
        acting_user=other,
        organisation_id=None,
        identifier=someone.prison_number,
        title="Elsewhere",
        kind="volunteer",
        starts_on=days(-10),
    )
    now, before = selectors.role_lists(organisation_id=lead.organisation_id, today=days(0))
    assert now == [current] and before == [ended]
