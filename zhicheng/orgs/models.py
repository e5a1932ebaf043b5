from django.conf import settings
from django.db import models
from django.db.models import Q


class Organization(models.Model):
    """A unit, department, HR bureau, committee organizer, committee or issuer.

    `parent` is the next review level above (unit → 主管部门 → county → city → province 人社).
    """

    class Kind(models.TextChoices):
        UNIT = "unit", "用人单位"
        DEPARTMENT = "department", "主管部门"
        HR = "hr", "人社部门"
        ORGANIZER = "organizer", "评委会组建单位"
        COMMITTEE = "committee", "评委会"
        ISSUER = "issuer", "发证机关"

    class Level(models.TextChoices):
        NONE = "", "—"
        COUNTY = "county", "县区级"
        CITY = "city", "市级"
        PROVINCE = "province", "省级"

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        ACTIVE = "active", "已通过"
        REJECTED = "rejected", "已驳回"

    kind = models.CharField("机构类型", max_length=16, choices=Kind.choices)
    name = models.CharField("名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, null=True, blank=True)
    region_code = models.CharField("行政区划代码", max_length=6, blank=True)
    level = models.CharField("级别", max_length=10, choices=Level.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级审核机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_public_institution = models.BooleanField("事业单位", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"
        ordering = ["region_code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=Q(credit_code__isnull=False),
                name="unique_org_credit_code",
            ),
            models.CheckConstraint(
                condition=~Q(kind="hr") | ~Q(level=""),
                name="hr_department_has_level",
            ),
        ]
        indexes = [models.Index(fields=["kind", "region_code"])]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person acting for an organization in a role."""

    class Role(models.TextChoices):
        UNIT_ADMIN = "unit_admin", "单位管理员"
        CLERK = "clerk", "经办人"
        REVIEWER = "reviewer", "审核人"
        ORGANIZER = "organizer", "计划管理员"
        ISSUER = "issuer", "发证审核人"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization, verbose_name="机构", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "机构成员"
        verbose_name_plural = "机构成员"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="unique_membership"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"
