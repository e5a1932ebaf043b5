"""Writes to accounts: users from SSO claims, the first-login profile.

Two groups of writes live beside what they need and are re-exported here, so that this module
lists every write of the app: the ID photo (`photos.user_set_photo`, `photos.user_delete_photo`,
beside the image checks) and the login lockout (`lockout.lockout_record_failure`,
`lockout.lockout_clear`, called by the allauth adapter on each login attempt).
"""

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.identity import normalize_mobile, parse_id_number, validate_credit_code
from zhicheng.core.reference import (
    ETHNIC_GROUPS,
    MAX_TITLE_SERIES_PER_PERSON,
    POLITICAL_STATUS,
    TITLE_SERIES,
)
from zhicheng.core.text import LINE, normalize_text

from .lockout import lockout_clear as lockout_clear
from .lockout import lockout_record_failure as lockout_record_failure
from .models import User
from .photos import user_delete_photo as user_delete_photo
from .photos import user_set_photo as user_set_photo


@dataclass(frozen=True)
class SsoClaims:
    """What the provincial SSO tells us about the person or legal person who logged in.

    Claim names and account-type values come from settings (SSO_CLAIMS, SSO_ACCOUNT_TYPES):
    real SSOs differ, and a claim that is not where the settings say is missing, not guessed.
    """

    sub: str
    account_type: str
    name: str
    id_number: str
    phone: str
    unit_name: str
    credit_code: str
    received: tuple[str, ...] = ()  # claim names only (never values) for the audit log

    @classmethod
    def from_extra_data(cls, extra_data: dict[str, Any]) -> "SsoClaims":
        data: dict[str, Any] = {}
        # The ID token is signed; userinfo may add to it. Read both, the ID token winning.
        data.update(extra_data.get("userinfo") or {})
        data.update(extra_data.get("id_token") or {})
        if not data:
            data = dict(extra_data)
        names = settings.SSO_CLAIMS

        def text(field: str) -> str:
            # NFC and trimmed; sso_check_claims refuses what normalize_text would not accept.
            value = data.get(names[field]) if field != "sub" else data.get("sub")
            return "" if value is None else unicodedata.normalize("NFC", str(value)).strip()

        return cls(
            sub=text("sub"),
            account_type=text("account_type"),
            name=text("name"),
            id_number=text("id_number"),
            phone=text("phone"),
            unit_name=text("unit_name"),
            credit_code=text("credit_code"),
            received=tuple(sorted(data)),
        )

    @property
    def kind(self) -> str | None:
        """个人 or 法人 by the configured values of the account-type claim; None when unmapped."""
        for kind, values in settings.SSO_ACCOUNT_TYPES.items():
            if self.account_type in values:
                return User.Kind(kind)
        return None


# ValidationError code of refusals that mean the SSO settings do not fit the SSO's claims:
# 系统管理 is told (admin index), not only the person.
SSO_CONFIGURATION = "sso_configuration"


def sso_check_claims(*, claims: SsoClaims, existing: User | None) -> None:
    """Raise ValidationError (Chinese) when the claims cannot make or log in an account."""
    names = settings.SSO_CLAIMS
    if not claims.sub:
        raise ValidationError("统一身份认证未返回用户标识", code=SSO_CONFIGURATION)
    for label, value in (
        ("用户标识", claims.sub),
        ("姓名", claims.name),
        ("身份证号", claims.id_number),
        ("手机号码", claims.phone),
        ("单位名称", claims.unit_name),
        ("统一社会信用代码", claims.credit_code),
    ):
        # Names and identifiers are shown to reviewers as they are: nothing invisible in them.
        normalize_text(
            value,
            mode=LINE,
            label=f"统一身份认证返回的{label}",
            advice="请在统一身份认证平台更正后重新登录",
        )
    if not claims.account_type:
        raise ValidationError(
            f"统一身份认证未返回账号类型（声明 {names['account_type']}），无法确定是个人还是法人，请联系平台管理员",
            code=SSO_CONFIGURATION,
        )
    if claims.kind is None:
        raise ValidationError(
            f"统一身份认证返回了无法识别的账号类型（{names['account_type']}={claims.account_type[:20]}），请联系平台管理员",
            code=SSO_CONFIGURATION,
        )
    if not claims.name:
        raise ValidationError(
            f"统一身份认证未返回姓名（声明 {names['name']}）", code=SSO_CONFIGURATION
        )
    if claims.kind == User.Kind.PERSON:
        if not claims.id_number:
            raise ValidationError(
                f"统一身份认证未返回身份证号（声明 {names['id_number']}）",
                code=SSO_CONFIGURATION,
            )
        parsed = parse_id_number(claims.id_number)
        holder = User.objects.filter(kind=User.Kind.PERSON, id_number=parsed.number)
        if existing is not None:
            holder = holder.exclude(pk=existing.pk)
        if holder.exists():
            raise ValidationError("该身份证号已关联其他统一身份认证账号，请联系平台管理员")
    else:
        if not claims.credit_code:
            raise ValidationError(
                f"统一身份认证未返回统一社会信用代码（声明 {names['credit_code']}）",
                code=SSO_CONFIGURATION,
            )
        validate_credit_code(claims.credit_code)
        if not claims.unit_name:
            raise ValidationError(
                f"统一身份认证未返回单位名称（声明 {names['unit_name']}）",
                code=SSO_CONFIGURATION,
            )
    if existing is not None and existing.kind != claims.kind:
        raise ValidationError("账号类型与首次登录时不一致，请联系平台管理员")


def sso_populate_new_user(*, user: User, claims: SsoClaims) -> None:
    """Fill a new (unsaved) user from the claims. Lenient: sso_check_claims refuses bad claims."""
    if claims.kind is None:  # allauth populates before pre_social_login refuses the login
        return
    user.kind = claims.kind
    user.username = f"{claims.kind}-{claims.sub}"[:150]
    user.name = claims.name[:50]
    user.phone = _mobile_or_blank(claims.phone)
    if claims.kind == User.Kind.PERSON:
        try:
            parsed = parse_id_number(claims.id_number)
        except ValidationError:
            user.id_number = claims.id_number[:18]
        else:
            user.id_number = parsed.number
            user.sex = parsed.sex
            user.birth_date = parsed.birth_date
    else:
        user.id_number = None
        user.unit_name = claims.unit_name[:200]
        user.credit_code = claims.credit_code.upper()[:18]


def sso_refresh_user(*, user: User, claims: SsoClaims) -> None:
    """At each login, take over what may change at the SSO. 姓名 and 身份证号 never change here."""
    fields = []
    phone = _mobile_or_blank(claims.phone)
    if phone and phone != user.phone:
        user.phone = phone
        fields.append("phone")
    if user.is_legal and claims.unit_name and claims.unit_name != user.unit_name:
        user.unit_name = claims.unit_name[:200]
        fields.append("unit_name")
    if fields:
        user.save(update_fields=fields)


def _mobile_or_blank(value: str) -> str:
    try:
        return normalize_mobile(value)
    except ValidationError:
        return ""


def _profile_errors(
    *, political_status: str, ethnicity: str, email: str, title_series: list[str]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if political_status not in POLITICAL_STATUS:
        errors["political_status"] = "请选择政治面貌"
    if ethnicity not in ETHNIC_GROUPS:
        errors["ethnicity"] = "请选择民族"
    if not title_series:
        errors["title_series"] = "请选择所在职称系列"
    elif len(title_series) > MAX_TITLE_SERIES_PER_PERSON:
        errors["title_series"] = f"所在职称系列最多选择{MAX_TITLE_SERIES_PER_PERSON}个"
    elif any(series not in TITLE_SERIES for series in title_series):
        errors["title_series"] = "所选职称系列不存在"
    if not email:
        errors["email"] = "请输入电子邮箱"
    return errors


@transaction.atomic
def user_complete_profile(
    *,
    user: User,
    political_status: str,
    ethnicity: str,
    email: str,
    title_series: list[str],
    has_unit: str,
    sync_unit: str = "",
    request: HttpRequest | None = None,
) -> User:
    """Manual 一(3): the fields a person must give before entering the platform.

    The first login as a whole (this, and the binding request when 工作单位 and 是否同步注册单位 are
    是) is `zhicheng.portal.services.user_complete_first_login`, one transaction above both apps.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_person:
        raise ValidationError("只有个人账号需要完善首次登录信息")
    if user.profile_completed_at is not None:
        raise ValidationError("首次登录信息已完善，请勿重复提交")
    errors = _profile_errors(
        political_status=political_status,
        ethnicity=ethnicity,
        email=email,
        title_series=title_series,
    )
    if has_unit not in User.HasUnit.values:
        errors["has_unit"] = "请选择是否有工作单位"
    elif has_unit == User.HasUnit.YES and sync_unit not in User.HasUnit.values:
        errors["sync_unit"] = "请选择是否同步注册单位"
    if errors:
        raise ValidationError(errors)
    user.political_status = political_status
    user.ethnicity = ethnicity
    user.email = email
    user.title_series = list(dict.fromkeys(title_series))
    user.has_unit = has_unit
    user.profile_completed_at = timezone.now()
    user.save(
        update_fields=[
            "political_status",
            "ethnicity",
            "email",
            "title_series",
            "has_unit",
            "profile_completed_at",
        ]
    )
    audit_record(kind=AuditEvent.Kind.PROFILE_COMPLETED, request=request, user=user)
    return user


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    political_status: str,
    ethnicity: str,
    email: str,
    title_series: list[str],
    address: str,
    request: HttpRequest | None = None,
) -> User:
    """Manual 五(一) 完善信息. 姓名, 身份证号, 性别 and 出生日期 are not parameters: they never change."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_person:
        raise ValidationError("只有个人账号可以完善个人信息")
    errors = _profile_errors(
        political_status=political_status,
        ethnicity=ethnicity,
        email=email,
        title_series=title_series,
    )
    if len(address) > 200:
        errors["address"] = "联系地址不能超过200字"
    if errors:
        raise ValidationError(errors)
    user.political_status = political_status
    user.ethnicity = ethnicity
    user.email = email
    user.title_series = list(dict.fromkeys(title_series))
    user.address = address.strip()
    user.save(update_fields=["political_status", "ethnicity", "email", "title_series", "address"])
    audit_record(kind=AuditEvent.Kind.PROFILE_CHANGED, request=request, user=user)
    return user


def home_url_for(user: User) -> str:
    """Where each role lands after logging in."""
    if not user.is_authenticated:
        return reverse("accounts:login")
    if user.is_person:
        if user.needs_first_login:
            return reverse("portal:first_login")
        return reverse("portal:home")
    if user.is_legal:
        return reverse("portal:unit_home")
    return reverse("portal:staff_home")
