"""The audit log page: people found by name, details readable, and the IP of services that are
called without the request."""

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record, current_request

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
    assert f"单位：{cast.unit.pk}" in page
