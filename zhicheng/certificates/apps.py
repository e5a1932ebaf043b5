import logging
import sys

from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "zhicheng.certificates"
    label = "certificates"
    verbose_name = "证书"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the issuer-key check)

        # pyHanko logs a traceback for every untrusted or broken signature it is shown; on the
        # public verification page that is ordinary input, not an error of ours.
        logging.getLogger("pyhanko").setLevel(logging.CRITICAL)

        if len(sys.argv) > 1 and sys.argv[1] == "db_worker":
            from .tasks import warm_up

            warm_up()
