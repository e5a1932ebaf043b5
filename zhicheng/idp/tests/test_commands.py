from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from oauth2_provider.models import get_application_model

from zhicheng.idp.models import Account

from .helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    LEGAL_REP_ID_NUMBER,
    OTHER_USCC,
    PASSWORD,
    PERSON_ID_NUMBER_X,
    REDIRECT_URI,
    USCC,
    exchange,
    get_code,
    pkce_pair,
)

pytestmark = pytest.mark.django_db


def setup(secret: str = CLIENT_SECRET, *redirect_uris: str) -> str:
    out = StringIO()
    uris = [arg for uri in (redirect_uris or (REDIRECT_URI,)) for arg in ("--redirect-uri", uri)]
    call_command(
        "idp_setup", "--client-id", CLIENT_ID, "--client-secret", secret, *uris, stdout=out
    )
    return out.getvalue()


def token_request_succeeds(client: Client, secret: str) -> bool:
    verifier, challenge = pkce_pair()
    code = get_code(client, challenge)
    return exchange(client, code, verifier, client_secret=secret).status_code == 200


def test_idp_setup_creates_a_first_party_rs256_client() -> None:
    assert "Created" in setup()
    application = get_application_model().objects.get(client_id=CLIENT_ID)
    assert application.algorithm == "RS256"
    assert application.skip_authorization is True
    assert application.client_type == "confidential"
    assert application.authorization_grant_type == "authorization-code"
    assert application.redirect_uris == REDIRECT_URI
    assert application.client_secret != CLIENT_SECRET  # hashed at rest


def test_idp_setup_is_idempotent_and_keeps_the_secret_working(
    client: Client, person: Account
) -> None:
    setup()
    stored = get_application_model().objects.get(client_id=CLIENT_ID).client_secret
    assert "Updated" in setup()
    assert get_application_model().objects.get(client_id=CLIENT_ID).client_secret == stored
    assert get_application_model().objects.count() == 1
    client.force_login(person)
    assert token_request_succeeds(client, CLIENT_SECRET)


def test_idp_setup_replaces_the_secret_and_redirect_uris(client: Client, person: Account) -> None:
    setup()
    setup("a-new-secret", REDIRECT_URI, "http://platform.example/callback/")
    application = get_application_model().objects.get(client_id=CLIENT_ID)
    assert application.redirect_uris.split() == [REDIRECT_URI, "http://platform.example/callback/"]
    client.force_login(person)
    assert token_request_succeeds(client, "a-new-secret")
    assert not token_request_succeeds(client, CLIENT_SECRET)


def test_idp_setup_rejects_a_malformed_redirect_uri() -> None:
    with pytest.raises(CommandError):
        setup(CLIENT_SECRET, "not a uri")


def create_account(**options: str) -> str:
    arguments: list[str] = []
    for key, value in options.items():
        arguments += [f"--{key.replace('_', '-')}", value]
    out = StringIO()
    call_command("idp_create_account", *arguments, stdout=out)
    return out.getvalue()


PERSON_OPTIONS = {
    "kind": "person",
    "username": "demo-person",
    "password": PASSWORD,
    "name": "演示个人",
    "id_number": PERSON_ID_NUMBER_X.lower(),
    "phone": "+8613900000001",
}


def test_idp_create_account_creates_then_updates_keeping_sub(client: Client) -> None:
    assert "Created" in create_account(**PERSON_OPTIONS)
    account = Account.objects.get(username="demo-person")
    assert account.id_number == PERSON_ID_NUMBER_X
    assert account.phone == "13900000001"

    assert "Updated" in create_account(
        **{**PERSON_OPTIONS, "name": "演示个人二", "password": "N3w-pass"}
    )
    updated = Account.objects.get(username="demo-person")
    assert updated.sub == account.sub
    assert updated.name == "演示个人二"
    response = client.post(
        "/login/", {"kind": "person", "username": "demo-person", "password": "N3w-pass"}
    )
    assert response.status_code == 302


def test_idp_create_account_creates_a_legal_account() -> None:
    create_account(
        kind="legal",
        username="demo-unit",
        password=PASSWORD,
        name="演示法人",
        id_number=LEGAL_REP_ID_NUMBER,
        phone="13900000002",
        unit_name="演示单位",
        uscc=USCC,
    )
    create_account(
        kind="legal",
        username="demo-unit-2",
        password=PASSWORD,
        name="演示法人",
        id_number=LEGAL_REP_ID_NUMBER,
        phone="13900000002",
        unit_name="另一演示单位",
        uscc=OTHER_USCC,
    )
    assert Account.objects.filter(kind="legal", id_number=LEGAL_REP_ID_NUMBER).count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "340104199001011238"}, "身份证号校验位不正确"),
        ({"phone": "12345"}, "手机号码应为11位"),
        ({"password": "short"}, "密码太短"),
        ({"kind": "legal"}, "请填写统一社会信用代码"),
    ],
)
def test_idp_create_account_validates_like_the_form(
    overrides: dict[str, str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        create_account(**{**PERSON_OPTIONS, **overrides})
    assert not Account.objects.exists()


def test_idp_create_account_refuses_a_second_person_with_the_same_id_number(
    person: Account,
) -> None:
    with pytest.raises(CommandError, match="该身份证号已注册个人用户"):
        create_account(**{**PERSON_OPTIONS, "id_number": person.id_number})


def test_the_key_file_is_private(settings: Any) -> None:
    mode = settings.IDP_RSA_KEY_FILE.stat().st_mode & 0o777
    assert mode == 0o600


def test_the_signing_key_is_generated_once_and_kept_private(tmp_path: Any) -> None:
    from config.settings.idp import oidc_rsa_private_key

    path = tmp_path / "keys" / "idp.pem"
    pem = oidc_rsa_private_key(path)
    assert pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert path.stat().st_mode & 0o777 == 0o600
    assert oidc_rsa_private_key(path) == pem
    assert [p.name for p in path.parent.iterdir()] == ["idp.pem"]
