from django.contrib import admin

from .models import Membership, Organization


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
    raw_id_fields = ["user", "organization"]
