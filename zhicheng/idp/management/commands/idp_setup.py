from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhicheng.idp.services import client_register_or_update


class Command(BaseCommand):
    help = (
        "Registers (or updates) the platform as a confidential OIDC client of the stand-in: "
        "authorization code + PKCE, RS256 ID tokens, no consent screen. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret", required=True)
        parser.add_argument(
            "--redirect-uri",
            action="append",
            required=True,
            dest="redirect_uris",
            help="Repeatable. http://127.0.0.1/... matches any port (RFC 8252 loopback).",
        )
        parser.add_argument(
            "--post-logout-redirect-uri",
            action="append",
            default=[],
            dest="post_logout_redirect_uris",
            help="Repeatable. Where the end_session_endpoint may send the user afterwards.",
        )
        parser.add_argument("--name", default="职称申报评审平台")

    def handle(self, *args: Any, **options: Any) -> None:
        # Reading the key setting is enough: config.settings.idp writes the key file when absent.
        if not settings.OAUTH2_PROVIDER.get("OIDC_RSA_PRIVATE_KEY"):
            raise CommandError("OIDC_RSA_PRIVATE_KEY is empty; check IDP_RSA_KEY_FILE")
        try:
            application, created = client_register_or_update(
                client_id=options["client_id"],
                client_secret=options["client_secret"],
                redirect_uris=options["redirect_uris"],
                post_logout_redirect_uris=options["post_logout_redirect_uris"],
                name=options["name"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f"{verb} OIDC client {application.client_id!r} "
            f"(redirect URIs: {application.redirect_uris}); key file {settings.IDP_RSA_KEY_FILE}"
        )
