from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhicheng.core"
    label = "core"
    verbose_name = "公共"
