"""The review route of an application, computed at 提交审核 from the organization tree (DESIGN §1).

The applicant's unit (a freelancer's is the county 人社部门), then the unit's chain of parents — its
主管部门 where it has one, then the 人社部门 county → city → province — up to the HR department at the
level the plan requires, then the plan's organizer (资格审查). The route is stored with the
application, so a later change of the tree does not move an application already under way.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from zhicheng.core.titles import Level
from zhicheng.orgs.models import Organization

HR_LEVEL_ORDER: list[str] = [
    Organization.Level.COUNTY,
    Organization.Level.CITY,
    Organization.Level.PROVINCE,
]

# How far up the 人社 chain an application goes, by 评审级别, unless the plan says otherwise:
# 初级 and 中级 are reviewed up to the city, 副高级 and 正高级 up to the province.
DEFAULT_TOP_HR_LEVEL: dict[str, str] = {
    Level.JUNIOR: Organization.Level.CITY,
    Level.INTERMEDIATE: Organization.Level.CITY,
    Level.DEPUTY_SENIOR: Organization.Level.PROVINCE,
    Level.SENIOR: Organization.Level.PROVINCE,
}


@dataclass(frozen=True)
class RouteNode:
    organization: Organization
    role: str  # one of NodeRole

    @property
    def label(self) -> str:
        return NODE_ROLE_LABELS[self.role]


class NodeRole:
    UNIT = "unit"
    DEPARTMENT = "department"
    HR = "hr"
    ORGANIZER = "organizer"


NODE_ROLE_LABELS = {
    NodeRole.UNIT: "单位审核",
    NodeRole.DEPARTMENT: "主管部门审核",
    NodeRole.HR: "人社部门审核",
    NodeRole.ORGANIZER: "资格审查",
}

BROKEN_TREE = "单位的上级审核机构设置不完整（{where}），暂不能提交审核，请联系单位或所在地人社部门"


def review_route(
    *, unit: Organization, organizer: Organization, top_hr_level: str
) -> list[RouteNode]:
    """The nodes from the applicant's unit to the organizer, in order.

    Refused (ValidationError) when the chain of parents never reaches an HR department at
    `top_hr_level`, or loops: the tree is the administrators' to mend, not the applicant's.
    """
    if top_hr_level not in HR_LEVEL_ORDER:
        raise ValueError(f"unknown HR level {top_hr_level!r}")
    top_rank = HR_LEVEL_ORDER.index(top_hr_level)
    nodes = [RouteNode(unit, NodeRole.UNIT)]
    seen = {unit.pk}
    current = unit
    reached = _hr_rank(unit) == top_rank
    while not reached:
        parent = current.parent
        if parent is None:
            raise ValidationError(BROKEN_TREE.format(where=f"“{current.name}”没有上级审核机构"))
        if parent.pk in seen:
            raise ValidationError(BROKEN_TREE.format(where=f"“{parent.name}”的上级形成循环"))
        seen.add(parent.pk)
        rank = _hr_rank(parent)
        if parent.kind == Organization.Kind.DEPARTMENT:
            nodes.append(RouteNode(parent, NodeRole.DEPARTMENT))
        elif rank is not None:
            if rank > top_rank:
                raise ValidationError(
                    BROKEN_TREE.format(where=f"跳过了{_level_label(top_hr_level)}人社部门")
                )
            nodes.append(RouteNode(parent, NodeRole.HR))
            reached = rank == top_rank
        else:
            raise ValidationError(
                BROKEN_TREE.format(where=f"“{parent.name}”不是主管部门或人社部门")
            )
        current = parent
    nodes.append(RouteNode(organizer, NodeRole.ORGANIZER))
    return nodes


def _hr_rank(org: Organization) -> int | None:
    if org.kind != Organization.Kind.HR or org.level not in HR_LEVEL_ORDER:
        return None
    return HR_LEVEL_ORDER.index(org.level)


def _level_label(level: str) -> str:
    return dict(Organization.Level.choices)[level]
