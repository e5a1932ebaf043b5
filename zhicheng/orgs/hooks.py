"""Extension points of orgs, registered by higher apps (see `zhicheng.core.hooks`)."""

from typing import Any

from zhicheng.core.hooks import Hook

from .models import UnitBinding

# A person's approved binding has just ended (变更单位 approved elsewhere, or 解除绑定), inside the
# transaction that locked and ended it. `actor` ended it; `reason` says why, for whatever the
# higher app sends back to the person (the library returns entries still waiting for that unit).
binding_ended: Hook[[UnitBinding, Any, str], object] = Hook("orgs.binding_ended")
