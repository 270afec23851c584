"""Recorded outcomes and the details scorecards compare by, for both demo worlds (issue 16 §2).

- Every prison gets a type (establishment_type), in about the proportions of England and Wales.
- Every person gets a sex, an ethnic group and a disability, as the case systems record them: the
  people held in a women's prison are women, the rest of the people in custody men (a few not
  recorded), and the ethnic groups and disability in about the proportions of the prison and
  probation caseloads.
- Every past-due checkpoint not yet recorded is recorded, or left unrecorded, by a profile drawn
  for its prison from the world's random generator: most housed on the first night (60–90% of
  those known), a tail homeless or rough sleeping, 10–20% NOT KNOWN (never recorded within the
  grace period, recorded "not known", or recorded late), fewer settled at 3 months than housed on
  release, and 10–30% employed at 6 weeks. So scorecards differ from prison to prison.

Written in bulk, a few UPDATE statements for each outcome, so that the national world (about 1.4
million checkpoints) gains seconds, not minutes. The rules release.services.checkpoint_record
keeps are kept here too: a recorded checkpoint has an accommodation and an author, employment only
from 6 weeks, never recorded before its date, and `late` exactly when recorded after the grace
period.
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import DateTimeField, F, Func, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Mod

from accounts.models import User
from organisations.constants import EstablishmentType, OrganisationKind
from organisations.models import Organisation
from people.constants import Disability, EthnicGroup, Sex
from people.models import CustodyEpisode, ServiceUser
from release.constants import ASKS_EMPLOYMENT, Accommodation, CheckpointKind, Employment
from release.models import Checkpoint

GRACE_DAYS = 14  # release.selectors.GRACE: recorded after it, a result is late
UPDATE_CHUNK = 5000  # ids per UPDATE: well under SQLite's limit on parameters

# Prison types in about the proportions of England and Wales. A small world still has a women's
# prison, a training prison and a local prison.
ESTABLISHMENT_TYPE_WEIGHTS = {
    EstablishmentType.RECEPTION_LOCAL: 0.30,
    EstablishmentType.TRAINING: 0.40,
    EstablishmentType.OPEN: 0.08,
    EstablishmentType.YOI: 0.04,
    EstablishmentType.WOMEN: 0.10,
    EstablishmentType.HIGH_SECURITY: 0.08,
}

# Ethnic group and disability: about the prison population's (ONS 2021 groups), in thousandths.
ETHNIC_GROUP_SHARES = (
    (EthnicGroup.WHITE, 700),
    (EthnicGroup.BLACK, 120),
    (EthnicGroup.ASIAN, 80),
    (EthnicGroup.MIXED, 50),
    (EthnicGroup.OTHER, 20),
    (EthnicGroup.NOT_STATED, 30),
)
DISABILITY_SHARES = ((Disability.YES, 250), (Disability.NO, 580), (Disability.NOT_STATED, 170))
COMMUNITY_WOMEN = 150  # thousandths of people on probation only who are women
SEX_NOT_RECORDED = 10  # thousandths of people whose sex the record does not hold


@dataclass(frozen=True)
class Profile:
    """How one prison's releases turn out, as weights for each checkpoint kind."""

    not_known: float  # share of past-grace checkpoints NOT KNOWN (unrecorded, "not known" or late)
    accommodation: dict[str, list[tuple[str, float]]]  # by checkpoint kind, among those known
    employment: dict[str, list[tuple[str, float]]]  # by checkpoint kind, among those known


def prison_profile(rng: random.Random, establishment_type: str) -> Profile:
    """Draw one prison's profile. Open prisons do a little better, local prisons (short sentences,
    remand, little time to plan) a little worse."""
    adjustments: dict[str, float] = {EstablishmentType.OPEN: 0.05, EstablishmentType.RECEPTION_LOCAL: -0.04}
    better = adjustments.get(establishment_type, 0.0)
    housed = min(0.90, max(0.60, rng.uniform(0.62, 0.88) + better))
    rough = rng.uniform(0.2, 0.4)  # of those not housed
    settled_first = rng.uniform(0.35, 0.6)  # of those housed on the first night
    approved = rng.uniform(0.1, 0.25)

    def housing(housed_share: float, settled_share: float) -> list[tuple[str, float]]:
        not_housed = 1 - housed_share
        rest = housed_share - settled_share
        return [
            (Accommodation.SETTLED, settled_share),
            (Accommodation.APPROVED_PREMISES, rest * approved),
            (Accommodation.OTHER_HOUSED, rest * (1 - approved)),
            (Accommodation.HOMELESS, not_housed * (1 - rough)),
            (Accommodation.ROUGH_SLEEPING, not_housed * rough),
        ]

    # Settled at 3 months: below the first night's housed share, as it is in the published figures.
    settled_later = housed * rng.uniform(0.55, 0.8)
    employed = min(0.30, max(0.10, rng.uniform(0.10, 0.28) + 2 * better))
    education, unavailable = rng.uniform(0.03, 0.08), rng.uniform(0.08, 0.15)

    def work(extra: float) -> list[tuple[str, float]]:
        working = employed + extra
        return [
            (Employment.EMPLOYED, working),
            (Employment.EDUCATION, education),
            (Employment.UNAVAILABLE, unavailable),
            (Employment.UNEMPLOYED, 1 - working - education - unavailable),
        ]

    return Profile(
        not_known=rng.uniform(0.11, 0.19),
        accommodation={
            CheckpointKind.FIRST_NIGHT: housing(housed, housed * settled_first),
            CheckpointKind.WEEK_6: housing(min(0.95, housed + 0.02), housed * (settled_first + 0.1)),
            CheckpointKind.MONTH_3: housing(min(0.95, housed + 0.03), settled_later),
            CheckpointKind.MONTH_6: housing(min(0.95, housed + 0.04), min(housed, settled_later + 0.05)),
        },
        employment={
            CheckpointKind.WEEK_6: work(0.0),
            CheckpointKind.MONTH_3: work(0.03),
            CheckpointKind.MONTH_6: work(0.06),
        },
    )


class _Chooser:
    """Picks from weighted values with one random number and a bisection (a million picks for the
    national world: random.choices would rebuild its table each time)."""

    def __init__(self, weighted: Sequence[tuple[str, float]]) -> None:
        self.values = [value for value, _ in weighted]
        total, self.bounds = 0.0, []
        for _, weight in weighted:
            total += max(0.0, weight)
            self.bounds.append(total)
        self.bounds = [bound / total for bound in self.bounds[:-1]]

    def __call__(self, r: float) -> str:
        return self.values[bisect_right(self.bounds, r)]


class _DayAfter(Func):
    """The date column plus a whole number of days, at 09:00: a recorded_at. Written in each
    database's own date arithmetic, so that a million rows need no Python function in SQLite."""

    output_field = DateTimeField()

    def __init__(self, column: str, days: int) -> None:
        self.days = int(days)
        super().__init__(F(column))

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"datetime({sql}, '+{self.days} days', '+9 hours')", params

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql} + {self.days} * interval '1 day' + interval '9 hours') AT TIME ZONE 'UTC')", params


# --- prison types ----------------------------------------------------------------------------------


def establishment_types_assign(*, rng: random.Random, demo_prison_id: int | None = None) -> dict[int, str]:
    """Give every prison a type; the demo prison is a reception (local) prison. Women's prisons are
    small (women are about one prisoner in twenty), so they are drawn from the prisons that have
    held the fewest people. Returns the types by prison id."""
    held = Counter(CustodyEpisode.objects.values_list("establishment_id", flat=True))
    prisons = sorted(
        Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT).values_list("pk", flat=True),
        key=lambda pk: (held[pk], pk),
    )
    others = [pk for pk in prisons if pk != demo_prison_id]
    women = max(1, round(len(others) * ESTABLISHMENT_TYPE_WEIGHTS[EstablishmentType.WOMEN]))
    by_prison: dict[int, str] = dict.fromkeys(
        rng.sample(others[: max(women, len(others) // 2)], k=women), EstablishmentType.WOMEN
    )
    rest = [pk for pk in others if pk not in by_prison]
    weights = {kind: w for kind, w in ESTABLISHMENT_TYPE_WEIGHTS.items() if kind != EstablishmentType.WOMEN}
    chosen: list[str] = [EstablishmentType.TRAINING, EstablishmentType.RECEPTION_LOCAL]
    chosen += rng.choices(list(weights), weights=list(weights.values()), k=max(0, len(rest) - 2))
    rng.shuffle(chosen)
    by_prison.update(zip(rest, chosen, strict=False))
    if demo_prison_id is not None:
        by_prison[demo_prison_id] = EstablishmentType.RECEPTION_LOCAL
    grouped: dict[str, list[int]] = defaultdict(list)
    for pk, kind in by_prison.items():
        grouped[kind].append(pk)
    for kind, pks in grouped.items():
        Organisation.objects.filter(pk__in=pks).update(establishment_type=kind)
    return by_prison


# --- protected characteristics ---------------------------------------------------------------------


def _hashed(salt: int, multiplier: int) -> Mod:
    """A number from 0 to 999 for each person, spread evenly over consecutive ids and different for
    each salt and multiplier: the database draws the shares without a round trip per person."""
    return Mod(F("pk") * Value(multiplier) + Value(salt), Value(1000), output_field=IntegerField())


def characteristics_assign(*, rng: random.Random) -> None:
    """Sex, ethnic group and disability for everyone, in a dozen UPDATE statements."""
    women_prisons = Organisation.objects.filter(establishment_type=EstablishmentType.WOMEN)
    in_custody = CustodyEpisode.objects.values("person_id")
    in_women_prisons = CustodyEpisode.objects.filter(establishment__in=women_prisons).values("person_id")
    people = ServiceUser.objects.all()
    salts = [rng.randrange(1000) for _ in range(3)]
    sex_draw = people.alias(h=_hashed(salts[0], 7919))
    # Probation only: about one in seven a woman. Then custody decides: a women's prison holds women only.
    sex_draw.filter(h__lt=COMMUNITY_WOMEN).update(sex=Sex.FEMALE)
    sex_draw.filter(h__gte=COMMUNITY_WOMEN).update(sex=Sex.MALE)
    people.filter(pk__in=in_custody).update(sex=Sex.MALE)
    people.filter(pk__in=in_women_prisons).update(sex=Sex.FEMALE)
    sex_draw.filter(h__gte=1000 - SEX_NOT_RECORDED).exclude(pk__in=in_women_prisons).update(sex=Sex.NOT_RECORDED)
    for field, salt, multiplier, shares in (
        ("ethnic_group", salts[1], 6007, ETHNIC_GROUP_SHARES),
        ("disability", salts[2], 4099, DISABILITY_SHARES),
    ):
        draw = people.alias(h=_hashed(salt, multiplier))
        start = 0
        for value, share in shares:
            draw.filter(h__gte=start, h__lt=start + share).update(**{field: value})
            start += share


# --- checkpoint results ----------------------------------------------------------------------------


def checkpoints_record(
    *,
    rng: random.Random,
    today: datetime.date,
    prison_types: dict[int, str],
    fallback_user_id: int,
) -> dict[str, int]:
    """Record results for the past-due checkpoints not yet recorded, by each prison's profile.
    Each is recorded by a member of staff of the organisation that answers for it where it has one
    (else `fallback_user_id`), on the day it was due or a few days after; a few weeks after for
    those recorded late. Returns the counts, by what happened."""
    profiles = {pk: prison_profile(rng, kind) for pk, kind in sorted(prison_types.items())}
    housing = {
        (pk, kind): _Chooser(weights)
        for pk, profile in profiles.items()
        for kind, weights in profile.accommodation.items()
    }
    work = {
        (pk, kind): _Chooser(weights)
        for pk, profile in profiles.items()
        for kind, weights in profile.employment.items()
    }
    not_known = {pk: profile.not_known for pk, profile in profiles.items()}
    rand, randint, choice = rng.random, rng.randint, rng.choice
    in_time_delays, late_delays = (0, 0, 1, 1, 2, 3, 5, 7, 10), (21, 30, 45, 60)

    def draw(kind: str, prison_id: int, *, waited: int) -> tuple[str, str, bool, int] | None:
        """(accommodation, employment, late, days after its date recorded) for one checkpoint that fell
        due `waited` days ago, or None to leave it unrecorded."""
        asks_work = kind in ASKS_EMPLOYMENT
        if waited <= GRACE_DAYS:
            # Still within its grace: about half recorded so far, the rest still due (no failure yet).
            if rand() < 0.5:
                return None
            late, delay = False, randint(0, waited - 1)
        else:
            late, delay = False, choice(in_time_delays)
            r, share_not_known = rand(), not_known[prison_id]
            if r < share_not_known:
                share = r / share_not_known
                if share < 0.55:
                    return None  # never recorded: NOT KNOWN
                if share < 0.8:
                    return Accommodation.NOT_KNOWN, Employment.NOT_KNOWN if asks_work else "", False, delay
                # Recorded weeks later: kept, marked late, still NOT KNOWN in every measure.
                late_by = min(waited - 1, choice(late_delays))
                if late_by <= GRACE_DAYS:
                    return None
                late, delay = True, late_by
        return housing[prison_id, kind](rand()), work[prison_id, kind](rand()) if asks_work else "", late, delay

    today_ordinal = today.toordinal()
    groups: dict[tuple[str, str, bool, int], list[int]] = defaultdict(list)
    counts = {"checkpoints_recorded": 0, "checkpoints_recorded_late": 0, "checkpoints_left_unrecorded": 0}
    # Read with a plain cursor: a million rows through the ORM's converters cost more than the rest.
    query = (
        Checkpoint.objects.filter(due_on__lt=today, recorded_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "kind", "due_on", "custody_episode__establishment_id")
    )
    sql, params = query.query.sql_with_params()
    unrecorded = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(20_000):
            for pk, kind, due_on, prison_id in rows:
                due = due_on if isinstance(due_on, datetime.date) else datetime.date.fromisoformat(due_on)
                key = draw(kind, prison_id, waited=today_ordinal - due.toordinal())
                if key is None:
                    unrecorded += 1
                else:
                    groups[key].append(pk)
    counts["checkpoints_left_unrecorded"] = unrecorded
    author = Coalesce(
        Subquery(User.objects.filter(organisation_id=OuterRef("answerable_id")).order_by("pk").values("pk")[:1]),
        Value(fallback_user_id),
    )
    for (accommodation, employment, late, delay), pks in sorted(groups.items()):
        recorded_at = _DayAfter("due_on", delay)
        for start in range(0, len(pks), UPDATE_CHUNK):
            Checkpoint.objects.filter(pk__in=pks[start : start + UPDATE_CHUNK]).update(
                accommodation=accommodation,
                employment=employment,
                recorded_at=recorded_at,
                recorded_by=author,
                late=late,
            )
        counts["checkpoints_recorded"] += len(pks)
        counts["checkpoints_recorded_late"] += len(pks) if late else 0
    return counts


def outcomes_demo_load(*, rng: random.Random, today: datetime.date, demo_prison_id: int | None) -> dict[str, Any]:
    """Prison types, protected characteristics and checkpoint results, for either world."""
    prison_types = establishment_types_assign(rng=rng, demo_prison_id=demo_prison_id)
    characteristics_assign(rng=rng)
    staff = User.objects.order_by("pk").values_list("pk", flat=True)
    fallback = (staff.filter(organisation_id=demo_prison_id).first() if demo_prison_id else None) or staff.first()
    counts: dict[str, Any] = {"prison_types": len(prison_types)}
    if fallback is not None:
        counts.update(checkpoints_record(rng=rng, today=today, prison_types=prison_types, fallback_user_id=fallback))
    return counts
