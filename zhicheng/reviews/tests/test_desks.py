"""Who sits at which desk: only 审核人 review for a 主管部门 or 人社部门, and the issuing
authority sees an application only once the committee has passed it."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zhicheng.applications.models import Application
from zhicheng.core.tests import factories as f
from zhicheng.orgs.models import Membership
from zhicheng.reviews.selectors import NodeRole, review_desks
from zhicheng.reviews.tests.factories import chain, submitted, through_route

pytestmark = pytest.mark.django_db
S = Application.Status


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_unit_admin_membership_at_a_department_or_hr_gives_no_review_desk(cast: Any) -> None:
    c = chain(cast)
    application = through_route(c, submitted(c), upto=1)  # waiting at the 主管部门
    for org in (c.department, c.county):
        admin = f.UserFactory()
        f.MembershipFactory(user=admin, organization=org, role=Membership.Role.UNIT_ADMIN)
        nodes = {node for desk in review_desks(user=admin) for node in desk.nodes}
        assert not nodes & {NodeRole.DEPARTMENT, NodeRole.HR}, org
        client = client_for(admin)
        detail = reverse("reviews:detail", args=[org.pk, application.pk])
        assert client.get(detail).status_code in (403, 404)
        assert client.post(detail, {"decision": "pass", "opinion": "同意"}).status_code in (
            403,
            404,
        )
        if org == c.department:
            assert client.get(reverse("reviews:queue", args=[org.pk])).status_code == 404
    # The 主管部门's own 审核人 has it.
    page = client_for(cast.dept_reviewer).get(
        reverse("reviews:detail", args=[c.department.pk, application.pk])
    )
    assert page.status_code == 200


def test_the_issuer_sees_an_application_only_once_the_committee_passed_it(cast: Any) -> None:
    c = chain(cast)
    application = submitted(c)
    client = client_for(c.province_issuer)
    detail = reverse("reviews:detail", args=[c.province.pk, application.pk])
    summary = reverse("reviews:document", args=[c.province.pk, application.pk, "summary-xlsx"])
    assert client.get(detail).status_code == 404  # just submitted: still at the unit
    through_route(c, application)  # every node, up to the organizer's 资格审查
    assert client.get(detail).status_code == 404
    for status in (S.PASSED, S.PUBLICITY, S.APPROVED):
        Application.objects.filter(pk=application.pk).update(status=status)
        assert client.get(detail).status_code == 200, status
        assert client.get(summary).status_code == 200, status
    Application.objects.filter(pk=application.pk).update(status=S.FAILED)
    assert client.get(detail).status_code == 404
