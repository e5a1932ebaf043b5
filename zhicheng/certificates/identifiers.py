"""Certificate identifiers: the national 电子证照标识 and our own 证书编号.

电子证照标识 (national e-certificate identifier)
-----------------------------------------------

    1.2.156.3005.2.<证照类型代码>.<颁发机构代码>.<流水号>.<版本号>.<校验位>

* ``1.2.156.3005.2`` — the root OID of national e-certificates;
* 证照类型代码 — 21 characters: the ministry's 18-character 统一社会信用代码 and a 3-digit type number;
* 颁发机构代码 — the issuing authority's 18-character 统一社会信用代码;
* 流水号 — 1 to 32 characters of ``0-9A-Z`` (public examples use dates with a counter, or 32 hex digits);
* 版本号 — 3 digits, ``001`` for the first issue;
* 校验位 — one character of ``0-9A-Z``: ISO 7064 MOD 37,36 (hybrid system) computed over the
  concatenation 证照类型代码 + 颁发机构代码 + 流水号 + 版本号 — without the root OID and without the dots.

That coverage is the one public implementations use (they compute the check over
``typeCode + issuerCode + serial + version``), and it reproduces the check characters of identifiers
seen in the wild, e.g. ``1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0``
(a file published by a provincial government portal) and
``1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U``.

Identifiers are upper case; the parser is strict (no lower case, no spaces) — a form that accepts
one typed in by a person should ``strip().upper()`` it first.

MOD 37,36 detects every single-character substitution. It misses an adjacent transposition only
when the two characters have neighbouring values (e.g. ``4`` and ``5``, ``J`` and ``K``, ``0`` and
``Z``) and the running check state before them is the one value (of 36) that makes the swap
invisible; the tests pin that down exactly. Inside the two credit codes the 统一社会信用代码 check
character (GB 32100) catches such swaps as well.

证书编号 (certificate number, this platform's own scheme)
-------------------------------------------------------

21 digits, fixed width, no separators::

    PPPPPP YYYY SS L NNNNNN CC
    340000 2025 06 2 000123 ??

* ``PPPPPP`` — the issuing province's 6-digit GB/T 2260 administrative division code;
* ``YYYY`` — the year of issue;
* ``SS`` — 2-digit 职称系列 code (the project's table, e.g. the two-digit series of GB/T 8561);
* ``L`` — 1-digit 评审级别 code (the project's table);
* ``NNNNNN`` — sequence number 1..999999 within province, year, series and level
  (allocation is the database's business);
* ``CC`` — two check digits, ISO 7064 MOD 97,10 over the first 19 digits (as for IBAN).

MOD 97,10 is a pure system: it detects every single-digit substitution, every adjacent
transposition and every jump transposition (``abc`` → ``cba``) — stronger than a one-digit check,
and it keeps the number all digits (MOD 11,2 would need ``X``).
"""

import re
from dataclasses import dataclass

from stdnum.cn import uscc
from stdnum.iso7064 import mod_37_36, mod_97_10

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LICENSE_ROOT = "1.2.156.3005.2"

_TYPE_CODE_RE = re.compile(r"^[0-9A-Z]{18}[0-9]{3}$")
_SERIAL_RE = re.compile(r"^[0-9A-Z]{1,32}$")
_CHECK_RE = re.compile(r"^[0-9A-Z]$")
_NUMBER_RE = re.compile(r"^[0-9]{21}$")


# --- ISO 7064 MOD 37,36 ---------------------------------------------------------------------


def mod37_36_check_char(s: str) -> str:
    """The ISO 7064 MOD 37,36 check character to append to ``s`` (characters ``0-9A-Z``)."""
    if not s or any(c not in ALPHABET for c in s):
        raise ValueError("校验位只能对数字和大写字母计算")
    return mod_37_36.calc_check_digit(s)


def mod37_36_is_valid(s_with_check: str) -> bool:
    """Whether the last character of ``s_with_check`` is its ISO 7064 MOD 37,36 check character."""
    if len(s_with_check) < 2 or any(c not in ALPHABET for c in s_with_check):
        return False
    return mod_37_36.is_valid(s_with_check)


# --- 电子证照标识 ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LicenseIdentifier:
    type_code: str
    issuer_code: str
    serial: str
    version: int
    check: str

    def __str__(self) -> str:
        return ".".join(
            [
                LICENSE_ROOT,
                self.type_code,
                self.issuer_code,
                self.serial,
                f"{self.version:03d}",
                self.check,
            ]
        )


def _license_check_char(*, type_code: str, issuer_code: str, serial: str, version: int) -> str:
    return mod_37_36.calc_check_digit(f"{type_code}{issuer_code}{serial}{version:03d}")


def _validate_license_parts(*, type_code: str, issuer_code: str, serial: str, version: int) -> None:
    if not _TYPE_CODE_RE.match(type_code) or not uscc.is_valid(type_code[:18]):
        raise ValueError("证照类型代码应为18位统一社会信用代码加3位数字")
    if not re.fullmatch(r"[0-9A-Z]{18}", issuer_code) or not uscc.is_valid(issuer_code):
        raise ValueError("颁发机构代码应为有效的18位统一社会信用代码")
    if not _SERIAL_RE.match(serial):
        raise ValueError("流水号应为1至32位数字或大写字母")
    if not 1 <= version <= 999:
        raise ValueError("版本号应在001至999之间")


def build_license_identifier(*, type_code: str, issuer_code: str, serial: str, version: int) -> str:
    """The 电子证照标识 for these parts, check character included (see the module docstring)."""
    _validate_license_parts(
        type_code=type_code, issuer_code=issuer_code, serial=serial, version=version
    )
    check = _license_check_char(
        type_code=type_code, issuer_code=issuer_code, serial=serial, version=version
    )
    return str(LicenseIdentifier(type_code, issuer_code, serial, version, check))


def parse_license_identifier(s: str) -> LicenseIdentifier:
    """Split and check a 电子证照标识; ValueError (Chinese message) when malformed or the check fails."""
    prefix = LICENSE_ROOT + "."
    if not s.startswith(prefix):
        raise ValueError("电子证照标识应以 1.2.156.3005.2. 开头")
    parts = s[len(prefix) :].split(".")
    if len(parts) != 5:
        raise ValueError("电子证照标识应由证照类型代码、颁发机构代码、流水号、版本号和校验位组成")
    type_code, issuer_code, serial, version_text, check = parts
    if not re.fullmatch(r"[0-9]{3}", version_text):
        raise ValueError("版本号应为3位数字")
    version = int(version_text)
    _validate_license_parts(
        type_code=type_code, issuer_code=issuer_code, serial=serial, version=version
    )
    if not _CHECK_RE.match(check):
        raise ValueError("校验位应为1位数字或大写字母")
    expected = _license_check_char(
        type_code=type_code, issuer_code=issuer_code, serial=serial, version=version
    )
    if check != expected:
        raise ValueError("电子证照标识校验位不正确，请核对")
    return LicenseIdentifier(type_code, issuer_code, serial, version, check)


# --- 证书编号 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateNumber:
    province_code: str
    year: int
    series_code: str
    level_code: str
    sequence: int

    def __str__(self) -> str:
        body = f"{self.province_code}{self.year:04d}{self.series_code}{self.level_code}{self.sequence:06d}"
        return body + mod_97_10.calc_check_digits(body)


def certificate_number(
    *, province_code: str, year: int, series_code: str, level_code: str, sequence: int
) -> str:
    """The 21-digit 证书编号 (format in the module docstring)."""
    if not re.fullmatch(r"[1-9][0-9]0000", province_code):
        raise ValueError("省级行政区划代码应为6位数字，且以0000结尾（GB/T 2260）")
    if not 1949 <= year <= 9999:
        raise ValueError("发证年度不正确")
    if not re.fullmatch(r"[0-9]{2}", series_code):
        raise ValueError("职称系列代码应为2位数字")
    if not re.fullmatch(r"[0-9]", level_code):
        raise ValueError("评审级别代码应为1位数字")
    if not 1 <= sequence <= 999_999:
        raise ValueError("顺序号应在1至999999之间")
    return str(CertificateNumber(province_code, year, series_code, level_code, sequence))


def parse_certificate_number(s: str) -> CertificateNumber:
    """Split and check a 证书编号; ValueError (Chinese message) when malformed or the check fails."""
    if not _NUMBER_RE.match(s):
        raise ValueError("证书编号应为21位数字")
    if not mod_97_10.is_valid(s):
        raise ValueError("证书编号校验位不正确，请核对")
    number = CertificateNumber(
        province_code=s[0:6],
        year=int(s[6:10]),
        series_code=s[10:12],
        level_code=s[12],
        sequence=int(s[13:19]),
    )
    # Re-run the field rules so that e.g. a zero sequence with a matching check is still refused.
    certificate_number(
        province_code=number.province_code,
        year=number.year,
        series_code=number.series_code,
        level_code=number.level_code,
        sequence=number.sequence,
    )
    return number
