"""Identifier formats for people in prison and on probation (ENGINEERING.md, 'Identifiers')."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The rules themselves live in insight.identifiers, where redaction uses them too; the names stay
# importable from here for the record's code.
from insight.identifiers import (  # noqa: F401 - re-exported for the record's code
    CHECK_LETTERS,
    CRN_RE,
    CRO_RE,
    NINO_BANNED_PREFIXES,
    NINO_RE,
    PNC_RE,
    PRISON_NUMBER_RE,
    is_cro,
    is_cro_format,
    is_national_insurance_number,
    is_pnc,
    is_pnc_format,
    normalise_identifier,
    pnc_check_letter,
)


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


def validate_pnc(value: str) -> None:
    if not is_pnc_format(value):
        raise ValidationError(_("Enter a PNC number in the correct format, like 2002/0073319Z"), code="invalid_pnc")
    if not is_pnc(value):
        raise ValidationError(_("Check the PNC number: its check letter does not match"), code="pnc_check_letter")


def validate_cro(value: str) -> None:
    if not is_cro_format(value):
        raise ValidationError(_("Enter a CRO number in the correct format, like 123456/08L"), code="invalid_cro")
    if not is_cro(value):
        raise ValidationError(_("Check the CRO number: its check letter does not match"), code="cro_check_letter")


def validate_national_insurance_number(value: str) -> None:
    if not is_national_insurance_number(value):
        raise ValidationError(
            _("Enter a National Insurance number in the correct format, like QQ123456C"), code="invalid_nino"
        )
