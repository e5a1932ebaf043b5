"""Input rules of the stand-in: passwords, 身份证号, 手机号码, 统一社会信用代码, 账号.

Each `normalize_*` function returns the stored form or raises ValidationError with a Chinese
message, so the registration form and the idp_create_account command apply the same rules.
"""

import re
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import ric, uscc

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{4,30}$")
MOBILE_PATTERN = re.compile(r"^(?:\+86)?(1[3-9]\d{9})$")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a Chinese message: Django 5.2's zh-hans catalogue lacks the new msgid."""

    def get_error_message(self) -> str:
        return f"密码太短，至少需要{self.min_length}个字符"

    def get_help_text(self) -> str:
        return f"密码至少{self.min_length}个字符"


class CharacterClassValidator:
    """At least three of the four classes: lower case, upper case, digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(
                self.get_help_text(), code="password_too_simple", params={"min": self.min_classes}
            )

    def get_help_text(self) -> str:
        return f"密码须包含小写字母、大写字母、数字、其他符号中的至少{self.min_classes}类"


def normalize_username(value: str) -> str:
    value = value.strip()
    if not USERNAME_PATTERN.match(value):
        raise ValidationError("账号为4–30位字母、数字或 _ . @ - 符号", code="invalid_username")
    return value


def normalize_id_number(value: str) -> str:
    """A valid 18-character 居民身份证号码; a trailing lower-case x is stored as X."""
    value = value.strip()
    if len(value) != 18:
        raise ValidationError("身份证号应为18位", code="id_number_length")
    try:
        number = ric.validate(value)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError("身份证号校验位不正确", code="id_number_checksum") from None
    except stdnum_exceptions.InvalidComponent:
        raise ValidationError(
            "身份证号中的地区代码或出生日期无效", code="id_number_component"
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            "身份证号格式不正确（前17位为数字，末位为数字或X）", code="id_number_format"
        ) from None
    if ric.get_birth_date(number) > timezone.localdate():
        raise ValidationError("身份证号中的出生日期晚于今天", code="id_number_future")
    return number


def normalize_phone(value: str) -> str:
    """A mainland mobile number, optionally with +86; stored as its 11 digits."""
    compact = re.sub(r"[\s-]", "", value)
    match = MOBILE_PATTERN.match(compact)
    if not match:
        raise ValidationError("手机号码应为11位，以13–19开头（可加 +86）", code="invalid_phone")
    return match.group(1)


def normalize_uscc(value: str) -> str:
    try:
        return uscc.validate(value.strip())
    except stdnum_exceptions.InvalidLength:
        raise ValidationError("统一社会信用代码应为18位", code="uscc_length") from None
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError("统一社会信用代码校验位不正确", code="uscc_checksum") from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError("统一社会信用代码格式不正确", code="uscc_format") from None
