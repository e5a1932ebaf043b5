"""电子职称证书 (DESIGN §3): certificates, their numbers, 补换证, verifications and share links.

A certificate row holds the data printed on it — copied at issue time, so a later change of the
person's unit or name does not change an issued certificate. The PDF is generated in the
background (tasks.py) and stored with its SHA-256, which the verification page compares an
uploaded file against.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from zhicheng.core.attachments import StoredFile
from zhicheng.core.workflow import StateEvent
from zhicheng.orgs.models import Organization


class NumberSequence(models.Model):
    """The last number handed out per key (证书编号 per province/year/series/level, 流水号 per
    issuer and year). Rows are only ever incremented, under a row lock, so a number is never reused
    even when the certificate that got it is revoked or its transaction is rolled back later."""

    key = models.CharField("序列", max_length=80, unique=True)
    last_value = models.PositiveIntegerField("当前值", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"

    def __str__(self) -> str:
        return f"{self.key}: {self.last_value}"


class GenerationBatch(models.Model):
    """A group of certificates generated together (发证机关 批量生成, a legacy import, a ZIP)."""

    class Kind(models.TextChoices):
        GENERATE = "generate", "批量生成"
        IMPORT = "import", "历史证书导入"
        ZIP = "zip", "批量下载"

    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    issuer = models.ForeignKey(
        Organization, verbose_name="发证机关", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    total = models.PositiveIntegerField("数量", default=0)
    done = models.PositiveIntegerField("已完成", default=0)  # ZIP batches only
    file = models.FileField("文件", upload_to="certificates/batches/", blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "证书批次"
        verbose_name_plural = "证书批次"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Certificate(models.Model):
    class Status(models.TextChoices):
        # A holder from outside the platform (legacy import, 补换证 case 一) uploads a photo first
        # (manual 五(二)1 注); nothing is generated before that.
        AWAITING_PHOTO = "awaiting_photo", "待上传照片"
        GENERATING = "generating", "生成中"
        VALID = "valid", "有效"
        REPLACED = "replaced", "已换发"
        REVOKED = "revoked", "已撤销"

    class Method(models.TextChoices):
        REVIEW = "review", "评审"
        RECOGNITION = "recognition", "认定"
        TRANSFER = "transfer", "转评"

    class Source(models.TextChoices):
        APPROVAL = "approval", "评审核准"
        LEGACY = "legacy", "历史证书导入"
        REPLACEMENT = "replacement", "补换证"

    number = models.CharField("证书编号", max_length=21, unique=True)
    license_id = models.CharField("电子证照标识", max_length=100, unique=True)
    license_serial = models.CharField("流水号", max_length=32)
    # The 电子证照标识 carries the version in three digits: at most 999 re-issues.
    license_version = models.PositiveSmallIntegerField(
        "版本号", default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.GENERATING
    )
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    # What the certificate was made from ("result:<pk>", "legacy:<row hash>", "replacement:<pk>"):
    # unique, so issuing twice for one source finds the first certificate instead of a second.
    source_key = models.CharField("来源标识", max_length=80, unique=True)

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="持证人账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # A legacy holder may not have logged in yet: their certificates are theirs by 身份证号 (which
    # the SSO's real-name check gives every person account).
    holder_id_number = models.CharField("身份证号", max_length=18, db_index=True)
    holder_name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=1)
    birth_date = models.DateField("出生日期")
    unit_name = models.CharField("工作单位", max_length=200)
    series = models.CharField("系列", max_length=50)
    specialty = models.CharField("专业", max_length=100)
    qualification = models.CharField("资格名称", max_length=100)
    level = models.CharField("级别", max_length=16)
    method = models.CharField("取得方式", max_length=12, choices=Method.choices)
    committee_name = models.CharField("评委会", max_length=200)
    passed_on = models.DateField("评审通过时间")
    approval_number = models.CharField("核准文号", max_length=100)
    issuer = models.ForeignKey(
        Organization, verbose_name="发证机关", on_delete=models.PROTECT, related_name="certificates"
    )
    issuer_name = models.CharField("发证机关名称", max_length=200)
    issued_on = models.DateField("发证日期")
    photo = models.FileField("证件照", upload_to="certificates/photos/", blank=True)

    pdf = models.FileField("证书文件", upload_to="certificates/pdf/", blank=True)
    pdf_sha256 = models.CharField("文件 SHA-256", max_length=64, blank=True)
    signature_profile = models.CharField("签名方案", max_length=12, blank=True)
    generated_at = models.DateTimeField("生成时间", null=True, blank=True)
    # The last background task asked to generate it (a DBTaskResult id), to find stalled ones.
    task_id = models.CharField("任务", max_length=64, blank=True)
    batch = models.ForeignKey(
        GenerationBatch,
        verbose_name="批次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name="换发前证书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoke_reason = models.CharField("撤销原因", max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发证操作人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "电子职称证书"
        verbose_name_plural = "电子职称证书"
        ordering = ["-issued_on", "-pk"]
        indexes = [
            models.Index(fields=["issuer", "status"]),
            models.Index(fields=["status", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="valid") | ~Q(pdf=""), name="valid_certificate_has_pdf"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} {self.qualification} {self.number}"

    @property
    def is_downloadable(self) -> bool:
        return bool(self.pdf) and self.status in {
            self.Status.VALID,
            self.Status.REPLACED,
            self.Status.REVOKED,
        }


class IssueFailure(models.Model):
    """A source whose certificate could not be issued (the 发证机关 has no signing configuration, the
    holder's data is incomplete, …). The 核准 it came from stands: the issuer's 核准结果 page shows
    the reason and 批量生成 tries again; the row goes once the certificate is issued."""

    source_key = models.CharField("来源标识", max_length=80, unique=True)
    issuer = models.ForeignKey(
        Organization, verbose_name="发证机关", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("原因", max_length=500)
    failed_at = models.DateTimeField("时间", auto_now=True)

    class Meta:
        verbose_name = "证书生成失败"
        verbose_name_plural = "证书生成失败"

    def __str__(self) -> str:
        return f"{self.source_key}: {self.reason}"


class CertificateEvent(StateEvent):
    certificate = models.ForeignKey(
        Certificate, verbose_name="证书", on_delete=models.CASCADE, related_name="events"
    )

    class Meta(StateEvent.Meta):
        verbose_name = "证书状态记录"
        verbose_name_plural = "证书状态记录"

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.from_status or '—'} → {self.to_status}"


class ReplacementRequest(models.Model):
    """补换证 (manual 五(二)3): 情况一 a certificate not in the list (新增), 情况二 one that is."""

    class Status(models.TextChoices):
        UNIT = "unit", "待单位审核"
        UPPER = "upper", "待上级审核"
        ISSUER = "issuer", "待发证机关审核"
        APPROVED = "approved", "已通过"
        REJECTED = "rejected", "已驳回"

    class Case(models.TextChoices):
        NEW = "new", "新增（证书不在我的职称列表中）"
        EXISTING = "existing", "我的职称列表中的证书"

    class Reason(models.TextChoices):
        LOST = "lost", "证书丢失（补证）"
        WRONG = "wrong", "信息错误（换证）"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.PROTECT,
        related_name="replacement_requests",
    )
    case = models.CharField("情况", max_length=10, choices=Case.choices)
    reason = models.CharField("补换原因", max_length=10, choices=Reason.choices)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name="原证书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacement_requests",
    )
    # The certificate as it should read (情况一: as printed on the paper one; 情况二: corrected).
    old_number = models.CharField("原证书编号", max_length=50, blank=True)
    unit_name = models.CharField("工作单位", max_length=200)
    series = models.CharField("系列", max_length=50)
    specialty = models.CharField("专业", max_length=100)
    qualification = models.CharField("资格名称", max_length=100)
    level = models.CharField("级别", max_length=16)
    method = models.CharField("取得方式", max_length=12, choices=Certificate.Method.choices)
    committee_name = models.CharField("评委会", max_length=200)
    passed_on = models.DateField("评审通过时间")
    approval_number = models.CharField("核准文号", max_length=100)
    statement = models.CharField("申请说明", max_length=500)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.UNIT)
    # The route, fixed at 提交: the person's unit, the next node above it (none when the unit has
    # no parent), the issuing authority.
    unit = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    upper = models.ForeignKey(
        Organization,
        verbose_name="上级审核机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issuer = models.ForeignKey(
        Organization, verbose_name="发证机关", on_delete=models.PROTECT, related_name="+"
    )
    new_certificate = models.OneToOneField(
        Certificate,
        verbose_name="新证书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacement_source",
    )
    created_at = models.DateTimeField("申请时间", auto_now_add=True)

    class Meta:
        verbose_name = "补换证申请"
        verbose_name_plural = "补换证申请"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case="new") | Q(certificate__isnull=False),
                name="replacement_existing_names_certificate",
            ),
            # One open request per certificate at a time.
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(status__in=["unit", "upper", "issuer"]),
                name="one_open_replacement_per_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"补换证 #{self.pk} {self.person}"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.UNIT, self.Status.UPPER, self.Status.ISSUER}


class ReplacementEvent(StateEvent):
    request = models.ForeignKey(
        ReplacementRequest,
        verbose_name="补换证申请",
        on_delete=models.CASCADE,
        related_name="events",
    )

    class Meta(StateEvent.Meta):
        verbose_name = "补换证审核记录"
        verbose_name_plural = "补换证审核记录"

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status or '—'} → {self.to_status}"


class ReplacementAttachment(StoredFile):
    """佐证材料 of a 补换证 request."""

    request = models.ForeignKey(
        ReplacementRequest,
        verbose_name="补换证申请",
        on_delete=models.CASCADE,
        related_name="attachments",
    )

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["pk"]


class ShareLink(models.Model):
    """A time-limited link that shows an employer the full details (加注: purpose and window)."""

    certificate = models.ForeignKey(
        Certificate, verbose_name="证书", on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField("令牌", max_length=64, unique=True)
    purpose = models.CharField("用途", max_length=100)
    expires_at = models.DateTimeField("有效期至")
    revoked_at = models.DateTimeField("停用时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "分享链接"
        verbose_name_plural = "分享链接"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.purpose}"


class Verification(models.Model):
    """Every look at a certificate from outside: the holder sees when and how often."""

    class Channel(models.TextChoices):
        PAGE = "page", "扫码查看"
        FILE = "file", "文件核验"
        API = "api", "接口查询"
        SHARE = "share", "分享链接"

    certificate = models.ForeignKey(
        Certificate, verbose_name="证书", on_delete=models.CASCADE, related_name="verifications"
    )
    channel = models.CharField("方式", max_length=8, choices=Channel.choices)
    result = models.CharField("结果", max_length=200, blank=True)
    share_link = models.ForeignKey(
        ShareLink, verbose_name="分享链接", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "核验记录"
        verbose_name_plural = "核验记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return (
            f"{self.certificate_id} {self.get_channel_display()} {self.created_at:%Y-%m-%d %H:%M}"
        )
