"""Manual 一: 个人登录 → 前往安徽政务网 → 注册 → 登录 → 个人注册（完善信息）→ 个人首页; and 法人登录."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import screenshot
from zhicheng.core.tests.factories import make_credit_code, make_id_number
from zhicheng.demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_a_new_person_registers_at_the_sso_and_reaches_the_home_page(
    page: Page, site: Any, sso: Any
) -> None:
    page.goto(f"{site.url}/login/")
    expect(page.get_by_role("heading", name="个人登录")).to_be_visible()
    screenshot(page, "login")
    page.get_by_test_id("person-login").click()

    # At 安徽政务服务网 (the local stand-in): no account yet, so 注册.
    page.get_by_role("link", name="注册").click()
    screenshot(page, "idp-register")
    id_number = make_id_number("19880512")
    page.locator("input[name=username]").fill("wangwu88")
    page.locator("input[name=password1]").fill(DEMO_PASSWORD)
    page.locator("input[name=password2]").fill(DEMO_PASSWORD)
    page.get_by_label("姓名").fill("王五")
    page.get_by_label("身份证号").fill(id_number.lower())
    page.get_by_label("手机号码").fill("+8613955512345")
    page.get_by_role("button", name="注册个人用户").click()

    # Back on the platform: the first-login page of manual 一(3).
    expect(page.get_by_role("heading", name="个人注册 · 完善信息")).to_be_visible()
    expect(page.get_by_text(id_number.upper())).to_be_visible()
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".field-error").first).to_be_visible()
    page.get_by_label("政治面貌").select_option("中共党员")
    page.get_by_label("民族").select_option("汉族")
    page.get_by_label("电子邮箱").fill("wangwu@example.cn")
    page.get_by_label("工程").check()
    page.locator("input[name=has_unit][value=no]").check()
    screenshot(page, "first-login")
    page.get_by_role("button", name="提交").click()

    expect(page.get_by_role("heading", name="个人首页")).to_be_visible()
    for module in ["个人基本信息", "我的申报情况", "待处理事项", "业绩统计", "最新计划信息"]:
        expect(page.get_by_role("heading", name=module)).to_be_visible()
    expect(page.get_by_text("王五").first).to_be_visible()
    expect(page.get_by_text(id_number[:4] + "**********" + id_number[-4:])).to_be_visible()
    nav = page.get_by_role("navigation", name="主导航")
    for label in ["个人首页", "个人业绩库", "职称申报", "个人中心"]:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    screenshot(page, "home")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "home-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="法人登录")).to_be_visible()
    # 退出 means out: the next 个人登录 on this computer asks for the password again, although
    # the SSO's own session is still open (the platform sends prompt=login).
    page.get_by_test_id("person-login").click()
    expect(page.locator("input[name=password]")).to_be_visible()
    expect(page.get_by_role("heading", name="个人首页")).to_have_count(0)


def test_a_legal_person_logs_in_to_the_unit_workbench(page: Page, site: Any, sso: Any) -> None:
    code = make_credit_code()
    sso.create_legal_account(username="unitweb", unit_name="芜湖网页测试有限公司", uscc=code)
    page.goto(f"{site.url}/login/")
    page.get_by_test_id("legal-login").click()
    # The 法人用户 tab is preselected by login_hint=legal.
    expect(page.locator(".tab.active")).to_have_text("法人用户")
    page.locator("input[name=username]").fill("unitweb")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    screenshot(page, "idp-legal-login")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="单位工作台")).to_be_visible()
    expect(page.get_by_text("芜湖网页测试有限公司")).to_be_visible()
    expect(page.get_by_text(code)).to_be_visible()
    screenshot(page, "unit-home")
