"""Manual 一①–④ and 五(一): the three binding paths, unit registration, and the photo, in Chromium."""

import io
import os
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import screenshot
from zhicheng.core.tests import factories as f
from zhicheng.demo.people import DEMO_PASSWORD
from zhicheng.orgs.models import Membership, Organization, UnitBinding

pytestmark = pytest.mark.browser


@pytest.fixture
def second_page(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    """Another person at another computer: a separate browser context (own cookies)."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def sso_login(page: Page, site: Any, *, username: str, legal: bool = False) -> None:
    page.goto(f"{site.url}/login/")
    page.get_by_test_id("legal-login" if legal else "person-login").click()
    page.wait_for_load_state()
    # A browser still logged in at the SSO comes straight back, as with the real one.
    if page.locator("input[name=username]").is_visible():
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()


def staff_login(page: Page, site: Any, *, username: str) -> None:
    page.goto(f"{site.url}/accounts/login/")
    page.get_by_label("账号").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def new_person(sso: Any, username: str, name: str) -> None:
    sso.create_account(
        kind="person",
        username=username,
        password=DEMO_PASSWORD,
        name=name,
        id_number=f.make_id_number("19900101"),
        phone="13912345678",
    )


def fill_first_login(page: Page) -> None:
    expect(page.get_by_role("heading", name="个人注册 · 完善信息")).to_be_visible()
    page.get_by_label("政治面貌").select_option("群众")
    page.get_by_label("民族").select_option("汉族")
    page.get_by_label("电子邮箱").fill("person@example.cn")
    page.get_by_label("工程").check()


def choose_unit(page: Page, query: str, name: str) -> None:
    page.get_by_role("button", name="选择单位").click()
    dialog = page.locator("dialog[open]")
    expect(dialog.get_by_role("heading", name="选择单位")).to_be_visible()
    dialog.get_by_placeholder("输入单位名称").fill(query)
    row = dialog.get_by_role("listitem").filter(has_text=name)
    expect(row).to_be_visible()
    screenshot(page, "unit-search-dialog")
    row.get_by_role("button", name="选择").click()
    expect(page.locator("[data-unit-label]")).to_have_text(name)


def test_the_applicant_binds_to_a_unit_and_the_unit_approves(
    page: Page, second_page: Page, site: Any, sso: Any
) -> None:
    unit = f.OrganizationFactory(name="合肥市浏览器测试中学")
    sso.create_legal_account(username="browserschool", unit_name=unit.name, uscc=unit.credit_code)
    new_person(sso, "bindme", "赵六")

    # 是 → 选择单位 → search by part of the name → 选择 → 申请说明 → 提交.
    sso_login(page, site, username="bindme")
    fill_first_login(page)
    page.locator("input[name=has_unit][value=yes]").check()
    expect(page.get_by_text("是否同步注册单位", exact=True)).to_be_visible()
    choose_unit(page, "浏览器测试", unit.name)
    page.get_by_label("申请说明").fill("2018年入职，从事物理教学")
    # The counter under a field with a maxlength follows the typing (templates/_field.html).
    expect(page.locator("[data-char-count=id_statement]")).to_have_text("已输入 14/500 字")
    screenshot(page, "first-login-with-unit")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("单位绑定申请已提交")).to_be_visible()
    expect(page.get_by_text(f"单位绑定申请（{unit.name}）待单位审核")).to_be_visible()

    # The unit's legal person approves.
    sso_login(second_page, site, username="browserschool", legal=True)
    expect(second_page.get_by_role("heading", name="单位工作台")).to_be_visible()
    second_page.get_by_role("link", name="待审核绑定申请").click()
    row = second_page.get_by_role("row").filter(has_text="赵六")
    expect(row).to_contain_text("2018年入职")
    select_all = second_page.get_by_label("全选本页待审核申请")
    select_all.check()
    expect(row.get_by_role("checkbox")).to_be_checked()
    select_all.uncheck()
    expect(row.get_by_role("checkbox")).not_to_be_checked()
    screenshot(second_page, "unit-binding-requests")
    second_page.set_viewport_size({"width": 360, "height": 800})
    screenshot(second_page, "unit-binding-requests-360")
    assert second_page.evaluate("document.documentElement.scrollWidth") <= 360
    second_page.set_viewport_size({"width": 1280, "height": 900})
    row.get_by_role("button", name="通过").click()
    expect(second_page.get_by_text("赵六的绑定申请已通过")).to_be_visible()
    second_page.get_by_role("link", name="本单位人员").click()
    expect(second_page.get_by_role("row").filter(has_text="赵六")).to_be_visible()

    page.reload()
    expect(page.locator(".facts").get_by_text(unit.name)).to_be_visible()


def test_unit_not_found_then_the_unit_registers_and_the_person_changes_unit(
    page: Page, second_page: Page, site: Any, sso: Any
) -> None:
    hr = f.HrDepartmentFactory(name="合肥市蜀山区人力资源和社会保障局", region_code="340104")
    reviewer = f.UserFactory(username="shushanhr")
    f.MembershipFactory(user=reviewer, organization=hr, role=Membership.Role.REVIEWER)
    code = f.make_credit_code()
    sso.create_legal_account(username="latecomer", unit_name="蜀山晚到科技有限公司", uscc=code)
    new_person(sso, "notfound", "钱七")

    # ③: the search finds nothing; close it, 是否同步注册单位 否, 提交.
    sso_login(page, site, username="notfound")
    fill_first_login(page)
    page.locator("input[name=has_unit][value=yes]").check()
    page.get_by_role("button", name="选择单位").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_placeholder("输入单位名称").fill("晚到科技")
    expect(dialog.get_by_text("未查询到匹配的单位")).to_be_visible()
    screenshot(page, "unit-search-not-found")
    dialog.get_by_role("button", name="关闭").click()
    page.locator("input[name=sync_unit][value=no]").check()
    expect(page.get_by_role("button", name="选择单位")).to_be_hidden()
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("通过“法人登录”注册本单位")).to_be_visible()

    # The unit registers through 法人登录; the county HR department approves.
    sso_login(second_page, site, username="latecomer", legal=True)
    expect(second_page.get_by_text("本单位尚未在本系统注册")).to_be_visible()
    second_page.get_by_role("link", name="单位注册").click()
    expect(second_page.get_by_text(code)).to_be_visible()
    second_page.get_by_label("所在县区人社部门").select_option(label=hr.name)
    second_page.get_by_label("联系电话").fill("13900001111")
    screenshot(second_page, "unit-register")
    second_page.get_by_role("button", name="提交注册申请").click()
    expect(second_page.get_by_text("正在等待")).to_be_visible()
    second_page.get_by_role("button", name="退出").click()
    staff_login(second_page, site, username="shushanhr")
    second_page.get_by_role("link", name="待审核单位注册").click()
    row = second_page.get_by_role("row").filter(has_text="蜀山晚到科技有限公司")
    screenshot(second_page, "hr-registrations")
    row.get_by_role("button", name="通过").click()
    expect(second_page.get_by_text("蜀山晚到科技有限公司的注册申请已通过")).to_be_visible()
    second_page.get_by_role("button", name="退出").click()

    # 个人中心 → 变更单位 → the unit approves.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="个人中心").click()
    page.get_by_role("link", name="变更单位").click()
    choose_unit(page, "晚到", "蜀山晚到科技有限公司")
    page.get_by_label("申请说明").fill("本人为公司技术负责人")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("单位绑定申请已提交，待单位审核通过后生效")).to_be_visible()
    sso_login(second_page, site, username="latecomer", legal=True)
    second_page.get_by_role("link", name="待审核绑定申请").click()
    second_page.get_by_role("row").filter(has_text="钱七").get_by_role(
        "button", name="通过"
    ).click()
    expect(second_page.get_by_text("钱七的绑定申请已通过")).to_be_visible()
    page.reload()
    expect(page.locator(".facts").get_by_text("蜀山晚到科技有限公司")).to_be_visible()


def test_a_freelancer_binds_to_the_county_hr_department(
    page: Page, second_page: Page, site: Any, sso: Any
) -> None:
    hr = f.HrDepartmentFactory(name="肥西县人力资源和社会保障局", region_code="340123")
    reviewer = f.UserFactory(username="feixihr")
    f.MembershipFactory(user=reviewer, organization=hr, role=Membership.Role.REVIEWER)
    new_person(sso, "freelancer", "孙八")
    sso_login(page, site, username="freelancer")
    fill_first_login(page)
    page.locator("input[name=has_unit][value=no]").check()
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", name="个人首页")).to_be_visible()

    # ④: 个人中心 → 变更单位 → 是否自由职业者 是 → the county HR department as the unit.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="个人中心").click()
    page.get_by_role("link", name="变更单位").click()
    page.locator("input[name=is_freelancer][value=yes]").check()
    choose_unit(page, "肥西", hr.name)
    page.get_by_label("申请说明").fill("自由职业者，从事工程设计咨询")
    screenshot(page, "freelancer-binding")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "freelancer-binding-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("单位绑定申请已提交")).to_be_visible()

    staff_login(second_page, site, username="feixihr")
    second_page.get_by_role("link", name="待审核绑定申请").click()
    row = second_page.get_by_role("row").filter(has_text="孙八")
    expect(row).to_contain_text("自由职业者")
    row.get_by_role("button", name="通过").click()
    expect(second_page.get_by_text("孙八的绑定申请已通过")).to_be_visible()
    binding = UnitBinding.objects.get(person__name="孙八", status="approved")
    assert binding.is_freelancer and binding.unit == hr
    assert hr.kind == Organization.Kind.HR


def test_photo_upload_with_zoom_and_rotate(
    page: Page, site: Any, sso: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    new_person(sso, "photographed", "周九")
    sso_login(page, site, username="photographed")
    fill_first_login(page)
    page.locator("input[name=has_unit][value=no]").check()
    page.get_by_role("button", name="提交").click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="个人中心").click()
    page.locator(".photo-box").get_by_role("link", name="上传照片").click()

    # Refused at once, before 提交: a file that only claims to be a PNG, and an original over
    # 10 MB (the cropped picture sent on 提交 would be small enough to pass the server's check).
    name = page.locator("[data-photo-name]")
    expect(page.locator("[data-photo-form][data-photo-ready]")).to_have_count(1)
    fake = {"name": "照片.png", "mimeType": "image/png", "buffer": b"not a picture"}
    page.locator("input[type=file]").set_input_files(fake)
    expect(name).to_have_text("照片.png：无法识别为图片，请选择 JPG 或 PNG 格式的照片")
    expect(page.locator(".cropper-container")).to_have_count(0)
    expect(page.locator("[data-photo-source]")).to_be_hidden()
    big = io.BytesIO()
    Image.frombytes("RGB", (2300, 2200), os.urandom(2300 * 2200 * 3)).save(
        big, "PNG", compress_level=0
    )
    assert big.tell() > 14 * 1024 * 1024
    payload = {"name": "大照片.png", "mimeType": "image/png", "buffer": big.getvalue()}
    page.locator("input[type=file]").set_input_files(payload)
    expect(name).to_contain_text("大照片.png：照片不能超过 10 MB（所选文件 14.")
    expect(page.locator(".cropper-container")).to_have_count(0)

    # A landscape picture: the crop box keeps the two-inch proportions whatever the source.
    source = tmp_path / "source.png"
    image = Image.new("RGB", (1200, 800), (30, 90, 160))
    for x in range(500, 700):
        for y in range(200, 600):
            image.putpixel((x, y), (240, 200, 160))
    image.save(source)
    page.locator("input[type=file]").set_input_files(str(source))
    expect(page.locator(".cropper-container")).to_be_visible()
    page.get_by_role("button", name="放大").click()
    page.get_by_role("button", name="放大").click()
    page.get_by_role("button", name="缩小").click()
    page.get_by_role("button", name="向右旋转").click()
    page.get_by_role("button", name="向左旋转").click()
    page.get_by_role("button", name="向右旋转").click()
    expect(page.locator("[data-photo-preview] img")).to_be_visible()
    screenshot(page, "photo-cropper", full_page=False)
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("照片已上传")).to_be_visible()
    screenshot(page, "profile-with-photo")

    from zhicheng.accounts.models import User

    stored = User.objects.get(name="周九").photo
    with open(settings.MEDIA_ROOT / stored.name, "rb") as handle:
        result = Image.open(io.BytesIO(handle.read()))
    assert result.format == "JPEG"
    assert result.size == (413, 579)
    # The light block in the middle is 200 x 400 px upright; after a net quarter turn it lies
    # across: light left of centre at mid-height, blue above the centre.
    rgb = result.convert("RGB")
    assert rgb.getpixel((110, 289))[0] > 150  # type: ignore[index]
    assert rgb.getpixel((206, 200))[0] < 100  # type: ignore[index]

    # Hover the photo: 修改 and 删除.
    page.locator(".photo-box").hover()
    expect(page.locator(".photo-box").get_by_role("link", name="修改")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".photo-box").get_by_role("button", name="删除").click()
    expect(page.get_by_text("照片已删除")).to_be_visible()
