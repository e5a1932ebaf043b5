"""The state graphs of unit registration and unit binding (DESIGN §4), each on one screen."""

from .models import Organization, UnitBinding

RegistrationStatus = Organization.Status
REGISTRATION_ALLOWED: dict[str, set[str]] = {
    RegistrationStatus.PENDING: {RegistrationStatus.ACTIVE, RegistrationStatus.REJECTED},
    # A refused registration is corrected by the legal person and submitted again.
    RegistrationStatus.REJECTED: {RegistrationStatus.PENDING},
    RegistrationStatus.ACTIVE: set(),
}

BindingStatus = UnitBinding.Status
BINDING_ALLOWED: dict[str, set[str]] = {
    BindingStatus.PENDING: {
        BindingStatus.APPROVED,
        BindingStatus.REJECTED,
        BindingStatus.WITHDRAWN,
    },
    # An approved binding ends only when a newer one is approved (变更单位).
    BindingStatus.APPROVED: {BindingStatus.ENDED},
    BindingStatus.REJECTED: set(),
    BindingStatus.WITHDRAWN: set(),
    BindingStatus.ENDED: set(),
}
