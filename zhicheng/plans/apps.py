from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "zhicheng.plans"
    label = "plans"
    verbose_name = "评审计划"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check)
