import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from zhicheng.core.identity import (
    mask_id_number,
    normalize_mobile,
    parse_id_number,
    validate_credit_code,
)

VALID = "11010519491231002X"


def with_check(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def test_it_accepts_a_valid_number_and_reads_birth_date_and_sex() -> None:
    parsed = parse_id_number(VALID)
    assert parsed.number == VALID
    assert parsed.birth_date == datetime.date(1949, 12, 31)
    assert parsed.sex == "女"  # 17th digit 2 is even
    assert parse_id_number(with_check("34010419880512301")).sex == "男"


def test_it_takes_a_trailing_lower_case_x_as_upper_case() -> None:
    assert parse_id_number(VALID.lower()).number == VALID


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "18位"),
        ("11010519491231002", "18位"),
        ("11010519491231002XX", "18位"),
        ("110105194912310021", "校验位"),
        ("A1010519491231002X", "格式"),
    ],
)
def test_it_rejects_malformed_numbers_in_chinese(value: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_id_number(value)
    assert message in error.value.messages[0]


def test_it_rejects_an_impossible_birth_date_or_region() -> None:
    with pytest.raises(ValidationError, match="出生日期或地区码"):
        parse_id_number(with_check("11010519491331002"))
    with pytest.raises(ValidationError, match="出生日期或地区码"):
        parse_id_number(with_check("99010519491231002"))


def test_it_rejects_a_birth_date_in_the_future() -> None:
    future = datetime.date.today() + datetime.timedelta(days=400)
    number = with_check(f"340104{future:%Y%m%d}123")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        parse_id_number(number)


@st.composite
def valid_id_numbers(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(["110105", "340104", "340123", "440305", "510107"]))
    birth = draw(
        st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2010, 12, 31))
    )
    serial = draw(st.integers(min_value=0, max_value=999))
    return with_check(f"{region}{birth:%Y%m%d}{serial:03d}")


@given(number=valid_id_numbers(), position=st.integers(0, 17), delta=st.integers(1, 10))
def test_every_single_character_change_is_rejected(number: str, position: int, delta: int) -> None:
    alphabet = "0123456789X" if position == 17 else "0123456789"
    current = alphabet.index(number[position])
    replacement = alphabet[(current + delta) % len(alphabet)]
    if replacement == number[position]:
        return
    changed = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(ValidationError):
        parse_id_number(changed)


@given(number=valid_id_numbers(), position=st.integers(0, 16))
def test_every_swap_of_two_adjacent_characters_is_rejected(number: str, position: int) -> None:
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
    if swapped == number:
        return  # swapping two equal characters changes nothing
    with pytest.raises(ValidationError):
        parse_id_number(swapped)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13805510001", "13805510001"),
        ("+8613805510001", "13805510001"),
        ("138 0551 0001", "13805510001"),
    ],
)
def test_it_normalises_mainland_mobile_numbers(value: str, expected: str) -> None:
    assert normalize_mobile(value) == expected


@pytest.mark.parametrize(
    "value", ["12805510001", "1380551000", "138055100011", "+8512805510001", "abc"]
)
def test_it_rejects_other_mobile_numbers(value: str) -> None:
    with pytest.raises(ValidationError, match="手机号码"):
        normalize_mobile(value)


def test_it_masks_id_numbers() -> None:
    assert mask_id_number("34010419880512301X") == "3401**********301X"


def test_it_checks_credit_codes() -> None:
    validate_credit_code("91340104MA2N0Q8K37")
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        validate_credit_code("91340104MA2N0Q8K38")
