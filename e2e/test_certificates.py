"""Manual 五(二)3 补换证, both cases, in Chromium: the person asks, the unit, the next node and the
issuing authority approve, the person uploads a photo where needed and downloads the new certificate;
the old one's verification page says 已换发 and points at the new one."""

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import screenshot
from zhicheng import conftest as platform_conftest
from zhicheng.certificates.models import Certificate, ReplacementRequest
from zhicheng.certificates.tests.factories import issue, issuer_org
from zhicheng.library.tests.factories import bind

pytestmark = pytest.mark.browser

# The platform suite's `cast` fixture (one ready-made person per role), used here as well.
cast = platform_conftest.cast


@pytest.fixture
def contexts(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Any]:
    opened: list[Any] = []

    def open_as(user: Any, site: Any, *, width: int = 1280) -> Page:
        client = Client()
        client.force_login(user)
        context = browser.new_context(
            **{**browser_context_args, "viewport": {"width": width, "height": 900}}
        )
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                    "url": site.url,
                }
            ]
        )
        opened.append(context)
        return context.new_page()

    yield open_as
    for context in opened:
        context.close()


def _pdf(tmp_path: Any) -> str:
    from zhicheng.documents.pledge import pledge_pdf

    path = tmp_path / "原证书扫描件.pdf"
    path.write_bytes(pledge_pdf(plan_name="证明", year=2026))
    return str(path)


def _approve_all(contexts: Any, site: Any, cast: Any, person_name: str) -> None:
    """单位 → 主管部门 (the unit's parent) → 发证机关, each with 通过 and an 意见."""
    issuer = issuer_org(cast)
    for user, org in (
        (cast.unit_admin, cast.unit),
        (cast.dept_reviewer, cast.unit.parent),
        (cast.issuer, issuer),
    ):
        page = contexts(user, site)
        page.goto(f"{site.url}/replacements/{org.pk}/")
        page.get_by_role("row", name=person_name).get_by_role("link", name="审核").click()
        expect(page.get_by_test_id("route")).to_be_visible()
        page.get_by_label("通过").check()
        page.get_by_label("意见").fill("情况属实，同意")
        page.get_by_role("button", name="提交").click()
        expect(page.get_by_text("审核意见已提交")).to_be_visible()
        page.context.close()


def _row(page: Page, number: str) -> Any:
    return (
        page.get_by_test_id("certificates")
        .locator("tr")
        .filter(has=page.get_by_role("cell", name=number, exact=True))
    )


def _run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_case_two_a_certificate_in_the_list_is_replaced(
    contexts: Any, site: Any, cast: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CERTIFICATE_PUBLIC_ORIGIN = site.url
    bind(cast.applicant, cast.unit)
    old = issue(cast, unit_name="测试学校（旧名）")
    page = contexts(cast.applicant, site)
    page.goto(f"{site.url}/me/titles/")
    _row(page, old.number).get_by_role("link", name="补换证").click()
    page.get_by_label("补换原因").select_option("wrong")
    page.get_by_label("工作单位").fill("测试学校")
    page.get_by_label("申请说明").fill("单位更名，申请换证")
    page.get_by_label("佐证材料").set_input_files(_pdf(tmp_path))
    screenshot(page, "replacement-case-two-form")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("补换证申请已提交，待单位审核")).to_be_visible()
    expect(page.get_by_test_id("route")).to_contain_text("单位审核")
    _approve_all(contexts, site, cast, cast.applicant.name)
    _run_worker()
    page.goto(f"{site.url}/me/titles/")
    request = ReplacementRequest.objects.get()
    new = request.new_certificate
    assert new is not None
    expect(_row(page, new.number)).to_contain_text("有效")
    expect(_row(page, old.number)).to_contain_text("已换发")
    page.goto(f"{site.url}/me/replacements/{request.pk}/")
    expect(page.get_by_test_id("route")).to_contain_text("发证机关审核")
    screenshot(page, "replacement-case-two-flow")
    page.get_by_role("link", name="下载").click()
    expect(page.locator("iframe.pdf-frame")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_test_id("download").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(f"{site.url}/v/{old.number}/")
    expect(page.get_by_test_id("public-status")).to_have_text("已换发")
    page.get_by_test_id("replaced-by").click()
    expect(page.get_by_test_id("public-status")).to_have_text("有效")
    assert Certificate.objects.get(pk=old.pk).status == Certificate.Status.REPLACED


def test_case_one_a_certificate_not_in_the_list_needs_a_photo_then_downloads(
    contexts: Any, site: Any, cast: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CERTIFICATE_PUBLIC_ORIGIN = site.url
    bind(cast.applicant, cast.unit)
    issuer = issuer_org(cast)
    page = contexts(cast.applicant, site, width=360)
    page.goto(f"{site.url}/me/titles/")
    page.get_by_role("link", name="新增").click()
    page.get_by_label("补换原因").select_option("lost")
    page.get_by_label("原证书编号").fill("皖2012000456")
    page.get_by_label("工作单位").fill("测试学校")
    page.get_by_label("系列").select_option("中小学教师")
    page.get_by_label("专业").fill("物理")
    page.get_by_label("资格名称").fill("一级教师")
    page.get_by_label("级别").select_option("中级")
    page.get_by_label("取得方式").select_option("review")
    page.get_by_label("评委会").fill("安徽省中小学教师中级职称评审委员会")
    page.get_by_label("评审通过时间").fill("2012-11-20")
    page.get_by_label("核准文号").fill("皖职改〔2012〕9号")
    page.get_by_label("发证机关").select_option(str(issuer.pk))
    page.get_by_label("申请说明").fill("原纸质证书遗失")
    page.get_by_label("佐证材料").set_input_files(_pdf(tmp_path))
    screenshot(page, "replacement-case-one-form-360")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("补换证申请已提交，待单位审核")).to_be_visible()
    _approve_all(contexts, site, cast, cast.applicant.name)
    page.goto(f"{site.url}/me/titles/")
    page.get_by_test_id("replacements").get_by_role("link", name="上传").click()
    source = tmp_path / "photo.png"
    Image.new("RGB", (600, 840), (120, 150, 190)).save(source)
    expect(page.locator("[data-photo-form][data-photo-ready]")).to_have_count(1)
    page.locator("input[type=file]").set_input_files(str(source))
    expect(page.locator(".cropper-container")).to_be_visible()
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("照片已上传，证书正在生成")).to_be_visible()
    status = page.get_by_test_id("certificates").locator(".cert-status").first
    expect(status).to_contain_text("生成中")
    screenshot(page, "mine-generating-360")
    _run_worker()
    # The status cell polls itself: no reload, the 下载 button appears.
    expect(status.get_by_role("link", name="下载")).to_be_visible(timeout=10_000)
    screenshot(page, "mine-valid-360")
    status.get_by_role("link", name="下载").click()
    expect(page.locator("iframe.pdf-frame")).to_be_visible()
    certificate = Certificate.objects.get(source=Certificate.Source.REPLACEMENT)
    assert certificate.status == Certificate.Status.VALID and certificate.photo
    with io.BytesIO(certificate.pdf.open("rb").read()) as handle:
        assert handle.read(5) == b"%PDF-"
