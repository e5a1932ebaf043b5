"""The only code that writes accounts and the platform's client registration."""

from dataclasses import dataclass

from django.contrib.auth.hashers import check_password
from django.db import transaction
from oauth2_provider.models import Application, get_application_model

from .models import Account


@dataclass(frozen=True)
class AccountData:
    """Validated, normalised account fields (from RegisterForm.account_data())."""

    kind: str
    username: str
    password: str
    name: str
    id_number: str
    phone: str
    unit_name: str
    uscc: str


@transaction.atomic
def account_register(*, data: AccountData) -> Account:
    account = Account(username=data.username)
    _account_apply(account, data)
    account.save()
    return account


@transaction.atomic
def account_update(*, account: Account, data: AccountData) -> Account:
    """Overwrite an account's details and password; `sub` never changes."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    _account_apply(account, data)
    account.save()
    return account


def _account_apply(account: Account, data: AccountData) -> None:
    account.kind = data.kind
    account.name = data.name
    account.id_number = data.id_number
    account.phone = data.phone
    account.unit_name = data.unit_name if data.kind == Account.Kind.LEGAL else ""
    account.uscc = data.uscc if data.kind == Account.Kind.LEGAL else ""
    account.set_password(data.password)


@transaction.atomic
def client_register_or_update(
    *,
    client_id: str,
    client_secret: str,
    redirect_uris: list[str],
    post_logout_redirect_uris: list[str],
    name: str,
) -> tuple[Application, bool]:
    """The platform as a confidential, first-party OIDC client (no consent screen, RS256).

    The secret is hashed when saved. It is only re-set when it does not already verify, so
    re-running the setup with the same secret is a no-op for the stored hash.
    """
    model = get_application_model()
    application = model.objects.select_for_update().filter(client_id=client_id).first()
    created = application is None
    if application is None:
        application = model(client_id=client_id)
    if created or not _secret_matches(application, client_secret):
        application.client_secret = client_secret
    application.name = name
    application.client_type = model.CLIENT_CONFIDENTIAL
    application.authorization_grant_type = model.GRANT_AUTHORIZATION_CODE
    application.algorithm = model.RS256_ALGORITHM
    application.skip_authorization = True
    application.hash_client_secret = True
    application.redirect_uris = " ".join(redirect_uris)
    application.post_logout_redirect_uris = " ".join(post_logout_redirect_uris)
    application.full_clean()
    application.save()
    return application, created


def _secret_matches(application: Application, client_secret: str) -> bool:
    return check_password(client_secret, application.client_secret)
