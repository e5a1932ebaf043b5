from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    """Everyone who logs in: persons and legal persons through the SSO, staff with a local account.

    姓名, 身份证号 and the sex and birth date derived from it come from the SSO and are never edited.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "个人"
        LEGAL = "legal", "法人"
        STAFF = "staff", "工作人员"

    class HasUnit(models.TextChoices):
        YES = "yes", "是"
        NO = "no", "否"

    kind = models.CharField("账号类型", max_length=8, choices=Kind.choices, default=Kind.STAFF)
    name = models.CharField("姓名", max_length=50, blank=True)
    id_number = models.CharField("身份证号", max_length=18, null=True, blank=True)
    sex = models.CharField("性别", max_length=1, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    phone = models.CharField("手机号码", max_length=11, blank=True)
    political_status = models.CharField("政治面貌", max_length=20, blank=True)
    ethnicity = models.CharField("民族", max_length=20, blank=True)
    title_series = models.JSONField("所在职称系列", default=list, blank=True)
    address = models.CharField("联系地址", max_length=200, blank=True)
    # The current ID photo (两寸证件照), re-encoded by the server; its storage name is generated.
    photo = models.FileField("证件照", upload_to="photos/", blank=True)
    photo_updated_at = models.DateTimeField("照片更新时间", null=True, blank=True)
    has_unit = models.CharField("工作单位", max_length=3, choices=HasUnit.choices, blank=True)
    profile_completed_at = models.DateTimeField("首次登录信息完善时间", null=True, blank=True)
    # Legal-person (法人) accounts carry their unit's identity from the SSO.
    unit_name = models.CharField("单位名称", max_length=200, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    is_auditor = models.BooleanField("审计员", default=False)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=Q(kind="person"),
                name="unique_person_id_number",
            ),
            models.CheckConstraint(
                condition=~Q(kind="person") | Q(id_number__isnull=False),
                name="person_has_id_number",
            ),
            models.CheckConstraint(
                condition=~Q(kind="legal") | ~Q(credit_code=""),
                name="legal_has_credit_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    @property
    def display_name(self) -> str:
        return self.name or self.unit_name or self.username

    @property
    def is_person(self) -> bool:
        return self.kind == self.Kind.PERSON

    @property
    def is_legal(self) -> bool:
        return self.kind == self.Kind.LEGAL

    @property
    def is_staff_account(self) -> bool:
        return self.kind == self.Kind.STAFF

    @property
    def needs_first_login(self) -> bool:
        return self.is_person and self.profile_completed_at is None


class LoginThrottle(models.Model):
    """Failed logins per account name: 5 within 15 minutes lock the name for 15 minutes.

    Keyed by the name typed, not the user, so unknown names are throttled alike and the lock
    does not tell an attacker which names exist.
    """

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    window_start = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"

    def __str__(self) -> str:
        return self.username


class StaffAuthenticator(Authenticator):
    """allauth's TOTP and 备用码 rows under the platform's name in 系统管理 (allauth's model has
    no verbose name and shows as "Authenticators"); the administrator removes a lost phone's."""

    class Meta:
        proxy = True
        verbose_name = "动态口令"
        verbose_name_plural = "动态口令"
