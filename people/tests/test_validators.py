import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from people.validators import (
    CHECK_LETTERS,
    normalise_identifier,
    pnc_check_letter,
    validate_crn,
    validate_cro,
    validate_national_insurance_number,
    validate_pnc,
    validate_prison_number,
)

letters = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
digits = st.integers(0, 9).map(str)


@given(
    first=letters,
    numbers=st.text("0123456789", min_size=4, max_size=4),
    last=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
)
def test_every_well_formed_prison_number_is_accepted(first, numbers, last):
    validate_prison_number(f"{first}{numbers}{last}")


@pytest.mark.parametrize("value", ["", "A1234B", "A12345BC", "a1234bc", "11234BC", "A1234B1", "A 1234BC", "AB1234C"])
def test_malformed_prison_numbers_are_refused(value):
    with pytest.raises(ValidationError, match="A1234BC"):
        validate_prison_number(value)


@given(first=letters, numbers=st.text("0123456789", min_size=6, max_size=6))
def test_every_well_formed_crn_is_accepted(first, numbers):
    validate_crn(f"{first}{numbers}")


@pytest.mark.parametrize("value", ["", "X12345", "X1234567", "x123456", "1123456", "XX12345"])
def test_malformed_crns_are_refused(value):
    with pytest.raises(ValidationError, match="X123456"):
        validate_crn(value)


def test_pnc_worked_example_from_the_handbook():
    validate_pnc("2002/0073319Z")
    assert pnc_check_letter("2002", "0073319") == "Z"


@given(year=st.sampled_from(["02", "2002", "99", "1999", "24"]), serial=st.integers(1, 9_999_999).map(str))
def test_pnc_accepts_its_own_check_letter_and_no_other(year, serial):
    right = pnc_check_letter(year, serial)
    validate_pnc(f"{year}/{serial}{right}")
    wrong = next(letter for letter in CHECK_LETTERS if letter != right)
    with pytest.raises(ValidationError, match="check letter"):
        validate_pnc(f"{year}/{serial}{wrong}")


@pytest.mark.parametrize("value", ["2002/0073319", "202/0073319Z", "2002/00733190Z", "2002-0073319Z"])
def test_malformed_pnc_numbers_are_refused(value):
    with pytest.raises(ValidationError, match="correct format"):
        validate_pnc(value)


@given(serial=st.integers(1, 999_999).map(str), year=st.text("0123456789", min_size=2, max_size=2))
def test_cro_accepts_its_own_check_letter_and_no_other(serial, year):
    right = CHECK_LETTERS[int(year + serial.zfill(6)) % 23]
    validate_cro(f"{serial}/{year}{right}")
    wrong = next(letter for letter in CHECK_LETTERS if letter != right)
    with pytest.raises(ValidationError):
        validate_cro(f"{serial}/{year}{wrong}")


@pytest.mark.parametrize("value", ["CE123456D", "AB123456A", "JG103759A"])
def test_valid_national_insurance_numbers(value):
    validate_national_insurance_number(value)


@pytest.mark.parametrize(
    "value",
    [
        "BG123456A",
        "GB123456A",
        "KN123456A",
        "NK123456A",
        "NT123456A",
        "TN123456A",
        "ZZ123456A",
        "QQ123456E",
        "DA123456A",
        "AO123456A",
        "QQ123456C",
        "CE12345C",
    ],
)
def test_invalid_national_insurance_numbers(value):
    with pytest.raises(ValidationError):
        validate_national_insurance_number(value)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 \t", max_size=20))
def test_normalising_is_idempotent_and_leaves_no_spaces(value):
    once = normalise_identifier(value)
    assert normalise_identifier(once) == once
    assert " " not in once and once == once.upper()


def test_normalising_reads_what_people_type():
    assert normalise_identifier(" a 1234 bc ") == "A1234BC"
