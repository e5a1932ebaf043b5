"""诚信档案 in the browser: an HR department's reviewer adds a record, finds it in the list (ID
number masked), ends it early with a reason; the list fits a 360 px phone."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, expect

from e2e.conftest import screenshot
from zhicheng.core.tests import factories as f
from zhicheng.integrity.models import IntegrityRecord
from zhicheng.orgs.models import Membership, Organization

pytestmark = pytest.mark.browser


def test_an_hr_reviewer_records_a_ban_and_ends_it_early(
    browser: Browser, browser_context_args: dict[str, Any], site: Any
) -> None:
    department = f.HrDepartmentFactory(
        name="合肥市人力资源和社会保障局", level=Organization.Level.CITY, region_code="340100"
    )
    reviewer = f.UserFactory(name="钱审核")
    f.MembershipFactory(user=reviewer, organization=department, role=Membership.Role.REVIEWER)
    person: Any = f.PersonFactory(name="孙某")
    for name in ("李某", "周某"):
        f.PersonFactory(name=name)
    client = Client()
    client.force_login(reviewer)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(**browser_context_args)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site.url}])
    page = context.new_page()

    page.goto(f"{site.url}/staff/")
    page.get_by_role("link", name="新增").first.click()
    today = timezone.localdate()
    page.get_by_label("身份证号").fill(person.id_number)
    page.get_by_label("姓名").fill("孙某")
    page.get_by_label("失信情形").fill("2025年度职称申报中提供虚假论文证明材料")
    page.get_by_label("处理决定文号").fill("合人社秘〔2025〕112号")
    page.get_by_label("禁止申报开始日期").fill(today.isoformat())
    page.get_by_label("禁止申报截止日期").fill(today.replace(year=today.year + 3).isoformat())
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已记录孙某的诚信档案")
    expect(page.locator("[data-state]")).to_have_text("生效中")

    page.get_by_role("link", name="诚信档案").last.click()
    row = page.locator("tbody tr").first
    expect(row).to_contain_text(person.id_number[:4] + "**********" + person.id_number[-4:])
    expect(row).not_to_contain_text(person.id_number)
    screenshot(page, "integrity-list")

    row.get_by_role("link", name="查看").click()
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_label("解除原因").fill("行政复议撤销原处理决定")
    page.get_by_role("button", name="提前解除").click()
    expect(page.locator(".messages")).to_contain_text("已提前解除孙某的禁止申报")
    expect(page.locator("[data-state]")).to_have_text("已提前解除")
    expect(page.locator(".events")).to_contain_text("行政复议撤销原处理决定")
    screenshot(page, "integrity-detail")
    assert IntegrityRecord.objects.get().status == IntegrityRecord.Status.ENDED

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{site.url}/hr/{department.pk}/integrity/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    screenshot(page, "integrity-list-360")
    context.close()
