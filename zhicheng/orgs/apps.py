from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "zhicheng.orgs"
    label = "orgs"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from zhicheng.core import portal as pages

        from . import portal

        pages.home_modules.register(portal.home_binding)
        pages.profile_modules.register(portal.home_binding)
        pages.unit_tiles.register(portal.unit_tiles)
        pages.staff_modules.register(portal.staff_registrations)
