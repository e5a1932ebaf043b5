"""The documents render from plain data: text present, nothing cut off, footers, fonts embedded."""

import io
import re
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from pypdf import PdfReader

from zhicheng.documents import fonts
from zhicheng.documents.checks import check_cjk_fonts
from zhicheng.documents.pledge import PLEDGE_TEXT, PLEDGE_TITLE, pledge_paragraphs, pledge_pdf
from zhicheng.documents.render import DocumentError, render_pdf
from zhicheng.documents.review_form import Section, review_form_pdf
from zhicheng.documents.samples import (
    SAMPLE_PLAN,
    achievement_row,
    sample_photo,
    sample_review_form,
)


def normalised(text: str) -> str:
    # Line breaks, spaces between CJK and Latin, and the zero-width break points long tokens get
    # are layout, not content.
    return re.sub(r"[\s\u200b]+", "", text)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def appears_in_pieces(needle: str, haystack: str, *, max_pieces: int = 4) -> bool:
    """`needle` occurs in order in at most `max_pieces` runs: a wrapped table cell is extracted line by
    line, interleaved with its neighbours' lines."""
    position, rest, pieces = 0, needle, 0
    while rest:
        length = len(rest)
        while length and haystack.find(rest[:length], position) < 0:
            length -= 1
        if not length:
            return False
        position = haystack.find(rest[:length], position) + length
        rest, pieces = rest[length:], pieces + 1
    return pieces <= max_pieces


def test_the_pledge_has_its_title_the_plan_and_every_word_of_the_pledge():
    pdf = pledge_pdf(plan_name=SAMPLE_PLAN, year=2026, applicant_name="张三")
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = normalised(pages[0])
    assert normalised(PLEDGE_TITLE) in text
    assert SAMPLE_PLAN in text
    for paragraph in pledge_paragraphs(plan_name=SAMPLE_PLAN, year=2026):
        assert normalised(paragraph) in text
    for blank in ("承诺人（签字）", "身份证号", "日期", "年", "月", "日", "张三"):
        assert blank in text
    assert "第1页共1页" in text


def test_the_dialog_and_the_template_share_the_pledge_text():
    paragraphs = pledge_paragraphs(plan_name=SAMPLE_PLAN, year=2026)
    assert paragraphs[1:] == PLEDGE_TEXT
    assert SAMPLE_PLAN in paragraphs[0] and "2026" in paragraphs[0]


@pytest.fixture(scope="module")
def pages_of_200_rows() -> list[str]:
    return page_texts(review_form_pdf(sample_review_form(achievements=200, photo=sample_photo())))


def test_a_200_row_review_form_runs_over_pages_with_every_row_and_every_footer(pages_of_200_rows):
    pages = pages_of_200_rows
    total = len(pages)
    assert total > 1
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{total}页" in normalised(page)
    text = normalised("".join(pages))
    for number in range(1, 201):
        for cell in achievement_row(number):
            assert appears_in_pieces(normalised(cell), text), (number, cell)
    for heading in (
        "专业技术资格评审表",
        "基本情况",
        "学历",
        "工作经历",
        "继续教育",
        "年度考核",
        "业绩成果",
        "论文著作",
        "单位推荐意见",
        "主管部门意见",
        "人社部门意见",
        "评委会意见",
        "公示时间",
        "公示地点",
        "公示结果",
        "出席",
        "弃权",
        "（盖章）",
    ):
        assert heading in text or appears_in_pieces(heading, text), heading


def test_table_headers_repeat_on_every_page_a_table_spans(pages_of_200_rows):
    achievement_pages = [p for p in pages_of_200_rows if "AH-" in p]
    assert len(achievement_pages) > 3
    for page in achievement_pages:
        assert "本人作用/排名" in page


def test_no_text_is_placed_outside_the_page():
    pdf = review_form_pdf(sample_review_form(achievements=30, decided=True))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        outside: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, font, size, outside=outside, width=width, height=height):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and not (0 <= x <= width and 0 <= y <= height):
                outside.append((text, x, y))

        page.extract_text(visitor_text=visit)
        assert outside == []


def test_decided_values_are_printed_in_the_offices_boxes():
    text = normalised("".join(page_texts(review_form_pdf(sample_review_form(decided=True)))))
    for value in ("2026年5月6日", "2026年5月12日", "无异议", "同意推荐", "通过"):
        assert value in text


def test_fonts_are_the_noto_cjk_faces_and_embedded():
    pdf = review_form_pdf(sample_review_form(achievements=5, photo=sample_photo()))
    seen = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            seen.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("NotoSerifCJKsc" in name for name in seen)
    assert any("NotoSansCJKsc" in name for name in seen)


def test_rows_must_match_their_columns():
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        Section("学历", ("a", "b", "c"), [["1", "2"]])


def test_a_character_no_font_has_is_refused_not_drawn_as_a_box():
    with pytest.raises(DocumentError, match="U\\+2A6A5"):
        pledge_pdf(plan_name="计划", year=2026, applicant_name="王\U0002a6a5")


def test_images_are_passed_as_files_and_bad_names_refused():
    pdf = render_pdf("review_form", _payload_with_photo(), files={"photo.jpg": sample_photo()})
    assert PdfReader(io.BytesIO(pdf)).pages[1].images
    with pytest.raises(ValueError):
        render_pdf("pledge", {}, files={"../x.jpg": b""})
    with pytest.raises(ValueError):
        render_pdf("../pledge", {})


def _payload_with_photo():
    from zhicheng.documents.review_form import review_form_payload

    payload, _files = review_form_payload(sample_review_form(photo=sample_photo()))
    return payload


@pytest.fixture
def no_fonts(settings, tmp_path):
    settings.ZHICHENG_FONT_DIRS = [str(tmp_path)]
    yield
    fonts._scan_cached.cache_clear()


def test_missing_fonts_fail_with_a_clear_message(no_fonts):
    with pytest.raises(ImproperlyConfigured, match="fonts-noto-cjk") as error:
        pledge_pdf(plan_name="计划", year=2026)
    assert "中文字体缺失" in str(error.value)
    assert "Noto Serif CJK SC" in str(error.value)


def test_the_system_check_reports_missing_fonts(no_fonts):
    errors = check_cjk_fonts()
    assert [e.id for e in errors] == ["documents.E001"]


def test_the_system_check_passes_with_the_fonts_installed():
    assert check_cjk_fonts() == []
