"""System administrators read plans here; organizers configure them on their own pages (services)."""

from django.contrib import admin

from .models import EvaluationStandard, PerformanceCategory, PlanEvent, ReviewPlan


class PerformanceCategoryInline(admin.TabularInline):
    model = PerformanceCategory
    extra = 0


@admin.register(EvaluationStandard)
class EvaluationStandardAdmin(admin.ModelAdmin):
    list_display = ["name", "organizer", "series", "level"]
    list_filter = ["series", "level"]
    search_fields = ["name", "organizer__name"]
    raw_id_fields = ["organizer"]
    inlines = [PerformanceCategoryInline]


class PlanEventInline(admin.TabularInline):
    model = PlanEvent
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "organization", "from_status", "to_status", "opinion", "created_at"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ReviewPlan)
class ReviewPlanAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "name",
        "committee",
        "level",
        "plan_type",
        "starts_at",
        "ends_at",
        "status",
    ]
    list_filter = ["status", "year", "level", "plan_type", "series"]
    search_fields = ["name", "committee__name", "organizer__name"]
    raw_id_fields = ["organizer", "committee", "created_by"]
    # State changes go through the services (events, audit); the admin only reads them.
    readonly_fields = ["status", "published_at", "closed_at", "created_at", "updated_at"]
    inlines = [PlanEventInline]
