"""The authorization-code + PKCE flow as the platform (allauth's openid_connect) drives it."""

import base64
import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from jwcrypto import jwk, jwt

from zhicheng.idp.models import Account

from .helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    PASSWORD,
    REDIRECT_URI,
    authorize_url,
    exchange,
    get_code,
    pkce_pair,
    query_of,
)

pytestmark = pytest.mark.django_db


def verified_claims(client: Client, id_token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, claims) of an ID token checked against the published JWKS."""
    keys = jwk.JWKSet.from_json(client.get("/o/.well-known/jwks.json").content)
    token = jwt.JWT(jwt=id_token, key=keys, algs=["RS256"])
    return json.loads(token.header), json.loads(token.claims)


def userinfo(client: Client, access_token: str) -> Any:
    return client.get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {access_token}")


def test_the_full_flow_from_an_anonymous_browser(
    client: Client, person: Account, platform_client: Any
) -> None:
    verifier, challenge = pkce_pair()
    url = authorize_url(challenge, nonce="nonce-1")

    response = client.get(url)
    assert response.status_code == 302
    login_location = response["Location"]
    assert login_location.startswith("/login/?next=")
    next_url = query_of(login_location)["next"]
    assert next_url == url

    response = client.post(
        "/login/",
        {"kind": "person", "username": "zhangsan", "password": PASSWORD, "next": next_url},
    )
    assert response["Location"] == url
    response = client.get(url)
    assert response.status_code == 302
    callback = query_of(response["Location"])
    assert callback["iss"] == client.get("/o/.well-known/openid-configuration").json()["issuer"]

    token_response = exchange(client, callback["code"], verifier)
    assert token_response.status_code == 200, token_response.content
    tokens = token_response.json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] == 600

    header, claims = verified_claims(client, tokens["id_token"])
    assert header["alg"] == "RS256"
    assert header["kid"]
    assert claims["sub"] == str(person.sub)
    assert claims["sub"] != str(person.pk)
    assert claims["aud"] == CLIENT_ID
    assert claims["nonce"] == "nonce-1"
    assert claims["name"] == "张三"
    assert claims["id_number"] == person.id_number
    assert claims["account_type"] == "person"
    assert claims["phone_number"] == "13912345678"
    assert "unit_name" not in claims and "uscc" not in claims

    info = userinfo(client, tokens["access_token"])
    assert info.status_code == 200
    assert info.json() == {
        "sub": str(person.sub),
        "name": "张三",
        "id_number": person.id_number,
        "account_type": "person",
        "phone_number": "13912345678",
    }


def test_a_legal_account_carries_its_unit(
    client: Client, legal: Account, platform_client: Any
) -> None:
    client.force_login(legal)
    verifier, challenge = pkce_pair()
    tokens = exchange(client, get_code(client, challenge, login_hint="legal"), verifier).json()
    _, claims = verified_claims(client, tokens["id_token"])
    expected = {
        "sub": str(legal.sub),
        "name": "李四",
        "id_number": legal.id_number,
        "account_type": "legal",
        "phone_number": "13812345678",
        "unit_name": "合肥测试科技有限公司",
        "uscc": legal.uscc,
    }
    assert {key: claims[key] for key in expected} == expected
    assert userinfo(client, tokens["access_token"]).json() == expected


def test_claims_follow_the_granted_scopes(
    client: Client, person: Account, platform_client: Any
) -> None:
    client.force_login(person)
    verifier, challenge = pkce_pair()
    code = get_code(client, challenge, scope="openid profile")
    tokens = exchange(client, code, verifier).json()
    info = userinfo(client, tokens["access_token"]).json()
    assert "phone_number" not in info
    assert info["id_number"] == person.id_number

    verifier, challenge = pkce_pair()
    tokens = exchange(client, get_code(client, challenge, scope="openid"), verifier).json()
    assert userinfo(client, tokens["access_token"]).json() == {"sub": str(person.sub)}


def test_client_secret_basic_works_too(
    client: Client, person: Account, platform_client: Any
) -> None:
    client.force_login(person)
    verifier, challenge = pkce_pair()
    code = get_code(client, challenge)
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    response = client.post(
        "/o/token/",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        },
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200, response.content


def test_a_wrong_pkce_verifier_is_refused(
    client: Client, person: Account, platform_client: Any
) -> None:
    client.force_login(person)
    _, challenge = pkce_pair()
    other_verifier, _ = pkce_pair()
    response = exchange(client, get_code(client, challenge), other_verifier)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_a_code_is_good_only_once(client: Client, person: Account, platform_client: Any) -> None:
    client.force_login(person)
    verifier, challenge = pkce_pair()
    code = get_code(client, challenge)
    assert exchange(client, code, verifier).status_code == 200
    assert exchange(client, code, verifier).status_code == 400


def test_a_wrong_client_secret_is_refused(
    client: Client, person: Account, platform_client: Any
) -> None:
    client.force_login(person)
    verifier, challenge = pkce_pair()
    response = exchange(client, get_code(client, challenge), verifier, client_secret="nope")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "params",
    [
        {"code_challenge": "", "code_challenge_method": ""},  # PKCE is required
        {"code_challenge_method": "plain"},  # RFC 9700: S256 only
    ],
)
def test_an_authorization_without_proper_pkce_is_refused(
    client: Client, person: Account, platform_client: Any, params: dict[str, str]
) -> None:
    client.force_login(person)
    _, challenge = pkce_pair()
    response = client.get(authorize_url(challenge, **params))
    assert response.status_code == 302
    query = query_of(response["Location"])
    assert query["error"] == "invalid_request"
    assert "code" not in query


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://evil.example/accounts/oidc/anhui/login/callback/",
        "http://localhost/accounts/oidc/anhui/login/callback/",
        "http://127.0.0.1/accounts/oidc/anhui/login/callback/?extra=1",
        "http://127.0.0.1/somewhere/else/",
    ],
)
def test_an_unregistered_redirect_uri_is_refused_without_redirecting(
    client: Client, person: Account, platform_client: Any, redirect_uri: str
) -> None:
    client.force_login(person)
    _, challenge = pkce_pair()
    response = client.get(authorize_url(challenge, redirect_uri=redirect_uri))
    assert response.status_code == 400
    assert "Location" not in response
    assert "授权请求无效" in response.content.decode()


def test_a_loopback_redirect_uri_may_use_any_port(
    client: Client, person: Account, platform_client: Any
) -> None:
    client.force_login(person)
    verifier, challenge = pkce_pair()
    redirect_uri = "http://127.0.0.1:8000/accounts/oidc/anhui/login/callback/"
    code = get_code(client, challenge, redirect_uri=redirect_uri)
    assert exchange(client, code, verifier, redirect_uri=redirect_uri).status_code == 200


def test_a_login_hint_for_the_other_kind_asks_for_a_new_login(
    client: Client, person: Account, legal: Account, platform_client: Any
) -> None:
    client.force_login(person)
    verifier, challenge = pkce_pair()
    url = authorize_url(challenge, login_hint="legal")
    response = client.get(url)
    assert response["Location"].startswith("/login/?next=")
    login_page = client.get(response["Location"])
    assert login_page.context["kind_label"] == "法人用户"

    client.post(
        "/login/", {"kind": "legal", "username": "hefei-corp", "password": PASSWORD, "next": url}
    )
    tokens = exchange(client, get_code(client, challenge, login_hint="legal"), verifier).json()
    _, claims = verified_claims(client, tokens["id_token"])
    assert claims["sub"] == str(legal.sub)


def test_prompt_create_leads_to_registration(client: Client, platform_client: Any) -> None:
    _, challenge = pkce_pair()
    response = client.get(authorize_url(challenge, prompt="create"))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/register/?")
    assert "/o/authorize/" in query_of(location)["next"]


def test_the_access_token_is_not_accepted_in_the_query(
    client: Client, person: Account, platform_client: Any
) -> None:
    client.force_login(person)
    verifier, challenge = pkce_pair()
    tokens = exchange(client, get_code(client, challenge), verifier).json()
    response = client.get("/o/userinfo/?" + urlencode({"access_token": tokens["access_token"]}))
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_the_discovery_document_lists_the_endpoints(client: Client, settings: Any) -> None:
    # With a configured issuer (IDP_ISSUER) the endpoints are built on the issuer's origin.
    response = client.get("/o/.well-known/openid-configuration")
    assert response.status_code == 200
    document = response.json()
    issuer = settings.OAUTH2_PROVIDER["OIDC_ISS_ENDPOINT"]
    assert document["issuer"] == issuer
    assert document["authorization_endpoint"] == f"{issuer}/authorize/"
    assert document["token_endpoint"] == f"{issuer}/token/"
    assert document["userinfo_endpoint"] == f"{issuer}/userinfo/"
    assert document["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert document["end_session_endpoint"] == f"{issuer}/logout/"
    assert document["id_token_signing_alg_values_supported"][0] == "RS256"
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["response_types_supported"] == ["code"]
    assert set(document["scopes_supported"]) == {"openid", "profile", "phone"}
    assert "client_secret_post" in document["token_endpoint_auth_methods_supported"]
    assert set(document["claims_supported"]) == {
        "sub",
        "name",
        "id_number",
        "account_type",
        "unit_name",
        "uscc",
        "phone_number",
    }


def test_without_a_configured_issuer_everything_follows_the_request(
    client: Client, settings: Any
) -> None:
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "OIDC_ISS_ENDPOINT": ""}
    document = client.get("/o/.well-known/openid-configuration").json()
    assert document["issuer"] == "http://testserver/o"
    assert document["token_endpoint"] == "http://testserver/o/token/"


def test_the_jwks_publishes_one_rsa_signing_key(client: Client) -> None:
    keys = client.get("/o/.well-known/jwks.json").json()["keys"]
    assert len(keys) == 1
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and keys[0]["use"] == "sig"
    assert "d" not in keys[0]


def test_the_application_management_pages_are_not_mounted(client: Client, person: Account) -> None:
    client.force_login(person)
    assert client.get("/o/applications/").status_code == 404
