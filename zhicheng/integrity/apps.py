from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    """诚信档案: persons barred from applying between two dates. Low in the house (beside library
    and plans), so that plans can ask about bans without importing reviews."""

    name = "zhicheng.integrity"
    label = "integrity"
    verbose_name = "诚信档案"

    def ready(self) -> None:
        from zhicheng.core import portal as pages

        from . import portal

        pages.menu_items.register(portal.menu)
        pages.staff_modules.register(portal.staff_integrity)
