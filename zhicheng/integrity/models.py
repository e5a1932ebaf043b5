"""诚信档案 (integrity records)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from zhicheng.core.workflow import StateEvent
from zhicheng.orgs.models import Organization


class IntegrityRecord(models.Model):
    """诚信档案: a person barred from applying between two dates (manual 四(二)7 注意).

    `status` is what people did to the record (recorded, 提前解除); whether a recorded ban has
    begun or run out is a matter of the dates (`state`), so nothing has to run at midnight.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "有效"
        ENDED = "ended", "已提前解除"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申报人",
        on_delete=models.PROTECT,
        related_name="integrity_records",
    )
    reason = models.CharField("失信情形", max_length=500)
    document_number = models.CharField("处理决定文号", max_length=100, blank=True)
    starts_on = models.DateField("禁止申报开始日期")
    ends_on = models.DateField("禁止申报截止日期")
    hr_department = models.ForeignKey(
        Organization,
        verbose_name="记录机构",
        on_delete=models.PROTECT,
        related_name="integrity_records",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    ended_at = models.DateTimeField("解除时间", null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="解除人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    end_reason = models.CharField("解除原因", max_length=500, blank=True)

    class Meta:
        # The table of the reviews app, where the model began (moved without copying rows).
        db_table = "reviews_integrityrecord"
        verbose_name = "诚信档案"
        verbose_name_plural = "诚信档案"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="integrity_ban_ends_after_start"
            ),
            # 提前解除 always says when, by whom and why.
            models.CheckConstraint(
                condition=Q(status="active")
                | (Q(ended_at__isnull=False, ended_by__isnull=False) & ~Q(end_reason="")),
                name="integrity_ended_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "ends_on"], name="reviews_int_person__557071_idx"),
            models.Index(fields=["hr_department", "ends_on"], name="integrity_dept_ends_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.starts_on:%Y-%m-%d}—{self.ends_on:%Y-%m-%d}"

    def state_on(self, day: date) -> str:
        """One of STATES' keys: ended (提前解除), upcoming, in force, or expired on `day`."""
        if self.status == self.Status.ENDED:
            return "ended"
        if day < self.starts_on:
            return "upcoming"
        if day > self.ends_on:
            return "expired"
        return "in_force"


# What the list filters by and shows: the record's status and its dates on a given day.
STATES = {
    "in_force": "生效中",
    "upcoming": "未开始",
    "expired": "已到期",
    "ended": "已提前解除",
}


class IntegrityRecordEvent(StateEvent):
    """One change of a record: recorded ("" → 有效) or 提前解除 (有效 → 已提前解除, with the reason)."""

    record = models.ForeignKey(
        # A record deleted in the admin (a mistake) takes its events along; the audit log keeps
        # both the record's values and the deletion.
        IntegrityRecord,
        verbose_name="诚信档案",
        on_delete=models.CASCADE,
        related_name="events",
    )

    class Meta(StateEvent.Meta):
        verbose_name = "诚信档案记录"
        verbose_name_plural = "诚信档案记录"

    def __str__(self) -> str:
        return f"{self.record_id}: {self.from_status or '—'} → {self.to_status}"
