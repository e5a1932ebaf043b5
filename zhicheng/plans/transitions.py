"""The state graph of a 评审计划 (DESIGN §4), on one screen.

A draft is configured and published; applicants see published plans; closing ends the plan for
good (its applications carry on through review). A draft is deleted rather than closed.
"""

from .models import ReviewPlan

PlanStatus = ReviewPlan.Status
ALLOWED: dict[str, set[str]] = {
    PlanStatus.DRAFT: {PlanStatus.PUBLISHED},
    PlanStatus.PUBLISHED: {PlanStatus.CLOSED},
    PlanStatus.CLOSED: set(),
}
