from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "zhicheng.applications"
    label = "applications"
    verbose_name = "职称申报"

    def ready(self) -> None:
        # applications sits above plans and library: it answers their hooks, they never import it.
        from zhicheng.core import portal as pages
        from zhicheng.library.hooks import entry_used_by
        from zhicheng.plans.hooks import apply_start_url, plan_in_use

        from . import portal, selectors

        pages.menu_items.register(portal.menu)
        pages.home_modules.register(portal.home_applications)

        plan_in_use.register(selectors.plan_has_applications)
        apply_start_url.register(selectors.apply_start_url)
        entry_used_by.register(selectors.entry_used_by)
