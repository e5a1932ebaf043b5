"""诚信档案 in the admin: every create, change and delete leaves an audit event."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zhicheng.audit.models import AuditEvent
from zhicheng.core.tests.factories import HrDepartmentFactory, PersonFactory
from zhicheng.integrity.models import IntegrityRecord

pytestmark = pytest.mark.django_db


def test_integrity_records_changed_in_the_admin_are_audited(cast: Any) -> None:
    client = Client()
    client.force_login(cast.admin)
    person: Any = PersonFactory()
    hr: Any = HrDepartmentFactory()
    data = {
        "person": person.pk,
        "reason": "申报材料弄虚作假",
        "starts_on": "2026-07-01",
        "ends_on": "2029-06-30",
        "hr_department": hr.pk,
    }
    response = client.post(reverse("admin:integrity_integrityrecord_add"), data)
    assert response.status_code == 302
    record = IntegrityRecord.objects.get()
    assert record.recorded_by == cast.admin
    change = reverse("admin:integrity_integrityrecord_change", args=[record.pk])
    assert client.post(change, {**data, "ends_on": "2028-06-30"}).status_code == 302
    delete = reverse("admin:integrity_integrityrecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not IntegrityRecord.objects.exists()

    events = list(AuditEvent.objects.filter(kind=AuditEvent.Kind.INTEGRITY_RECORD).order_by("id"))
    assert [event.detail["action"] for event in events] == ["created", "changed", "deleted"]
    assert all(event.user == cast.admin and event.detail["record"] == record.pk for event in events)
    assert events[0].detail["person"] == person.pk
    assert events[0].detail["ends_on"] == "2029-06-30"
    assert events[1].detail["changed"] == ["ends_on"]
    assert events[1].detail["ends_on"] == "2028-06-30"
    assert events[2].detail["reason"] == "申报材料弄虚作假"


def test_a_bulk_delete_in_the_admin_audits_each_record(cast: Any) -> None:
    client = Client()
    client.force_login(cast.admin)
    hr: Any = HrDepartmentFactory()
    records = [
        IntegrityRecord.objects.create(
            person=PersonFactory(),
            reason="x",
            starts_on="2026-01-01",
            ends_on="2026-12-31",
            hr_department=hr,
            recorded_by=cast.admin,
        )
        for _ in range(2)
    ]
    response = client.post(
        reverse("admin:integrity_integrityrecord_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [record.pk for record in records],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not IntegrityRecord.objects.exists()
    deleted = AuditEvent.objects.filter(kind=AuditEvent.Kind.INTEGRITY_RECORD)
    assert sorted(event.detail["record"] for event in deleted) == sorted(r.pk for r in records)
