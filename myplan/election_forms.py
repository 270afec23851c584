"""The ballot a person fills in on their own view: the polling station's ballot (councils.forms),
plus a submission id so that sending it twice changes nothing (common.once)."""

from __future__ import annotations

from common.once import OnceOnlyForm
from councils.forms import BallotForm


class OwnBallotForm(OnceOnlyForm, BallotForm):
    """Candidates as checkboxes; how many may be chosen is checked by the service (the seats)."""
