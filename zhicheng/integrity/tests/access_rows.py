"""Access-matrix rows for the integrity app (see zhicheng/core/tests/test_access_matrix.py).

The pages are the cast's HR department's (its 审核人, `hr_reviewer`); URLs point at a record that
department made. Non-staff accounts get 403 (staff only), every other staff member 404 — the
department's 发证审核人 too, since 诚信档案 are kept by its reviewers. Another HR department's
reviewer is not a cast role: test_pages checks that it gets 404 on every URL.
"""

from typing import Any

from zhicheng.conftest import FOREIGN_ROLES, ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741
P2, U2, C, O2 = FOREIGN_ROLES

PAGE = {H: 200, A: 302, N: 302, P: 403, U: 403, U2: 403, "*": 404}


def _hr(cast: Any) -> Any:
    return cast.hr_reviewer.memberships.get().organization


def _record(cast: Any) -> Any:
    import datetime

    from django.utils import timezone

    from zhicheng.integrity.models import IntegrityRecord

    today = timezone.localdate()
    return IntegrityRecord.objects.get_or_create(
        person=cast.applicant2,
        hr_department=_hr(cast),
        defaults={
            "reason": "申报材料弄虚作假",
            "document_number": "测人社〔2026〕1号",
            "starts_on": today,
            "ends_on": today + datetime.timedelta(days=365),
            "recorded_by": cast.hr_reviewer,
        },
    )[0]


ROWS: dict[str, dict[str, Any]] = {
    "integrity:records": PAGE,
    "integrity:record_create": PAGE,
    "integrity:record": PAGE,
    # POST only; a bare POST by the department's reviewer is a form error on the record's page.
    "integrity:record_end": {
        N: 302, "*": 405,
        "POST": {H: 400, A: 302, N: 302, P: 403, U: 403, U2: 403, C: 403, P2: 403, "*": 404},
    },
}  # fmt: skip

URLS = {
    "integrity:records": lambda cast: f"/hr/{_hr(cast).pk}/integrity/",
    "integrity:record_create": lambda cast: f"/hr/{_hr(cast).pk}/integrity/new/",
    "integrity:record": lambda cast: f"/hr/{_hr(cast).pk}/integrity/{_record(cast).pk}/",
    "integrity:record_end": lambda cast: f"/hr/{_hr(cast).pk}/integrity/{_record(cast).pk}/end/",
}
