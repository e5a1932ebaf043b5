from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One security-relevant event. Append-only: database triggers refuse UPDATE and DELETE."""

    class Kind(models.TextChoices):
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOCKED = "locked", "账号锁定"
        LOGOUT = "logout", "退出"
        SESSION_TIMEOUT = "session_timeout", "会话超时"
        SSO_ERROR = "sso_error", "统一身份认证失败"
        ACCOUNT_CREATED = "account_created", "账号创建"
        PROFILE_COMPLETED = "profile_completed", "完善首次登录信息"
        MFA_ACTIVATED = "mfa_activated", "启用动态口令"
        UNIT_REGISTRATION = "unit_registration", "单位注册"
        UNIT_REGISTRATION_DECIDED = "unit_registration_decided", "单位注册审核"
        BINDING_REQUESTED = "binding_requested", "申请绑定工作单位"
        BINDING_DECIDED = "binding_decided", "审核工作单位绑定"
        BINDING_WITHDRAWN = "binding_withdrawn", "撤回工作单位绑定申请"
        CLERK_CHANGED = "clerk_changed", "经办人变更"
        UNIT_ADMIN_CHANGED = "unit_admin_changed", "单位管理员变更"
        PROFILE_CHANGED = "profile_changed", "完善个人信息"
        PHOTO_CHANGED = "photo_changed", "证件照变更"
        LIBRARY_ENTRY = "library_entry", "业绩提交与审核"
        PLAN_CREATED = "plan_created", "创建评审计划"
        PLAN_UPDATED = "plan_updated", "修改评审计划"
        PLAN_PUBLISHED = "plan_published", "发布评审计划"
        PLAN_CLOSED = "plan_closed", "关闭评审计划"
        PLAN_DELETED = "plan_deleted", "删除评审计划"
        PLAN_CONFIGURED = "plan_configured", "修改评审计划配置"
        INTEGRITY_RECORD = "integrity_record", "诚信档案变更"
        APPLICATION = "application", "职称申报"

    class Result(models.TextChoices):
        SUCCESS = "success", "成功"
        FAILURE = "failure", "失败"

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,  # the log outlives the accounts it mentions
    )
    username = models.CharField("账号", max_length=150, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    kind = models.CharField("事件", max_length=32, choices=Kind.choices, db_index=True)
    result = models.CharField("结果", max_length=16, choices=Result.choices)
    detail = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["username", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_kind_display()}"
