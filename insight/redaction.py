"""Redaction of what identifies a person in free text (issue 14, §2), before anyone reads it.

Every finding is a typed span of the original text, replaced by a readable placeholder
("[PRISON NUMBER]", "[STAFF MEMBER]") so the sentence still reads. This layer needs no model and no
word list: the structured identifiers with their own check rules (insight/identifiers.py), phone
numbers, email addresses, postcodes, dates of birth, and people named by a title or a role ("Mr
Pryce", "Officer dale", "Guv Harris", "my pad mate Dave"). Names with no title or role before them
need a names list or a model (Presidio with a gazetteer, and a spaCy pipeline where an operator has
one installed): that layer is not built yet, and this module says so rather than pretend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from insight import identifiers


@dataclass(frozen=True)
class Entity:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Redacted:
    text: str
    entities: list[Entity]


PLACEHOLDERS = {
    "PRISON_NUMBER": "[PRISON NUMBER]",
    "CRN": "[CASE REFERENCE]",
    "PNC": "[PNC NUMBER]",
    "CRO": "[CRO NUMBER]",
    "NI_NUMBER": "[NI NUMBER]",
    "PHONE": "[PHONE]",
    "EMAIL": "[EMAIL]",
    "POSTCODE": "[POSTCODE]",
    "DATE_OF_BIRTH": "[DATE OF BIRTH]",
    "NAME": "[NAME]",
    "STAFF": "[STAFF MEMBER]",
}

_B = r"(?<![\w/])"  # not inside a longer word or number
_E = r"(?![\w/])"


def _spaced(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


# Each finder: a type, a pattern, and a check the matched text must pass (None: the pattern is enough).
_FINDERS: list[tuple[str, re.Pattern[str], object]] = [
    ("EMAIL", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I), None),
    ("PNC", re.compile(_B + r"(?:\d{4}|\d{2})/\d{1,7}[A-Z]" + _E, re.I), "pnc"),
    ("CRO", re.compile(_B + r"\d{1,6}/\d{2}[A-Z]" + _E, re.I), "cro"),
    ("PRISON_NUMBER", re.compile(_B + r"[A-Z] ?\d{4} ?[A-Z]{2}" + _E, re.I), "prison_number"),
    (
        "NI_NUMBER",
        re.compile(_B + r"[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]" + _E, re.I),
        None,  # a wrongly copied prefix still names someone
    ),
    ("CRN", re.compile(_B + r"[A-Z]\d{6}" + _E, re.I), identifiers.is_crn),
    (
        "PHONE",
        re.compile(_B + r"(?:\+44[\s-]?(?:\(0\)[\s-]?)?|0)\d(?:[\s-]?\d){8,9}" + _E),
        None,
    ),
    (
        "POSTCODE",
        re.compile(_B + r"(?:[A-Z]{1,2}\d[A-Z\d]?|[A-Z]{1,2}\d) ?\d[A-Z]{2}" + _E, re.I),
        None,
    ),
    (
        "DATE_OF_BIRTH",
        re.compile(
            r"(?:born(?: on)?|d\.?o\.?b\.?:?|date of birth:?|birthday(?: is)?|ganwyd|dyddiad geni:?)\s*"
            r"((?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})|(?:\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}))",
            re.I,
        ),
        "group",
    ),
]


# Two-letter words that can follow four digits in a sentence ("A1234 is"): a prison number written
# with a space before its letters is taken only when they are not one of these.
_TWO_LETTER_WORDS = frozenset(
    [
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
    ]
)


def _accept(kind: object, matched: str) -> bool:
    if kind is None or kind == "group":
        return True
    value = _spaced(matched)
    if kind == "prison_number":
        spaced_letters = matched[-3] == " "
        return identifiers.is_prison_number(value) and not (
            spaced_letters and matched[-2:].lower() in _TWO_LETTER_WORDS
        )
    if kind == "pnc":
        # A wrongly copied check letter still names someone: any long enough serial is a PNC number.
        return identifiers.is_pnc(value) or len(value.split("/")[1]) >= 6
    if kind == "cro":
        return identifiers.is_cro(value) or len(value.split("/")[0]) >= 4
    return bool(kind(value))  # type: ignore[operator]


# People named by a title or a role. A staff title ("Officer Dale", "Miss Rees", "SO Lewis") makes the
# name a member of staff's; "Mr" and "Mrs" are staff in a prison's feedback more often than not, but
# not always, so they are named people ("[NAME]") unless a staff word is near.
_STAFF_TITLES = (
    r"officer|offc?r|gov|guv|governor|so|cm|oso|nurse|sister|miss|sir|dr|doctor|chaplain|custody manager|"
    r"keyworker|key worker|probation officer|po|swyddog|nyrs"
)
_TITLES = r"mr|mrs|ms|mx|mister|missus"
_ROLES = (
    r"pad ?mate|cell ?mate|celly|padmate|mate|bro|brother|sister|cousin|son|daughter|partner|girlfriend|"
    r"boyfriend|wife|husband|missus|ex|friend|neighbour|solicitor|brawd|chwaer|ffrind|mab|merch"
)
# Words that follow a title without being a name ("the officer on the wing", "Miss was rude").
_NOT_A_NAME_WORDS = (
    "a an the and or but on in at to of for from with by as is was were are be been has had have said says "
    "told tells came come went goes gave give took take called shouted helped helps let lets made make did do "
    "does put asked asks kept keeps just always never also who that which when then there here this these "
    "those he she they him her them his their i me my we us our you your it its not no yes if so very really "
    "too got get gets getting would could should will can may might must all any some every one two night "
    "day nights days wing landing block"
)
_NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())
_NAME_WORD = r"[A-Za-z][A-Za-z'’-]+"
_PERSON = re.compile(
    r"(?<!\w)(?P<title>"
    + _STAFF_TITLES
    + "|"
    + _TITLES
    + r")\.?\s+(?P<name>"
    + _NAME_WORD
    + r"(?:\s+(?-i:[A-Z][a-z'’-]+))?)",
    re.I,
)
_ROLE_NAME = re.compile(
    r"(?<!\w)(?:my|his|her|our|their|fy|ei)\s+(?:"
    + _ROLES
    + r")\s+(?P<name>[A-Z][a-z'’-]+|[a-z]{3,}(?=\s+(?:is|was|has|keeps|said|told|and)\b))"
)


def _names(text: str) -> list[Entity]:
    found = []
    for match in _PERSON.finditer(text):
        name = match.group("name")
        first = name.split()[0]
        if first.lower() in _NOT_A_NAME:
            continue
        kind = "NAME" if match.group("title").lower() in {"mr", "mrs", "ms", "mx", "mister", "missus"} else "STAFF"
        # The title goes with the name: "Officer [STAFF MEMBER]" would read twice.
        found.append(Entity(kind, match.start(), match.end("name")))
    for match in _ROLE_NAME.finditer(text):
        if match.group("name").lower() not in _NOT_A_NAME:
            found.append(Entity("NAME", match.start("name"), match.end("name")))
    return found


def entities(text: str) -> list[Entity]:
    """Every span to redact, in order, with no two overlapping (the longer is kept)."""
    found: list[Entity] = []
    for kind, pattern, check in _FINDERS:
        for match in pattern.finditer(text):
            if check == "group":
                found.append(Entity(kind, match.start(1), match.end(1)))
            elif _accept(check, match.group()):
                found.append(Entity(kind, match.start(), match.end()))
    found += _names(text)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Entity] = []
    for entity in found:
        if kept and entity.start < kept[-1].end:
            continue
        kept.append(entity)
    return kept


def redact(text: str) -> Redacted:
    """The text with each finding replaced by its placeholder, and the findings (offsets into the
    original)."""
    spans = entities(text)
    parts: list[str] = []
    at = 0
    for entity in spans:
        parts.append(text[at : entity.start])
        parts.append(PLACEHOLDERS[entity.type])
        at = entity.end
    parts.append(text[at:])
    return Redacted(text="".join(parts), entities=spans)
