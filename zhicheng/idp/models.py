import uuid
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone


class AccountManager(BaseUserManager["Account"]):
    def create_user(self, username: str, password: str | None = None, **fields: Any) -> "Account":
        account = self.model(username=self.model.normalize_username(username), **fields)
        account.set_password(password)
        account.full_clean(exclude=["password"])
        account.save(using=self._db)
        return account

    def create_superuser(
        self, username: str, password: str | None = None, **fields: Any
    ) -> "Account":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(username, password, **fields)


class Account(AbstractBaseUser, PermissionsMixin):
    """A 政务服务网 account: a person (个人用户) or a legal entity (法人用户).

    A legal account is held by the legal representative, so `name` and `id_number` are theirs
    and the unit travels in `unit_name` / `uscc`. One person may hold a person account and
    represent several units, hence id_number is unique only among person accounts.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "个人用户"
        LEGAL = "legal", "法人用户"

    kind = models.CharField("账号类型", max_length=10, choices=Kind.choices, default=Kind.PERSON)
    username = models.CharField("账号", max_length=30, unique=True)
    # The OIDC subject: stable and opaque, unlike the pk or the 账号.
    sub = models.UUIDField("OIDC 主体标识", unique=True, default=uuid.uuid4, editable=False)
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18)
    phone = models.CharField("手机号码", max_length=11)
    unit_name = models.CharField("单位名称", max_length=100, blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    is_active = models.BooleanField("有效", default=True)
    is_staff = models.BooleanField("管理员", default=False)
    date_joined = models.DateTimeField("注册时间", default=timezone.now)

    objects: ClassVar[AccountManager] = AccountManager()  # type: ignore[assignment]

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["name", "id_number", "phone"]

    class Meta:
        verbose_name = "政务服务网账号"
        verbose_name_plural = "政务服务网账号"
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=Q(kind="person"),
                name="idp_account_person_id_number_unique",
                violation_error_message="该身份证号已注册个人用户",
            ),
            models.CheckConstraint(
                condition=(Q(kind="person") & Q(unit_name="") & Q(uscc=""))
                | (Q(kind="legal") & ~Q(unit_name="") & ~Q(uscc="")),
                name="idp_account_unit_only_for_legal",
                violation_error_message="法人用户须填写单位名称和统一社会信用代码，个人用户不填",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.username}（{self.get_kind_display()}）"

    @property
    def is_legal(self) -> bool:
        return self.kind == self.Kind.LEGAL


class LoginThrottle(models.Model):
    """Failed logins per 账号 as typed (whether or not such an account exists)."""

    username = models.CharField("账号", max_length=150, unique=True)
    failures = models.PositiveSmallIntegerField("窗口内失败次数", default=0)
    window_start = models.DateTimeField("计数窗口开始", null=True, blank=True)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    class Meta:
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"

    def __str__(self) -> str:
        return self.username
