from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "zhicheng.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from . import receivers  # noqa: F401
        from .sqlite import register_functions

        connection_created.connect(register_functions, dispatch_uid="zc_audit_sqlite")
