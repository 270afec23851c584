"""Identifier formats for people in prison and on probation (ENGINEERING.md, 'Identifiers')."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


def validate_prison_number(value: str) -> None:
    if not PRISON_NUMBER_RE.match(value):
        raise ValidationError(
            _("Enter a prison number in the correct format, like A1234BC"), code="invalid_prison_number"
        )


def validate_crn(value: str) -> None:
    if not CRN_RE.match(value):
        raise ValidationError(
            _("Enter a case reference number in the correct format, like X123456"), code="invalid_crn"
        )


def pnc_check_letter(year: str, serial: str) -> str:
    """The PNC check letter: (yy followed by the serial padded to 7 digits) mod 23."""
    return CHECK_LETTERS[int(year[-2:] + serial.zfill(7)) % 23]


def validate_pnc(value: str) -> None:
    match = PNC_RE.match(value)
    if not match:
        raise ValidationError(_("Enter a PNC number in the correct format, like 2002/0073319Z"), code="invalid_pnc")
    year, serial, letter = match.groups()
    if pnc_check_letter(year, serial) != letter:
        raise ValidationError(_("Check the PNC number: its check letter does not match"), code="pnc_check_letter")


def validate_cro(value: str) -> None:
    match = CRO_RE.match(value)
    if not match:
        raise ValidationError(_("Enter a CRO number in the correct format, like 123456/08L"), code="invalid_cro")
    serial, year, letter = match.groups()
    # Standard-form CRO numbers: the check letter is (yy followed by the serial padded to 6) mod 23.
    if CHECK_LETTERS[int(year + serial.zfill(6)) % 23] != letter:
        raise ValidationError(_("Check the CRO number: its check letter does not match"), code="cro_check_letter")


def validate_national_insurance_number(value: str) -> None:
    match = NINO_RE.match(value)
    if not match or match.group(1) in NINO_BANNED_PREFIXES:
        raise ValidationError(
            _("Enter a National Insurance number in the correct format, like QQ123456C"), code="invalid_nino"
        )
