"""评审: the review route of each submission, its decisions, 公示, the committee's vote, 核准,
面试/笔试 and 免面试. 诚信档案 lives in its own app (`zhicheng.integrity`)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from zhicheng.applications.models import Application
from zhicheng.core.attachments import StoredFile
from zhicheng.core.workflow import StateEvent
from zhicheng.orgs.models import Organization
from zhicheng.plans.models import ReviewPlan

# A committee's members (and so any count of its votes): far fewer than this; the database
# allows 0..32767, the forms and the validators this.
MAX_MEMBERS = 999


class Node(models.TextChoices):
    """Where a decision is taken: the route's four kinds of step, then the committee's part."""

    UNIT = "unit", "单位审核"
    DEPARTMENT = "department", "主管部门审核"
    HR = "hr", "人社部门审核"
    ORGANIZER = "organizer", "资格审查"
    COMMITTEE = "committee", "评委会评审"
    RESULT_PUBLICITY = "publicity", "评审结果公示"
    APPROVAL = "approval", "核准"
    DEADLINE = "deadline", "修改期限"


class ReviewCase(models.Model):
    """One submission (提交审核) of an application, with its route frozen at that moment.

    A resubmission after 退回修改 opens a new case (round + 1) whose route is computed afresh and
    starts again at the unit; `snapshot` is what the applicant submitted, so that reviewers see what
    changed since the previous round.
    """

    class Status(models.TextChoices):
        OPEN = "open", "审核中"
        RETURNED = "returned", "退回修改"
        REJECTED = "rejected", "不通过"
        QUALIFIED = "qualified", "资格审查通过"
        EXPIRED = "expired", "逾期未修改"

    application = models.ForeignKey(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="review_cases"
    )
    round = models.PositiveSmallIntegerField("提交轮次")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    submitted_at = models.DateTimeField("提交时间")
    snapshot = models.JSONField("提交时的申报内容", default=dict)
    # 核准: the HR department at the top of the route (the plan's level) approves the result.
    issuer = models.ForeignKey(
        Organization, verbose_name="核准机关", on_delete=models.PROTECT, related_name="+"
    )
    return_deadline = models.DateField("修改截止日期", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    approval_number = models.CharField("核准文号", max_length=100, blank=True)
    approved_at = models.DateTimeField("核准时间", null=True, blank=True)

    class Meta:
        verbose_name = "评审流程"
        verbose_name_plural = "评审流程"
        ordering = ["application_id", "round"]
        constraints = [
            models.UniqueConstraint(fields=["application", "round"], name="review_case_round"),
            # At most one open case per application: a double submit cannot start two routes.
            models.UniqueConstraint(
                fields=["application"], condition=Q(status="open"), name="one_open_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} 第{self.round}次提交"


class ReviewStep(models.Model):
    """A node of a case's route: an organization and what it decided."""

    class Status(models.TextChoices):
        WAITING = "waiting", "未到达"
        PENDING = "pending", "待审核"
        PASSED = "passed", "通过"
        RETURNED = "returned", "退回修改"
        REJECTED = "rejected", "不通过"

    case = models.ForeignKey(
        ReviewCase, verbose_name="评审流程", on_delete=models.CASCADE, related_name="steps"
    )
    # Denormalised for the queues: the application and the time it arrived at this node.
    application = models.ForeignKey(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField("顺序")
    node = models.CharField("环节", max_length=12, choices=Node.choices)
    organization = models.ForeignKey(
        Organization, verbose_name="审核机构", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.WAITING)
    arrived_at = models.DateTimeField("到达时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    opinion = models.CharField("意见", max_length=500, blank=True)

    class Meta:
        verbose_name = "评审环节"
        verbose_name_plural = "评审环节"
        ordering = ["case_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="review_step_position"),
        ]
        indexes = [
            # A queue: the pending steps at one organization, oldest first.
            models.Index(fields=["organization", "status", "arrived_at"], name="review_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_node_display()} · {self.organization}"


class ReviewEvent(StateEvent):
    """Every decision of the route and after it: from/to are the application's statuses."""

    application = models.ForeignKey(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="review_events"
    )
    case = models.ForeignKey(
        ReviewCase, verbose_name="评审流程", on_delete=models.CASCADE, related_name="events"
    )
    step = models.ForeignKey(
        ReviewStep,
        verbose_name="评审环节",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    node = models.CharField("环节", max_length=12, choices=Node.choices)
    decision = models.CharField("决定", max_length=20)

    class Meta(StateEvent.Meta):
        verbose_name = "评审记录"
        verbose_name_plural = "评审记录"

    def __str__(self) -> str:
        return f"{self.get_node_display()} {self.decision}"


class Publicity(models.Model):
    """公示: the unit's before it recommends (单位公示), the organizer's of the committee's results
    (评审结果公示). At least 5 working days on the official calendar."""

    class Kind(models.TextChoices):
        UNIT = "unit", "单位公示"
        RESULT = "result", "评审结果公示"

    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name="公示单位", on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        ReviewPlan, verbose_name="评审计划", on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField("公示开始日期")
    ends_on = models.DateField("公示结束日期")
    place = models.CharField("公示地点或网址", max_length=300)
    result = models.CharField("公示结果", max_length=500, blank=True)
    objections = models.TextField("异议情况", max_length=2000, blank=True)
    applications = models.ManyToManyField(
        Application, verbose_name="公示人员", related_name="publicities"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="publicity_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}—{self.ends_on}"


class ReviewMeeting(models.Model):
    """评审会议 of the plan's committee: the organizer groups applications and records the votes."""

    plan = models.ForeignKey(
        ReviewPlan, verbose_name="评审计划", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField("会议日期")
    place = models.CharField("会议地点", max_length=200)
    members = models.PositiveSmallIntegerField(
        "评委会人数", validators=[MinValueValidator(1), MaxValueValidator(MAX_MEMBERS)]
    )
    applications = models.ManyToManyField(
        Application, verbose_name="评审人员", related_name="meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审会议"
        verbose_name_plural = "评审会议"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(members__gte=1), name="meeting_has_members"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


class CommitteeVote(models.Model):
    """The committee's vote on one application (人社部令第40号; see votes.py)."""

    meeting = models.ForeignKey(
        ReviewMeeting, verbose_name="评审会议", on_delete=models.PROTECT, related_name="votes"
    )
    application = models.OneToOneField(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="vote"
    )
    members = models.PositiveSmallIntegerField(
        "评委会人数", validators=[MaxValueValidator(MAX_MEMBERS)]
    )
    present = models.PositiveSmallIntegerField(
        "出席人数", validators=[MaxValueValidator(MAX_MEMBERS)]
    )
    yes = models.PositiveSmallIntegerField("同意", validators=[MaxValueValidator(MAX_MEMBERS)])
    no = models.PositiveSmallIntegerField("不同意", validators=[MaxValueValidator(MAX_MEMBERS)])
    abstain = models.PositiveSmallIntegerField("弃权", validators=[MaxValueValidator(MAX_MEMBERS)])
    passed = models.BooleanField("通过")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "评委会表决"
        verbose_name_plural = "评委会表决"
        constraints = [
            models.CheckConstraint(
                condition=Q(present__lte=F("members"))
                & Q(present=F("yes") + F("no") + F("abstain")),
                name="vote_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.yes}/{self.present}/{self.members}"


class Arrangement(models.Model):
    """面试 or 笔试 of one applicant: time, place, seat (set by the organizer, one by one or from
    a spreadsheet); 打印准考证 prints them."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", "面试"
        EXAM = "exam", "笔试"

    application = models.ForeignKey(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="arrangements"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField("时间")
    place = models.CharField("地点", max_length=200)
    seat = models.CharField("座位号", max_length=20, blank=True)
    ticket_number = models.CharField("准考证号", max_length=30)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="安排人", on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("安排时间", auto_now=True)

    class Meta:
        verbose_name = "面试笔试安排"
        verbose_name_plural = "面试笔试安排"
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="one_arrangement_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M} {self.place}"


class Exemption(models.Model):
    """免面试: the applicant asks with reasons and evidence; the organizer decides."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "同意免面试"
        REJECTED = "rejected", "不同意"

    application = models.OneToOneField(
        Application, verbose_name="职称申报", on_delete=models.CASCADE, related_name="exemption"
    )
    reason = models.TextField("申请理由", max_length=1000)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    opinion = models.CharField("审核意见", max_length=500, blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)

    class Meta:
        verbose_name = "免面试申请"
        verbose_name_plural = "免面试申请"

    def __str__(self) -> str:
        return f"{self.application_id} {self.get_status_display()}"


class ExemptionEvidence(StoredFile):
    exemption = models.ForeignKey(
        Exemption, verbose_name="免面试申请", on_delete=models.CASCADE, related_name="evidence"
    )

    class Meta:
        verbose_name = "免面试证明材料"
        verbose_name_plural = "免面试证明材料"
        ordering = ["created_at", "pk"]
