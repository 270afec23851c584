"""The identifiers of people in prison and on probation (ENGINEERING.md, "Identifiers"): their
formats and check letters, as plain rules with no Django in them, so that the record's validators
(people/validators.py) and redaction (insight/redaction.py) apply the same ones."""

from __future__ import annotations

import re

PRISON_NUMBER_RE = re.compile(r"^[A-Z]\d{4}[A-Z]{2}$")
CRN_RE = re.compile(r"^[A-Z]\d{6}$")
PNC_RE = re.compile(r"^(\d{2}|\d{4})/(\d{1,7})([A-Z])$")
CRO_RE = re.compile(r"^(\d{1,6})/(\d{2})([A-Z])$")
NINO_RE = re.compile(r"^([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\d{6}[A-D]$")
# HMRC never allocates these prefixes.
NINO_BANNED_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"


def normalise_identifier(value: str) -> str:
    """People type identifiers in any case and with spaces: 'a 1234 bc' means A1234BC."""
    return re.sub(r"\s+", "", value or "").upper()


def pnc_check_letter(year: str, serial: str) -> str:
    """The PNC check letter: (yy followed by the serial padded to 7 digits) mod 23."""
    return CHECK_LETTERS[int(year[-2:] + serial.zfill(7)) % 23]


def cro_check_letter(serial: str, year: str) -> str:
    """Standard-form CRO numbers: (yy followed by the serial padded to 6 digits) mod 23."""
    return CHECK_LETTERS[int(year + serial.zfill(6)) % 23]


def is_prison_number(value: str) -> bool:
    return bool(PRISON_NUMBER_RE.match(value))


def is_crn(value: str) -> bool:
    return bool(CRN_RE.match(value))


def is_pnc_format(value: str) -> bool:
    return bool(PNC_RE.match(value))


def is_pnc(value: str) -> bool:
    """A PNC number whose check letter matches."""
    match = PNC_RE.match(value)
    return bool(match) and pnc_check_letter(match.group(1), match.group(2)) == match.group(3)


def is_cro_format(value: str) -> bool:
    return bool(CRO_RE.match(value))


def is_cro(value: str) -> bool:
    """A CRO number whose check letter matches."""
    match = CRO_RE.match(value)
    return bool(match) and cro_check_letter(match.group(1), match.group(2)) == match.group(3)


def is_national_insurance_number(value: str) -> bool:
    match = NINO_RE.match(value)
    return bool(match) and match.group(1) not in NINO_BANNED_PREFIXES
