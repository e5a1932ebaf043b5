"""What the stand-in tells the platform about an account: the OIDC claims and their scopes."""

from typing import Any

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator

from .models import Account


def claim_name(name: str) -> str:
    """The name this claim is sent under (IDP_CLAIM_NAMES may rename it)."""
    return str(settings.IDP_CLAIM_NAMES.get(name, name))


# Claims beyond `sub`, in the order the platform reads them.
PROFILE_CLAIMS = tuple(
    claim_name(n) for n in ("name", "id_number", "account_type", "unit_name", "uscc")
)
PHONE_CLAIMS = (claim_name("phone_number"),)


class IdpOAuth2Validator(OAuth2Validator):
    # The toolkit silently drops any claim whose scope is not listed here.
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        **dict.fromkeys(PROFILE_CLAIMS, "profile"),
        **dict.fromkeys(PHONE_CLAIMS, "phone"),
    }

    def get_claim_dict(self, request: Any) -> dict[str, Any]:
        claims = super().get_claim_dict(request)
        # The toolkit uses the primary key as `sub`; ours is the account's stable UUID, so the
        # platform never learns (or depends on) the stand-in's row ids.
        claims["sub"] = str(request.user.sub)
        return claims

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        account: Account = request.user
        claims: dict[str, Any] = {
            "name": account.name,
            "id_number": account.id_number,
            "account_type": settings.IDP_ACCOUNT_TYPE_VALUES.get(account.kind, account.kind),
            "phone_number": account.phone,
        }
        if account.is_legal:
            claims["unit_name"] = account.unit_name
            claims["uscc"] = account.uscc
        return {claim_name(name): value for name, value in claims.items()}

    def get_discovery_claims(self, request: Any) -> list[str]:
        # With a request-dependent get_additional_claims the toolkit can only list `sub`.
        return ["sub", *PROFILE_CLAIMS, *PHONE_CLAIMS]
