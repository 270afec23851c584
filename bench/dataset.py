"""The synthetic demo world: probation regions, prisons, partners, contracts, staff and people.

Everything here is invented, so that a demo or a benchmark can never show a real person:
- prisons, delivery units and providers are named from made-up place names;
- family names are built from syllables, never taken from a list of real surnames;
- every prison number and case reference number starts with Z, a letter the real systems do not
  issue at the start of either, and no PNC number is generated at all (a synthetic one could
  still be somebody's).

Two sizes: `small` (about 300 people, the world behind `make run`) and `national` (about the
size of England and Wales: 90,000 people in custody, 250,000 open probation cases and 350,000
releases over five years) for benchmarks. Both go through the same bulk path: rows are made in
chunks of people and written with bulk_create, so memory stays flat however big the world. Bulk
inserts skip django-simple-history, which is right for data that has no past.

The same seed and the same `today` always give the same world.
"""

from __future__ import annotations

import math
import random
import string
import time
import zlib
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from itertools import accumulate
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.constants import ROLE_ORGANISATION_KINDS, Role
from accounts.models import User
from organisations.constants import (
    ContractType,
    MeasureKey,
    ObligationKind,
    OrganisationKind,
    Pathway,
    ProviderType,
    TargetDirection,
)
from organisations.models import Contract, ContractObligation, ContractPathway, Organisation
from people.models import CustodyEpisode, ProbationCase, ServiceUser

DEFAULT_SEED = 2026
DEMO_PASSWORD = "throughgate-demo"
NATIONAL_TEAM_NAME = "throughgate national service team"
BATCH_SIZE = 5000
# Releases are counted over the five years before `today` (the window the outcome measures use).
WINDOW_DAYS = 5 * 365

# The fixed demo sign-ins: one per role, with stable usernames (printed by `throughgate demo_sign_ins`).
DEMO_USERNAMES: dict[str, str] = {
    Role.PRISON_STAFF: "prison",
    Role.PROBATION_PRACTITIONER: "probation",
    Role.PARTNER_CASEWORKER: "partner",
    Role.INVOLVEMENT_LEAD: "involvement",
    Role.COMMISSIONER: "commissioner",
    Role.ADMINISTRATOR: "admin",
}

# Further demo sign-ins, made by the apps' demo records where a role's one sign-in is not enough
# (an employer is a partner caseworker at an employer partner): username -> what they are.
MORE_DEMO_SIGN_INS: dict[str, str] = {
    "employer": "Employer partner",
    "safercustody": "Prison staff in the safer custody team (safeguarding alerts)",
    "standards": "Prison staff in professional standards (allegations against staff)",
    "regionlead": "Involvement lead for the demo region (its councils, and reports across its services)",
}

# The twelve probation regions of England and Wales (public geography), with short codes for
# contract references.
REGIONS: tuple[tuple[str, str], ...] = (
    ("North East", "NE"),
    ("North West", "NW"),
    ("Yorkshire and the Humber", "YH"),
    ("Greater Manchester", "GM"),
    ("East Midlands", "EM"),
    ("West Midlands", "WM"),
    ("East of England", "EE"),
    ("Wales", "WA"),
    ("London", "LN"),
    ("Kent Surrey and Sussex", "KS"),
    ("South West", "SW"),
    ("South Central", "SC"),
)

# Commissioning bodies, each covering a few regions (by code).
COMMISSIONERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("HMPPS Commissioning – North", ("NE", "NW", "YH", "GM")),
    ("HMPPS Commissioning – Midlands and East", ("EM", "WM", "EE")),
    ("HMPPS Commissioning – Wales", ("WA",)),
    ("HMPPS Commissioning – London and South East", ("LN", "KS")),
    ("HMPPS Commissioning – South", ("SW", "SC")),
)


# Busy prisons' releases (Size.busy_prisons), in days before today: one every BUSY_RECENT_STEP
# days over the last BUSY_RECENT_DAYS (so at least 11 first nights in the last complete quarter,
# which lies wholly within them), then one every BUSY_OLDER_STEP days back to two years (so at
# least 11 in the last complete financial year, whichever it is).
BUSY_RECENT_DAYS, BUSY_RECENT_STEP = 200, 8
BUSY_OLDER_DAYS, BUSY_OLDER_STEP = 728, 33
OPEN_CASES_SMALL = 140  # above the open cases the releases leave, so community orders make up the rest


@dataclass(frozen=True)
class Size:
    """How big a world to make. People counts are targets that the generator meets exactly
    (custody, releases, open cases); everything else follows from them."""

    name: str
    delivery_units_per_region: int
    prisons: int
    providers: int
    contracts: int
    in_custody: int
    releases: int
    open_probation_cases: int
    # Extra staff besides the fixed demo sign-ins: per prison, per delivery unit, per provider...
    extra_staff: bool
    # The demo prison and delivery unit draw more people than the rest, so that the fixed demo
    # sign-ins have a full caseload in a small world.
    demo_prison_weight: float = 1.0
    demo_delivery_unit_weight: float = 1.0
    chunk_size: int = 20_000
    # Prisons (after the demo prison) with releases spread evenly over the last two years besides
    # the random ones: enough first nights in any complete quarter and financial year for a
    # published figure (10 people or more), while the other prisons' stay suppressed.
    busy_prisons: int = 0
    practitioners_per_delivery_unit: int = 0
    prison_staff_per_prison: int = 0
    caseworkers_per_provider: int = 0


SIZES: dict[str, Size] = {
    "small": Size(
        name="small",
        delivery_units_per_region=2,
        prisons=12,
        providers=15,
        contracts=25,
        in_custody=120,
        releases=230,
        open_probation_cases=OPEN_CASES_SMALL,
        extra_staff=False,
        busy_prisons=2,
        demo_prison_weight=3.0,
        demo_delivery_unit_weight=11.0,
    ),
    "national": Size(
        name="national",
        delivery_units_per_region=9,
        prisons=120,
        providers=150,
        contracts=300,
        in_custody=90_000,
        releases=350_000,
        open_probation_cases=250_000,
        extra_staff=True,
        practitioners_per_delivery_unit=30,
        prison_staff_per_prison=8,
        caseworkers_per_provider=4,
    ),
}

# --- invented names -------------------------------------------------------------------------------

PLACE_STARTS = (
    "Ash", "Brack", "Cald", "Corr", "Dray", "Fenn", "Gorse", "Grey", "Hollin", "Kess", "Lark", "Merrow",
    "Nettle", "Orrin", "Pell", "Quen", "Raven", "Sedge", "Tarn", "Vell", "Whin", "Yarrow", "Brinn", "Culver",
    "Hazel", "Marl", "Rush", "Skel", "Thistle", "Wren", "Alder", "Bex", "Carrow", "Dunn", "Esk", "Ferr",
)  # fmt: skip
PLACE_ENDS = (
    "down", "friars", "wold", "mere", "combe", "stead", "garth", "holt", "brook", "dene", "hythe", "lowe",
    "ridge", "wick", "fold", "shaw", "by", "cote", "ham", "well",
)  # fmt: skip
# Real prisons whose names the syllables above could spell: never used for a fictional prison.
REAL_PRISON_NAMES = frozenset({"Ashwell", "Ashfield", "Highdown", "Downview", "Wealstun", "Ranby", "Whatton", "Elmley"})

GIVEN_NAMES_MEN = (
    "Aaron", "Adam", "Aiden", "Alan", "Alex", "Andrew", "Anthony", "Ashley", "Ben", "Bradley", "Callum", "Carl",
    "Charlie", "Chris", "Connor", "Craig", "Daniel", "Darren", "David", "Dean", "Dylan", "Ethan", "Gary", "George",
    "Harry", "Isaac", "Jack", "Jacob", "Jake", "Jamal", "James", "Jamie", "Jason", "Jay", "Joe", "John", "Jordan",
    "Joshua", "Kai", "Karl", "Keith", "Kevin", "Kieran", "Kyle", "Lee", "Leon", "Lewis", "Liam", "Luke", "Marcus",
    "Mark", "Martin", "Matthew", "Michael", "Mohammed", "Nathan", "Neil", "Nicholas", "Oliver", "Owen", "Paul",
    "Peter", "Reece", "Rhys", "Richard", "Robert", "Ryan", "Sam", "Scott", "Sean", "Shane", "Simon", "Stephen",
    "Steven", "Stuart", "Thomas", "Tom", "Tony", "Tyler", "Wayne", "William", "Yusuf", "Zak",
)  # fmt: skip
GIVEN_NAMES_WOMEN = (
    "Abigail", "Amy", "Chelsea", "Charlotte", "Claire", "Danielle", "Emma", "Gemma", "Hannah", "Jade", "Jessica",
    "Kayleigh", "Kelly", "Laura", "Leanne", "Lisa", "Louise", "Megan", "Michelle", "Natalie", "Nicola", "Rachel",
    "Rebecca", "Sarah", "Shannon", "Sophie", "Stacey", "Zoe",
)  # fmt: skip
FAMILY_STARTS = (
    "Brack", "Fenni", "Quill", "Zarn", "Vosk", "Thrim", "Glon", "Mirr", "Pell", "Dask", "Yarr", "Orv", "Trell",
    "Skar", "Wim", "Blen", "Crom", "Drel", "Fask", "Grum", "Hobb", "Jessa", "Lomm", "Nibb", "Plov", "Rask",
    "Sporr", "Umber", "Vane", "Wrox", "Zell", "Quorn", "Ebb", "Ilk",
)  # fmt: skip
FAMILY_ENDS = (
    "wood", "imore", "ith", "ard", "ock", "elby", "isk", "ander", "umble", "ozz", "ington", "aby", "orne",
    "adine", "ough", "ix", "avel", "etch", "urst", "owan",
)  # fmt: skip
FAMILY_SECONDS = ("Zed", "Vask", "Orr", "Quay", "Trask", "Ulm", "Yole")

PATHWAY_TITLES = {
    Pathway.ACCOMMODATION: "Accommodation support",
    Pathway.ATTITUDES: "Personal wellbeing",
    Pathway.FAMILY: "Family and significant others",
    Pathway.DRUGS_ALCOHOL: "Dependency and recovery",
    Pathway.EDUCATION_WORK: "Education, training and employment",
    Pathway.FINANCE_ID: "Finance, benefit and debt",
    Pathway.HEALTH: "Health and wellbeing",
}
PATHWAY_OUTCOMES = {
    Pathway.ACCOMMODATION: ("Secure settled or temporary accommodation for the night of release", "75% of referrals"),
    Pathway.ATTITUDES: ("Complete the agreed wellbeing sessions and review progress", "70% of referrals"),
    Pathway.FAMILY: ("Restore or keep contact with family where the person wants it", "60% of referrals"),
    Pathway.DRUGS_ALCOHOL: ("Start community treatment within 3 weeks of release", "65% of referrals"),
    Pathway.EDUCATION_WORK: ("In work, training or education 6 weeks after release", "40% of referrals"),
    Pathway.FINANCE_ID: ("Leave prison with a bank account and photo ID", "80% of referrals"),
    Pathway.HEALTH: ("Registered with a GP on release", "90% of referrals"),
}
# The pathway outcomes a measure covers, checked against it with a numeric target; the rest are
# reported as "not measured".
MEASURED_OUTCOMES: dict[str, dict[str, object]] = {
    PATHWAY_OUTCOMES[Pathway.ACCOMMODATION][0]: {
        "measure": MeasureKey.HOUSED_ON_RELEASE,
        "target_percent": Decimal("75.0"),
        "direction": TargetDirection.AT_LEAST,
    },
    PATHWAY_OUTCOMES[Pathway.EDUCATION_WORK][0]: {
        "measure": MeasureKey.EMPLOYED_AT_6_WEEKS,
        "target_percent": Decimal("40.0"),
        "direction": TargetDirection.AT_LEAST,
    },
}
FEEDBACK_DUTY = (
    "Gather feedback from the people using the service every quarter, publish what they said and what was "
    "done in response",
    "Quarterly 'you said, we did' report",
)
REPORTING = ("Monthly performance return to the commissioner", "By the 10th working day of each month")
ASSESSMENT_OUTPUT = ("Complete an initial assessment within 5 working days of referral", "95% of referrals")
# The failure mode throughgate exists to expose: a contract that counts plans, not lives.
PLAN_ONLY_OUTPUT = ("Produce a resettlement plan for every prisoner", "100% of receptions")

CONTRACT_PREFIXES = {
    ContractType.CRS: "CRS",
    ContractType.DYNAMIC_FRAMEWORK: "DFC",
    ContractType.PRISON_SERVICE: "PSC",
    ContractType.GRANT: "GRT",
}
CONTRACT_PROVIDER_TYPES = {
    ContractType.CRS: (ProviderType.COMMISSIONED, ProviderType.VOLUNTARY),
    ContractType.DYNAMIC_FRAMEWORK: (ProviderType.COMMISSIONED, ProviderType.VOLUNTARY),
    ContractType.PRISON_SERVICE: (ProviderType.COMMISSIONED, ProviderType.PUBLIC),
    ContractType.GRANT: (ProviderType.VOLUNTARY, ProviderType.EMPLOYER),
}
PROVIDER_TEMPLATES = {
    ProviderType.VOLUNTARY: (
        "{p} Housing Trust",
        "{p} Mentoring Circle",
        "{p} Second Chance Mentoring",
        "{p} Open Door Employment Project",
        "{p} Women's Centre",
        "{p} Family Link",
        "{p} Recovery Network",
        "{p} Debt Advice",
    ),
    ProviderType.COMMISSIONED: (
        "{p} Resettlement Services",
        "{p} Rehabilitation Partnership",
        "{p} Accommodation Services CIC",
        "{p} Wellbeing Services",
    ),
    ProviderType.PUBLIC: (
        "{p} Council Housing Options",
        "{p} Jobcentre Partnership Team",
        "{p} Community Drug and Alcohol Service",
        "{p} Adult Learning Service",
    ),
    ProviderType.EMPLOYER: (
        "{p} Bakery Ltd",
        "{p} Construction Ltd",
        "{p} Logistics Ltd",
        "{p} Kitchens Ltd",
        "{p} Recycling Ltd",
        "{p} Grounds Maintenance Ltd",
    ),
}
PROVIDER_TYPE_WEIGHTS = {
    ProviderType.VOLUNTARY: 0.45,
    ProviderType.COMMISSIONED: 0.25,
    ProviderType.PUBLIC: 0.1,
    ProviderType.EMPLOYER: 0.2,
}


class DatabaseNotEmpty(Exception):
    """The database already holds organisations or people: demo data is only loaded into an empty one."""


class DemoUsernameTaken(Exception):
    """A user already has one of the fixed demo usernames."""


# --- helpers ---------------------------------------------------------------------------------------


class _Weighted:
    """Weighted choice by bisection over cumulative weights (much faster than random.choices per call)."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rand: Any) -> Any:
        return self.items[bisect_right(self.cum, rand() * self.total)]


class _Identifiers:
    """Unique identifiers from a counter through a keyed bijection, so none repeats, none needs
    remembering, and the sequence still looks random. Two affine maps with a digit reversal
    between them: each step is a bijection of 0..modulus-1, so their composition is too."""

    def __init__(self, rng: random.Random, modulus: int, digits: int) -> None:
        self.modulus, self.digits, self.next = modulus, digits, 0
        self.a1, self.a2 = self._coprime(rng), self._coprime(rng)
        self.b1, self.b2 = rng.randrange(modulus), rng.randrange(modulus)

    def _coprime(self, rng: random.Random) -> int:
        while True:
            a = rng.randrange(self.modulus // 3, self.modulus)
            if math.gcd(a, self.modulus) == 1:
                return a

    def take(self) -> int:
        if self.next >= self.modulus:
            raise OverflowError("Ran out of synthetic identifiers")
        x = (self.a1 * self.next + self.b1) % self.modulus
        self.next += 1
        block = 10**self.digits
        high, low = divmod(x, block)
        x = high * block + int(f"{low:0{self.digits}d}"[::-1])
        return (self.a2 * x + self.b2) % self.modulus


class _PrisonNumbers(_Identifiers):
    """Z1234AB: Z, 4 digits, 2 letters (10,000 x 676 of them)."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng, 676 * 10_000, 4)

    def __call__(self) -> str:
        letters, digits = divmod(self.take(), 10_000)
        return f"Z{digits:04d}{string.ascii_uppercase[letters // 26]}{string.ascii_uppercase[letters % 26]}"


class _CaseReferenceNumbers(_Identifiers):
    """Z123456: Z and 6 digits (a million of them)."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng, 1_000_000, 6)

    def __call__(self) -> str:
        return f"Z{self.take():06d}"


class _Dates(dict):
    """date objects by ordinal, made once each (a world has a few thousand distinct dates)."""

    def __missing__(self, ordinal: int) -> date:
        value = self[ordinal] = date.fromordinal(ordinal)
        return value


def _place_names(rng: random.Random) -> Iterator[str]:
    """Invented place names, each once, in a seeded order."""
    names = [s + e for s in PLACE_STARTS for e in PLACE_ENDS if (s + e) not in REAL_PRISON_NAMES]
    rng.shuffle(names)
    yield from names
    raise RuntimeError("Ran out of invented place names")


def _family_names() -> list[str]:
    names = [s + e for s in FAMILY_STARTS for e in FAMILY_ENDS]
    names += [f"{s}{e}-{second}" for s in FAMILY_STARTS[::3] for e in FAMILY_ENDS[::2] for second in FAMILY_SECONDS]
    return names


def _establishment_code(name: str, taken: set[str]) -> str:
    """A 3-letter code from the name: its first three letters if free, otherwise its first letter
    and two later ones, otherwise any free code starting with that letter."""
    letters = [c for c in name.upper() if c in string.ascii_uppercase]
    candidates = ["".join(letters[:3])]
    candidates += [
        letters[0] + letters[i] + letters[j] for i in range(1, len(letters)) for j in range(i + 1, len(letters))
    ]
    candidates += [letters[0] + a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    for code in candidates:
        if code not in taken:
            taken.add(code)
            return code
    raise RuntimeError(f"No free establishment code for {name}")


# --- the world -------------------------------------------------------------------------------------


@dataclass
class _World:
    size: Size
    rng: random.Random
    today: date
    out: TextIO | None
    started: float = field(default_factory=time.monotonic)
    regions: list[Organisation] = field(default_factory=list)
    region_codes: dict[int, str] = field(default_factory=dict)
    delivery_units: dict[int, list[Organisation]] = field(default_factory=dict)  # by region pk
    prisons: list[Organisation] = field(default_factory=list)
    providers: list[Organisation] = field(default_factory=list)
    commissioners: list[Organisation] = field(default_factory=list)
    commissioner_for_region: dict[int, Organisation] = field(default_factory=dict)
    national: Organisation | None = None
    demo_region: Organisation | None = None
    demo_prison: Organisation | None = None
    demo_delivery_unit: Organisation | None = None
    demo_provider: Organisation | None = None
    practitioners: dict[int, list[int]] = field(default_factory=dict)  # delivery unit pk -> user pks
    counts: dict[str, int] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.out is not None:
            self.out.write(f"[{time.monotonic() - self.started:6.1f}s] {message}\n")
            if hasattr(self.out, "flush"):
                self.out.flush()


def database_is_empty() -> bool:
    """Demo data goes only into a database with no organisations and no people yet."""
    return not Organisation.objects.exists() and not ServiceUser.objects.exists()


def generate(
    *,
    size: str | Size,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    stdout: TextIO | None = None,
    scale: float = 1.0,
    chunk_size: int | None = None,
    with_resettlement: bool = True,
) -> dict[str, int]:
    """Make the demo world in one transaction and return what was made, by kind.

    `scale` multiplies the people targets (tests use a tiny national world); `chunk_size` is how
    many people are made and written at a time. Raises DatabaseNotEmpty when organisations or
    people exist already, and DemoUsernameTaken when a fixed demo username is in use; in both
    cases nothing is written.
    """
    spec = SIZES[size] if isinstance(size, str) else size
    if scale != 1.0:
        spec = replace(
            spec,
            in_custody=max(1, round(spec.in_custody * scale)),
            releases=max(1, round(spec.releases * scale)),
            open_probation_cases=max(1, round(spec.open_probation_cases * scale)),
        )
    if chunk_size is not None:
        spec = replace(spec, chunk_size=chunk_size)
    world = _World(size=spec, rng=random.Random(seed), today=today or timezone.localdate(), out=stdout)
    # One transaction whatever the size: a load that fails half-way leaves nothing behind, so
    # `--if-empty` can simply be run again. On SQLite it is also the fastest way to write.
    with _sqlite_tuned_for_bulk_load(), transaction.atomic():
        if not database_is_empty():
            raise DatabaseNotEmpty("The database already has organisations or people in it")
        usernames = [*DEMO_USERNAMES.values(), *MORE_DEMO_SIGN_INS]
        taken = sorted(User.objects.filter(username__in=usernames).values_list("username", flat=True))
        if taken:
            raise DemoUsernameTaken(", ".join(taken))
        world.say(f"Making a {spec.name} demo world (seed {seed}, today {world.today.isoformat()})")
        _make_organisations(world)
        _make_contracts(world)
        _make_staff(world)
        _make_people(world)
        if spec.name == "small" and with_resettlement:
            _make_resettlement(world)
            _make_mentoring(world)
            _make_work(world)
            _make_release(world)
            _make_myplan(world)
            _make_voice(world)
            _make_participation(world)
        elif spec.name != "small":
            # Every release has its follow-up checkpoints, as the release app makes them; none is
            # recorded in the bulk world, so all past ones are NOT KNOWN.
            from release.services import checkpoints_generate

            world.counts["checkpoints"] = checkpoints_generate()
            world.say(f"Checkpoints: {world.counts['checkpoints']:,}")
            _make_voice(world)
            _make_participation(world)
        _make_outcomes(world)
        world.say("Committing")
    # Fresh statistics for the query planner: without them SQLite reads a prison's open custody
    # episodes through the released_on index instead of person_id (40 ms instead of 1 ms for one
    # page of the caseload, measured on the national world). PostgreSQL's autovacuum does this itself.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    world.say("Done")
    return world.counts


def _make_resettlement(world: _World) -> None:
    """Screenings, needs, plans and referrals for the demo prison, made through the services (small world only:
    the national world's bulk path has no resettlement records yet)."""
    from bench.referrals_demo import make_referral_records
    from bench.resettlement_demo import make_resettlement_records

    officer = User.objects.get(username=DEMO_USERNAMES[Role.PRISON_STAFF])
    world.counts.update(make_resettlement_records(officer=officer, rng=world.rng))
    partner = User.objects.get(username=DEMO_USERNAMES[Role.PARTNER_CASEWORKER])
    world.counts.update(make_referral_records(officer=officer, partner=partner, rng=world.rng))


def _make_mentoring(world: _World) -> None:
    """Mentors, mentoring and contacts for the demo prison and partner, through the services."""
    from bench.mentoring_demo import make_mentoring_records

    world.counts.update(make_mentoring_records(rng=world.rng))


def _make_work(world: _World) -> None:
    """Opportunities, work profiles and applications (small world only), with the `employer`
    sign-in at the first employer partner."""
    from bench.work_demo import make_work_records

    world.counts.update(make_work_records(rng=world.rng))


def _make_myplan(world: _World) -> None:
    """A PIN for one demo person's own view (bench.myplan_demo.DEMO_PIN), and their word that one
    action did not happen."""
    from bench.myplan_demo import make_myplan_records

    world.counts.update(make_myplan_records(rng=world.rng))


def _make_voice(world: _World) -> None:
    """Feedback surveys and their responses (bench.voice_demo)."""
    from bench.voice_demo import voice_demo_load

    counts = voice_demo_load(size=world.size.name, rng=world.rng, today=world.today)
    world.counts["users"] = world.counts.get("users", 0) + counts.pop("voice_users")
    world.counts.update(counts)


def _make_participation(world: _World) -> None:
    """Councils and elections, "you said, we did" issues and involvement activities, roles and
    peer research for the demo prison, three more prisons and the demo region
    (bench.participation_demo)."""
    from bench.participation_demo import participation_demo_load

    counts = participation_demo_load(rng=world.rng, today=world.today)
    world.counts["users"] = world.counts.get("users", 0) + counts.pop("participation_users")
    world.counts.update(counts)
    world.say(
        f"Participation: {counts['councils']} councils, {counts['ballots']} ballots, {counts['issues']} issues, "
        f"{counts['activities']} activities"
    )


def _make_release(world: _World) -> None:
    """Follow-up checkpoints for every release, and release plans, handovers and results (small
    world only)."""
    from bench.release_demo import make_release_records

    officer = User.objects.get(username=DEMO_USERNAMES[Role.PRISON_STAFF])
    practitioner = User.objects.get(username=DEMO_USERNAMES[Role.PROBATION_PRACTITIONER])
    world.counts.update(make_release_records(officer=officer, practitioner=practitioner, rng=world.rng))


def _make_outcomes(world: _World) -> None:
    """Prison types, protected characteristics and results for the past-due checkpoints, distributed
    differently by prison (bench.outcomes_demo), drawn last so that nothing made before changes."""
    from bench.outcomes_demo import outcomes_demo_load

    counts = outcomes_demo_load(
        rng=world.rng, today=world.today, demo_prison_id=world.demo_prison.pk if world.demo_prison else None
    )
    world.counts.update(counts)
    world.say(
        f"Outcomes: {counts.get('checkpoints_recorded', 0):,} checkpoints recorded "
        f"({counts.get('checkpoints_recorded_late', 0):,} late), "
        f"{counts.get('checkpoints_left_unrecorded', 0):,} past due left unrecorded"
    )


@contextmanager
def _sqlite_tuned_for_bulk_load() -> Iterator[None]:
    """A bigger page cache keeps the indexes being filled in memory (SQLite's default is 2 MB):
    about a sixth faster for the national size. Put back afterwards, as it is per connection."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size = -131072")  # KiB: 128 MB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


# --- organisations ---------------------------------------------------------------------------------


def _make_organisations(world: _World) -> None:
    rng, spec = world.rng, world.size
    places = _place_names(rng)

    world.regions = Organisation.objects.bulk_create(
        [Organisation(kind=OrganisationKind.PROBATION_REGION, name=name) for name, _ in REGIONS]
    )
    world.region_codes = {r.pk: code for r, (_, code) in zip(world.regions, REGIONS, strict=True)}
    world.demo_region = rng.choice(world.regions)

    units = []
    for region in world.regions:
        for _ in range(spec.delivery_units_per_region):
            name = f"{next(places)} PDU" if rng.random() < 0.5 else f"{next(places)} and {next(places)} PDU"
            units.append(Organisation(kind=OrganisationKind.DELIVERY_UNIT, name=name, region_id=region.pk))
    Organisation.objects.bulk_create(units, batch_size=BATCH_SIZE)
    for unit in units:
        world.delivery_units.setdefault(unit.region_id, []).append(unit)
    world.demo_delivery_unit = world.delivery_units[world.demo_region.pk][0]

    codes: set[str] = set()
    prisons = []
    # Every region has prisons; the rest are spread at random.
    prison_regions = [world.regions[i % len(world.regions)] for i in range(spec.prisons)]
    rng.shuffle(prison_regions)
    # The demo region's first prison is the demo prison: put it first.
    prison_regions.sort(key=lambda r: r.pk != world.demo_region.pk)
    for region in prison_regions:
        place = next(places)
        prefix = rng.choices(("HMP", "HMP/YOI", "HMYOI"), weights=(0.8, 0.15, 0.05))[0] if prisons else "HMP"
        prisons.append(
            Organisation(
                kind=OrganisationKind.ESTABLISHMENT,
                name=f"{prefix} {place}",
                code=_establishment_code(place, codes),
                region_id=region.pk,
            )
        )
    world.prisons = Organisation.objects.bulk_create(prisons, batch_size=BATCH_SIZE)
    world.demo_prison = world.prisons[0]

    provider_types = list(PROVIDER_TYPE_WEIGHTS)
    # The demo partner's provider is a commissioned one, so it holds contracts; then one of every
    # type whatever the size, then the rest at random.
    types = [ProviderType.COMMISSIONED, *provider_types]
    types += rng.choices(provider_types, weights=list(PROVIDER_TYPE_WEIGHTS.values()), k=max(0, spec.providers - 5))
    world.providers = Organisation.objects.bulk_create(
        [
            Organisation(
                kind=OrganisationKind.PROVIDER,
                name=rng.choice(PROVIDER_TEMPLATES[kind]).format(p=next(places)),
                provider_type=kind,
            )
            for kind in types
        ],
        batch_size=BATCH_SIZE,
    )
    world.demo_provider = world.providers[0]

    world.commissioners = Organisation.objects.bulk_create(
        [Organisation(kind=OrganisationKind.COMMISSIONER, name=name) for name, _ in COMMISSIONERS]
    )
    by_code = {code: region for region, (_, code) in zip(world.regions, REGIONS, strict=True)}
    for commissioner, (_, region_codes) in zip(world.commissioners, COMMISSIONERS, strict=True):
        for code in region_codes:
            world.commissioner_for_region[by_code[code].pk] = commissioner
    world.national = Organisation.objects.create(kind=OrganisationKind.NATIONAL, name=NATIONAL_TEAM_NAME)

    world.counts.update(
        regions=len(world.regions),
        delivery_units=len(units),
        prisons=len(world.prisons),
        providers=len(world.providers),
        commissioners=len(world.commissioners),
    )
    world.say(
        f"Organisations: {len(world.regions)} regions, {len(units)} delivery units, {len(world.prisons)} prisons, "
        f"{len(world.providers)} providers, {len(world.commissioners)} commissioners, 1 national team"
    )


# --- contracts -------------------------------------------------------------------------------------


def _make_contracts(world: _World) -> None:
    rng, spec, today = world.rng, world.size, world.today.toordinal()
    assert world.demo_region and world.demo_provider and world.demo_prison  # noqa: PT018 - set above
    pathways = list(Pathway)
    prisons_by_region: dict[int, list[Organisation]] = {}
    for prison in world.prisons:
        prisons_by_region.setdefault(prison.region_id, []).append(prison)
    providers_by_type: dict[str, list[Organisation]] = {}
    for provider in world.providers:
        providers_by_type.setdefault(provider.provider_type, []).append(provider)

    n = spec.contracts
    # A few contracts only count plans; one of them in the demo region, where the demo
    # commissioner will see it.
    plan_only = set(rng.sample(range(4, n), k=max(1, round(n * 0.08)) - 1)) | {3} if n > 4 else set()
    contract_types = list(CONTRACT_PREFIXES)
    numbers: dict[tuple[str, str], int] = {}
    contracts, their_pathways, their_prisons, obligations = [], [], [], []
    for i in range(n):
        demo = i < 3  # the demo partner's contracts, in the demo region and prison
        region = world.demo_region if i < 4 else world.regions[rng.randrange(len(world.regions))]
        if demo:
            provider, contract_type = world.demo_provider, (ContractType.CRS, ContractType.PRISON_SERVICE)[i % 2]
        else:
            contract_type = rng.choices(contract_types, weights=(0.4, 0.2, 0.25, 0.15))[0]
            pool = [p for t in CONTRACT_PROVIDER_TYPES[contract_type] for p in providers_by_type.get(t, [])]
            provider = rng.choice(pool or world.providers)
        if provider.provider_type == ProviderType.EMPLOYER:
            chosen = [Pathway.EDUCATION_WORK]
        else:
            chosen = rng.sample(pathways, k=rng.choice((1, 1, 2, 3)))
        if demo and Pathway.ACCOMMODATION not in chosen:
            chosen[0] = Pathway.ACCOMMODATION
        local = prisons_by_region.get(region.pk, [])
        wanted = {ContractType.PRISON_SERVICE: (1, 3), ContractType.GRANT: (0, 1)}.get(contract_type, (0, 2))
        prisons = rng.sample(local, k=min(len(local), rng.randint(*wanted)))
        if demo and world.demo_prison not in prisons:
            prisons.append(world.demo_prison)
        prefix, code = CONTRACT_PREFIXES[contract_type], world.region_codes[region.pk]
        numbers[prefix, code] = numbers.get((prefix, code), 0) + 1
        title = PATHWAY_TITLES[chosen[0]]
        title = (
            f"{title} at {prisons[0].name}"
            if contract_type == ContractType.PRISON_SERVICE and prisons
            else f"{title} – {region.name}"
        )
        start = today - rng.randint(30, 1100)
        contracts.append(
            Contract(
                reference=f"{prefix}-{code}-{numbers[prefix, code]:04d}",
                title=title,
                contract_type=contract_type,
                provider_id=provider.pk,
                commissioner_id=world.commissioner_for_region[region.pk].pk,
                region_id=region.pk,
                start_date=date.fromordinal(start),
                end_date=date.fromordinal(start + rng.randint(730, 1826)),
                value_pounds=rng.randint(40, 2500) * 1000,
            )
        )
        their_pathways.append(chosen)
        their_prisons.append(prisons)
        if i in plan_only:
            obligations.append([(ObligationKind.OUTPUT, *PLAN_ONLY_OUTPUT)])
            continue
        duties = [(ObligationKind.OUTCOME, *PATHWAY_OUTCOMES[p]) for p in chosen[:2]]
        if demo or rng.random() < 0.85:
            duties.append((ObligationKind.FEEDBACK_DUTY, *FEEDBACK_DUTY))
        if rng.random() < 0.4:
            duties.append((ObligationKind.OUTPUT, *ASSESSMENT_OUTPUT))
        if rng.random() < 0.7:
            duties.append((ObligationKind.REPORTING, *REPORTING))
        obligations.append(duties)

    Contract.objects.bulk_create(contracts, batch_size=BATCH_SIZE)
    ContractPathway.objects.bulk_create(
        [
            ContractPathway(contract_id=c.pk, pathway=p)
            for c, ps in zip(contracts, their_pathways, strict=True)
            for p in ps
        ],
        batch_size=BATCH_SIZE,
    )
    through = Contract.establishments.through
    through.objects.bulk_create(
        [
            through(contract_id=c.pk, organisation_id=p.pk)
            for c, ps in zip(contracts, their_prisons, strict=True)
            for p in ps
        ],
        batch_size=BATCH_SIZE,
    )
    rows = [
        ContractObligation(
            contract_id=c.pk,
            kind=kind,
            description=description,
            target=target,
            **MEASURED_OUTCOMES.get(description, {}),  # type: ignore[arg-type]
        )
        for c, duties in zip(contracts, obligations, strict=True)
        for kind, description, target in duties
    ]
    ContractObligation.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    world.counts.update(contracts=len(contracts), contract_obligations=len(rows), plan_only_contracts=len(plan_only))
    world.say(f"Contracts: {len(contracts)}, with {len(rows)} obligations ({len(plan_only)} that only count plans)")


# --- staff -----------------------------------------------------------------------------------------


def _make_staff(world: _World) -> None:
    """The fixed demo sign-ins, then (national) more staff in every organisation. Every account
    gets the same password hash, computed once: hashing is slow on purpose."""
    rng, spec = world.rng, world.size
    password = make_password(DEMO_PASSWORD)
    family_names = _family_names()

    def person_name() -> tuple[str, str]:
        given = GIVEN_NAMES_WOMEN if rng.random() < 0.5 else GIVEN_NAMES_MEN
        return rng.choice(given), rng.choice(family_names)

    assert world.demo_prison and world.demo_delivery_unit and world.demo_provider and world.national  # noqa: PT018
    assert world.demo_region
    demo_orgs = {
        Role.PRISON_STAFF: world.demo_prison,
        Role.PROBATION_PRACTITIONER: world.demo_delivery_unit,
        Role.PARTNER_CASEWORKER: world.demo_provider,
        Role.INVOLVEMENT_LEAD: world.demo_prison,
        Role.COMMISSIONER: world.commissioner_for_region[world.demo_region.pk],
        Role.ADMINISTRATOR: world.national,
    }
    users = []
    for role, username in DEMO_USERNAMES.items():
        given, family = person_name()
        organisation = demo_orgs[role]
        assert organisation.kind in ROLE_ORGANISATION_KINDS[role]
        admin = role == Role.ADMINISTRATOR
        users.append(
            User(
                username=username,
                first_name=given,
                last_name=family,
                password=password,
                role=role,
                organisation_id=organisation.pk,
                is_staff=admin,
                is_superuser=admin,
            )
        )

    if spec.extra_staff:
        plan: list[tuple[str, Organisation, int]] = []
        for prison in world.prisons:
            plan += [(Role.PRISON_STAFF, prison, spec.prison_staff_per_prison), (Role.INVOLVEMENT_LEAD, prison, 1)]
        for units in world.delivery_units.values():
            for unit in units:
                plan += [(Role.PROBATION_PRACTITIONER, unit, spec.practitioners_per_delivery_unit)]
                plan += [(Role.INVOLVEMENT_LEAD, unit, 1)]
        for region in world.regions:
            plan += [(Role.COMMISSIONER, region, 2), (Role.INVOLVEMENT_LEAD, region, 1)]
        for provider in world.providers:
            caseworkers = 1 if provider.provider_type == ProviderType.EMPLOYER else spec.caseworkers_per_provider
            plan += [(Role.PARTNER_CASEWORKER, provider, caseworkers), (Role.INVOLVEMENT_LEAD, provider, 1)]
        for commissioner in world.commissioners:
            plan += [(Role.COMMISSIONER, commissioner, 5)]
        plan += [(Role.ADMINISTRATOR, world.national, 5)]
        short = {
            Role.PRISON_STAFF: "officer",
            Role.PROBATION_PRACTITIONER: "practitioner",
            Role.PARTNER_CASEWORKER: "caseworker",
            Role.INVOLVEMENT_LEAD: "involvement",
            Role.COMMISSIONER: "commissioner",
            Role.ADMINISTRATOR: "admin",
        }
        for role, organisation, how_many in plan:
            org_slug = (organisation.code or slugify(organisation.name)).lower()[:100]
            for n in range(1, how_many + 1):
                given, family = person_name()
                users.append(
                    User(
                        username=f"{short[role]}.{org_slug}.{n}",
                        first_name=given,
                        last_name=family,
                        password=password,
                        role=role,
                        organisation_id=organisation.pk,
                    )
                )
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    for user in users:
        if user.role == Role.PROBATION_PRACTITIONER:
            world.practitioners.setdefault(user.organisation_id, []).append(user.pk)
    world.counts["users"] = len(users)
    world.say(f"Staff: {len(users)} (demo sign-ins: {', '.join(DEMO_USERNAMES.values())})")


# --- people ----------------------------------------------------------------------------------------

# A person's story, before it is written: identity, custody episodes and probation cases, with
# dates as ordinals and organisations and practitioners as primary keys.
Episode = tuple[int, int, int | None]  # prison, received, released
Case = tuple[int, int | None, int, int | None]  # delivery unit, practitioner, started, ended
Story = tuple[str, str, int, str | None, str | None, list[Episode], list[Case]]


class _Population:
    """Makes people's stories to meet the size's targets exactly: `in_custody` people held today,
    `releases` releases in the last five years (a person may have several) and
    `open_probation_cases` open cases. Counters say what has been made so far."""

    def __init__(self, world: _World) -> None:
        self.world = world
        rng = world.rng
        self.rand, self.randint, self.randrange = rng.random, rng.randint, rng.randrange
        self.today = world.today.toordinal()
        self.window_start = self.today - WINDOW_DAYS
        self.prison_numbers = _PrisonNumbers(rng)
        self.crns = _CaseReferenceNumbers(rng)
        self.family_names = _family_names()
        spec = world.size

        def prison_weight(prison: Organisation) -> float:
            demo = prison.pk == world.demo_prison.pk  # type: ignore[union-attr]
            return spec.demo_prison_weight if demo else 0.5 + 1.5 * rng.random()  # big and small prisons

        def unit_weight(unit: Organisation) -> float:
            demo = unit.pk == world.demo_delivery_unit.pk  # type: ignore[union-attr]
            return spec.demo_delivery_unit_weight if demo else 0.5 + rng.random()

        prison_weights = {p.pk: prison_weight(p) for p in world.prisons}
        self.prison_region = {p.pk: p.region_id for p in world.prisons}
        self.all_prisons = _Weighted([p.pk for p in world.prisons], [prison_weights[p.pk] for p in world.prisons])
        by_region: dict[int, list[int]] = {}
        for p in world.prisons:
            by_region.setdefault(p.region_id, []).append(p.pk)
        self.prisons_in_region = {r: _Weighted(pks, [prison_weights[pk] for pk in pks]) for r, pks in by_region.items()}
        unit_weights = {u.pk: unit_weight(u) for units in world.delivery_units.values() for u in units}
        self.units_in_region = {
            r: _Weighted([u.pk for u in units], [unit_weights[u.pk] for u in units])
            for r, units in world.delivery_units.items()
        }
        every_unit = [u.pk for units in world.delivery_units.values() for u in units]
        self.all_units = _Weighted(every_unit, [unit_weights[pk] for pk in every_unit])
        self.practitioners = world.practitioners

        self.people = self.in_custody = self.releases = self.open_cases = 0

    # -- pieces of a life, in days --

    def served(self) -> int:
        """Days in custody: mostly short sentences and remand, some long ones."""
        r = self.rand()
        if r < 0.4:
            return self.randint(7, 180)
        if r < 0.8:
            return self.randint(181, 900)
        return self.randint(901, 3650)

    def licence(self) -> int:
        """Days of supervision after release: licence and post-sentence supervision."""
        r = self.rand()
        if r < 0.4:
            return 365
        if r < 0.8:
            return self.randint(180, 1100)
        return self.randint(1100, 2500)

    def practitioner(self, unit: int) -> int | None:
        staff = self.practitioners.get(unit)
        # About one case in twelve waits for allocation.
        return staff[self.randrange(len(staff))] if staff and self.rand() < 0.92 else None

    def prison_near(self, region: int) -> int:
        """Mostly a prison in the same region as before; sometimes anywhere."""
        if self.rand() < 0.75 and region in self.prisons_in_region:
            return self.prisons_in_region[region].pick(self.rand)
        return self.all_prisons.pick(self.rand)

    def release_case(self, prison: int, released: int, next_received: int | None) -> Case:
        """Supervision from the day of release, in a delivery unit of the prison's region."""
        unit = self.units_in_region[self.prison_region[prison]].pick(self.rand)
        ended: int | None = released + self.licence()
        if next_received is not None:
            ended = max(released, min(ended, next_received))  # type: ignore[type-var]
        elif ended > self.today:  # type: ignore[operator]
            ended = None
        return (unit, self.practitioner(unit), released, ended)

    def identity(
        self, earliest: int, *, prison_number: bool, crn: bool
    ) -> tuple[str, str, int, str | None, str | None]:
        rand, randint = self.rand, self.randint
        given = GIVEN_NAMES_WOMEN if rand() < 0.1 else GIVEN_NAMES_MEN
        # Nobody is in an adult prison or on adult probation before 18.
        at_least = 18 + math.ceil((self.today - earliest) / 365.25)
        r = rand()
        age = randint(18, 25) if r < 0.32 else randint(26, 40) if r < 0.77 else randint(41, 70)
        age = min(70, max(age, at_least))
        # Born between exactly `age` years and `age + 1` years ago, whatever the leap days.
        days = 365 * age + age // 4 + 1 + self.randrange(364 + (age + 1) // 4 - age // 4)
        return (
            given[self.randrange(len(given))],
            self.family_names[self.randrange(len(self.family_names))],
            self.today - days,
            self.prison_numbers() if prison_number else None,
            self.crns() if crn else None,
        )

    # -- three kinds of people --

    def held_now(self) -> Story:
        """In custody today; some were released before and came back."""
        prison = self.all_prisons.pick(self.rand)
        received = self.today - self.served()
        episodes: list[Episode] = [(prison, received, None)]
        cases: list[Case] = []
        if self.rand() < 0.3:
            released_before = received - self.randint(30, 900)
            if released_before > self.window_start:
                earlier = self.prison_near(self.prison_region[prison])
                episodes.insert(0, (earlier, released_before - self.served(), released_before))
                cases.append(self.release_case(earlier, released_before, received))
                self.releases += 1
        self.in_custody += 1
        crn = bool(cases) or self.rand() < 0.5
        return (*self.identity(episodes[0][1], prison_number=True, crn=crn), episodes, cases)

    def released(self, most: int) -> Story:
        """Released in the last five years, once or more (at most `most` times)."""
        wanted = min(most, 1 if self.rand() < 0.78 else 2 if self.rand() < 0.77 else 3)
        prison = self.all_prisons.pick(self.rand)
        released = self.today - self.randint(1, WINDOW_DAYS - 1)
        episodes: list[Episode] = [(prison, released - self.served(), released)]
        while len(episodes) < wanted:
            released_before = episodes[0][1] - self.randint(30, 700)
            if released_before <= self.window_start:
                break
            prison = self.prison_near(self.prison_region[prison])
            episodes.insert(0, (prison, released_before - self.served(), released_before))
        cases: list[Case] = []
        for i, (prison, _, released) in enumerate(episodes):
            next_received = episodes[i + 1][1] if i + 1 < len(episodes) else None
            cases.append(self.release_case(prison, released, next_received))  # type: ignore[arg-type]
        self.releases += len(episodes)
        self.open_cases += cases[-1][3] is None
        return (*self.identity(episodes[0][1], prison_number=True, crn=True), episodes, cases)

    def community(self, *, open_case: bool) -> Story:
        """On a community sentence: probation only, never in custody here."""
        unit = self.all_units.pick(self.rand)
        length = self.randint(180, 1095)
        if open_case:
            started = self.today - self.randrange(length)
            cases: list[Case] = [(unit, self.practitioner(unit), started, None)]
            self.open_cases += 1
        else:
            ended = self.today - self.randint(1, 1500)
            cases = [(unit, self.practitioner(unit), ended - length, ended)]
        if self.rand() < 0.2:  # an earlier order, finished
            ended = cases[0][2] - self.randint(30, 800)
            cases.insert(0, (unit, self.practitioner(unit), ended - self.randint(180, 1095), ended))
        return (*self.identity(cases[0][2], prison_number=False, crn=True), [], cases)

    def busy(self, prison: int, released: int) -> Story:
        """Released once, on a given day, from one of the busy prisons."""
        episodes: list[Episode] = [(prison, released - self.served(), released)]
        cases: list[Case] = [self.release_case(prison, released, None)]
        self.releases += 1
        self.open_cases += cases[-1][3] is None
        return (*self.identity(episodes[0][1], prison_number=True, crn=True), episodes, cases)

    def busy_release_days(self) -> list[int]:
        """The days (ordinals) of one busy prison's releases, from a random start."""
        recent = range(self.randint(1, BUSY_RECENT_STEP), BUSY_RECENT_DAYS + 1, BUSY_RECENT_STEP)
        older = range(BUSY_RECENT_DAYS + self.randint(1, BUSY_OLDER_STEP), BUSY_OLDER_DAYS + 1, BUSY_OLDER_STEP)
        return [self.today - days for days in (*recent, *older)]

    def stories(self) -> Iterator[Story]:
        spec = self.world.size
        for _ in range(spec.in_custody):
            yield self.held_now()
        # Not the demo prison: its releases would swell the demo practitioner's caseload.
        for prison in self.world.prisons[1 : 1 + spec.busy_prisons]:
            for released in self.busy_release_days():
                if self.releases < spec.releases:
                    yield self.busy(prison.pk, released)
        while self.releases < spec.releases:
            yield self.released(spec.releases - self.releases)
        for _ in range(max(0, spec.open_probation_cases - self.open_cases)):
            yield self.community(open_case=True)
        for _ in range(round(spec.open_probation_cases * 0.1)):
            yield self.community(open_case=False)


def _make_people(world: _World) -> None:
    population = _Population(world)
    dates = _Dates()
    chunk: list[Story] = []
    counts = {"people": 0, "custody_episodes": 0, "probation_cases": 0}
    for story in population.stories():
        chunk.append(story)
        if len(chunk) >= world.size.chunk_size:
            _write_people(chunk, dates, counts, today=population.today)
            chunk = []
            world.say(
                f"People: {counts['people']:,} written ({counts['custody_episodes']:,} custody episodes, "
                f"{counts['probation_cases']:,} probation cases)"
            )
    if chunk:
        _write_people(chunk, dates, counts, today=population.today)
    world.counts.update(counts)
    world.counts.update(
        in_custody=population.in_custody,
        releases=population.releases,
        open_probation_cases=population.open_cases,
    )
    world.say(
        f"People: {counts['people']:,}; {population.in_custody:,} in custody, {population.releases:,} releases "
        f"in the last five years, {population.open_cases:,} open probation cases"
    )


def _days_to_release(prison_number: str | None, received: int) -> int:
    """Days until an expected release: three in ten within 12 weeks (short sentences and remand are
    common), the rest within two years. Drawn from the person's own details, not their database id,
    so the same seed gives the same dates on SQLite and PostgreSQL."""
    h = zlib.crc32(f"{prison_number}:{received}".encode()) % 1000
    return 1 + h % 84 if h < 300 else 85 + h % 645


def _write_people(chunk: list[Story], dates: _Dates, counts: dict[str, int], *, today: int) -> None:
    people = [
        ServiceUser(given_name=g, family_name=f, date_of_birth=dates[dob], prison_number=pn, crn=crn)
        for g, f, dob, pn, crn, _, _ in chunk
    ]
    ServiceUser.objects.bulk_create(people, batch_size=BATCH_SIZE)
    episodes, cases = [], []
    for person, (*_, their_episodes, their_cases) in zip(people, chunk, strict=True):
        pn = person.prison_number
        pk = person.pk
        for prison, received, released in their_episodes:
            episodes.append(
                CustodyEpisode(
                    person_id=pk,
                    establishment_id=prison,
                    received_on=dates[received],
                    released_on=None if released is None else dates[released],
                    expected_release_on=None if released is not None else dates[today + _days_to_release(pn, received)],
                )
            )
        for unit, practitioner, started, ended in their_cases:
            cases.append(
                ProbationCase(
                    person_id=pk,
                    delivery_unit_id=unit,
                    practitioner_id=practitioner,
                    started_on=dates[started],
                    ended_on=None if ended is None else dates[ended],
                )
            )
    CustodyEpisode.objects.bulk_create(episodes, batch_size=BATCH_SIZE)
    ProbationCase.objects.bulk_create(cases, batch_size=BATCH_SIZE)
    counts["people"] += len(people)
    counts["custody_episodes"] += len(episodes)
    counts["probation_cases"] += len(cases)


def demo_users() -> dict[str, User | None]:
    """The fixed demo sign-ins by role (None where one is missing)."""
    found = {
        u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES.values()).select_related("organisation")
    }
    return {role: found.get(username) for role, username in DEMO_USERNAMES.items()}


def more_demo_users() -> list[tuple[str, User]]:
    """The further demo sign-ins that exist, with what each is."""
    found = {u.username: u for u in User.objects.filter(username__in=MORE_DEMO_SIGN_INS).select_related("organisation")}
    return [(label, found[name]) for name, label in MORE_DEMO_SIGN_INS.items() if name in found]
