"""The state graphs of certificates and 补换证 requests (DESIGN §4), each on one screen."""

from .models import Certificate, ReplacementRequest

C = Certificate.Status
R = ReplacementRequest.Status

CERTIFICATE_ALLOWED: dict[str, set[str]] = {
    C.AWAITING_PHOTO: {C.GENERATING, C.REVOKED},
    C.GENERATING: {C.VALID, C.REVOKED},
    C.VALID: {C.REPLACED, C.REVOKED},
    C.REPLACED: set(),
    C.REVOKED: set(),
}

# 待单位审核 → 待上级审核 → 待发证机关审核 → 已通过; any node may reject. A unit without a parent
# (no node between it and the issuer) sends the request straight to the issuer.
REPLACEMENT_ALLOWED: dict[str, set[str]] = {
    R.UNIT: {R.UPPER, R.ISSUER, R.REJECTED},
    R.UPPER: {R.ISSUER, R.REJECTED},
    R.ISSUER: {R.APPROVED, R.REJECTED},
    R.APPROVED: set(),
    R.REJECTED: set(),
}
