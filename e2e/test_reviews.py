"""Issue 12 in the browser: 提交审核 → 单位公示 and 单位审核 → 主管部门 → county, city and province
人社部门 → 资格审查 → 评审会议 and the vote → 评审结果公示 → 核准; the applicant follows it in 流程
and finds the certificate the 核准 issued in 我的职称.

Every party acts in its own browser context with its own session (made on the server: the logins
have their own journeys); the application is filled by the services, as the applications journey
already walks that part in the browser.
"""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import screenshot
from zhicheng.applications.models import Application
from zhicheng.applications.tests import factories as af
from zhicheng.certificates.models import Certificate
from zhicheng.conftest import cast  # noqa: F401,F811 (the ready-made people, as in the unit tests)
from zhicheng.reviews.tests.factories import chain

pytestmark = pytest.mark.browser


class Parties:
    """One browser context per person, opened on first use."""

    def __init__(self, browser: Browser, args: dict[str, Any], site: Any) -> None:
        self.browser, self.args, self.site = browser, args, site
        self.contexts: list[Any] = []

    def page_for(self, user: Any, *, width: int = 1280) -> Page:
        context = self.browser.new_context(
            **{**self.args, "viewport": {"width": width, "height": 900}}
        )
        self.contexts.append(context)
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": self.site.url}]
        )
        return context.new_page()


@pytest.fixture
def parties(browser: Browser, browser_context_args: dict[str, Any], site: Any) -> Iterator[Parties]:
    found = Parties(browser, browser_context_args, site)
    yield found
    for context in found.contexts:
        context.close()


def fits(page: Page, width: int) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= width + 1)


def decide_pass(page: Page, site: Any, org: Any, name: str, opinion: str) -> None:
    page.goto(f"{site.url}/reviews/{org.pk}/")
    row = page.get_by_role("row").filter(has_text=name)
    row.get_by_role("link", name="审核").click()
    expect(page.get_by_role("heading", name="申报一览表")).to_be_visible()
    page.get_by_role("radio", name="通过", exact=True).check()
    page.get_by_label("审核意见").fill(opinion)
    page.get_by_role("button", name="确定").click()
    expect(page.get_by_text("审核完成")).to_be_visible()


def test_an_application_from_submission_through_every_level_to_approval(
    parties: Parties,
    site: Any,
    cast: Any,  # noqa: F811
) -> None:
    c = chain(cast)
    application = af.complete(c.world, af.start(c.world))
    name = application.person.name
    today = timezone.localdate()

    # The applicant: 开始检测 → 提交审核; 流程 shows the route, waiting at the unit.
    applicant = parties.page_for(application.person)
    applicant.on("dialog", lambda dialog: dialog.accept())
    applicant.goto(f"{site.url}/applications/{application.pk}/form/check/")
    applicant.get_by_role("button", name="提交审核").click()
    applicant.goto(f"{site.url}/reviews/mine/{application.pk}/")
    expect(applicant.get_by_text("当前：待审核")).to_be_visible()
    expect(applicant.get_by_text("主管部门审核")).to_be_visible()
    screenshot(applicant, "reviews-flow-submitted-1280")

    # The unit: 单位公示 (at least 5 working days, over), then 通过 at 单位审核.
    unit = parties.page_for(cast.unit_admin)
    unit.goto(f"{site.url}/reviews/{cast.unit.pk}/publicity/")
    unit.get_by_label(f"选择 {name}").check()
    unit.get_by_label("公示开始日期").fill((today - datetime.timedelta(days=3)).isoformat())
    unit.get_by_label("公示结束日期").fill((today - datetime.timedelta(days=1)).isoformat())
    unit.get_by_label("公示地点或网址").fill("学校公示栏")
    unit.get_by_role("button", name="记录公示").click()
    expect(unit.locator(".field-error")).to_contain_text("至少 5 个工作日")  # too short: told why
    unit.get_by_label(f"选择 {name}").check()
    unit.get_by_label("公示开始日期").fill((today - datetime.timedelta(days=20)).isoformat())
    unit.get_by_label("公示结束日期").fill((today - datetime.timedelta(days=1)).isoformat())
    unit.get_by_label("公示地点或网址").fill("学校公示栏")
    unit.get_by_label("公示结果").fill("公示期内无异议")
    unit.get_by_role("button", name="记录公示").click()
    expect(unit.get_by_text("已记录公示（1 人）")).to_be_visible()
    screenshot(unit, "reviews-unit-publicity-1280")
    unit.goto(f"{site.url}/reviews/{cast.unit.pk}/")
    screenshot(unit, "reviews-queue-1280")
    decide_pass(unit, site, cast.unit, name, "同意推荐")

    # 主管部门, then the county, city and province 人社部门, each in its own browser.
    for user, org, opinion in (
        (cast.dept_reviewer, c.department, "主管部门同意"),
        (cast.hr_reviewer, c.county, "县区人社局同意"),
        (c.city_reviewer, c.city, "市人社局同意"),
        (c.province_reviewer, c.province, "省人社厅同意"),
    ):
        decide_pass(parties.page_for(user), site, org, name, opinion)

    # The organizer: 资格审查, 评审会议, the vote (one that does not add up is refused first).
    organizer = parties.page_for(cast.organizer)
    decide_pass(organizer, site, c.organizer_org, name, "资格审查合格")
    organizer.goto(f"{site.url}/reviews/{c.organizer_org.pk}/meetings/")
    organizer.get_by_label(f"选择 {name}").check()
    organizer.locator("input[name=held_on]").fill(today.isoformat())
    organizer.locator("input[name=place]").fill("省教育厅第一会议室")
    organizer.locator("input[name=members]").fill("15")
    organizer.get_by_role("button", name="建立评审会议").click()
    expect(organizer.get_by_text("已建立评审会议")).to_be_visible()
    row = organizer.locator(f"#person-{application.pk}")
    for field, value in (("present", "10"), ("yes", "7"), ("no", "1"), ("abstain", "1")):
        row.locator(f"input[name={field}]").fill(value)
    row.get_by_role("button", name="记录表决").click()
    expect(organizer.locator(".field-error")).to_contain_text("应等于出席人数")
    row = organizer.locator(f"#person-{application.pk}")
    for field, value in (("present", "10"), ("yes", "7"), ("no", "2"), ("abstain", "1")):
        row.locator(f"input[name={field}]").fill(value)
    row.get_by_role("button", name="记录表决").click()
    expect(organizer.locator(f"#person-{application.pk} .status")).to_have_text("评审通过")
    screenshot(organizer, "reviews-meeting-1280")

    # 评审结果公示 (5 working days, over), then the applicant sees the result.
    organizer.goto(f"{site.url}/reviews/{c.organizer_org.pk}/results/")
    organizer.get_by_label(f"选择 {name}").check()
    organizer.locator("input[name=starts_on]").fill(
        (today - datetime.timedelta(days=20)).isoformat()
    )
    organizer.locator("input[name=ends_on]").fill((today - datetime.timedelta(days=1)).isoformat())
    organizer.locator("input[name=place]").fill("https://jyt.ah.gov.cn/gs")
    organizer.get_by_role("button", name="发布评审结果公示").click()
    expect(organizer.get_by_text("已发布评审结果公示（1 人）")).to_be_visible()

    # The issuing authority: 核准 with a 核准文号.
    issuer = parties.page_for(c.province_issuer)
    issuer.goto(f"{site.url}/reviews/{c.province.pk}/approvals/")
    issuer.get_by_label(f"选择 {name}").check()
    issuer.get_by_label("核准文号").fill("皖职改〔2026〕12号")
    issuer.get_by_role("button", name="核准").click()
    expect(issuer.get_by_text("已核准 1 人")).to_be_visible()
    screenshot(issuer, "reviews-approvals-1280")

    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert Certificate.objects.get(source_key=f"result:{application.pk}").status == "generating"
    applicant.goto(f"{site.url}/reviews/mine/{application.pk}/")
    expect(applicant.get_by_test_id("result")).to_contain_text("皖职改〔2026〕12号")
    expect(applicant.get_by_text("省人社厅同意")).to_be_visible()
    screenshot(applicant, "reviews-flow-approved-1280")

    # The 核准 issued the certificate (with the application's photo): once the worker has run, it
    # is 有效 in the applicant's 我的职称 and on the issuer's 核准结果 page; the application 已发证.
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    applicant.goto(f"{site.url}/me/titles/")
    row = applicant.get_by_role("row").filter(has_text=application.title)
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "valid")
    expect(row.get_by_role("link", name="下载")).to_be_visible()
    screenshot(applicant, "reviews-certificate-mine-1280")
    issuer.goto(f"{site.url}/issuer/{c.province.pk}/results/")
    expect(issuer.get_by_test_id(f"result-{application.pk}")).to_contain_text("有效")
    screenshot(issuer, "reviews-issuer-results-1280")
    application.refresh_from_db()
    assert application.status == Application.Status.CERTIFIED

    # At 360 px the pages still fit (tables scroll inside their frame).
    narrow = parties.page_for(application.person, width=360)
    narrow.goto(f"{site.url}/reviews/mine/{application.pk}/")
    screenshot(narrow, "reviews-flow-approved-360")
    assert fits(narrow, 360)
    narrow_unit = parties.page_for(cast.unit_admin, width=360)
    narrow_unit.goto(f"{site.url}/reviews/{cast.unit.pk}/?status=")
    screenshot(narrow_unit, "reviews-queue-360")
    assert fits(narrow_unit, 360)
    narrow_unit.goto(f"{site.url}/reviews/{cast.unit.pk}/applications/{application.pk}/")
    screenshot(narrow_unit, "reviews-detail-360")
    assert fits(narrow_unit, 360)
