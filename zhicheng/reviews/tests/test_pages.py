"""The review pages through HTTP: who sees what, deciding, 批量通过, the applicant's 流程."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhicheng.applications.models import Application
from zhicheng.core.tests import factories as f
from zhicheng.orgs.models import Membership
from zhicheng.reviews.models import ReviewEvent
from zhicheng.reviews.tests.factories import (
    chain,
    past_period,
    submitted,
    through_route,
    unit_publicity,
)

pytestmark = pytest.mark.django_db
S = Application.Status


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def c(cast: Any) -> Any:
    return chain(cast)


def test_the_unit_decides_through_its_page_and_the_applicant_sees_the_flow(c: Any) -> None:
    application = submitted(c)
    unit_publicity(c, [application])
    unit = client_for(c.cast.unit_admin)
    url = reverse("reviews:detail", args=[c.cast.unit.pk, application.pk])
    page = unit.get(url).content.decode()
    assert "申报一览表" in page and application.person.name in page and "单位公示" in page
    refused = unit.post(url, {"decision": "return", "opinion": ""})
    assert refused.status_code == 400 and "退回修改时请填写意见" in refused.content.decode()
    response = unit.post(url, {"decision": "pass", "opinion": "同意推荐"})
    assert response.status_code == 302
    application.refresh_from_db()
    flow = client_for(application.person).get(reverse("reviews:mine", args=[application.pk]))
    text = flow.content.decode()
    assert "单位审核" in text and "同意推荐" in text and "当前：待审核" in text
    assert "主管部门审核" in text
    record = client_for(application.person).get(reverse("applications:index")).content.decode()
    assert "导出评审表" in record and "同意推荐" in record


def test_another_branch_cannot_list_see_or_decide(c: Any) -> None:
    application = through_route(c, submitted(c), upto=2)
    other_department: Any = f.OrganizationFactory(
        kind="department", name="另一主管部门", parent=c.county
    )
    outsider = f.UserFactory()
    f.MembershipFactory(user=outsider, organization=other_department, role=Membership.Role.REVIEWER)
    client = client_for(outsider)
    queue = client.get(reverse("reviews:queue", args=[other_department.pk])).content.decode()
    assert application.person.name not in queue
    for org in (other_department, c.department, c.county):
        url = reverse("reviews:detail", args=[org.pk, application.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"decision": "pass"}).status_code == 404
    # The city has not been reached yet: its reviewer cannot see it either.
    city = client_for(c.city_reviewer)
    assert city.get(reverse("reviews:detail", args=[c.city.pk, application.pk])).status_code == 404


def test_a_reviewer_of_another_plan_organizer_cannot_see_it(c: Any) -> None:
    application = through_route(c, submitted(c), upto=5)
    from zhicheng.plans.tests.factories import OrganizerFactory

    other = OrganizerFactory()
    user = f.UserFactory()
    f.MembershipFactory(user=user, organization=other, role=Membership.Role.ORGANIZER)
    client = client_for(user)
    assert client.get(reverse("reviews:detail", args=[other.pk, application.pk])).status_code == 404
    assert client.get(reverse("reviews:meetings", args=[c.organizer_org.pk])).status_code == 404


def test_batch_pass_through_the_queue(c: Any) -> None:
    people = [submitted(c)] + [submitted(c, person=f.PersonFactory()) for _ in range(2)]
    unit_publicity(c, people)
    client = client_for(c.cast.unit_admin)
    queue = client.get(reverse("reviews:queue", args=[c.cast.unit.pk])).content.decode()
    assert all(p.person.name in queue for p in people)
    response = client.post(
        reverse("reviews:pass_many", args=[c.cast.unit.pk]),
        {"entries": [p.pk for p in people]},
        follow=True,
    )
    assert "已审核通过 3 份申报" in response.content.decode()
    assert ReviewEvent.objects.filter(node="unit", decision="pass").count() == 3


def test_queue_search_by_name_and_id_number(c: Any) -> None:
    application = submitted(c)
    client = client_for(c.cast.unit_admin)
    url = reverse("reviews:queue", args=[c.cast.unit.pk])
    person = application.person
    assert person.name in client.get(url, {"q": person.name}).content.decode()
    assert person.name in client.get(url, {"q": (person.id_number or "")[:10]}).content.decode()
    assert "没有符合条件的申报" in client.get(url, {"q": "不存在的人"}).content.decode()


def test_the_queue_query_count_does_not_grow_with_the_queue(c: Any) -> None:
    submitted(c)
    client = client_for(c.cast.unit_admin)
    url = reverse("reviews:queue", args=[c.cast.unit.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        submitted(c, person=f.PersonFactory())
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert 0 < len(more) == len(few), (len(few), len(more))


def test_the_review_form_pdf_carries_the_opinions(c: Any) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    application = through_route(c, submitted(c), upto=2)
    response = client_for(application.person).get(
        reverse("reviews:mine_review_form", args=[application.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "专 业 技 术 资 格 评 审 表" in text and application.person.name in text
    assert "同意" in text and "单位公示栏" in text


def test_the_whole_chain_through_the_pages(c: Any) -> None:
    import datetime

    from django.utils import timezone

    application = through_route(c, submitted(c), upto=5)
    organizer = client_for(c.cast.organizer)
    org = c.organizer_org.pk
    organizer.post(
        reverse("reviews:detail", args=[org, application.pk]),
        {"decision": "pass", "opinion": "合格"},
    )
    application.refresh_from_db()
    assert application.status == S.AWAITING
    today = timezone.localdate()
    response = organizer.post(
        reverse("reviews:meetings", args=[org]),
        {
            "plan": c.world.plan.pk,
            "held_on": today.isoformat(),
            "place": "评审会议室",
            "members": 9,
            "entries": [application.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    meeting_url = response["Location"]
    bad = organizer.post(
        meeting_url, {"application": application.pk, "present": 6, "yes": 5, "no": 0, "abstain": 0}
    )
    assert bad.status_code == 400 and "应等于出席人数" in bad.content.decode()
    organizer.post(
        meeting_url, {"application": application.pk, "present": 6, "yes": 4, "no": 2, "abstain": 0}
    )
    application.refresh_from_db()
    assert application.status == S.PASSED
    start = today - datetime.timedelta(days=20)
    organizer.post(
        reverse("reviews:results", args=[org]),
        {
            "plan": c.world.plan.pk,
            "starts_on": start.isoformat(),
            "ends_on": (today - datetime.timedelta(days=1)).isoformat(),
            "place": "https://example.cn/gs",
            "entries": [application.pk],
        },
    )
    application.refresh_from_db()
    assert application.status == S.PUBLICITY
    issuer = client_for(c.province_issuer)
    response = issuer.post(
        reverse("reviews:approvals", args=[c.province.pk]),
        {"approval_number": "皖职改〔2026〕8号", "entries": [application.pk]},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.APPROVED
    page = client_for(application.person).get(reverse("reviews:mine", args=[application.pk]))
    assert "皖职改〔2026〕8号" in page.content.decode()


def test_the_overview_counts_by_node_state_specialty_and_form(c: Any) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    first = through_route(c, submitted(c), upto=2)
    submitted(c, person=f.PersonFactory())
    for user, org in ((c.cast.organizer, c.organizer_org), (c.cast.unit_admin, c.cast.unit)):
        client = client_for(user)
        url = reverse("reviews:overview", args=[org.pk])
        page = client.get(url, {"plan": first.plan_id}).content.decode()
        assert "共 <strong>2</strong> 份申报" in page and "data:image/svg+xml;base64," in page
        assert "人社部门审核" in page and "单位审核" in page and "建筑工程" in page
        book = load_workbook(BytesIO(client.get(url, {"format": "xlsx"}).content))
        assert book.sheetnames == ["按申报状态", "按当前环节", "按申报形式", "按申报专业"]


def test_a_desk_the_application_was_not_routed_to_gets_404_on_all_of_it(cast: Any) -> None:
    """Another unit, another 主管部门, another county, a node not reached yet and a 发证审核人 of
    another 人社部门, each at their own desk: every page of the application (its files, the
    documents) and the desk's other objects (公示, meetings, 免面试 evidence) are 404, for a GET,
    a bare POST and a decision; ids in a form body are skipped, and nothing changes."""
    from zhicheng.reviews.models import Publicity, ReviewStep
    from zhicheng.reviews.tests.access_rows import _setup

    s = _setup(cast)
    application, item = s["application"], s["item"]
    department = cast.unit.parent
    county = department.parent
    other_department = f.OrganizationFactory(kind="department", name="另一主管部门", parent=county)
    other_county = f.HrDepartmentFactory(parent=county.parent, name="另一县人社局")
    desks = [(cast.other_unit_admin, cast.other_unit), (cast.dept_reviewer, department)]
    for org in (other_department, other_county):
        reviewer = f.UserFactory()
        f.MembershipFactory(user=reviewer, organization=org, role=Membership.Role.REVIEWER)
        desks.append((reviewer, org))
    issuer2 = cast.role("issuer2")
    desks.append((issuer2, issuer2.memberships.get().organization))
    for user, org in desks:
        client = client_for(user)
        a = [org.pk, application.pk]
        for url in (
            reverse("reviews:detail", args=a),
            reverse("reviews:review_form", args=a),
            reverse("reviews:document", args=[*a, "summary-xlsx"]),
            reverse("reviews:attachment", args=[*a, s["attachment"].pk]),
            reverse("reviews:entry_file", args=[*a, item.pk, item.files[0]["id"]]),
            reverse("reviews:publicity_list", args=[org.pk, s["publicity"].pk, "pdf"]),
        ):
            assert client.get(url).status_code == 404, (user, url)
            assert client.post(url).status_code == 404, (user, url)
        detail = reverse("reviews:detail", args=a)
        assert client.post(detail, {"decision": "pass", "opinion": "同意"}).status_code == 404
        client.post(reverse("reviews:pass_many", args=[org.pk]), {"entries": [application.pk]})
    other_unit = client_for(cast.other_unit_admin)
    start, end = past_period()
    other_unit.post(
        reverse("reviews:unit_publicity", args=[cast.other_unit.pk]),
        {
            "entries": [application.pk],
            "starts_on": start,
            "ends_on": end,
            "place": "公示栏",
            "result": "无异议",
        },
    )
    organizer2 = client_for(cast.role("organizer2"))
    own = cast.role("organizer2").memberships.get().organization
    exemption = s["exemption"]
    plan = application.plan_id
    for url in (
        reverse("reviews:meeting", args=[own.pk, s["meeting"].pk]),
        reverse(
            "reviews:exemption_file", args=[own.pk, exemption.pk, exemption.evidence.first().pk]
        ),
        reverse("reviews:arrangements", args=[own.pk]) + f"?plan={plan}",
    ):
        assert organizer2.get(url).status_code == 404, url
        assert organizer2.post(url).status_code == 404, url
    # Another organizer's plan in a valid form body is a 404 too (results list only its own).
    period = {"starts_on": start, "ends_on": end, "place": "网站", "entries": [application.pk]}
    for name, data in (
        ("reviews:meetings", {"held_on": end, "place": "会议室", "members": 9}),
        ("reviews:results", period),
    ):
        url = reverse(name, args=[own.pk])
        assert (
            organizer2.post(url, {**data, "plan": plan, "entries": [application.pk]}).status_code
            == 404
        )
    step = ReviewStep.objects.get(application=application, organization=cast.unit, node="unit")
    assert step.status == ReviewStep.Status.PENDING
    assert not Publicity.objects.filter(organization=cast.other_unit).exists()
    assert not Publicity.objects.filter(organization=own).exists()
