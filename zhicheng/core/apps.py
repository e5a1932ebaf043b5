from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhicheng.core"
    label = "core"
    verbose_name = "公共"

    def ready(self) -> None:
        from . import workdays  # noqa: F401  (registers the calendar system check)
