import logging
import sys

from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "zhicheng.certificates"
    label = "certificates"
    verbose_name = "证书"

    def ready(self) -> None:
        from zhicheng.core import portal as pages
        from zhicheng.reviews.hooks import result_approved

        from . import (
            approvals,
            checks,  # noqa: F401  (registers the issuer-key check)
            portal,
        )

        pages.menu_items.register(portal.menu)
        pages.staff_modules.register(portal.staff_replacements)
        # 核准 → the result's certificate (one, or a batch for a batch 核准).
        result_approved.register(approvals.certificates_for_approved)

        # pyHanko logs a traceback for every untrusted or broken signature it is shown; on the
        # public verification page that is ordinary input, not an error of ours.
        logging.getLogger("pyhanko").setLevel(logging.CRITICAL)

        if len(sys.argv) > 1 and sys.argv[1] == "db_worker":
            from .tasks import warm_up

            warm_up()
