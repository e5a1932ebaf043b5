from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`manage.py load_demo`): people, organizations and plans for trying the
    platform. At the top of the house: it writes through every app's services."""

    name = "zhicheng.demo"
    label = "demo"
    verbose_name = "演示数据"
