from django.contrib import admin

from .models import Entry, EntryAttachment, EntryEvent


class AttachmentInline(admin.TabularInline):
    model = EntryAttachment
    extra = 0
    fields = readonly_fields = ("display_name", "content_type", "size", "sha256", "created_at")
    can_delete = False


class EventInline(admin.TabularInline):
    model = EntryEvent
    extra = 0
    fields = readonly_fields = (
        "created_at",
        "actor",
        "organization",
        "from_status",
        "to_status",
        "opinion",
    )
    can_delete = False


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Read-only: entries change only through the services (the applicant's and the unit's pages)."""

    list_display = ["pk", "person", "kind", "status", "unit", "submitted_at"]
    list_filter = ["kind", "status"]
    search_fields = ["person__name", "title", "school", "organization"]
    list_select_related = ["person", "unit"]
    inlines = [AttachmentInline, EventInline]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        # Deleting goes through services.entry_delete: it checks use by applications, removes the
        # files and writes the audit row.
        return False
