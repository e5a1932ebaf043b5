"""System administrators read plans here; organizers configure them on their own pages (services).

Read-only on purpose: a change here would bypass every rule in services.py (frozen once used, the
published-plan checks) and the audit log.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import EvaluationStandard, PerformanceCategory, PlanEvent, ReviewPlan


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PerformanceCategoryInline(ReadOnlyMixin, admin.TabularInline):
    model = PerformanceCategory
    extra = 0


@admin.register(EvaluationStandard)
class EvaluationStandardAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "organizer", "series", "level"]
    list_filter = ["series", "level"]
    search_fields = ["name", "organizer__name"]
    list_select_related = ["organizer"]
    inlines = [PerformanceCategoryInline]


class PlanEventInline(ReadOnlyMixin, admin.TabularInline):
    model = PlanEvent
    extra = 0


@admin.register(ReviewPlan)
class ReviewPlanAdmin(ReadOnlyMixin, admin.ModelAdmin):
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
    list_select_related = ["committee"]
    inlines = [PlanEventInline]
