from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "zhicheng.plans"
    label = "plans"
    verbose_name = "评审计划"

    def ready(self) -> None:
        from zhicheng.core import portal as pages

        from . import (
            checks,  # noqa: F401  (registers the system check)
            portal,
        )

        pages.menu_items.register(portal.menu)
        pages.home_modules.register(portal.home_latest_plans)
        pages.staff_modules.register(portal.staff_organizer)
