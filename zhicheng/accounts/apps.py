from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhicheng.accounts"
    label = "accounts"
    verbose_name = "账号"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from zhicheng.core import portal as pages

        from . import portal
        from .middleware import record_mfa_on_activation

        authenticator_added.connect(record_mfa_on_activation, dispatch_uid="zc_mfa_on_activation")
        pages.menu_items.register(portal.menu)
        pages.home_modules.register(portal.home_photo)
