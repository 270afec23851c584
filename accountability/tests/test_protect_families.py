"""Cells that sit in several families at once (a prison in its region and in the nation, a quarter
in its year): after `protect`, no family lets an attacker pin down a hidden count, and the same
families give the same publication whatever order they are checked in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accountability.disclosure import pinned, protect, public
from accountability.measures import Figures


@st.composite
def figures(draw):
    in_scope = draw(st.one_of(st.integers(0, 12), st.integers(0, 60)))
    known = draw(st.integers(0, in_scope))
    denominator = draw(st.integers(0, known))
    numerator = draw(st.integers(0, denominator))
    return Figures(numerator, denominator, known, in_scope)


def total(parts):
    found = Figures()
    for part in parts:
        found += part
    return found


@st.composite
def nation(draw):
    """Regions of prisons; the nation is the sum of its prisons and of its regions."""
    regions = draw(st.lists(st.lists(figures(), min_size=1, max_size=4), min_size=1, max_size=4))
    cells = {}
    families = []
    prisons_all = []
    for r, prisons in enumerate(regions):
        keys = [("prison", f"{r}-{i}") for i in range(len(prisons))]
        cells.update(dict(zip(keys, prisons, strict=True)))
        cells[("region", str(r))] = total(prisons)
        families.append((("region", str(r)), keys))
        prisons_all += keys
    cells[("nation", "")] = total(cells[k] for k in prisons_all)
    families.append((("nation", ""), prisons_all))
    families.append((("nation", ""), [("region", str(r)) for r in range(len(regions))]))
    return cells, families


@settings(max_examples=300, deadline=None)
@given(nation())
def test_no_family_pins_a_hidden_count_after_protection(world):
    cells, families = world
    shown = protect(cells, families)
    for parent, children in families:
        assert shown[parent].suppressed or not pinned(shown[parent], [shown[c] for c in children])
    # Only whole cells are hidden: a published cell is exactly what public() makes of it.
    for key, cell in shown.items():
        assert cell.suppressed or cell == public(cells[key])


@settings(max_examples=100, deadline=None)
@given(nation())
def test_the_order_of_the_families_changes_nothing_that_matters(world):
    cells, families = world
    forward = protect(cells, families)
    backward = protect(cells, list(reversed(families)))
    for shown in (forward, backward):
        for parent, children in families:
            assert shown[parent].suppressed or not pinned(shown[parent], [shown[c] for c in children])


def test_a_year_and_its_quarters_the_example_that_plain_rounding_gives_away():
    quarters = [Figures(0, 0, 1, 1), Figures(5, 10, 10, 10), Figures(0, 0, 1, 1), Figures(5, 10, 10, 10)]
    cells = {("q", str(i)): q for i, q in enumerate(quarters)}
    cells[("year", "")] = total(quarters)
    families = [(("year", ""), [("q", str(i)) for i in range(4)])]
    assert pinned(public(cells[("year", "")]), [public(q) for q in quarters])
    shown = protect(cells, families)
    assert not pinned(shown[("year", "")], [shown[("q", str(i))] for i in range(4)])
