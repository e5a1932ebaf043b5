"""评审计划 pages through HTTP: organizer configuration, isolation between organizers, the
applicant's search, plan page and 马上申报, constant query counts."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zhicheng.core.tests.factories import HrDepartmentFactory, MembershipFactory, UserFactory
from zhicheng.core.titles import Level
from zhicheng.orgs.models import Membership, UnitBinding
from zhicheng.plans import selectors
from zhicheng.plans.models import EvaluationStandard, ReviewPlan
from zhicheng.plans.tests.factories import (
    CommitteeFactory,
    OrganizerFactory,
    PlanFactory,
    StandardFactory,
    complete_plan,
    published_plan,
)

pytestmark = pytest.mark.django_db


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def organizer_org(cast: Any) -> Any:
    return cast.organizer.memberships.get().organization


def bind(person: Any) -> None:
    unit: Any = HrDepartmentFactory()
    UnitBinding.objects.create(
        person=person, unit=unit, statement="x", status=UnitBinding.Status.APPROVED
    )


def plan_post(committee: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "committee": committee.pk,
        "year": 2026,
        "name": "2026年度工程系列高级工程师评审计划",
        "series": "工程",
        "level": Level.DEPUTY_SENIOR,
        "plan_type": "review",
        "starts_at": "2026-11-01T09:00",
        "ends_at": "2026-12-31T17:30",
        "scope": "全省工程技术人员",
        "content": "计划内容",
        "has_interview": "yes",
        "apply_forms": ["regular", "exceptional"],
    }
    data.update(changes)
    return data


# --- organizer -------------------------------------------------------------------------------


def test_an_organizer_creates_a_plan_with_errors_shown_next_to_fields(cast: Any) -> None:
    committee = CommitteeFactory(parent=organizer_org(cast))
    client = login(cast.organizer)
    url = reverse("plans:organizer_create")
    response = client.post(url, plan_post(committee, ends_at="2026-10-01T09:00", apply_forms=[]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "申报截止时间须晚于开始时间" in html
    assert "请至少选择一种申报形式" in html
    assert not ReviewPlan.objects.exists()

    response = client.post(url, plan_post(committee))
    plan = ReviewPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:organizer_detail", kwargs={"plan_id": plan.pk})
    assert plan.status == ReviewPlan.Status.DRAFT and plan.has_interview
    assert plan.organizer == organizer_org(cast)
    page = client.get(response["Location"]).content.decode()
    assert "请至少设置一个可评审专业" in page  # what is left before publishing


def test_an_organizer_configures_and_publishes_through_the_pages(cast: Any) -> None:
    client = login(cast.organizer)
    plan = PlanFactory(committee=CommitteeFactory(parent=organizer_org(cast)))
    standard_url = reverse("plans:standard_create")
    response = client.post(
        standard_url,
        {"name": "工程系列评审标准（高级）", "series": "工程", "level": "deputy_senior"},
    )
    standard = plan.organizer.evaluation_standards.get()
    assert response["Location"] == reverse(
        "plans:standard_detail", kwargs={"standard_id": standard.pk}
    )
    category_url = reverse("plans:category_create", kwargs={"standard_id": standard.pk})
    response = client.post(
        category_url,
        {
            "name": "业绩贡献",
            "hint": "",
            "allowed_kinds": ["project"],
            "min_items": 3,
            "max_items": 2,
        },
    )
    assert "最多项数不能小于最少项数" in response.content.decode()
    client.post(
        category_url,
        {
            "name": "业绩贡献",
            "hint": "x",
            "allowed_kinds": ["project"],
            "min_items": 1,
            "max_items": 5,
        },
    )
    client.post(
        reverse("plans:organizer_edit", kwargs={"plan_id": plan.pk}),
        plan_post(plan.committee, name=plan.name, standards=[standard.pk], version=plan.version),
    )
    client.post(
        reverse("plans:specialty_create", kwargs={"plan_id": plan.pk}),
        {"name": "化工工程", "titles": ["高级工程师"], "exam_required": "on"},
    )
    client.post(
        reverse("plans:slot_create", kwargs={"plan_id": plan.pk}),
        {"name": "身份证正反面", "required": "on", "note": ""},
    )
    publish = reverse("plans:organizer_publish", kwargs={"plan_id": plan.pk})
    response = client.post(publish, follow=True)
    assert "化工工程需要笔试" in response.content.decode()
    client.post(
        reverse("plans:slot_create", kwargs={"plan_id": plan.pk}),
        {"name": "笔试申请表", "required": "on", "exam_only": "on", "note": "仅笔试专业"},
    )
    response = client.post(publish, follow=True)
    assert "评审计划已发布" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ReviewPlan.Status.PUBLISHED
    assert [s.name for s in plan.specialties.all()] == ["化工工程"]


def _pdf(plan: Any) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhicheng.demo.plans import template_pdf
    from zhicheng.plans import services

    upload = SimpleUploadedFile("模板.pdf", template_pdf("模板", []), "application/pdf")
    return services.plan_file_add(plan=plan, actor=UserFactory(), upload=upload)


def test_an_organizer_cannot_touch_another_organizers_plans(
    cast: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    other = published_plan()  # another organizer's committee
    client = login(cast.organizer)
    specialty = other.specialties.get()
    standard = other.standards.get()
    other_file = _pdf(other)
    other_standard: Any = StandardFactory(organizer=other.organizer, name="未选用的标准")
    gets = [
        reverse("plans:organizer_detail", kwargs={"plan_id": other.pk}),
        reverse("plans:organizer_edit", kwargs={"plan_id": other.pk}),
        reverse("plans:specialty_edit", kwargs={"specialty_id": specialty.pk}),
        reverse("plans:slot_edit", kwargs={"slot_id": other.slots.get().pk}),
        reverse("plans:standard_detail", kwargs={"standard_id": standard.pk}),
        reverse("plans:category_edit", kwargs={"category_id": standard.categories.get().pk}),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    other_draft = complete_plan(committee=other.committee, name="他人的草稿")
    posts = [
        reverse("plans:organizer_close", kwargs={"plan_id": other.pk}),
        reverse("plans:organizer_publish", kwargs={"plan_id": other_draft.pk}),
        reverse("plans:organizer_delete", kwargs={"plan_id": other_draft.pk}),
        reverse("plans:specialty_delete", kwargs={"specialty_id": specialty.pk}),
        reverse("plans:slot_delete", kwargs={"slot_id": other.slots.get().pk}),
        reverse("plans:file_delete", kwargs={"file_id": other_file.pk}),
        reverse("plans:category_delete", kwargs={"category_id": standard.categories.get().pk}),
        reverse("plans:standard_delete", kwargs={"standard_id": other_standard.pk}),
        reverse("plans:organizer_edit", kwargs={"plan_id": other.pk}),
    ]
    for url in posts:
        assert client.post(url, plan_post(other.committee)).status_code == 404, url
    other.refresh_from_db()
    other_draft.refresh_from_db()
    assert other.status == ReviewPlan.Status.PUBLISHED
    assert other_draft.status == ReviewPlan.Status.DRAFT
    assert other.specialties.exists() and other.slots.exists() and other.files.exists()
    assert standard.categories.exists()
    assert EvaluationStandard.objects.filter(pk=other_standard.pk).exists()
    # Nor download the files of another organizer's draft.
    draft_file = _pdf(other_draft)
    download = reverse("plans:file_download", kwargs={"file_id": draft_file.pk})
    assert client.get(download).status_code == 404
    # Nor can it put a plan under another organizer's committee.
    response = client.post(reverse("plans:organizer_create"), plan_post(other.committee))
    assert response.status_code == 200
    assert not ReviewPlan.objects.filter(organizer=organizer_org(cast)).exists()
    # And its list shows only its own plans.
    own = published_plan(committee=CommitteeFactory(parent=organizer_org(cast)))
    listing = client.get(reverse("plans:organizer_list")).content.decode()
    assert own.name in listing and other.name not in listing


def test_staff_of_a_committee_organizer_in_another_role_are_refused(cast: Any) -> None:
    reviewer = UserFactory()
    MembershipFactory(
        user=reviewer, organization=organizer_org(cast), role=Membership.Role.REVIEWER
    )
    assert login(reviewer).get(reverse("plans:organizer_list")).status_code == 403


# --- applicant -------------------------------------------------------------------------------


def test_the_applicant_list_searches_by_name_year_level_and_type(cast: Any) -> None:
    committee: Any = CommitteeFactory()
    wanted = published_plan(committee=committee, name="2026年度安徽省工程系列化工专业评审计划")
    published_plan(committee=committee, name="2025年度计划", year=2025)
    published_plan(committee=committee, name="正高级计划", level=Level.SENIOR)
    published_plan(committee=committee, name="考核认定计划", plan_type="recognition")
    draft = complete_plan(committee=committee, name="尚未发布的草稿计划")
    client = login(cast.applicant)
    url = reverse("plans:applicant_list")

    def names(**query: Any) -> list[str]:
        page = client.get(url, query).context["page"]
        return [plan.name for plan in page]

    assert draft.name not in names()
    assert len(names()) == 4
    assert names(name="化工") == [wanted.name]
    assert names(year=2025) == ["2025年度计划"]
    assert names(level="senior") == ["正高级计划"]
    assert names(plan_type="recognition") == ["考核认定计划"]
    assert names(year="abc") == names()  # bad input means no filter, not an error
    html = client.get(url, {"name": "化工"}).content.decode()
    for column in ["年度", "计划名称", "评委会", "评审级别", "申报起止日期", "查看"]:
        assert column in html
    assert committee.name in html


def test_the_applicant_list_pages_and_keeps_the_filters(cast: Any) -> None:
    committee: Any = CommitteeFactory()
    for n in range(12):
        PlanFactory(committee=committee, name=f"工程计划{n}", status=ReviewPlan.Status.PUBLISHED)
    response = login(cast.applicant).get(reverse("plans:applicant_list"), {"name": "工程"})
    assert len(response.context["page"]) == 10
    assert "name=%E5%B7%A5%E7%A8%8B&amp;" in response.content.decode()
    assert "第 1 / 2 页" in response.content.decode()


def _queries_for_list(client: Client, count: int, committee: Any) -> int:
    for n in range(count):
        PlanFactory(
            committee=committee, status=ReviewPlan.Status.PUBLISHED, name=f"计划{count}-{n}"
        )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("plans:applicant_list")).status_code == 200
    return len(queries)


def test_the_applicant_list_runs_a_constant_number_of_queries(cast: Any) -> None:
    client = login(cast.applicant)
    committee: Any = CommitteeFactory()
    at_5 = _queries_for_list(client, 5, committee)
    ReviewPlan.objects.all().delete()
    at_50 = _queries_for_list(client, 50, CommitteeFactory())
    assert at_5 == at_50
    assert at_50 <= 8


def test_the_plan_page_shows_the_plan_and_why_apply_is_disabled(cast: Any) -> None:
    plan = published_plan(scope="全省工程技术人员范围", content="具体计划内容", allow_transfer=True)
    client = login(cast.applicant)
    response = client.get(reverse("plans:applicant_detail", kwargs={"plan_id": plan.pk}))
    html = response.content.decode()
    for text in ["基本信息", "评审范围对象", "全省工程技术人员范围", "可评审专业", "高级工程师", "计划内容",
                 "具体计划内容", "附件下载", "马上申报", "常规申报、转评申报"]:  # fmt: skip
        assert text in html, text
    assert response.context["blockers"]
    assert "您尚未绑定工作单位" in html
    assert "disabled" in html
    # 马上申报 refuses again on the server.
    start = reverse("plans:apply_start", kwargs={"plan_id": plan.pk})
    followed = client.post(start, follow=True)
    assert "您尚未绑定工作单位" in followed.content.decode()


def test_the_plan_page_enables_apply_for_a_bound_person_inside_the_window(cast: Any) -> None:
    plan = published_plan()
    bind(cast.applicant)
    client = login(cast.applicant)
    response = client.get(reverse("plans:applicant_detail", kwargs={"plan_id": plan.pk}))
    assert response.context["blockers"] == []
    assert "暂不能申报" not in response.content.decode()


def test_applicants_cannot_open_a_draft(cast: Any) -> None:
    draft = complete_plan()
    url = reverse("plans:applicant_detail", kwargs={"plan_id": draft.pk})
    assert login(cast.applicant).get(url).status_code == 404


def test_files_download_with_their_name_for_applicants_only_on_visible_plans(
    cast: Any, tmp_path: Any, settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhicheng.demo.plans import template_pdf
    from zhicheng.plans import services

    settings.MEDIA_ROOT = tmp_path
    plan = complete_plan()
    pdf = template_pdf("承诺书", [])
    plan_file = services.plan_file_add(
        plan=plan,
        actor=UserFactory(),
        upload=SimpleUploadedFile("职称申报承诺书.pdf", pdf, "application/pdf"),
    )
    url = reverse("plans:file_download", kwargs={"file_id": plan_file.pk})
    client = login(cast.applicant)
    assert client.get(url).status_code == 404  # still a draft
    services.plan_publish(plan=plan, actor=UserFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf  # type: ignore[attr-defined]
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


# --- 个人首页 最新计划信息 -----------------------------------------------------------------------


def test_latest_open_plans_for_the_home_page() -> None:
    now = timezone.now()
    committee: Any = CommitteeFactory()
    newest = published_plan(committee=committee, starts_at=now - timedelta(hours=1))
    older = published_plan(committee=committee, starts_at=now - timedelta(days=3))
    published_plan(committee=committee, starts_at=now + timedelta(days=1))  # not open yet
    ended = published_plan(committee=committee, starts_at=now - timedelta(days=9))
    ended.ends_at = now - timedelta(days=1)
    ended.save()
    complete_plan(committee=committee)  # a draft
    assert selectors.plans_latest_open(now=now) == [newest, older]
    assert selectors.plans_latest_open(now=now, limit=1) == [newest]
    html = render_to_string("plans/_latest_plans.html", {"latest_plans": [newest]})
    assert newest.name in html
    assert reverse("plans:applicant_detail", kwargs={"plan_id": newest.pk}) in html
    empty = render_to_string("plans/_latest_plans.html", {"latest_plans": []})
    assert "暂无正在申报的评审计划" in empty


def test_an_organizer_org_sees_only_its_own_committees_in_the_form(cast: Any) -> None:
    own: Any = CommitteeFactory(parent=organizer_org(cast))
    foreign: Any = CommitteeFactory(parent=OrganizerFactory())
    html = login(cast.organizer).get(reverse("plans:organizer_create")).content.decode()
    assert own.name in html and foreign.name not in html


def test_the_system_administrator_only_reads_plans_and_standards_in_the_admin(cast: Any) -> None:
    """Changes there would bypass the services' rules and the audit log."""
    plan = published_plan()
    standard = plan.standards.get()
    client = login(cast.admin)
    for model, obj in [("reviewplan", plan), ("evaluationstandard", standard)]:
        assert client.get(reverse(f"admin:plans_{model}_changelist")).status_code == 200
        change = reverse(f"admin:plans_{model}_change", args=[obj.pk])
        page = client.get(change)
        assert page.status_code == 200
        html = page.content.decode()
        assert 'name="_save"' not in html and "readonly" in html, model
        assert client.post(change, {"name": "改名"}).status_code == 403, model
        assert client.get(reverse(f"admin:plans_{model}_add")).status_code == 403, model
        delete = reverse(f"admin:plans_{model}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403, model
        bulk = client.post(
            reverse(f"admin:plans_{model}_changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert bulk.status_code in (200, 302), model
    plan.refresh_from_db()
    standard.refresh_from_db()
    assert plan.name != "改名" and standard.name != "改名"
    assert standard.categories.count() == 1
    assert ReviewPlan.objects.filter(pk=plan.pk).exists()


def test_the_plan_edit_form_refuses_a_save_over_someone_elses_change(cast: Any) -> None:
    from zhicheng.plans import services

    plan = PlanFactory(committee=CommitteeFactory(parent=organizer_org(cast)), content="原内容")
    client = login(cast.organizer)
    url = reverse("plans:organizer_edit", kwargs={"plan_id": plan.pk})
    form = client.get(url).context["form"]
    shown_version = form.initial["version"]
    assert f'value="{shown_version}"' in client.get(url).content.decode()
    # Meanwhile a colleague saves the plan.
    services.plan_update(
        plan=plan,
        actor=cast.organizer,
        **{**form.initial, "committee": plan.committee, "standards": [], "content": "同事的修改",
           "has_interview": False, "version": None},
    )  # fmt: skip
    data = plan_post(plan.committee, name=plan.name, content="我的修改", version=shown_version)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "计划已被他人修改，请刷新后重试" in response.content.decode()
    plan.refresh_from_db()
    assert plan.content == "同事的修改"
    # Without a version the page is refused too (a stale or forged form).
    response = client.post(url, plan_post(plan.committee, name=plan.name, content="我的修改"))
    assert "页面已过期，请刷新后重试" in response.content.decode()
    plan.refresh_from_db()
    response = client.post(url, {**data, "version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.content == "我的修改"


def test_destructive_buttons_ask_first(cast: Any) -> None:
    client = login(cast.organizer)
    own = CommitteeFactory(parent=organizer_org(cast))
    draft = complete_plan(committee=own)
    published = published_plan(committee=own)
    html = client.get(reverse("plans:organizer_detail", kwargs={"plan_id": draft.pk})).content
    text = html.decode()
    assert 'data-confirm="确定删除草稿' in text
    for what in ["可评审专业", "附件项"]:
        assert f'data-confirm="确定删除{what}' in text
    html = client.get(reverse("plans:organizer_detail", kwargs={"plan_id": published.pk})).content
    assert 'data-confirm="确定关闭该评审计划吗' in html.decode()
    standard = draft.standards.get()
    standard.plans.clear()
    html = client.get(reverse("plans:standard_detail", kwargs={"standard_id": standard.pk})).content
    assert 'data-confirm="确定删除评审标准' in html.decode()
    assert 'data-confirm="确定删除申报业绩类别' in html.decode()


def test_a_user_of_several_organizers_chooses_which_owns_a_new_standard(cast: Any) -> None:
    first = organizer_org(cast)  # 测试评委会组建单位
    client = login(cast.organizer)
    url = reverse("plans:standard_create")
    assert "organizer" not in client.get(url).context["form"].fields
    client.post(url, {"name": "标准一", "series": "工程", "level": "deputy_senior"})
    assert first.evaluation_standards.get().name == "标准一"
    second = OrganizerFactory(name="另一组建单位")
    MembershipFactory(user=cast.organizer, organization=second, role=Membership.Role.ORGANIZER)
    foreign: Any = OrganizerFactory(name="无关组建单位")
    assert [org.name for org in selectors.organizer_orgs(user=cast.organizer)] == [
        "另一组建单位",
        "测试评委会组建单位",
    ]
    html = client.get(url).content.decode()
    assert "评委会组建单位" in html and "另一组建单位" in html and foreign.name not in html
    response = client.post(url, {"name": "标准二", "series": "工程", "level": "deputy_senior"})
    assert "请选择评委会组建单位" in response.content.decode()
    response = client.post(
        url,
        {"organizer": foreign.pk, "name": "标准二", "series": "工程", "level": "deputy_senior"},
    )
    assert response.status_code == 200 and not foreign.evaluation_standards.exists()
    response = client.post(
        url,
        {"organizer": first.pk, "name": "标准二", "series": "工程", "level": "deputy_senior"},
    )
    assert response.status_code == 302
    assert first.evaluation_standards.filter(name="标准二").exists()
    assert not second.evaluation_standards.exists()


def test_a_close_note_over_500_characters_is_refused_and_the_plan_stays_open(cast: Any) -> None:
    """Issue 9.7: the page took "" for an invalid form and closed the plan without the text."""
    plan = published_plan(committee=CommitteeFactory(parent=organizer_org(cast)))
    client = login(cast.organizer)
    response = client.post(
        reverse("plans:organizer_close", kwargs={"plan_id": plan.pk}),
        {"opinion": "说" * 501},
        follow=True,
    )
    plan.refresh_from_db()
    assert plan.status == ReviewPlan.Status.PUBLISHED
    assert "关闭说明" in response.content.decode()
