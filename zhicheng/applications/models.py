"""职称申报 (DESIGN §3 applications): one application per person and plan year, with what the
person entered, what they imported from the library (copied), and the files they uploaded.

Rules live in services.py and checks.py; the database keeps the invariants that fit a constraint.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from zhicheng.core.attachments import StoredFile
from zhicheng.core.workflow import StateEvent
from zhicheng.library.models import Entry
from zhicheng.plans.models import (
    MAX_POSITION,
    PLAN_YEAR_RANGE,
    ApplyForm,
    AttachmentSlot,
    EvaluationStandard,
    PerformanceCategory,
    PlanSpecialty,
    ReviewPlan,
)


def photo_path(instance: "Application", filename: str) -> str:
    return f"applications/photos/{uuid.uuid4().hex}.jpg"


# 工作年限 / 专业年限: a working life, not more (the database allows 0..32767).
MAX_YEARS = 60


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "填报中"
        SUBMITTED = "submitted", "审核中"
        DELETED = "deleted", "已删除"
        # The review route (reviews app): the organizer's 资格审查, the committee, 公示, 核准.
        QUALIFYING = "qualifying", "资格审查"
        AWAITING = "awaiting", "待评审"
        PASSED = "passed", "评审通过"
        FAILED = "failed", "评审未通过"
        PUBLICITY = "publicity", "公示中"
        APPROVED = "approved", "已核准"
        CERTIFIED = "certified", "已发证"
        REJECTED = "rejected", "不通过"
        EXPIRED = "expired", "逾期未修改"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申报人",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    plan = models.ForeignKey(
        ReviewPlan, verbose_name="评审计划", on_delete=models.PROTECT, related_name="applications"
    )
    # The plan's year, copied so that the database can keep one application per person and year.
    year = models.PositiveSmallIntegerField(
        "申报年度",
        validators=[MinValueValidator(PLAN_YEAR_RANGE[0]), MaxValueValidator(PLAN_YEAR_RANGE[1])],
    )
    apply_form = models.CharField("申报形式", max_length=12, choices=ApplyForm.choices)
    specialty = models.ForeignKey(
        PlanSpecialty, verbose_name="申报专业", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("申报职称", max_length=50)
    standard = models.ForeignKey(
        EvaluationStandard, verbose_name="评审标准", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("申报状态", max_length=10, choices=Status.choices, default="draft")
    # The unit the person belonged to when applying (the review route starts there).
    unit = models.ForeignKey(
        "orgs.Organization",
        verbose_name="工作单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pledged_at = models.DateTimeField("诚信承诺时间", null=True, blank=True)

    # 基本信息 · 个人信息: 姓名, 身份证号, 性别 are the account's and cannot change (注意).
    photo = models.FileField("证件照", upload_to=photo_path, blank=True, max_length=200)
    political_status = models.CharField("政治面貌", max_length=20, blank=True)
    ethnicity = models.CharField("民族", max_length=20, blank=True)
    phone = models.CharField("手机号码", max_length=11, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    # 基本信息 · 专业信息: the fields of the series (series_fields.py), by name.
    professional_info = models.JSONField("专业信息", default=dict, blank=True)
    work_years = models.PositiveSmallIntegerField(
        "工作年限", null=True, blank=True, validators=[MaxValueValidator(MAX_YEARS)]
    )
    professional_years = models.PositiveSmallIntegerField(
        "专业年限", null=True, blank=True, validators=[MaxValueValidator(MAX_YEARS)]
    )
    # 破格申报
    exceptional_conditions = models.TextField("符合的破格条件", max_length=2000, blank=True)
    exceptional_evidence = models.TextField(
        "破格依据（业绩与证明材料说明）", max_length=2000, blank=True
    )
    # 转评申报
    transfer_current_title = models.CharField("现有职称（转评前）", max_length=100, blank=True)
    transfer_original_series = models.CharField("原职称系列", max_length=30, blank=True)
    transfer_reason = models.TextField("转评理由", max_length=2000, blank=True)

    created_at = models.DateTimeField("申报时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True)

    class Meta:
        verbose_name = "职称申报"
        verbose_name_plural = "职称申报"
        ordering = ["-year", "-created_at", "-pk"]
        constraints = [
            # 注意: one application per person in a plan year (any series); deleted ones don't count.
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=~Q(status="deleted"),
                name="one_application_per_person_per_year",
            ),
            models.CheckConstraint(
                condition=Q(professional_years__isnull=True)
                | Q(work_years__isnull=True)
                | Q(professional_years__lte=models.F("work_years")),
                name="application_professional_years_le_work_years",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status", "-year"], name="application_person_idx"),
            models.Index(fields=["plan", "status"], name="application_plan_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度 {self.plan.name}（{self.specialty.name} · {self.title}）"

    @property
    def label(self) -> str:
        return f"{self.year}年度职称申报（{self.title}）"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_exceptional(self) -> bool:
        return self.apply_form == ApplyForm.EXCEPTIONAL

    @property
    def is_transfer(self) -> bool:
        return self.apply_form == ApplyForm.TRANSFER


class ApplicationEvent(StateEvent):
    application = models.ForeignKey(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="events"
    )

    class Meta(StateEvent.Meta):
        verbose_name = "申报流程记录"
        verbose_name_plural = "申报流程记录"

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class CurrentTitle(models.Model):
    """现有职称情况 (图4-8): a title the person holds, with its certificate."""

    class ObtainedBy(models.TextChoices):
        REVIEW = "review", "评审"
        EXAM = "exam", "考试"
        RECOGNITION = "recognition", "认定"

    application = models.ForeignKey(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="titles"
    )
    position = models.PositiveSmallIntegerField(
        "排序", validators=[MaxValueValidator(MAX_POSITION)]
    )
    series = models.CharField("职称系列", max_length=30)
    name = models.CharField("职称名称", max_length=50)
    level = models.CharField("职称级别", max_length=16)
    specialty = models.CharField("专业", max_length=50)
    obtained_by = models.CharField("取得方式", max_length=12, choices=ObtainedBy.choices)
    obtained_on = models.DateField("取得时间")
    certificate_number = models.CharField("证书编号", max_length=64)
    issuer = models.CharField("发证机关（审批单位）", max_length=100)

    class Meta:
        verbose_name = "现有职称情况"
        verbose_name_plural = "现有职称情况"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.specialty}）"


class Appointment(models.Model):
    """评聘情况 of a current title: where and from when it was appointed (聘用文件)."""

    title = models.ForeignKey(
        CurrentTitle, verbose_name="现有职称", on_delete=models.CASCADE, related_name="appointments"
    )
    unit = models.CharField("聘任单位", max_length=200)
    post = models.CharField("聘任岗位（职务）", max_length=100)
    starts_on = models.DateField("聘用日期")
    ends_on = models.DateField("聘任截止日期", null=True, blank=True)
    document_number = models.CharField("聘用文件文号", max_length=100)

    class Meta:
        verbose_name = "评聘情况"
        verbose_name_plural = "评聘情况"
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"{self.unit} {self.post}"


class CurrentTitleDocument(StoredFile):
    title = models.ForeignKey(
        CurrentTitle, verbose_name="现有职称", on_delete=models.CASCADE, related_name="documents"
    )

    class Meta:
        verbose_name = "现有职称文档"
        verbose_name_plural = "现有职称文档"
        ordering = ["created_at", "pk"]


class Section(models.TextChoices):
    """Where an imported entry sits: one of the four 个人信息 lists, or a 申报业绩 category."""

    WORK = "work", "工作经历"
    EDUCATION = "education", "学历教育"
    TRAINING = "training", "继续教育"
    APPRAISAL = "appraisal", "年度考核"
    PERFORMANCE = "performance", "申报业绩"


class ImportedEntry(models.Model):
    """A library entry imported into an application: its data copied at import (reviewers see
    what was imported, not what the library says later) and a link back to the entry."""

    class AppraisalChoice(models.TextChoices):
        PASS = "pass", "合格"
        FAIL = "fail", "不合格"

    application = models.ForeignKey(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="imports"
    )
    section = models.CharField("位置", max_length=12, choices=Section.choices)
    category = models.ForeignKey(
        PerformanceCategory,
        verbose_name="申报业绩类别",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # SET_NULL: the library refuses to delete an entry an active application uses; a deleted
    # application's copies may outlive the entry.
    entry = models.ForeignKey(
        Entry,
        verbose_name="业绩库条目",
        null=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    kind = models.CharField("业绩类别", max_length=12, choices=Entry.Kind.choices)
    position = models.PositiveSmallIntegerField(
        "排序", validators=[MaxValueValidator(MAX_POSITION)]
    )
    summary = models.CharField("摘要", max_length=300)
    period = models.CharField("时间", max_length=40, blank=True)
    # [[label, value], ...] in the kind's order, and [{"id", "name", "is_image"}] of its files.
    facts = models.JSONField("详细信息", default=list)
    files = models.JSONField("附件", default=list)
    # 学历教育: 合格学历; 年度考核: 合格 / 不合格.
    qualified = models.BooleanField("合格学历", default=False)
    appraisal_choice = models.CharField(
        "考核结果", max_length=4, choices=AppraisalChoice.choices, blank=True
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "导入的业绩"
        verbose_name_plural = "导入的业绩"
        ordering = ["section", "category_id", "position", "pk"]
        constraints = [
            # 已导入过的个人业绩库数据不允许二次导入 (anywhere in the application).
            models.UniqueConstraint(fields=["application", "entry"], name="import_entry_once"),
            models.CheckConstraint(
                condition=Q(section="performance", category__isnull=False)
                | (~Q(section="performance") & Q(category__isnull=True)),
                name="import_category_only_for_performance",
            ),
        ]
        indexes = [
            models.Index(
                fields=["application", "section", "category", "position"], name="import_place_idx"
            )
        ]

    def __str__(self) -> str:
        return self.summary


class ApplicationAttachment(StoredFile):
    """A file uploaded into one of the plan's attachment slots (附件上传)."""

    application = models.ForeignKey(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="attachments"
    )
    slot = models.ForeignKey(
        AttachmentSlot, verbose_name="附件项", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "申报附件"
        verbose_name_plural = "申报附件"
        ordering = ["slot__position", "slot_id", "created_at", "pk"]
