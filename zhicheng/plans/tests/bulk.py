"""Many plans at once, for the search-performance test and bench/plans.py."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from zhicheng.core.tests.factories import UserFactory
from zhicheng.core.titles import Level
from zhicheng.plans.models import PlanType, ReviewPlan
from zhicheng.plans.tests.factories import CommitteeFactory

SERIES = ["工程", "中小学教师", "卫生", "农业", "经济", "会计", "高等学校教师", "实验技术"]
REGIONS = ["合肥市", "芜湖市", "蚌埠市", "安庆市", "黄山市", "阜阳市", "六安市", "宣城市"]
# Real plans carry a few hundred characters of 评审范围对象 and 计划内容 (the manual's figure 4-2).
SCOPE = (
    "全省企事业单位在职在岗、从事本系列专业技术工作的人员，符合评审标准条件的，可申报相应职称。" * 2
)
CONTENT = (
    "一、申报时间：以本计划申报起止日期为准，逾期不予受理。"
    "二、申报程序：个人网上申报，所在单位审核并公示，主管部门、人社部门逐级审核，"
    "评委会组建单位资格审查后组织评审。"
    "三、个人在一个申报年度中只允许申报一次职称（不限系列和专业）。"
) * 4
SPECIALTIES = ["化工工程", "安全工程", "建筑工程", "电气工程", "语文", "数学", "临床医学", "农学"]


def make_plans(count: int) -> None:
    """`count` plans over 12 years, four levels, three types; 9 in 10 published."""
    committees: list[Any] = [CommitteeFactory() for _ in range(20)]
    creator: Any = UserFactory()
    now = timezone.now()
    levels = Level.values
    types = PlanType.values
    plans = []
    for n in range(count):
        year = 2015 + n % 12
        committee = committees[n % len(committees)]
        series = SERIES[n % len(SERIES)]
        start = now - timedelta(days=(2026 - year) * 365 + n % 200)
        if n % 10 == 0:
            status = ReviewPlan.Status.DRAFT
        elif n % 10 == 1:
            status = ReviewPlan.Status.CLOSED
        else:
            status = ReviewPlan.Status.PUBLISHED
        plans.append(
            ReviewPlan(
                organizer_id=committee.parent_id,
                committee=committee,
                year=year,
                name=f"{year}年度{REGIONS[n % 8]}{series}{SPECIALTIES[(n // 8) % 8]}专业评审计划{n}",
                series=series,
                level=levels[(n // 3) % 4],
                plan_type=types[(n // 7) % 3],
                starts_at=start,
                ends_at=start + timedelta(days=45),
                scope=SCOPE,
                content=CONTENT,
                status=status,
                created_by=creator,
            )
        )
    ReviewPlan.objects.bulk_create(plans, batch_size=1000)
