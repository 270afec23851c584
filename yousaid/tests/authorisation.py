"""You said, we did in the authorisation matrix (tests/test_authorisation_matrix.py). Involvement
leads (of the prison, like the issue) and administrators run issues; the public board is open to
everyone, signed in or not."""

from __future__ import annotations

from tests.matrix import World, expect
from yousaid.constants import Source

LEADS = {"involvement_lead": 200, "administrator": 200}

MATRIX = {
    ("yousaid:list", "get"): expect(403, **LEADS),
    ("yousaid:feedback", "get"): expect(403, **LEADS),
    ("yousaid:raise", "get"): expect(403, **LEADS),
    ("yousaid:report", "get"): expect(403, **LEADS),
    ("yousaid:deadline", "get"): expect(403, **LEADS),
    ("yousaid:boards", "get"): expect(200, anon=200),
    ("yousaid:board", "get"): expect(200, anon=200),
    ("yousaid:detail", "get"): expect(403, **LEADS),
    ("yousaid:respond", "get"): expect(403, **LEADS),
    ("yousaid:close", "get"): expect(403, **LEADS),
    ("yousaid:action-new", "get"): expect(403, **LEADS),
    ("yousaid:action-progress", "get"): expect(403, **LEADS),
    ("yousaid:action-claim", "get"): expect(403, **LEADS),
    ("yousaid:action-confirm", "get"): expect(403, **LEADS),
    ("yousaid:action-claim-reject", "get"): expect(403, **LEADS),
    ("yousaid:action-cancel", "get"): expect(403, **LEADS),
}


def arrange(world: World) -> dict[str, list[object]]:
    from yousaid.services import action_add, issue_raise

    lead = world.users["involvement_lead"]
    issue = issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said="The library is shut")
    action = action_add(
        acting_user=lead,
        issue_id=issue.pk,
        description="Open the library on Saturdays",
        owner_organisation_id=world.prison.pk,
        due_on=issue.response_due_on,
    )
    per_action = [issue.pk, action.pk]
    return {
        "yousaid:board": [world.prison.pk],
        "yousaid:detail": [issue.pk],
        "yousaid:respond": [issue.pk],
        "yousaid:close": [issue.pk],
        "yousaid:action-new": [issue.pk],
        "yousaid:action-progress": per_action,
        "yousaid:action-claim": per_action,
        "yousaid:action-confirm": per_action,
        "yousaid:action-claim-reject": per_action,
        "yousaid:action-cancel": per_action,
    }
