import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc
from stdnum.iso7064 import mod_37_36, mod_97_10

from zhicheng.certificates.identifiers import (
    ALPHABET,
    LicenseIdentifier,
    build_license_identifier,
    certificate_number,
    mod37_36_check_char,
    mod37_36_is_valid,
    parse_certificate_number,
    parse_license_identifier,
)

# Identifiers published by others (a provincial portal's file name; an interface document's example).
PUBLISHED_IDENTIFIERS = [
    "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0",
    "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
]

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def test_mod37_36_reproduces_the_iso_7064_examples() -> None:
    # The ISO 7064 examples, as python-stdnum and other public implementations test them.
    for valid in ["A12425GABC1234002M", "B159D8FA01240000K", "188166C7342000003"]:
        assert mod37_36_is_valid(valid)
        assert mod37_36_check_char(valid[:-1]) == valid[-1]


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=60))
def test_mod37_36_agrees_with_python_stdnum(s: str) -> None:
    check = mod37_36_check_char(s)
    assert check == mod_37_36.calc_check_digit(s)
    assert mod37_36_is_valid(s + check)


def test_mod37_36_refuses_characters_outside_its_alphabet() -> None:
    with pytest.raises(ValueError):
        mod37_36_check_char("abc")
    assert not mod37_36_is_valid("A12425GABC1234002m")
    assert not mod37_36_is_valid("")


@pytest.mark.parametrize("identifier", PUBLISHED_IDENTIFIERS)
def test_it_parses_published_identifiers(identifier: str) -> None:
    parsed = parse_license_identifier(identifier)
    assert str(parsed) == identifier
    assert (
        build_license_identifier(
            type_code=parsed.type_code,
            issuer_code=parsed.issuer_code,
            serial=parsed.serial,
            version=parsed.version,
        )
        == identifier
    )


def test_the_check_covers_the_fields_without_root_and_dots() -> None:
    identifier = build_license_identifier(
        type_code="11100000000013338W009",
        issuer_code="11330105002500287C",
        serial="2025052201",
        version=2,
    )
    assert identifier == PUBLISHED_IDENTIFIERS[0]
    body = "11100000000013338W009" + "11330105002500287C" + "2025052201" + "002"
    assert identifier[-1] == mod_37_36.calc_check_digit(body)


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        ("1.2.156.3005.1.11100000000013338W009.11330105002500287C.2025052201.002.0", "开头"),
        ("1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002", "组成"),
        (
            "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.1",
            "校验位不正确",
        ),
        ("1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.02.0", "版本号"),
        ("1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.000.0", "版本号"),
        (
            "1.2.156.3005.2.11100000000013338X009.11330105002500287C.2025052201.002.0",
            "证照类型代码",
        ),
        ("1.2.156.3005.2.11100000000013338W09.11330105002500287C.2025052201.002.0", "证照类型代码"),
        (
            "1.2.156.3005.2.11100000000013338W009.11330105002500287D.2025052201.002.0",
            "颁发机构代码",
        ),
        ("1.2.156.3005.2.11100000000013338W009.340100.2025052201.002.0", "颁发机构代码"),
        ("1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025-0522.002.0", "流水号"),
        ("1.2.156.3005.2.11100000000013338W009.11330105002500287C..002.0", "流水号"),
        (
            "1.2.156.3005.2.11100000000013338w009.11330105002500287c.2025052201.002.0",
            "证照类型代码",
        ),
    ],
)
def test_it_refuses_malformed_identifiers_in_chinese(identifier: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_license_identifier(identifier)


def test_build_refuses_bad_parts() -> None:
    with pytest.raises(ValueError, match="颁发机构代码"):
        build_license_identifier(
            type_code="11100000000013338W009", issuer_code="113301050025002", serial="1", version=1
        )
    with pytest.raises(ValueError, match="版本号"):
        build_license_identifier(
            type_code="11100000000013338W009",
            issuer_code="11330105002500287C",
            serial="1",
            version=1000,
        )


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    # GB 32100: 登记管理部门, 机构类别 and the 6-digit region code are digits; the rest uses its alphabet.
    body = draw(st.from_regex(r"[0-9]{8}", fullmatch=True)) + draw(
        st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9)
    )
    return body + uscc.calc_check_digit(body)


@st.composite
def license_identifiers(draw: st.DrawFn) -> str:
    return build_license_identifier(
        type_code=draw(credit_codes()) + draw(st.from_regex(r"[0-9]{3}", fullmatch=True)),
        issuer_code=draw(credit_codes()),
        serial=draw(st.text(alphabet=ALPHABET, min_size=1, max_size=32)),
        version=draw(st.integers(min_value=1, max_value=999)),
    )


def _accepted(identifier: str) -> bool:
    try:
        parse_license_identifier(identifier)
    except ValueError:
        return False
    return True


@given(license_identifiers())
def test_build_then_parse_round_trips(identifier: str) -> None:
    parsed = parse_license_identifier(identifier)
    assert isinstance(parsed, LicenseIdentifier)
    assert str(parsed) == identifier


@given(license_identifiers(), st.data())
def test_any_single_substitution_is_detected(identifier: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(identifier) - 1))
    replacement = data.draw(
        st.sampled_from(ALPHABET + ".").filter(lambda c: c != identifier[position])
    )
    changed = identifier[:position] + replacement + identifier[position + 1 :]
    assert not _accepted(changed)


def _mod37_36_state(prefix: str) -> int:
    # The hybrid system's running value before the next character is added.
    return mod_37_36.checksum(prefix) if prefix else 18


def _step(state: int, value: int) -> int:
    return (((state or 36) * 2) % 37 + value) % 36


def test_mod37_36_blind_spots_for_adjacent_transpositions_are_exactly_known() -> None:
    # Exhaustively: per running state, exactly one unordered pair of characters can be swapped
    # unnoticed, and its two values are always neighbours modulo 36.
    blind = [
        (state, a, b)
        for state in range(36)
        for a in range(36)
        for b in range(a + 1, 36)
        if _step(_step(state, a), b) == _step(_step(state, b), a)
    ]
    assert len(blind) == 36
    assert {state for state, _, _ in blind} == set(range(36))
    assert all((b - a) % 36 in (1, 35) for _, a, b in blind)
    # Single substitutions, by contrast, never go unnoticed.
    assert all(
        _step(state, a) != _step(state, b)
        for state in range(36)
        for a in range(36)
        for b in range(36)
        if a != b
    )


@given(license_identifiers(), st.data())
def test_any_adjacent_transposition_is_detected_outside_the_known_blind_spot(
    identifier: str, data: st.DataObject
) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(identifier) - 2))
    a, b = identifier[position], identifier[position + 1]
    if a == b:
        return
    changed = identifier[:position] + b + a + identifier[position + 2 :]
    if not _accepted(changed):
        return
    # Accepted only where MOD 37,36 cannot see the swap and the credit codes' own check doesn't.
    body_start = len("1.2.156.3005.2.")
    checked = identifier[body_start:].replace(".", "")
    body_position = position - body_start - identifier[body_start:position].count(".")
    state = _mod37_36_state(checked[:body_position])
    va, vb = ALPHABET.index(a), ALPHABET.index(b)
    assert _step(_step(state, va), vb) == _step(_step(state, vb), va)


def test_a_blind_spot_transposition_is_really_accepted() -> None:
    # Documents the limit with a concrete case: a numeric serial whose digit swap MOD 37,36 cannot see.
    fixed = "11100000000013338W009" + "11330105002500287C"
    for counter in range(1000):
        head = f"2025{counter:03d}"
        state = _mod37_36_state(fixed + head)
        pairs = [
            (a, b)
            for a in range(10)
            for b in range(10)
            if a != b and _step(_step(state, a), b) == _step(_step(state, b), a)
        ]
        if pairs:
            break
    a, b = pairs[0]
    parts = {
        "type_code": "11100000000013338W009",
        "issuer_code": "11330105002500287C",
        "version": 1,
    }
    good = build_license_identifier(serial=f"{head}{a}{b}", **parts)
    swapped = build_license_identifier(serial=f"{head}{b}{a}", **parts)
    assert good != swapped
    assert good[-1] == swapped[-1]
    assert parse_license_identifier(swapped)


# --- 证书编号 ---


def test_certificate_number_has_the_documented_layout() -> None:
    number = certificate_number(
        province_code="340000", year=2025, series_code="06", level_code="2", sequence=123
    )
    assert len(number) == 21
    assert number[:19] == "3400002025062000123"
    assert number[19:] == mod_97_10.calc_check_digits(number[:19])
    assert mod_97_10.is_valid(number)


@given(
    st.sampled_from(["110000", "340000", "650000", "820000"]),
    st.integers(min_value=1949, max_value=9999),
    st.from_regex(r"[0-9]{2}", fullmatch=True),
    st.from_regex(r"[0-9]", fullmatch=True),
    st.integers(min_value=1, max_value=999_999),
)
def test_certificate_number_round_trips(
    province: str, year: int, series: str, level: str, sequence: int
) -> None:
    number = certificate_number(
        province_code=province, year=year, series_code=series, level_code=level, sequence=sequence
    )
    parsed = parse_certificate_number(number)
    assert (parsed.province_code, parsed.year, parsed.series_code, parsed.level_code) == (
        province,
        year,
        series,
        level,
    )
    assert parsed.sequence == sequence
    assert str(parsed) == number


@st.composite
def certificate_numbers(draw: st.DrawFn) -> str:
    return certificate_number(
        province_code=draw(st.sampled_from(["110000", "340000", "650000"])),
        year=draw(st.integers(min_value=2000, max_value=2100)),
        series_code=draw(st.from_regex(r"[0-9]{2}", fullmatch=True)),
        level_code=draw(st.from_regex(r"[0-9]", fullmatch=True)),
        sequence=draw(st.integers(min_value=1, max_value=999_999)),
    )


@given(certificate_numbers(), st.data())
def test_certificate_number_detects_every_substitution_and_adjacent_transposition(
    number: str, data: st.DataObject
) -> None:
    position = data.draw(st.integers(min_value=0, max_value=20))
    digit = data.draw(st.sampled_from("0123456789").filter(lambda c: c != number[position]))
    with pytest.raises(ValueError):
        parse_certificate_number(number[:position] + digit + number[position + 1 :])
    position = data.draw(st.integers(min_value=0, max_value=19))
    a, b = number[position], number[position + 1]
    if a != b:
        with pytest.raises(ValueError):
            parse_certificate_number(number[:position] + b + a + number[position + 2 :])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"province_code": "340100"}, "省级"),
        ({"province_code": "34000"}, "省级"),
        ({"year": 1800}, "年度"),
        ({"series_code": "6"}, "系列"),
        ({"level_code": "A"}, "级别"),
        ({"sequence": 0}, "顺序号"),
        ({"sequence": 1_000_000}, "顺序号"),
    ],
)
def test_certificate_number_refuses_bad_fields(kwargs: dict, message: str) -> None:
    fields = {
        "province_code": "340000",
        "year": 2025,
        "series_code": "06",
        "level_code": "2",
        "sequence": 1,
        **kwargs,
    }
    with pytest.raises(ValueError, match=message):
        certificate_number(**fields)


def test_parse_certificate_number_refuses_malformed_input() -> None:
    good = certificate_number(
        province_code="340000", year=2025, series_code="06", level_code="2", sequence=1
    )
    with pytest.raises(ValueError, match="21位"):
        parse_certificate_number(good[:-1])
    with pytest.raises(ValueError, match="21位"):
        parse_certificate_number(good[:6] + "-" + good[7:])
    with pytest.raises(ValueError, match="校验位"):
        parse_certificate_number(good[:-1] + str((int(good[-1]) + 1) % 10))
    # A well-formed check over a zero sequence is still refused by the field rules.
    zero = "3400002025062000000"
    with pytest.raises(ValueError, match="顺序号"):
        parse_certificate_number(zero + mod_97_10.calc_check_digits(zero))
