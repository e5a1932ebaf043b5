"""诚信档案 (integrity records)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from zhicheng.orgs.models import Organization


class IntegrityRecord(models.Model):
    """诚信档案: a person barred from applying between two dates (manual 四(二)7 注意)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申报人",
        on_delete=models.PROTECT,
        related_name="integrity_records",
    )
    reason = models.CharField("失信情形", max_length=500)
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
        ]
        indexes = [
            models.Index(fields=["person", "ends_on"], name="reviews_int_person__557071_idx")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.starts_on:%Y-%m-%d}—{self.ends_on:%Y-%m-%d}"
