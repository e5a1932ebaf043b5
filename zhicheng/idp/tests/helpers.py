"""Test data and helpers shared by the idp tests (valid numbers carry correct check digits)."""

import base64
import hashlib
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django.test import Client
from stdnum.cn import ric

PASSWORD = "Passw0rd!"
CLIENT_ID = "zhicheng-platform"
CLIENT_SECRET = "platform-secret-for-tests"
SCOPE = "openid profile phone"
REDIRECT_URI = "http://127.0.0.1/accounts/oidc/anhui/login/callback/"

# Valid numbers (stdnum check digits), with their region codes in Anhui.
PERSON_ID_NUMBER = "340104199001011239"
PERSON_ID_NUMBER_X = "34010219880808102X"
LEGAL_REP_ID_NUMBER = "340104198505124566"
USCC = "91340100MA2N8QXY0L"
OTHER_USCC = "91340100MA2RT5HK12"


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge) as RFC 7636 defines them."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return verifier, challenge


def with_check_digit(first17: str) -> str:
    """An ID number whose check character is right, so only the part under test is wrong."""
    return first17 + ric.calc_check_digit(first17 + "0")


def authorize_url(challenge: str, **overrides: str) -> str:
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": SCOPE,
        "state": "state-123",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    return "/o/authorize/?" + urlencode(params)


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def get_code(client: Client, challenge: str, **overrides: str) -> str:
    response = client.get(authorize_url(challenge, **overrides))
    assert response.status_code == 302, response.content
    location = response["Location"]
    redirect_uri = overrides.get("redirect_uri", REDIRECT_URI)
    assert location.startswith(redirect_uri + "?")
    query = query_of(location)
    assert query["state"] == "state-123"
    return query["code"]


def exchange(client: Client, code: str, verifier: str, **overrides: str) -> Any:
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "code_verifier": verifier,
    }
    data.update(overrides)
    return client.post("/o/token/", data)
