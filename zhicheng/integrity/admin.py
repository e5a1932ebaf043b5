"""诚信档案 are kept by system administrators here; every change leaves an audit event."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record

from .models import IntegrityRecord


def _audit(request: HttpRequest, record: IntegrityRecord, action: str, **extra: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.INTEGRITY_RECORD,
        request=request,
        user=request.user,
        detail={
            "action": action,
            "record": record.pk,
            "person": record.person_id,
            "reason": record.reason,
            "document_number": record.document_number,
            "starts_on": record.starts_on.isoformat(),
            "ends_on": record.ends_on.isoformat(),
            "hr_department": record.hr_department_id,
            **extra,
        },
    )


@admin.register(IntegrityRecord)
class IntegrityRecordAdmin(admin.ModelAdmin):
    list_display = ["person", "reason", "starts_on", "ends_on", "status", "hr_department"]
    list_filter = ["status", "hr_department"]
    search_fields = ["person__name", "person__id_number", "reason"]
    raw_id_fields = ["person", "hr_department"]
    # 提前解除 goes through the service (HR departments' page), which records the event.
    readonly_fields = ["recorded_by", "created_at", "status", "ended_at", "ended_by", "end_reason"]
    date_hierarchy = "starts_on"

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        if change:
            _audit(request, obj, "changed", changed=list(form.changed_data))
        else:
            _audit(request, obj, "created")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        _audit(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[IntegrityRecord]) -> None:
        # The changelist's bulk delete: one event per record, like delete_model.
        for record in queryset:
            _audit(request, record, "deleted")
        super().delete_queryset(request, queryset)
