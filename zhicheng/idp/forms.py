from typing import Any

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from . import validators
from .lockout import lockout_clear, lockout_message, lockout_record_failure, lockout_remaining
from .models import Account
from .services import AccountData

KIND_CHOICES = Account.Kind.choices


class LoginForm(forms.Form):
    """账号 + 密码 for one tab (kind); checks the lockout before the password."""

    kind = forms.ChoiceField(choices=KIND_CHOICES, widget=forms.HiddenInput)
    username = forms.CharField(
        label="账号",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.account: Account | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        username = cleaned.get("username")
        password = cleaned.get("password")
        kind = cleaned.get("kind")
        if not username or not password or not kind:
            return cleaned

        remaining = lockout_remaining(username)
        if remaining is not None:
            raise ValidationError(lockout_message(remaining), code="locked")

        account = authenticate(self.request, username=username, password=password)
        if account is None:
            left = lockout_record_failure(username)
            if left == 0:
                remaining = lockout_remaining(username)
                assert remaining is not None
                raise ValidationError(lockout_message(remaining), code="locked")
            raise ValidationError(f"账号或密码错误，还可尝试{left}次", code="invalid_login")
        assert isinstance(account, Account)
        if account.kind != kind:
            # The password was right, so this is not a failure to count; just the wrong door.
            other = Account.Kind(account.kind).label
            raise ValidationError(f"该账号是{other}，请切换到“{other}”登录", code="wrong_kind")
        lockout_clear(username)
        self.account = account
        return cleaned


class RegisterForm(forms.Form):
    """Registration (and idp_create_account): every field error in Chinese, next to its field.

    `existing` is the account being updated by the management command, so that its own
    账号 and 身份证号 do not count as duplicates.
    """

    kind = forms.ChoiceField(label="账号类型", choices=KIND_CHOICES, widget=forms.HiddenInput)
    username = forms.CharField(
        label="账号",
        max_length=30,
        help_text="4–30位字母、数字或 _ . @ -",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label="密码",
        strip=False,
        help_text="至少8位，包含小写字母、大写字母、数字、其他符号中的至少3类",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="确认密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(
        label="身份证号",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label="手机号码",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    unit_name = forms.CharField(label="单位名称", max_length=100, required=False)
    uscc = forms.CharField(label="统一社会信用代码", max_length=40, required=False)

    LEGAL_ONLY_FIELDS = ("unit_name", "uscc")

    def __init__(self, *args: Any, existing: Account | None = None, **kwargs: Any) -> None:
        self.existing = existing
        super().__init__(*args, **kwargs)
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        if kind == Account.Kind.LEGAL:
            # A legal account is held by the legal representative: the person fields are theirs.
            self.fields["name"].label = "法定代表人姓名"
            self.fields["id_number"].label = "法定代表人身份证号"
            for name in self.LEGAL_ONLY_FIELDS:
                self.fields[name].required = True
        for field in self.fields.values():
            if field.required:
                field.error_messages["required"] = f"请填写{field.label}"

    def _others(self) -> Any:
        accounts = Account.objects.all()
        if self.existing is not None:
            accounts = accounts.exclude(pk=self.existing.pk)
        return accounts

    def clean_username(self) -> str:
        username = validators.normalize_username(self.cleaned_data["username"])
        if self._others().filter(username=username).exists():
            raise ValidationError("该账号已被注册", code="duplicate_username")
        return username

    def clean_id_number(self) -> str:
        return validators.normalize_id_number(self.cleaned_data["id_number"])

    def clean_phone(self) -> str:
        return validators.normalize_phone(self.cleaned_data["phone"])

    def clean_uscc(self) -> str:
        value = self.cleaned_data["uscc"].strip()
        if not value or self.cleaned_data.get("kind") != Account.Kind.LEGAL:
            return ""  # person accounts have no unit; clean() blanks the unit name too
        return validators.normalize_uscc(value)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind != Account.Kind.LEGAL:
            for field in self.LEGAL_ONLY_FIELDS:
                cleaned[field] = ""

        id_number = cleaned.get("id_number")
        if (
            kind == Account.Kind.PERSON
            and id_number
            and self._others().filter(kind=Account.Kind.PERSON, id_number=id_number).exists()
        ):
            self.add_error("id_number", "该身份证号已注册个人用户")

        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "两次输入的密码不一致")
        if password1:
            candidate = Account(username=cleaned.get("username", ""), name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password1, user=candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def account_data(self) -> AccountData:
        data = self.cleaned_data
        return AccountData(
            kind=data["kind"],
            username=data["username"],
            password=data["password1"],
            name=data["name"].strip(),
            id_number=data["id_number"],
            phone=data["phone"],
            unit_name=data["unit_name"].strip(),
            uscc=data["uscc"],
        )
