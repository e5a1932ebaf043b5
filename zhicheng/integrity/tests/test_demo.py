"""The demo's 人社 reviewer `rsj` opens 诚信档案 and finds the demo record; loading twice adds none."""

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from zhicheng.accounts.models import User
from zhicheng.integrity.models import IntegrityRecord

pytestmark = pytest.mark.django_db


def test_the_demo_hr_reviewer_sees_the_demo_record(tmp_path: Any) -> None:
    call_command("load_demo", "--no-idp")
    call_command("load_demo", "--no-idp")
    record = IntegrityRecord.objects.get()
    client = Client()
    client.force_login(User.objects.get(username="rsj"))
    workbench = client.get(reverse("portal:staff_home")).content.decode()
    url = reverse("integrity:records", args=[record.hr_department_id])
    assert url in workbench
    page = client.get(url).content.decode()
    assert "孙某" in page and "合人社秘〔2025〕112号" in page
    assert record.events.count() == 1
