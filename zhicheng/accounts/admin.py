"""系统管理: staff accounts (create, reset a password, unlock) and a read of everyone else."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import LoginThrottle, StaffAuthenticator, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Staff accounts are made here; persons and legal persons come from the SSO, and their
    identity (姓名, 身份证号, 性别, 出生日期, unit name and credit code) is not editable."""

    list_display = [
        "username",
        "name",
        "kind",
        "phone",
        "is_active",
        "is_superuser",
        "is_auditor",
        "last_login",
    ]
    list_filter = ["kind", "is_active", "is_superuser", "is_auditor"]
    search_fields = ["username", "name", "phone", "unit_name", "credit_code"]
    ordering = ["kind", "username"]
    fieldsets = (
        (None, {"fields": ("username", "password", "kind")}),
        ("个人信息", {"fields": ("name", "phone", "email", "id_number", "sex", "birth_date")}),
        ("单位（法人账号）", {"fields": ("unit_name", "credit_code")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "is_auditor")}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "name", "password1", "password2")}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = ["kind", "last_login", "date_joined"]
        if obj is not None and not obj.is_staff_account:
            readonly += [
                "username",
                "name",
                "id_number",
                "sex",
                "birth_date",
                "unit_name",
                "credit_code",
            ]
        return readonly


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Locked account names (5 failures in 15 minutes); 解除锁定 clears one early."""

    list_display = ["username", "failures", "window_start", "locked_until"]
    search_fields = ["username"]
    readonly_fields = ["username", "failures", "window_start", "locked_until"]
    actions = ["unlock"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="解除锁定")
    def unlock(self, request: HttpRequest, queryset: QuerySet[LoginThrottle]) -> None:
        count = queryset.update(failures=0, window_start=None, locked_until=None)
        messages.success(request, f"已解除 {count} 个账号的锁定")


# Tables 系统管理 never needs: roles are memberships, not groups; e-mail addresses are not used; the
# SSO is configured in settings, and SSO identities are read on the person's account.
for model in (Group, EmailAddress, SocialApp, SocialToken, SocialAccount, Authenticator):
    admin.site.unregister(model)


@admin.register(StaffAuthenticator)
class StaffAuthenticatorAdmin(AuthenticatorAdmin):
    """动态口令 of staff accounts: deleting a row lets someone who lost the phone set it up again."""

    list_display = ("user", "type", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
