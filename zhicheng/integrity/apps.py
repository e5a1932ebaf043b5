from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    """诚信档案: persons barred from applying between two dates. Low in the house (beside library
    and plans), so that plans can ask about bans without importing reviews."""

    name = "zhicheng.integrity"
    label = "integrity"
    verbose_name = "诚信档案"
