"""The state graphs of unit registration and unit binding (DESIGN §4), each on one screen."""

from .models import Organization, UnitBinding

Reg = Organization.Status
REGISTRATION_ALLOWED: dict[str, set[str]] = {
    Reg.PENDING: {Reg.ACTIVE, Reg.REJECTED},
    # A refused registration is corrected by the legal person and submitted again.
    Reg.REJECTED: {Reg.PENDING},
    Reg.ACTIVE: set(),
}

Bind = UnitBinding.Status
BINDING_ALLOWED: dict[str, set[str]] = {
    Bind.PENDING: {Bind.APPROVED, Bind.REJECTED, Bind.WITHDRAWN},
    # An approved binding ends only when a newer one is approved (变更单位).
    Bind.APPROVED: {Bind.ENDED},
    Bind.REJECTED: set(),
    Bind.WITHDRAWN: set(),
    Bind.ENDED: set(),
}
