"""Test data and helpers shared by the idp tests (valid numbers carry correct check digits)."""

import base64
import hashlib
import secrets

from stdnum.cn import ric

PASSWORD = "Passw0rd!"
CLIENT_ID = "zhicheng-platform"
CLIENT_SECRET = "platform-secret-for-tests"
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
