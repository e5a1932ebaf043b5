import pytest
from django.db import DatabaseError, transaction

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_events_are_recorded_with_time_user_event_and_result() -> None:
    event = audit_record(kind=AuditEvent.Kind.LOGIN, username="reviewer1")
    assert event.at is not None
    assert (event.username, event.kind, event.result) == ("reviewer1", "login", "success")


def test_the_database_refuses_to_change_an_event() -> None:
    event = audit_record(kind=AuditEvent.Kind.LOGIN, username="reviewer1")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(result=AuditEvent.Result.FAILURE)
    event.refresh_from_db()
    assert event.result == AuditEvent.Result.SUCCESS


def test_the_database_refuses_to_delete_an_event() -> None:
    event = audit_record(kind=AuditEvent.Kind.LOGIN, username="reviewer1")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_only_auditors_read_the_log_and_can_filter_it(client, cast) -> None:  # type: ignore[no-untyped-def]
    audit_record(kind=AuditEvent.Kind.LOGIN, username="alpha")
    audit_record(kind=AuditEvent.Kind.LOGIN_FAILED, username="beta", result="failure")
    client.force_login(cast.auditor)
    page = client.get("/audit/", {"result": "failure"}).content.decode()
    assert "beta" in page and "alpha" not in page
    client.force_login(cast.admin)
    assert client.get("/audit/").status_code == 403
