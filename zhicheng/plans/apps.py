from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "zhicheng.plans"
    label = "plans"
    verbose_name = "评审计划"
