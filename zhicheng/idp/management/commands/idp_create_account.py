from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from zhicheng.idp.forms import RegisterForm
from zhicheng.idp.models import Account
from zhicheng.idp.services import account_register, account_update


class Command(BaseCommand):
    help = (
        "Creates or updates a stand-in account (demo data, tests), validated exactly like the "
        "registration page. An existing 账号 keeps its OIDC `sub`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", choices=Account.Kind.values, required=True)
        parser.add_argument("--username", required=True)
        parser.add_argument("--password", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--id-number", required=True)
        parser.add_argument("--phone", required=True)
        parser.add_argument("--unit-name", default="")
        parser.add_argument("--uscc", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        # Management commands run with translations off; the form's messages should be Chinese.
        with translation.override(settings.LANGUAGE_CODE):
            self._create_or_update(options)

    def _create_or_update(self, options: dict[str, Any]) -> None:
        existing = Account.objects.filter(username=options["username"].strip()).first()
        form = RegisterForm(
            data={
                "kind": options["kind"],
                "username": options["username"],
                "password1": options["password"],
                "password2": options["password"],
                "name": options["name"],
                "id_number": options["id_number"],
                "phone": options["phone"],
                "unit_name": options["unit_name"],
                "uscc": options["uscc"],
            },
            existing=existing,
        )
        if not form.is_valid():
            problems = [
                f"{form.fields[field].label if field in form.fields else field}: {message}"
                for field, messages in form.errors.items()
                for message in messages
            ]
            raise CommandError("; ".join(problems))
        if existing is None:
            account = account_register(data=form.account_data())
            verb = "Created"
        else:
            account = account_update(account=existing, data=form.account_data())
            verb = "Updated"
        self.stdout.write(
            f"{verb} {account.get_kind_display()} {account.username} (sub {account.sub})"
        )
