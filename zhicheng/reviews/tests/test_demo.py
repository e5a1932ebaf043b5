"""The demo data: every reviewer of the README finds work; it loads twice without change."""

from typing import Any

import pytest
from django.core.management import call_command

from zhicheng.accounts.models import User
from zhicheng.applications.models import Application
from zhicheng.reviews.selectors import desk_counts, review_desks

pytestmark = pytest.mark.django_db


def test_the_demo_puts_work_at_the_unit_the_department_and_the_organizer(tmp_path: Any) -> None:
    call_command("load_demo", "--no-idp")
    call_command("load_demo", "--no-idp")
    assert Application.objects.filter(status="submitted").count() == 2
    assert Application.objects.filter(status="qualifying").count() == 1
    for username in ("zgbm", "zjdw"):
        user = User.objects.get(username=username)
        desks = review_desks(user=user)
        assert sum(desk_counts(desks=desks).values()) == 1, username
    fzjg = User.objects.get(username="fzjg")
    assert any(desk.issuer and desk.nodes for desk in review_desks(user=fzjg))
