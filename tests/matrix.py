"""Shared vocabulary of the authorisation matrix (tests/test_authorisation_matrix.py), which apps
extend with rows of their own in <app>/tests/authorisation.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.constants import Role

ANON = "anonymous"
P, PR, PA, IL, CO, AD = (
    Role.PRISON_STAFF,
    Role.PROBATION_PRACTITIONER,
    Role.PARTNER_CASEWORKER,
    Role.INVOLVEMENT_LEAD,
    Role.COMMISSIONER,
    Role.ADMINISTRATOR,
)
EVERYONE = (ANON, P, PR, PA, IL, CO, AD)
STAFF = (P, PR, PA, IL, CO, AD)


def expect(default: int, anon: int = 302, **by_role: int) -> dict[str, int]:
    """Expected status per role: `default` for every member of staff, overridden by role name."""
    answers = {role: default for role in STAFF}
    answers[ANON] = anon
    answers.update({Role[k.upper()].value if k.upper() in Role.__members__ else k: v for k, v in by_role.items()})
    return answers


@dataclass
class World:
    """What every row is checked against. The person is in custody at `prison`, whose region holds
    `contract` with `provider`; the probation practitioner works in `other_region`. `users` has one
    user per role: prison staff at the prison, the partner at the provider."""

    region: Any
    other_region: Any
    prison: Any
    provider: Any
    contract: Any
    person: Any
    users: dict[str, Any]
    need: Any
    action: Any
