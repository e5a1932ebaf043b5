"""个人业绩库: one table of entries for every kind, their attachments and their review events.

One wide table rather than a table per kind: the library page, the unit queue and an application's
import all list entries of several kinds at once, and a single indexed table keeps those reads to a
constant number of queries. Columns shared by several kinds (名称/题目/书名 → `title`, 单位/培训机构/
考核单位/授奖单位 → `organization`, …) carry the kind's own label in forms; `kinds.py` says which
columns each kind uses and what they are called.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from zhicheng.core.attachments import StoredFile
from zhicheng.core.workflow import StateEvent


class Entry(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", "工作经历"
        EDUCATION = "education", "学历教育"
        TRAINING = "training", "继续教育"
        APPRAISAL = "appraisal", "年度考核"
        PAPER = "paper", "论文"
        BOOK = "book", "著作"
        PROJECT = "project", "项目/课题"
        AWARD = "award", "获奖"
        PATENT = "patent", "专利"
        STANDARD = "standard", "标准"
        TEACHING = "teaching", "教学成果"
        RURAL = "rural", "乡村任教/支教"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待审核"
        APPROVED = "approved", "已通过"
        RETURNED = "returned", "已退回"

    class AppraisalResult(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        PASS = "pass", "合格"
        BASIC = "basic", "基本合格"
        FAIL = "fail", "不合格"

    class PatentType(models.TextChoices):
        INVENTION = "invention", "发明"
        UTILITY = "utility", "实用新型"
        DESIGN = "design", "外观设计"

    class StandardType(models.TextChoices):
        NATIONAL = "national", "国家"
        INDUSTRY = "industry", "行业"
        LOCAL = "local", "地方"
        GROUP = "group", "团体"
        ENTERPRISE = "enterprise", "企业"

    class EducationLevel(models.TextChoices):
        DOCTOR = "doctor", "博士研究生"
        MASTER = "master", "硕士研究生"
        BACHELOR = "bachelor", "大学本科"
        COLLEGE = "college", "大学专科"
        SECONDARY = "secondary", "中等专科"
        HIGH_SCHOOL = "high_school", "高中及以下"

    class Degree(models.TextChoices):
        DOCTOR = "doctor", "博士"
        MASTER = "master", "硕士"
        BACHELOR = "bachelor", "学士"
        NONE = "none", "无"

    class StudyMode(models.TextChoices):
        FULL_TIME = "full_time", "全日制"
        PART_TIME = "part_time", "非全日制"

    class Level(models.TextChoices):
        NATIONAL = "national", "国家级"
        PROVINCE = "province", "省部级"
        CITY = "city", "市厅级"
        COUNTY = "county", "县区级"
        UNIT = "unit", "单位级"

    class Completion(models.TextChoices):
        DONE = "done", "已结题"
        ONGOING = "ongoing", "在研"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="本人",
        on_delete=models.CASCADE,
        related_name="library_entries",
    )
    kind = models.CharField("业绩类别", max_length=12, choices=Kind.choices)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The unit that reviews this entry: the person's approved unit when they last submitted it.
    unit = models.ForeignKey(
        "orgs.Organization",
        verbose_name="审核单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="library_entries",
    )
    opinion = models.CharField("单位意见", max_length=500, blank=True)

    # Shared columns; their label depends on the kind (kinds.py).
    title = models.CharField("名称", max_length=200, blank=True)
    organization = models.CharField("单位", max_length=200, blank=True)
    start_date = models.DateField("开始时间", null=True, blank=True)
    end_date = models.DateField("结束时间", null=True, blank=True)
    date = models.DateField("时间", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    number = models.CharField("编号", max_length=64, blank=True)
    rank = models.PositiveSmallIntegerField("本人排名", null=True, blank=True)
    role = models.CharField("本人角色", max_length=50, blank=True)
    level = models.CharField("级别", max_length=10, choices=Level.choices, blank=True)
    description = models.TextField("内容简介", max_length=2000, blank=True)

    # 工作经历
    position = models.CharField("岗位/从事专业技术工作", max_length=100, blank=True)
    post = models.CharField("职务", max_length=100, blank=True)
    witness = models.CharField("证明人", max_length=50, blank=True)
    # 学历教育 and 乡村任教/支教
    school = models.CharField("院校", max_length=100, blank=True)
    major = models.CharField("专业", max_length=100, blank=True)
    education_level = models.CharField(
        "学历", max_length=12, choices=EducationLevel.choices, blank=True
    )
    degree = models.CharField("学位", max_length=10, choices=Degree.choices, blank=True)
    schooling_years = models.DecimalField(
        "学制（年）",
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    study_mode = models.CharField("学习形式", max_length=10, choices=StudyMode.choices, blank=True)
    region = models.CharField("地区", max_length=100, blank=True)
    # 继续教育
    public_hours = models.PositiveSmallIntegerField("公需科目学时", null=True, blank=True)
    professional_hours = models.PositiveSmallIntegerField("专业科目学时", null=True, blank=True)
    # 年度考核
    appraisal_result = models.CharField(
        "考核结果", max_length=10, choices=AppraisalResult.choices, blank=True
    )
    # 论文
    journal = models.CharField("刊物", max_length=200, blank=True)
    issn_cn = models.CharField("ISSN/CN", max_length=50, blank=True)
    volume_issue = models.CharField("卷期", max_length=50, blank=True)
    indexed_in = models.CharField("收录情况", max_length=100, blank=True)
    is_representative = models.BooleanField("是否代表作", default=False)
    # 著作
    publisher = models.CharField("出版社", max_length=100, blank=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    words = models.DecimalField(
        "本人撰写字数（万字）",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # 项目/课题 and 获奖
    source = models.CharField("来源", max_length=100, blank=True)
    funding = models.DecimalField(
        "经费（万元）",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    completion = models.CharField("结题情况", max_length=10, choices=Completion.choices, blank=True)
    grade = models.CharField("等次", max_length=50, blank=True)
    # 专利 and 标准
    patent_type = models.CharField("类型", max_length=10, choices=PatentType.choices, blank=True)
    standard_type = models.CharField(
        "类别", max_length=10, choices=StandardType.choices, blank=True
    )

    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        verbose_name = "业绩库条目"
        verbose_name_plural = "业绩库条目"
        ordering = ["kind", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="library_entry_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(unit__isnull=False),
                name="library_entry_submitted_has_unit",
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                name="library_entry_rank_positive",
            ),
            # One 年度考核 per person and year (the service says so in Chinese first).
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(kind="appraisal"),
                name="library_one_appraisal_per_year",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "kind", "status"], name="library_person_kind"),
            models.Index(fields=["unit", "status", "submitted_at"], name="library_unit_queue"),
            models.Index(fields=["unit", "kind", "status"], name="library_unit_kind"),
        ]

    def __str__(self) -> str:
        from .kinds import entry_summary

        return f"{self.get_kind_display()} · {entry_summary(self)}"

    @property
    def is_editable(self) -> bool:
        """Drafts and returned entries can be changed; submitted and approved ones cannot."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_submittable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class EntryAttachment(StoredFile):
    entry = models.ForeignKey(
        Entry, verbose_name="业绩条目", on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta:
        verbose_name = "业绩附件"
        verbose_name_plural = "业绩附件"
        ordering = ["created_at", "pk"]


class EntryEvent(StateEvent):
    """Each state change of an entry: who, for which organization, when, from, to, opinion."""

    entry = models.ForeignKey(
        Entry, verbose_name="业绩条目", on_delete=models.CASCADE, related_name="events"
    )
    # The statuses with their labels (the entry's history shows them).
    from_status = models.CharField("原状态", max_length=20, choices=Entry.Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Entry.Status.choices)

    class Meta(StateEvent.Meta):
        verbose_name = "业绩审核记录"
        verbose_name_plural = "业绩审核记录"

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class EntryImport(models.Model):
    """One accepted 批量导入: which file (by SHA-256) a person imported as which kind, and when.

    Kept so that the same file sent twice (a double click, a browser retry) is refused instead of
    creating every row twice.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="本人", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("业绩类别", max_length=12, choices=Entry.Kind.choices)
    sha256 = models.CharField("SHA-256", max_length=64)
    rows = models.PositiveIntegerField("导入条数")
    created_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "业绩批量导入"
        verbose_name_plural = "业绩批量导入"
        indexes = [
            models.Index(fields=["person", "kind", "sha256", "created_at"], name="library_import")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.rows} 条"
