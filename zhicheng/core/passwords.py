"""Password rule shared by staff accounts: at least 3 of the 4 character classes."""

import string

from django.core.exceptions import ValidationError


def character_classes(password: str) -> int:
    classes = [
        any(c in string.ascii_lowercase for c in password),
        any(c in string.ascii_uppercase for c in password),
        any(c in string.digits for c in password),
        any(not c.isalnum() for c in password),
    ]
    return sum(classes)


class CharacterClassValidator:
    def validate(self, password: str, user: object = None) -> None:
        if character_classes(password) < 3:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、符号中的至少三类", code="password_classes"
            )

    def get_help_text(self) -> str:
        return "密码至少8位，且包含大写字母、小写字母、数字、符号中的至少三类。"
