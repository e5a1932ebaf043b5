"""The first login: the profile (accounts) and the binding request (orgs) in one transaction."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from zhicheng.accounts.models import User
from zhicheng.accounts.services import user_complete_profile
from zhicheng.orgs.services import binding_request


@transaction.atomic
def user_complete_first_login(
    *,
    user: User,
    political_status: str,
    ethnicity: str,
    email: str,
    title_series: list[str],
    has_unit: str,
    sync_unit: str = "",
    unit: int | None = None,
    statement: str = "",
    is_freelancer: bool = False,
    request: HttpRequest | None = None,
    **_ignored: Any,
) -> User:
    """Manual 一(3): the fields a person must give before entering the platform.

    With 工作单位 是 and 是否同步注册单位 是, the chosen unit and 申请说明 become a binding request
    in the same transaction (manual 一①); with 否 the person binds later from 个人中心 (一②③).
    """
    user = user_complete_profile(
        user=user,
        political_status=political_status,
        ethnicity=ethnicity,
        email=email,
        title_series=title_series,
        has_unit=has_unit,
        sync_unit=sync_unit,
        request=request,
    )
    if has_unit == User.HasUnit.YES and sync_unit == User.HasUnit.YES:
        binding_request(
            person=user,
            unit_id=unit,
            statement=statement,
            is_freelancer=is_freelancer,
            request=request,
        )
    return user
