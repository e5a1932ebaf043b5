"""The state graph of a 诚信档案 record (DESIGN §4), on one screen.

A record is made 有效; the HR department that made it may end it early (提前解除, with a reason).
Running out at `ends_on` is not a transition: it follows from the dates.
"""

from .models import IntegrityRecord

S = IntegrityRecord.Status
ALLOWED: dict[str, set[str]] = {
    S.ACTIVE: {S.ENDED},
    S.ENDED: set(),
}
