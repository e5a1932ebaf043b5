from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhicheng.accounts"
    label = "accounts"
    verbose_name = "账号"

    def ready(self) -> None:
        from zhicheng.core import portal as pages

        from . import portal

        pages.menu_items.register(portal.menu)
        pages.home_modules.register(portal.home_photo)
