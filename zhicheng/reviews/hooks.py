"""Extension points of the reviews app, for the apps above it (certificates).

# certificates/apps.py, in ready()
from zhicheng.reviews.hooks import result_approved
result_approved.register(certificates_for_approved)
"""

import datetime
from dataclasses import dataclass
from typing import Any

from zhicheng.core.hooks import Hook


@dataclass(frozen=True)
class ApprovedResult:
    """One result at 核准: everything a certificate needs that the review decided."""

    application: Any  # applications.Application, status 已核准
    issuer: Any  # orgs.Organization: the 发证机关 (the HR department at the top of the route)
    approval_number: str  # 核准文号
    approved_at: datetime.datetime
    passed_on: datetime.date | None  # the committee meeting's date (评审通过时间)
    committee: Any  # orgs.Organization: the plan's 评委会


# 核准: called in the approving transaction with every result approved at once and the actor.
# A ValidationError raised here undoes the 核准.
result_approved: Hook[[list[ApprovedResult], Any], None] = Hook("reviews.result_approved")
