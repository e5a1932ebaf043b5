"""The audit log page: people found by name, details readable, and the IP of services that are
called without the request."""

import datetime
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record, current_request
from zhicheng.library import services as library_services
from zhicheng.library.tests.factories import SubmittedEntryFactory, png_bytes

pytestmark = pytest.mark.django_db


def test_a_service_without_the_request_still_records_the_ip(cast: Any) -> None:
    token = current_request.set(RequestFactory().get("/", REMOTE_ADDR="10.9.9.9"))
    try:
        audit_record(kind=AuditEvent.Kind.LIBRARY_ENTRY, user=cast.applicant, detail={"entry": 7})
    finally:
        current_request.reset(token)
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.LIBRARY_ENTRY).ip == "10.9.9.9"


def test_the_log_finds_people_by_name_and_shows_details(cast: Any) -> None:
    client = Client()
    client.force_login(cast.applicant)
    client.post(
        reverse("orgs:binding_change"),
        {"is_freelancer": "no", "unit": cast.unit.pk, "statement": "入职"},
        REMOTE_ADDR="10.1.2.3",
    )
    auditor = Client()
    auditor.force_login(cast.auditor)
    page = auditor.get(reverse("audit:events"), {"username": cast.applicant.name}).content.decode()
    assert "申请绑定工作单位" in page and "10.1.2.3" in page
    assert f"单位：{cast.unit.name}" in page and f"单位：{cast.unit.pk}" not in page
    # The request's own row id and the bare True are internals.
    rows = page.split("<tbody>")[1]
    assert "binding" not in rows and "True" not in rows and "自由职业者：否" in rows


def _log(client: Client, **filters: str) -> str:
    response = client.get(reverse("audit:events"), filters)
    assert response.status_code == 200
    return response.content.decode()


def test_details_read_in_the_platforms_words(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit, with_attachment=False)
    library_services.entry_decide(
        entry=entry, unit=cast.unit, approve=True, opinion="", actor=cast.unit_admin
    )
    client = Client()
    client.force_login(cast.applicant)
    other = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit, with_attachment=False)
    library_services.entry_withdraw(entry=other, actor=cast.applicant)
    client.post(
        reverse("library:detail", args=[other.pk]),
        {"file": SimpleUploadedFile("证书.png", png_bytes(), content_type="image/png")},
    )
    auditor = Client()
    auditor.force_login(cast.auditor)
    page = _log(auditor, kind=AuditEvent.Kind.LIBRARY_ENTRY)
    assert "状态：待审核 → 已通过" in page
    assert f"单位：{cast.unit.name}" in page
    assert "业绩：合肥工业大学" in page  # the entry's summary, not its id
    assert f"申报人：{cast.applicant.name}" in page and "业绩类别：学历教育" in page
    assert "操作：上传附件" in page and "附件名称：证书.png" in page
    for internal in ("submitted", "approved", "attachment_add", "education", "sha256", "{"):
        assert internal not in page.split("<tbody>")[1], internal
    # An SSO account's name is the SSO's id: the column says what kind of account it is.
    assert "政务网个人账号" in page and f'title="{cast.applicant.username}"' in page


def test_the_log_is_filtered_by_a_date_range(cast: Any) -> None:
    today = timezone.localdate()
    # The log refuses UPDATE, so the older row is written with the clock set back.
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    with mock.patch("django.utils.timezone.now", return_value=ten_days_ago):
        audit_record(kind=AuditEvent.Kind.LOGIN, user=cast.applicant)
    audit_record(kind=AuditEvent.Kind.LOGOUT, user=cast.applicant)
    auditor = Client()
    auditor.force_login(cast.auditor)

    def kinds(**filters: str) -> set[str]:
        page = _log(auditor, username=cast.applicant.name, **filters)
        return {label for label in ("<td>登录</td>", "<td>退出</td>") if label in page}

    assert kinds() == {"<td>登录</td>", "<td>退出</td>"}
    assert kinds(date_from=str(today)) == {"<td>退出</td>"}
    assert kinds(date_to=str(today - datetime.timedelta(days=1))) == {"<td>登录</td>"}
    # Both ends are whole days: a range of one day holds that day's rows.
    day = str(timezone.localtime(ten_days_ago).date())
    assert kinds(date_from=day, date_to=day) == {"<td>登录</td>"}

    refused = auditor.get(reverse("audit:events"), {"date_from": str(today), "date_to": day})
    assert refused.status_code == 400
    assert "截止日期不能早于起始日期" in refused.content.decode()
    assert (
        "请填写有效日期"
        in auditor.get(reverse("audit:events"), {"date_from": "x"}).content.decode()
    )
    assert (
        "2000 年至 2100 年"
        in auditor.get(reverse("audit:events"), {"date_to": "0001-01-01"}).content.decode()
    )


def test_odd_filter_values_are_refused_beside_their_field_never_a_server_error(cast: Any) -> None:
    from zhicheng.core.tests.test_form_fuzz import NASTY

    auditor = Client()
    auditor.force_login(cast.auditor)
    for value in NASTY:
        filters = dict.fromkeys(["username", "kind", "result", "date_from", "date_to"], value)
        response = auditor.get(reverse("audit:events"), {**filters, "page": value})
        assert response.status_code in (200, 400), value


def test_a_plan_change_reads_as_labels_old_and_new_values(cast: Any) -> None:
    from zhicheng.audit.words import detail_texts

    # The shape plans.services.plan_update writes: {field: [old, new]}.
    event = audit_record(
        kind=AuditEvent.Kind.PLAN_UPDATED,
        user=cast.organizer,
        detail={
            "plan": 999_999,
            "name": "2026年度计划",
            "changes": {
                "ends_at": ["2026-12-05T09:30:00+00:00", "2026-12-19T01:00:00+00:00"],
                "has_interview": [False, True],
                "apply_forms": [["regular"], ["regular", "exceptional"]],
                "committee": [cast.unit.pk, cast.other_unit.pk],
            },
        },
    )
    [text] = detail_texts([event])
    assert "评审计划：编号 999999（已删除）；名称：2026年度计划" in text
    assert "申报截止时间 2026-12-05 17:30 → 2026-12-19 09:00" in text
    assert "有无面试 否 → 是" in text
    assert "申报形式 常规申报 → 常规申报、破格申报" in text
    assert f"{cast.unit.name} → {cast.other_unit.name}" in text
