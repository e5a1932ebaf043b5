"""Manual 四(二) in the browser: 马上申报 → 申报职称选择 → 诚信承诺书 → every section → 申报一览表 →
开始检测 (first failing, then fixed) → 提交审核, for an 工程 exam specialty (化工工程, 笔试申请表).

The person logs in with a session made on the server (the SSO login has its own journeys in
test_login_journeys.py); their library entries are approved ones, as the unit would leave them.
"""

from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from e2e.conftest import screenshot
from zhicheng.applications.models import Application
from zhicheng.applications.tests.factories import K, approved_entry, world
from zhicheng.core.tests import factories as f
from zhicheng.library.tests.factories import pdf_bytes, png_bytes
from zhicheng.orgs.models import Organization

pytestmark = pytest.mark.browser


def log_in(page: Page, site: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site.url}]
    )


def test_an_exam_specialty_application_from_apply_now_to_submission(
    page: Page, site: Any, tmp_path: Any
) -> None:
    # A unit whose chain of parents reaches the province 人社厅: 提交审核 computes the review route.
    province = f.HrDepartmentFactory(
        level=Organization.Level.PROVINCE, region_code="340000", name="安徽省人社厅"
    )
    city = f.HrDepartmentFactory(
        level=Organization.Level.CITY, region_code="340100", name="合肥市人社局", parent=province
    )
    unit = f.OrganizationFactory(name="合肥化工设计院", is_public_institution=True, parent=city)
    w = world(SimpleNamespace(applicant=f.PersonFactory(name="钱工"), unit=unit))
    for kind in (K.WORK, K.EDUCATION, K.TRAINING, K.APPRAISAL, K.PROJECT, K.PAPER):
        approved_entry(w.person, w.unit, kind)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes())
    photo = tmp_path / "photo.png"
    photo.write_bytes(png_bytes(300, 420, "#d8e4f0"))
    log_in(page, site, w.person)

    # 职称申报 → 评审计划 → 查看 → 马上申报
    page.goto(f"{site.url}/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="职称申报").click()
    page.get_by_role("navigation", name="职称申报").get_by_role("link", name="评审计划").click()
    page.get_by_role("link", name=f"查看 {w.plan.name}").click()
    page.get_by_role("button", name="马上申报").click()

    # 申报职称选择: 申报形式, 申报专业, 申报职称, 评审标准, 确认无误, 提交
    expect(page.get_by_role("heading", name="申报职称选择")).to_be_visible()
    page.get_by_label("常规申报").check()
    page.get_by_label("申报专业").select_option(label="化工工程（需笔试）")
    page.get_by_label("申报职称").select_option("高级工程师")
    page.get_by_label(w.standard.name).check()
    page.get_by_label("确认无误").check()
    screenshot(page, "applications-choose-1280")
    page.get_by_role("button", name="提交").click()

    # 诚信承诺书
    expect(page.get_by_role("heading", name="诚信承诺书")).to_be_visible()
    expect(page.get_by_role("link", name="点击下载承诺书模板")).to_be_visible()
    screenshot(page, "applications-pledge-1280")
    page.get_by_label("我已阅读并承诺").check()
    page.get_by_role("button", name="同意并继续").click()

    # 基本信息
    expect(page.get_by_role("heading", name="基本信息", exact=True)).to_be_visible()
    page.get_by_role("link", name="上传照片").click()
    page.locator("input[name=photo]").set_input_files(str(photo))
    page.get_by_role("button", name="提交").click()
    page.get_by_label("手机号码").fill("13800000000")
    page.get_by_label("参加工作时间").fill("2008-07")
    page.get_by_label("现从事专业").fill("化工工艺")
    page.get_by_label("现任职务（岗位）").fill("项目负责人")
    page.get_by_label("从事工程技术领域").fill("化工工程")
    page.get_by_label("注册执业资格").fill("无")
    page.get_by_label("工作年限").fill("15")
    page.get_by_label("专业年限").fill("20")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("专业年限大于工作年限，已自动调整为工作年限")).to_be_visible()
    expect(page.get_by_label("专业年限")).to_have_value("15")
    # 现有职称情况 with its 评聘情况 (the unit is a 事业单位)
    page.locator("#titles").get_by_role("link", name="新增").click()
    panel = page.get_by_test_id("title-panel")
    panel.locator("[name=name]").fill("工程师")
    panel.locator("[name=level]").fill("中级")
    panel.locator("[name=specialty]").fill("化工工艺")
    panel.locator("[name=obtained_by]").select_option("review")
    panel.locator("[name=obtained_on]").fill("2015-12-01")
    panel.locator("[name=certificate_number]").fill("GC2015001")
    panel.locator("[name=issuer]").fill("合肥市人社局")
    panel.get_by_role("button", name="保存", exact=True).click()
    panel = page.get_by_test_id("title-panel")
    panel.locator("[name=unit]").fill(w.unit.name)
    panel.locator("[name=post]").fill("工程师")
    panel.locator("[name=starts_on]").fill("2016-01-01")
    panel.locator("[name=document_number]").fill("人字〔2016〕1号")
    panel.get_by_role("button", name="保存评聘情况").click()
    screenshot(page, "applications-title-panel-1280")
    page.get_by_role("link", name="关闭").click()

    # 学历教育 (合格学历), 年度考核 (already 合格 from 优秀), 工作经历, 继续教育: 导入 → 保存
    for section in ("工作经历", "学历教育", "继续教育", "年度考核"):
        page.get_by_role("navigation", name="申报栏目").get_by_role("link", name=section).click()
        page.get_by_role("link", name="导入").click()
        dialog = page.get_by_test_id("import-dialog")
        dialog.locator("input[name=entries]").first.check()
        dialog.get_by_role("button", name="保存").click()
        expect(page.get_by_text("已导入1条")).to_be_visible()
    page.get_by_role("navigation", name="申报栏目").get_by_role("link", name="学历教育").click()
    page.get_by_role("button", name="合格学历").click()
    expect(page.locator(".tag", has_text="合格学历")).to_be_visible()

    # 申报业绩: both categories of the standard
    page.get_by_role("navigation", name="申报栏目").get_by_role("link", name="申报业绩").click()
    for category in w.categories:
        page.locator(f"#category-{category.pk}").get_by_role("link", name="导入").click()
        dialog = page.get_by_test_id("import-dialog")
        dialog.locator("input[name=entries]").first.check()
        dialog.get_by_role("button", name="保存").click()
    screenshot(page, "applications-performance-1280")

    # 开始检测: 附件 are missing (笔试申请表 too) → 不符合, 提交审核 is off
    page.get_by_role("navigation", name="申报栏目").get_by_role("link", name="开始检测").click()
    results = page.get_by_test_id("check-results")
    expect(results.get_by_text("不符合")).to_be_visible()
    expect(results).to_contain_text("笔试申请表")
    expect(page.get_by_role("button", name="提交审核")).to_be_disabled()
    screenshot(page, "applications-check-failing-1280")
    page.set_viewport_size({"width": 360, "height": 780})
    screenshot(page, "applications-check-failing-360")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 附件上传: every required slot, then rename one by clicking its name
    page.get_by_role("navigation", name="申报栏目").get_by_role("link", name="附件上传").click()
    for slot in w.plan.slots.filter(required=True):
        page.locator(f"#slot-{slot.pk} input[type=file]").set_input_files(str(scan))
        page.locator(f"#slot-{slot.pk}").get_by_role("button", name="上传").click()
    page.locator(f"#slot-{w.pledge_slot.pk} summary.attachment__name").click()
    page.locator(f"#slot-{w.pledge_slot.pk} input[name=display_name]").fill(
        "职称申报承诺书（本人签字）"
    )
    page.locator(f"#slot-{w.pledge_slot.pk}").get_by_role("button", name="保存名称").click()
    expect(page.get_by_text("职称申报承诺书（本人签字）")).to_be_visible()
    page.set_viewport_size({"width": 360, "height": 780})
    screenshot(page, "applications-attachments-360")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 结果一览表
    page.get_by_role("navigation", name="申报栏目").get_by_role("link", name="附件一览表").click()
    expect(page.get_by_role("link", name="查看附件").first).to_be_visible()
    page.get_by_role("navigation", name="申报栏目").get_by_role("link", name="申报一览表").click()
    nav = page.get_by_role("navigation", name="申报一览表导航")
    expect(nav.get_by_role("link", name="学历教育")).to_be_visible()
    screenshot(page, "applications-overview-1280")
    page.set_viewport_size({"width": 360, "height": 780})
    screenshot(page, "applications-overview-360")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 开始检测 again: all 符合 → 提交审核
    page.get_by_role("navigation", name="申报栏目").get_by_role("link", name="开始检测").click()
    expect(page.get_by_test_id("check-results").get_by_text("不符合")).to_have_count(0)
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核，请等待单位审核")).to_be_visible()
    record = page.get_by_test_id("current-application")
    expect(record).to_contain_text("审核中")
    page.locator("summary", has_text="流程").click()
    expect(page.get_by_test_id("flow")).to_contain_text("合肥化工设计院")
    screenshot(page, "applications-submitted-1280")
    assert Application.objects.get().status == "submitted"
