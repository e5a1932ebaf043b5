"""Who keeps which 诚信档案. One condition per line; views only call these.

A record belongs to the HR department that made it (its 处理决定 and 文号): only that department's
reviewers (审核人 at an active 人社部门) see it in their list, open it and end it early. A higher
department does not manage its counties' records — ending a ban someone else decided would need
that department's own 文号 — and the ban itself holds everywhere, whoever recorded it. Anyone else
gets 404 for a department or a record, with no hint that it exists.
"""

from typing import Any

from django.http import Http404

from zhicheng.orgs.access import reviewing_hr_departments
from zhicheng.orgs.models import Organization

from .models import IntegrityRecord


def keeping_departments(*, user: Any) -> list[Organization]:
    """The active HR departments for which `user` keeps 诚信档案: those where they are 审核人, the
    same seats that approve unit registrations."""
    return reviewing_hr_departments(user)


def access_department(user: Any, org_id: int) -> Organization:
    for department in keeping_departments(user=user):
        if department.pk == org_id:
            return department
    raise Http404("没有找到该机构")


def access_record(user: Any, org_id: int, record_id: int) -> IntegrityRecord:
    """A record made by department `org_id`, which `user` keeps records for."""
    department = access_department(user, org_id)
    record = (
        IntegrityRecord.objects.filter(pk=record_id, hr_department=department)
        .select_related("person", "hr_department", "recorded_by", "ended_by")
        .first()
    )
    if record is None:
        raise Http404("没有找到该记录")
    return record
