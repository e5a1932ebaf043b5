"""评审计划 (DESIGN §3 plans): a plan, its specialties, its 评审标准 and attachment slots.

Rules live in services.py; the database keeps the invariants that fit a constraint.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from zhicheng.core.titles import Level
from zhicheng.core.workflow import StateEvent
from zhicheng.library.models import Entry
from zhicheng.orgs.models import Organization

__all__ = ["Level"]


class ApplyForm(models.TextChoices):
    """申报形式 (manual 四(二)2 and 注意)."""

    REGULAR = "regular", "常规申报"
    EXCEPTIONAL = "exceptional", "破格申报"
    TRANSFER = "transfer", "转评申报"


class PlanType(models.TextChoices):
    """计划类型: how the title is obtained under this plan."""

    REVIEW = "review", "职称评审"
    EXAM_REVIEW = "exam_review", "考评结合"
    RECOGNITION = "recognition", "考核认定"


# The 个人业绩库 kinds a performance category may import are the library's own entry kinds.
EntryKind = Entry.Kind


class EvaluationStandard(models.Model):
    """评审标准 of an organizer for one series and level; plans of that series and level use it."""

    organizer = models.ForeignKey(
        Organization,
        verbose_name="评委会组建单位",
        on_delete=models.PROTECT,
        related_name="evaluation_standards",
    )
    series = models.CharField("职称系列", max_length=30)
    level = models.CharField("评审级别", max_length=16, choices=Level.choices)
    name = models.CharField("评审标准名称", max_length=200)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "评审标准"
        verbose_name_plural = "评审标准"
        ordering = ["series", "level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organizer", "name"], name="unique_standard_name"),
        ]
        indexes = [models.Index(fields=["organizer", "series", "level"])]

    def __str__(self) -> str:
        return self.name


class PerformanceCategory(models.Model):
    """申报业绩 category of a standard (e.g. 能力条件): 温馨提示, allowed kinds, min and max items."""

    standard = models.ForeignKey(
        EvaluationStandard,
        verbose_name="评审标准",
        on_delete=models.CASCADE,
        related_name="categories",
    )
    name = models.CharField("类别名称", max_length=50)
    hint = models.CharField("温馨提示", max_length=300, blank=True)
    allowed_kinds = models.JSONField("可导入的业绩类型", default=list)
    min_items = models.PositiveSmallIntegerField("最少项数", default=0)
    max_items = models.PositiveSmallIntegerField("最多项数", default=5)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "申报业绩类别"
        verbose_name_plural = "申报业绩类别"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "name"], name="unique_category_name"),
            models.CheckConstraint(
                condition=Q(min_items__lte=F("max_items")), name="category_min_le_max"
            ),
            models.CheckConstraint(condition=Q(max_items__gte=1), name="category_max_at_least_1"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def allowed_kind_labels(self) -> list[str]:
        labels = dict(EntryKind.choices)
        return [labels.get(kind, kind) for kind in self.allowed_kinds]

    @property
    def count_rule(self) -> str:
        """The count part of the 温馨提示: how many items, at least / at most."""
        if self.min_items == self.max_items:
            return f"须导入{self.min_items}项"
        if self.min_items == 0:
            return f"最多导入{self.max_items}项"
        return f"最少导入{self.min_items}项，最多导入{self.max_items}项"


class ReviewPlan(models.Model):
    """评审计划 published by a 评委会组建单位 for one of its 评委会."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"
        CLOSED = "closed", "已关闭"

    organizer = models.ForeignKey(
        Organization,
        verbose_name="评委会组建单位",
        on_delete=models.PROTECT,
        related_name="organized_plans",
    )
    committee = models.ForeignKey(
        Organization, verbose_name="评委会", on_delete=models.PROTECT, related_name="review_plans"
    )
    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("计划名称", max_length=200)
    series = models.CharField("职称系列", max_length=30)
    level = models.CharField("评审级别", max_length=16, choices=Level.choices)
    plan_type = models.CharField(
        "计划类型", max_length=16, choices=PlanType.choices, default=PlanType.REVIEW
    )
    starts_at = models.DateTimeField("申报开始时间")
    ends_at = models.DateTimeField("申报截止时间")
    scope = models.TextField("评审范围对象")
    content = models.TextField("计划内容")
    has_interview = models.BooleanField("有无面试", default=False)
    allow_regular = models.BooleanField("常规申报", default=True)
    allow_exceptional = models.BooleanField("破格申报", default=False)
    allow_transfer = models.BooleanField("转评申报", default=False)
    standards = models.ManyToManyField(
        EvaluationStandard, verbose_name="评审标准", blank=True, related_name="plans"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "评审计划"
        verbose_name_plural = "评审计划"
        ordering = ["-year", "-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="plan_window_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(allow_regular=True)
                | Q(allow_exceptional=True)
                | Q(allow_transfer=True),
                name="plan_allows_an_apply_form",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="plan_year_in_range"
            ),
            models.UniqueConstraint(
                fields=["organizer", "year", "name"], name="unique_plan_name_per_year"
            ),
        ]
        # The applicant list filters published plans by 年度 / 评审级别 / 计划类型 and orders by
        # year then start; these serve it (name search uses a trigram index on PostgreSQL, 0002).
        indexes = [
            models.Index(fields=["status", "-year", "-starts_at", "-id"], name="plan_list_idx"),
            models.Index(fields=["status", "level", "-year"], name="plan_level_idx"),
            models.Index(fields=["status", "plan_type", "-year"], name="plan_type_idx"),
            models.Index(fields=["status", "ends_at"], name="plan_open_idx"),
            models.Index(fields=["organizer", "-year"], name="plan_organizer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    @property
    def apply_forms(self) -> list[str]:
        forms: list[str] = []
        if self.allow_regular:
            forms.append(ApplyForm.REGULAR)
        if self.allow_exceptional:
            forms.append(ApplyForm.EXCEPTIONAL)
        if self.allow_transfer:
            forms.append(ApplyForm.TRANSFER)
        return forms

    @property
    def apply_form_labels(self) -> list[str]:
        return [ApplyForm(value).label for value in self.apply_forms]

    @property
    def version(self) -> str:
        """What the edit form carries back, to refuse a save over someone else's change."""
        return self.updated_at.isoformat()


class PlanSpecialty(models.Model):
    """可评审专业 with the titles that may be applied for in it, and whether it has a written exam."""

    plan = models.ForeignKey(
        ReviewPlan, verbose_name="评审计划", on_delete=models.CASCADE, related_name="specialties"
    )
    name = models.CharField("专业名称", max_length=50)
    titles = models.JSONField("可申报职称", default=list)
    exam_required = models.BooleanField("需要笔试", default=False)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "可评审专业"
        verbose_name_plural = "可评审专业"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_plan_specialty"),
        ]

    def __str__(self) -> str:
        return self.name


class AttachmentSlot(models.Model):
    """An attachment the applicant uploads under this plan (manual 四(二)4(6))."""

    plan = models.ForeignKey(
        ReviewPlan, verbose_name="评审计划", on_delete=models.CASCADE, related_name="slots"
    )
    name = models.CharField("附件名称", max_length=50)
    required = models.BooleanField("必须上传", default=True)
    exam_only = models.BooleanField("仅笔试专业", default=False)
    note = models.CharField("说明", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "附件项"
        verbose_name_plural = "附件项"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_plan_slot"),
        ]

    def __str__(self) -> str:
        return self.name


def plan_file_path(instance: "PlanFile", filename: str) -> str:
    # A random name: the original name is shown from display_name, never used as a path.
    return f"plans/{instance.plan_id}/{uuid.uuid4().hex}{instance.extension}"


class PlanFile(models.Model):
    """A file applicants download from the plan page (e.g. 职称申报承诺书 template)."""

    plan = models.ForeignKey(
        ReviewPlan, verbose_name="评审计划", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("文件", upload_to=plan_file_path)
    display_name = models.CharField("文件名称", max_length=120)
    content_type = models.CharField("文件类型", max_length=50)
    extension = models.CharField("扩展名", max_length=8)
    size = models.PositiveIntegerField("大小")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "计划附件"
        verbose_name_plural = "计划附件"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.display_name


class PlanEvent(StateEvent):
    """Each state change of a plan: who, for which organizer, when, from, to, note (DESIGN §4)."""

    plan = models.ForeignKey(
        ReviewPlan, verbose_name="评审计划", on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        "原状态", max_length=20, choices=ReviewPlan.Status.choices, blank=True
    )
    to_status = models.CharField("新状态", max_length=20, choices=ReviewPlan.Status.choices)
    opinion = models.CharField("说明", max_length=500, blank=True)

    class Meta(StateEvent.Meta):
        verbose_name = "评审计划记录"
        verbose_name_plural = "评审计划记录"

    def __str__(self) -> str:
        return f"{self.plan_id} {self.from_status}→{self.to_status}"
