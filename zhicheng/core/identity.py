"""Chinese identity numbers: 身份证号 (GB 11643), mobile numbers and how they are shown."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.cn import ric, uscc

MOBILE_RE = re.compile(r"^(?:\+86)?(1[3-9]\d{9})$")


@dataclass(frozen=True)
class IdNumber:
    number: str
    birth_date: datetime.date
    sex: str  # "男" or "女": the 17th digit, odd for men


def parse_id_number(value: str) -> IdNumber:
    """Validate a 18-character 身份证号 and return it normalised (trailing x -> X) with what it encodes.

    python-stdnum checks the length, the birth date, the region code (historical codes included) and
    the ISO 7064 MOD 11-2 check character; a birth date in the future is refused here as well.
    """
    raw = (value or "").strip()
    if len(raw) != 18:
        raise ValidationError("身份证号应为18位", code="id_length")
    try:
        number = ric.validate(raw)
    except ric.InvalidChecksum:
        raise ValidationError("身份证号校验位不正确，请核对", code="id_checksum") from None
    except ric.InvalidComponent:
        raise ValidationError("身份证号中的出生日期或地区码无效", code="id_component") from None
    except ric.ValidationError:
        raise ValidationError("身份证号格式不正确", code="id_format") from None
    birth_date = ric.get_birth_date(number)
    if birth_date > timezone.localdate():
        raise ValidationError("身份证号中的出生日期不能晚于今天", code="id_future")
    sex = "男" if int(number[16]) % 2 == 1 else "女"
    return IdNumber(number=number, birth_date=birth_date, sex=sex)


def validate_id_number(value: str) -> None:
    parse_id_number(value)


def normalize_mobile(value: str) -> str:
    """Mainland mobile numbers: optional +86, then 1[3-9] and nine digits; stored as the 11 digits."""
    match = MOBILE_RE.match((value or "").replace(" ", "").replace("-", ""))
    if not match:
        raise ValidationError("请输入正确的手机号码（11位，以13–19开头）", code="mobile")
    return match.group(1)


def validate_mobile(value: str) -> None:
    normalize_mobile(value)


def validate_credit_code(value: str) -> None:
    """统一社会信用代码 (GB 32100): 18 characters with a check character."""
    try:
        uscc.validate(value or "")
    except uscc.ValidationError:
        raise ValidationError("统一社会信用代码不正确（18位，含校验位）", code="uscc") from None


def mask_id_number(number: str) -> str:
    """3401**********123X: the region's first four and the last four characters stay visible."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_mobile(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) == 11 else number
