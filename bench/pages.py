"""Page benchmarks: each page's median time as a ratio to the service's simplest page, measured in
the same run on the same data, and each page's query count against the same page for a caseload
of one (the count must not grow with the caseload: no N+1)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.constants import Role
from accounts.models import User
from bench.measure import Result, bound_result, count_queries, paired_median_seconds, ratio_result
from people.models import ProbationCase, ServiceUser

# ENGINEERING.md / issue 3: pages render in under 3x the time of the simplest page.
PAGE_TARGET = 3.0
SIMPLEST_PAGE = "common:accessibility"


def _user(username: str, role: str) -> User:
    user = User.objects.filter(username=username, role=role).first()
    return user or User.objects.filter(role=role, is_active=True).order_by("pk").first()  # type: ignore[return-value]


def _getter(client: Client, url: str) -> Callable[[], object]:
    def get() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise AssertionError(f"{url} answered {response.status_code}")
        return response

    return get


def run(*, repeat: int) -> list[Result]:
    """Run inside a transaction that is rolled back: the reads the pages audit are not kept."""
    with transaction.atomic():
        results = _run(repeat=repeat)
        transaction.set_rollback(True)
    return results


def _run(*, repeat: int) -> list[Result]:
    results: list[Result] = []
    for username, role, label in (
        ("prison", Role.PRISON_STAFF, "prison"),
        ("probation", Role.PROBATION_PRACTITIONER, "probation"),
    ):
        user = _user(username, role)
        client = Client()
        client.force_login(user)
        caseload = ServiceUser.objects.visible_to(user)
        size = caseload.count()
        own = ProbationCase.objects.filter(practitioner=user, ended_on__isnull=True).count()
        seen = f"sees {size} people" + (f", {own} of them their own cases (the list opens on those)" if own else "")
        one = caseload.order_by("pk").first()
        assert one is not None, f"the {label} user sees no one: load the demo dataset"
        simplest = _getter(client, reverse(SIMPLEST_PAGE))
        pages = {
            f"caseload_page_{label}": reverse("people:list"),
            f"caseload_search_{label}": f"{reverse('people:list')}?q={one.identifier}",
            f"person_page_{label}": reverse("people:detail", args=[one.pk]),
            f"home_page_{label}": reverse("home"),
            f"timeline_page_{label}": reverse("resettlement:timeline", args=[one.pk]),
        }
        if role == Role.PROBATION_PRACTITIONER:
            # The list opens on the practitioner's own cases; everyone their unit supervises is
            # measured too, so the whole list's cost is reported, not hidden behind the tab.
            pages[f"caseload_page_{label}_whole_unit"] = f"{reverse('people:list')}?show=all"
        for name, url in pages.items():
            baseline, figure = paired_median_seconds(simplest, _getter(client, url), repeat=repeat)
            results.append(
                ratio_result(
                    name=name,
                    figure=figure,
                    baseline=baseline,
                    target=PAGE_TARGET,
                    note=f"{seen}; baseline: {reverse(SIMPLEST_PAGE)}",
                )
            )
        # No N+1: the whole caseload's list costs the same queries as a search that finds one.
        results.append(
            bound_result(
                name=f"caseload_page_{label}_queries",
                figure=count_queries(_getter(client, reverse("people:list"))),
                baseline=count_queries(_getter(client, f"{reverse('people:list')}?q={one.identifier}")),
                target=1.0,
                unit="queries",
                note=f"the list of {size} people against the list of 1",
            )
        )
    commissioner = _user("commissioner", Role.COMMISSIONER)
    client = Client()
    client.force_login(commissioner)
    baseline, figure = paired_median_seconds(
        _getter(client, reverse(SIMPLEST_PAGE)), _getter(client, reverse("organisations:contracts")), repeat=repeat
    )
    results.append(
        ratio_result(name="contracts_page_commissioner", figure=figure, baseline=baseline, target=PAGE_TARGET)
    )
    return results
