"""Manual 三 个人业绩库: add a 学历教育 entry with a scanned certificate, submit, the unit approves."""

import io
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import screenshot
from zhicheng.accounts.models import User
from zhicheng.core.identity import mask_id_number
from zhicheng.core.tests import factories as f
from zhicheng.demo.people import DEMO_PASSWORD
from zhicheng.library.models import Entry
from zhicheng.orgs.models import UnitBinding

pytestmark = pytest.mark.browser


@pytest.fixture
def unit_page(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    """The unit's 法人 at another computer: a separate browser context."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def sso_login(page: Page, site: Any, *, username: str, legal: bool = False) -> None:
    page.goto(f"{site.url}/login/")
    page.get_by_test_id("legal-login" if legal else "person-login").click()
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()


def scanned_certificate() -> bytes:
    image = Image.new("RGB", (1200, 850), "#f7f3e8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 1160, 810), outline="#8b0000", width=8)
    draw.text((480, 200), "GRADUATION CERTIFICATE", fill="#222")
    draw.ellipse((900, 600, 1060, 760), outline="#c00", width=6)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def degree_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def assert_in_view_while_the_table_scrolls(action: Any, width: int) -> None:
    """The table is wider than the screen (it scrolls), yet the action is on screen."""
    frame = action.locator("xpath=ancestor::div[contains(@class, 'table-wrap')]")
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
    box = action.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box


def test_an_education_entry_is_submitted_approved_and_becomes_read_only(
    page: Page, unit_page: Page, site: Any, sso: Any
) -> None:
    unit = f.OrganizationFactory(name="合肥市业绩库测试中学")
    sso.create_legal_account(username="libschool", unit_name=unit.name, uscc=unit.credit_code)
    sso.create_account(
        kind="person",
        username="libperson",
        password=DEMO_PASSWORD,
        name="孙七",
        id_number=f.make_id_number("19900303"),
        phone="13912345679",
    )

    # The applicant logs in and completes the first-login page.
    sso_login(page, site, username="libperson")
    expect(page.get_by_role("heading", name="个人注册 · 完善信息")).to_be_visible()
    page.get_by_label("政治面貌").select_option("群众")
    page.get_by_label("民族").select_option("汉族")
    page.get_by_label("电子邮箱").fill("sunqi@example.cn")
    page.get_by_label("工程").check()
    page.locator("input[name=has_unit][value=no]").check()
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", name="个人首页")).to_be_visible()
    person = User.objects.get(name="孙七")
    # The binding itself is the units journey's business; here the unit has already approved it.
    UnitBinding.objects.create(
        person=person, unit=unit, statement="x", status=UnitBinding.Status.APPROVED
    )

    # 个人业绩库 → 学历教育 → 新增.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="个人业绩库").click()
    expect(page.get_by_role("heading", name="个人业绩库")).to_be_visible()
    page.get_by_role("navigation", name="业绩类别").get_by_role("link", name="学历教育").click()
    page.get_by_role("link", name="新增").click()
    expect(page.get_by_role("heading", name="新增学历教育")).to_be_visible()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("请填写院校")).to_be_visible()
    page.get_by_label("入学时间").fill("2008-09-01")
    page.get_by_label("毕业时间").fill("2012-07-01")
    page.get_by_label("院校").fill("安徽建筑大学")
    page.get_by_label("专业").fill("土木工程")
    page.get_by_label("学历").select_option("bachelor")
    page.get_by_label("学位").select_option("bachelor")
    page.get_by_label("学制（年）").fill("4")
    page.get_by_label("学习形式").select_option("full_time")
    page.get_by_label("证书编号").fill("108781201205000321")
    screenshot(page, "library-education-form")
    page.get_by_role("button", name="保存").click()

    # The entry's page: upload the scanned certificate, then submit.
    expect(page.get_by_role("heading", name="学历教育")).to_be_visible()
    page.get_by_label("附件").set_input_files(
        files=[
            {
                "name": "毕业证书扫描件.jpg",
                "mimeType": "image/jpeg",
                "buffer": scanned_certificate(),
            }
        ]
    )
    page.get_by_role("button", name="上传附件").click()
    expect(page.get_by_text("附件已上传")).to_be_visible()
    expect(page.locator(".attachment__name")).to_have_text("毕业证书扫描件.jpg")
    expect(page.locator("img.viewer__image")).to_be_visible()

    # A PDF opens inline in Chromium's viewer, an embedded plugin that the site's object-src 'none'
    # would block: the file response must allow it. (Headless Chromium has no viewer to show, so
    # the step checks the response the iframe gets rather than a console error.)
    page.get_by_label("附件").set_input_files(
        files=[{"name": "学位证书.pdf", "mimeType": "application/pdf", "buffer": degree_pdf()}]
    )
    page.get_by_role("button", name="上传附件").click()
    expect(page.get_by_text("附件已上传")).to_be_visible()
    frame = page.locator("iframe.pdf-frame")
    expect(frame).to_be_visible()
    served = page.request.get(f"{site.url}{frame.get_attribute('src')}")
    assert served.status == 200 and served.headers["content-type"] == "application/pdf"
    policy = served.headers["content-security-policy"]
    assert "object-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert served.headers["content-disposition"].startswith("inline;")
    screenshot(page, "library-entry-draft")
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交 1 条业绩，等待单位审核")).to_be_visible()
    expect(page.locator(".card__title .status")).to_have_text("待审核")
    entry = Entry.objects.get(person=person)
    assert entry.status == Entry.Status.SUBMITTED and entry.unit == unit

    # The unit's 法人 opens the queue, looks at the certificate, approves.
    sso_login(unit_page, site, username="libschool", legal=True)
    expect(unit_page.get_by_role("heading", name="单位工作台")).to_be_visible()
    unit_page.locator(".tile").filter(has_text="业绩审核").click()
    expect(unit_page.get_by_role("heading", name="业绩审核")).to_be_visible()
    expect(unit_page.locator(".breadcrumb")).to_contain_text(unit.name)
    row = unit_page.get_by_role("row").filter(has_text="孙七")
    expect(row).to_contain_text("安徽建筑大学")
    expect(row.get_by_test_id("id-number")).to_have_text(mask_id_number(person.id_number))
    select_all = unit_page.get_by_label("全选本页待审核业绩")
    select_all.check()
    expect(row.get_by_role("checkbox")).to_be_checked()
    select_all.uncheck()
    expect(row.get_by_role("checkbox")).not_to_be_checked()
    screenshot(unit_page, "library-unit-queue")
    # At 360 px the queue scrolls sideways inside its frame, and 审核 (the last column) stays in view.
    unit_page.set_viewport_size({"width": 360, "height": 800})
    assert_in_view_while_the_table_scrolls(row.get_by_role("link", name="审核"), 360)
    screenshot(unit_page, "library-unit-queue-360")
    unit_page.set_viewport_size({"width": 1280, "height": 900})
    row.get_by_role("link", name="审核").click()
    image = unit_page.locator("img.viewer__image")
    expect(image).to_be_visible()
    image.click()
    expect(image).to_have_class("viewer__image zoom-2")
    screenshot(unit_page, "library-unit-entry-zoomed")
    unit_page.get_by_role("button", name="原始比例").click()
    unit_page.get_by_label("通过").check()
    unit_page.get_by_role("button", name="确定").click()
    expect(unit_page.get_by_text("审核完成")).to_be_visible()
    expect(unit_page.get_by_text("没有符合条件的业绩")).to_be_visible()

    # Back at the applicant: 已通过, and nothing can be changed any more.
    page.reload()
    expect(page.locator(".card__title .status")).to_have_text("已通过")
    expect(page.get_by_role("link", name="修改")).to_have_count(0)
    expect(page.get_by_role("button", name="上传附件")).to_have_count(0)
    expect(page.get_by_role("button", name="删除附件")).to_have_count(0)
    expect(page.get_by_role("button", name="提交审核")).to_have_count(0)
    screenshot(page, "library-entry-approved")
    page.goto(f"{site.url}/library/{entry.pk}/edit/")
    expect(page.get_by_text("该业绩已提交审核或已审核通过，不能修改")).to_be_visible()
    page.goto(f"{site.url}/library/")
    expect(page.get_by_role("row").filter(has_text="安徽建筑大学")).to_contain_text("已通过")
    screenshot(page, "library-index")
    page.set_viewport_size({"width": 360, "height": 800})
    row = page.get_by_role("row").filter(has_text="安徽建筑大学")
    assert_in_view_while_the_table_scrolls(row.get_by_role("link", name="查看"), 360)
    screenshot(page, "library-index-360")
