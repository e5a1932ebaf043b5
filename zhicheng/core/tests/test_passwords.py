import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    ("password", "message"),
    [("Ab1!", "至少8位"), ("abcdefgh12", "至少三类"), ("ABCDEFGH!!", "至少三类")],
)
def test_weak_staff_passwords_are_refused_in_chinese(password: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert any(message in text for text in error.value.messages)


@pytest.mark.parametrize("password", ["Zhicheng2026", "zhicheng-2026", "ZHI-cheng!x"])
def test_passwords_with_three_classes_pass(password: str) -> None:
    validate_password(password)
