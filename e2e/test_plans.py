"""Issue 5 journey: an organizer sets up a 评审标准, creates and publishes a 评审计划 with specialties
and attachment slots; an applicant finds it by search in 职称申报 and opens it (manual 四(一)(3),
四(二)1)."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import screenshot
from zhicheng.accounts.models import User
from zhicheng.core.tests import factories as f
from zhicheng.demo.people import DEMO_PASSWORD
from zhicheng.demo.plans import template_pdf
from zhicheng.orgs.models import Membership, Organization, UnitBinding
from zhicheng.plans.models import ReviewPlan

pytestmark = pytest.mark.browser

PLEDGE = "职称申报承诺书（模板）.pdf"
PLAN_NAME = "2026年度安徽省工程系列化工安全专业高级工程师评审计划"


@pytest.fixture
def applicant_page(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    """The applicant at another computer: a separate browser context."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def fits(page: Page, width: int) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= width)


def test_an_organizer_publishes_a_plan_and_an_applicant_finds_and_opens_it(
    page: Page, applicant_page: Page, site: Any, sso: Any
) -> None:
    organizer_org = f.OrganizationFactory(
        kind=Organization.Kind.ORGANIZER, name="安徽省住房和城乡建设厅（测试）", credit_code=None
    )
    f.OrganizationFactory(
        kind=Organization.Kind.COMMITTEE,
        name="安徽省工程系列高级专业技术资格评审委员会（测试）",
        credit_code=None,
        parent=organizer_org,
    )
    organizer = f.UserFactory(username="jsplan", name="吴组建")
    f.MembershipFactory(user=organizer, organization=organizer_org, role=Membership.Role.ORGANIZER)

    # --- The organizer logs in and sets up a 评审标准 with a performance category.
    page.goto(f"{site.url}/accounts/login/")
    page.get_by_label("账号").fill("jsplan")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    page.goto(f"{site.url}/organizer/standards/")
    page.get_by_role("link", name="新增评审标准").click()
    page.get_by_label("评审标准名称").fill("工程系列专业技术资格评审标准（高级）")
    page.get_by_label("职称系列").select_option("工程")
    page.get_by_label("评审级别").select_option(label="副高级")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name="工程系列专业技术资格评审标准（高级）")).to_be_visible()
    for name, kinds in [("业绩贡献", ["项目/课题", "获奖"]), ("智力成果", ["论文", "著作"])]:
        page.get_by_role("link", name="新增类别").click()
        page.get_by_label("类别名称").fill(name)
        page.get_by_label("温馨提示").fill(f"导入{name}相关业绩")
        for kind in kinds:
            page.get_by_label(kind, exact=True).check()
        page.get_by_label("最少项数").fill("1")
        page.get_by_label("最多项数").fill("5")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()
    expect(page.get_by_text("最少导入1项，最多导入5项").first).to_be_visible()
    screenshot(page, "plans-standard")

    # --- A new plan: the form refuses a window that ends before it starts, next to the field.
    page.get_by_role("navigation", name="评审计划管理").get_by_role("link", name="评审计划").click()
    page.get_by_role("link", name="新建评审计划").click()
    now = timezone.localtime()
    page.get_by_label("评委会").select_option(
        label="安徽省工程系列高级专业技术资格评审委员会（测试）"
    )
    page.get_by_label("计划名称").fill(PLAN_NAME)
    page.get_by_label("职称系列").select_option("工程")
    page.get_by_label("评审级别").select_option(label="副高级")
    page.get_by_label("计划类型").select_option(label="职称评审")
    page.get_by_label("申报开始时间").fill((now - timedelta(days=1)).strftime("%Y-%m-%dT09:00"))
    page.get_by_label("申报截止时间").fill((now - timedelta(days=2)).strftime("%Y-%m-%dT17:30"))
    page.get_by_label("评审范围对象").fill("全省企事业单位从事化工、安全工程技术工作的专业技术人员")
    page.get_by_label("计划内容").fill("化工工程、安全工程专业须参加全省统一笔试。")
    page.get_by_label("有", exact=True).check()
    page.get_by_label("破格申报").check()
    page.get_by_label("工程系列专业技术资格评审标准（高级）（工程·副高级）").check()
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".field-error")).to_have_text("申报截止时间须晚于开始时间")
    screenshot(page, "plans-form-error")
    page.get_by_label("申报截止时间").fill((now + timedelta(days=30)).strftime("%Y-%m-%dT17:30"))
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name=PLAN_NAME)).to_be_visible()
    expect(page.get_by_text("请至少设置一个可评审专业")).to_be_visible()
    expect(page.get_by_role("button", name="发布")).to_be_disabled()

    # --- Specialties (化工工程 with a written exam) and attachment slots.
    for specialty, exam in [("化工工程", True), ("安全工程", True), ("建筑工程", False)]:
        page.get_by_role("link", name="新增可评审专业").click()
        page.get_by_label("专业名称").fill(specialty)
        page.get_by_label("高级工程师").check()
        if exam:
            page.get_by_label("需要笔试").check()
        page.get_by_role("button", name="保存").click()
    expect(
        page.get_by_text("请设置一个“仅笔试专业”且必须上传的附件项", exact=False)
    ).to_be_visible()
    for slot, exam_only, note in [
        ("身份证正反面", False, ""),
        ("职称申报承诺书", False, "须有本人手写签名"),
        ("笔试申请表", True, "仅化工工程、安全工程专业上传"),
    ]:
        page.get_by_role("link", name="新增附件项").click()
        page.get_by_label("附件名称").fill(slot)
        if exam_only:
            page.get_by_label("仅笔试专业").check()
        page.get_by_label("说明").fill(note)
        page.get_by_role("button", name="保存").click()
    page.get_by_role("link", name="上传文件").click()
    page.get_by_label("文件").set_input_files(
        files=[
            {
                "name": PLEDGE,
                "mimeType": "application/pdf",
                "buffer": template_pdf("职称申报承诺书", []),
            }
        ]
    )
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("link", name=PLEDGE)).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("评审计划已发布")).to_be_visible()
    expect(page.locator("h1 .tag")).to_have_text("已发布")
    screenshot(page, "plans-organizer-detail")
    plan = ReviewPlan.objects.get(name=PLAN_NAME)
    assert plan.status == ReviewPlan.Status.PUBLISHED
    assert plan.specialties.filter(exam_required=True).count() == 2

    # --- An applicant with an approved unit finds it in 职称申报 by name and opens it.
    sso.create_account(
        kind="person",
        username="planperson",
        password=DEMO_PASSWORD,
        name="郑八",
        id_number=f.make_id_number("19860707"),
        phone="13912345680",
    )
    ap = applicant_page
    ap.goto(f"{site.url}/login/")
    ap.get_by_test_id("person-login").click()
    ap.locator("input[name=username]").fill("planperson")
    ap.locator("input[name=password]").fill(DEMO_PASSWORD)
    ap.get_by_role("button", name="登录").click()
    expect(ap.get_by_role("heading", name="个人注册 · 完善信息")).to_be_visible()
    ap.get_by_label("政治面貌").select_option("群众")
    ap.get_by_label("民族").select_option("汉族")
    ap.get_by_label("电子邮箱").fill("zhengba@example.cn")
    ap.get_by_label("工程").check()
    ap.locator("input[name=has_unit][value=no]").check()
    ap.get_by_role("button", name="提交").click()
    expect(ap.get_by_role("heading", name="个人首页")).to_be_visible()
    person = User.objects.get(name="郑八")
    unit: Any = f.OrganizationFactory(name="安徽化工设计院（测试）")
    UnitBinding.objects.create(
        person=person,
        unit=unit,
        statement="x",
        status=UnitBinding.Status.APPROVED,
    )
    f.PersonFactory()  # noise: other data must not matter

    ap.get_by_role("navigation", name="主导航").get_by_role("link", name="职称申报").click()
    ap.get_by_role("navigation", name="职称申报").get_by_role("link", name="评审计划").click()
    expect(ap.get_by_role("heading", name="评审计划")).to_be_visible()
    ap.get_by_label("计划名称", exact=True).fill("化工安全")
    ap.get_by_label("评审级别").select_option(label="副高级")
    ap.get_by_role("button", name="查询").click()
    rows = ap.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(PLAN_NAME)
    expect(rows.first).to_contain_text("安徽省工程系列高级专业技术资格评审委员会（测试）")
    screenshot(ap, "plans-applicant-list")
    ap.get_by_label("年度", exact=True).fill("2019")
    ap.get_by_role("button", name="查询").click()
    expect(ap.get_by_text("没有符合条件的评审计划")).to_be_visible()
    ap.get_by_label("年度", exact=True).fill(str(plan.year))
    ap.get_by_role("button", name="查询").click()
    ap.get_by_role("link", name=f"查看 {PLAN_NAME}").click()

    expect(ap.get_by_role("heading", name=PLAN_NAME)).to_be_visible()
    for section in ["基本信息", "评审范围对象", "可评审专业", "计划内容", "附件下载"]:
        expect(ap.get_by_role("heading", name=section, exact=True)).to_be_visible()
    expect(ap.get_by_role("cell", name="化工工程")).to_be_visible()
    expect(ap.get_by_text("常规申报、破格申报")).to_be_visible()
    # Nothing stands in the applicant's way: 马上申报 leads to 申报职称选择 (e2e/test_applications.py).
    expect(ap.get_by_text("暂不能申报")).to_have_count(0)
    expect(ap.get_by_role("button", name="马上申报")).to_be_enabled()
    with ap.expect_download() as download:
        ap.get_by_role("link", name=PLEDGE).click()
    assert download.value.suggested_filename == PLEDGE
    screenshot(ap, "plans-applicant-detail")
    ap.set_viewport_size({"width": 1920, "height": 1000})
    screenshot(ap, "plans-applicant-detail-1920")
    ap.set_viewport_size({"width": 360, "height": 800})
    screenshot(ap, "plans-applicant-detail-360")
    assert fits(ap, 360)
    ap.go_back()
    screenshot(ap, "plans-applicant-list-360")
    assert fits(ap, 360)

    # --- The organizer closes the plan: 马上申报 is disabled with the reason.
    # 关闭计划 asks first (data-confirm): dismissing keeps the plan open, accepting closes it.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="关闭计划").click()
    expect(page.locator("h1 .tag")).to_have_text("已发布")
    assert ReviewPlan.objects.get(pk=plan.pk).status == ReviewPlan.Status.PUBLISHED
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="关闭计划").click()
    expect(page.locator("h1 .tag")).to_have_text("已关闭")
    ap.goto(f"{site.url}/apply/plans/{plan.pk}/")
    expect(ap.get_by_role("button", name="马上申报")).to_be_disabled()
    expect(ap.get_by_text("该评审计划未发布或已关闭，不能申报")).to_be_visible()
    screenshot(ap, "plans-applicant-closed-360")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{site.url}/organizer/plans/{plan.pk}/")
    screenshot(page, "plans-organizer-detail-360")
    assert fits(page, 360)
