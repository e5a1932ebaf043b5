from django.apps import AppConfig


class IdpConfig(AppConfig):
    """The SSO stand-in, installed by config.settings.idp only, never by the platform."""

    name = "zhicheng.idp"
    label = "idp"
    verbose_name = "安徽政务服务网（本地模拟）"
    default_auto_field = "django.db.models.BigAutoField"
