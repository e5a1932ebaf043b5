from django.apps import AppConfig


class PortalConfig(AppConfig):
    """个人首页, 单位工作台 and 工作台: pages that read every app, made of what each app registers
    on the hooks in `zhicheng.core.portal`; and the first login, which spans accounts and orgs."""

    name = "zhicheng.portal"
    label = "portal"
    verbose_name = "门户"

    def ready(self) -> None:
        from zhicheng.core.portal import menu_items

        from .audit_words import register_audit_words
        from .menu import portal_menu

        menu_items.register(portal_menu)
        register_audit_words()
