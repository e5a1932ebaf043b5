from django.conf import settings
from django.db import models
from django.db.models import Q

from zhicheng.core.workflow import StateEvent


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
    # Unit registration (法人登录): the county HR department that approves it, and what it said.
    registration_authority = models.ForeignKey(
        "self",
        verbose_name="注册审核机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    registration_opinion = models.CharField("审核意见", max_length=500, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=20, blank=True)
    address = models.CharField("单位地址", max_length=200, blank=True)
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
        indexes = [
            models.Index(fields=["kind", "region_code"]),
            models.Index(fields=["registration_authority", "status"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def accepts_freelancers(self) -> bool:
        """Manual 一④: a freelancer's unit is the county HR department (人社部门)."""
        return self.kind == self.Kind.HR and self.level == self.Level.COUNTY


class OrganizationEvent(StateEvent):
    """One step of a unit registration: who, acting for which organization, from, to, opinion.

    `unit` is the registered unit; `organization` (StateEvent) is the one the actor acted for:
    the unit itself when its legal person submits, the county HR department when it decides.
    """

    unit = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.CASCADE, related_name="events"
    )

    class Meta(StateEvent.Meta):
        verbose_name = "机构注册记录"
        verbose_name_plural = "机构注册记录"

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.from_status or '—'} → {self.to_status}"


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


class UnitBinding(models.Model):
    """A person's request to belong to a unit (选择单位 / 变更单位), and, once approved, the binding.

    At most one request waits and at most one binding holds per person (database constraints). A new
    approved binding ends the old one in the same transaction (DESIGN §4).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已通过"
        REJECTED = "rejected", "已驳回"
        WITHDRAWN = "withdrawn", "已撤回"
        ENDED = "ended", "已解除"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.CASCADE,
        related_name="unit_bindings",
    )
    unit = models.ForeignKey(
        Organization, verbose_name="工作单位", on_delete=models.PROTECT, related_name="bindings"
    )
    is_freelancer = models.BooleanField("自由职业者", default=False)
    statement = models.CharField("申请说明", max_length=500)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    opinion = models.CharField("审核意见", max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    ended_at = models.DateTimeField("解除时间", null=True, blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)

    class Meta:
        verbose_name = "单位绑定"
        verbose_name_plural = "单位绑定"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(status="pending"), name="one_pending_binding"
            ),
            models.UniqueConstraint(
                fields=["person"], condition=Q(status="approved"), name="one_approved_binding"
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.unit}"


class UnitBindingEvent(StateEvent):
    """Each step of a binding: who, for which organization, when, from, to, opinion (DESIGN §4)."""

    binding = models.ForeignKey(
        UnitBinding, verbose_name="绑定申请", on_delete=models.CASCADE, related_name="events"
    )

    class Meta(StateEvent.Meta):
        verbose_name = "单位绑定记录"
        verbose_name_plural = "单位绑定记录"

    def __str__(self) -> str:
        return f"{self.binding_id}: {self.from_status or '—'} → {self.to_status}"
