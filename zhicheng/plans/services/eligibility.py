"""Who may apply to a plan now: read-only, asked by the plan page and again by the applications
app when an application is started."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhicheng.integrity.selectors import active_ban
from zhicheng.orgs.services import require_approved_unit

from ..models import ReviewPlan


def plan_apply_blockers(*, person: Any, plan: ReviewPlan, now: datetime) -> list[str]:
    """Why `person` may not apply to `plan` at `now` (manual 四(二)1 and 注意); empty if they may.

    The one place that decides 马上申报: the plan page shows these reasons, and the applications
    app calls this again when an application is started.
    """
    reasons: list[str] = []
    if plan.status != ReviewPlan.Status.PUBLISHED:
        reasons.append("该评审计划未发布或已关闭，不能申报")
    elif now < plan.starts_at:
        start = timezone.localtime(plan.starts_at)
        reasons.append(f"申报尚未开始，开始时间为 {start:%Y-%m-%d %H:%M}")
    elif now > plan.ends_at:
        end = timezone.localtime(plan.ends_at)
        reasons.append(f"申报已截止，截止时间为 {end:%Y-%m-%d %H:%M}")
    if not getattr(person, "is_person", False):
        reasons.append("只有个人账号可以申报职称")
        return reasons
    try:
        require_approved_unit(person=person)
    except ValidationError as error:
        reasons.extend(error.messages)
    ban = active_ban(person=person, on=timezone.localdate(now))
    if ban is not None:
        # ends_on is itself a banned day (active_ban), so say "until", not "before".
        last = ban.ends_on
        reasons.append(
            f"您在诚信档案中存在记录，禁止申报期至{last.year}年{last.month}月{last.day}日"
            f"（{ban.reason}）"
        )
    return reasons
