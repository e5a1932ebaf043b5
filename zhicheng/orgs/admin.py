from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Membership, Organization, UnitBinding, UnitBindingEvent


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "region_code", "credit_code", "parent", "status"]
    list_filter = ["kind", "level", "status", "is_public_institution"]
    search_fields = ["name", "credit_code", "region_code"]
    raw_id_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__name", "organization__name"]
    autocomplete_fields = ["user", "organization"]


class UnitBindingEventInline(admin.TabularInline):
    model = UnitBindingEvent
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "organization", "from_status", "to_status", "opinion", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(UnitBinding)
class UnitBindingAdmin(admin.ModelAdmin):
    """Read-only: bindings change only through the units' decisions (services and events)."""

    list_display = ["person", "unit", "is_freelancer", "status", "created_at", "decided_at"]
    list_filter = ["status", "is_freelancer"]
    search_fields = ["person__name", "unit__name"]
    inlines = [UnitBindingEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
