from django.contrib import admin

from .models import IntegrityRecord


@admin.register(IntegrityRecord)
class IntegrityRecordAdmin(admin.ModelAdmin):
    list_display = ["person", "reason", "starts_on", "ends_on", "hr_department", "recorded_by"]
    list_filter = ["hr_department"]
    search_fields = ["person__name", "person__id_number", "reason"]
    raw_id_fields = ["person", "hr_department"]
    readonly_fields = ["recorded_by", "created_at"]
    date_hierarchy = "starts_on"

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
