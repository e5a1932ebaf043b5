"""The 职称系列 data file, and the demo data of the manual's two examples."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zhicheng.core.reference import TITLE_SERIES
from zhicheng.core.titles import (
    Level,
    TitleDataError,
    parse_series,
    series_by_name,
    series_names,
    title_names_at,
    title_series,
)
from zhicheng.plans.models import EvaluationStandard, ReviewPlan


def test_the_data_file_holds_the_national_series_with_titles_per_level() -> None:
    assert TITLE_SERIES[:4] == ["高等学校教师", "中等职业学校教师", "技工院校教师", "中小学教师"]
    assert len(TITLE_SERIES) == 28 and "工程" in TITLE_SERIES and "卫生" in TITLE_SERIES
    engineering = series_by_name("工程")
    assert engineering is not None
    assert [(t.level, t.grade, t.name) for t in engineering.titles] == [
        (Level.JUNIOR, "员级", "技术员"),
        (Level.JUNIOR, "助理级", "助理工程师"),
        (Level.INTERMEDIATE, "", "工程师"),
        (Level.DEPUTY_SENIOR, "", "高级工程师"),
        (Level.SENIOR, "", "正高级工程师"),
    ]
    assert title_names_at("中小学教师", Level.JUNIOR) == ["三级教师", "二级教师"]
    assert title_names_at("中小学教师", Level.SENIOR) == ["正高级教师"]
    # 卫生 has four tracks: 医, 药, 护, 技.
    assert title_names_at("卫生", Level.DEPUTY_SENIOR) == [
        "副主任医师",
        "副主任药师",
        "副主任护师",
        "副主任技师",
    ]
    assert title_names_at("不存在的系列", Level.SENIOR) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[series]]\nname = "X"\ntitles = [{ level = "高级", name = "a" }]', "级别“高级”"),
        ('[[series]]\nname = "X"\ntitles = [{ level = "初级", name = "a" }]', "须注明 grade"),
        (
            '[[series]]\nname = "X"\ntitles = [{ level = "中级", grade = "员级", name = "a" }]',
            "只有初级",
        ),
        ('[[series]]\nname = "X"\ntitles = []', "没有职称"),
        ("series = [", "title_series.toml"),
        ("", "没有任何职称系列"),
    ],
)
def test_a_malformed_data_file_is_refused_with_the_entry_named(text: str, message: str) -> None:
    with pytest.raises(TitleDataError, match=message):
        parse_series(text)


def test_an_administrator_can_add_a_series() -> None:
    text = (
        '[[series]]\nname = "新系列"\ntitles = [{ level = "中级", name = "新职称", track = "甲" }]'
    )
    (series,) = parse_series(text)
    assert series.titles[0].label == "新职称（甲）"


@pytest.mark.django_db
def test_the_demo_seeds_the_manual_examples_and_open_plans(tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    from zhicheng.demo.plans import load_plan_demo

    settings.MEDIA_ROOT = tmp_path
    load_plan_demo()
    load_plan_demo()  # idempotent
    categories = {
        standard.name: [category.name for category in standard.categories.all()]
        for standard in EvaluationStandard.objects.all()
    }
    assert categories == {
        "安徽省中小学教师高级职称评审标准条件": [
            "乡村任教或支教",
            "能力条件",
            "业绩条件",
            "教研科研条件",
        ],
        "工程系列专业技术资格评审标准（高级）": ["能力条件", "业绩贡献", "智力成果"],
        "工程技术领域高技能人才申报专业技术资格评审标准（高级）": [
            "能力条件",
            "业绩条件",
            "论文著作条件",
        ],
    }
    open_plans = ReviewPlan.objects.filter(status=ReviewPlan.Status.PUBLISHED)
    assert {plan.series for plan in open_plans} == {"中小学教师", "工程"}
    engineering = open_plans.get(series="工程")
    # Its content says 化工工程、安全工程 are 考评结合: the type says so too.
    assert engineering.get_plan_type_display() == "考评结合"
    assert "考评结合" in engineering.content
    assert engineering.standards.count() == 2
    exam = {s.name for s in engineering.specialties.all() if s.exam_required}
    assert exam == {"化工工程", "安全工程"}
    assert engineering.slots.filter(name="笔试申请表", exam_only=True, required=True).exists()
    assert ReviewPlan.objects.filter(status=ReviewPlan.Status.CLOSED).count() == 1


@pytest.fixture
def fresh_titles() -> Iterator[None]:
    title_series.cache_clear()
    yield
    title_series.cache_clear()


def test_the_series_file_can_be_replaced_by_a_setting(
    tmp_path: Path, settings: Any, fresh_titles: None
) -> None:
    own = tmp_path / "series.toml"
    own.write_text(
        '[[series]]\nname = "工程"\ntitles = [{ level = "副高级", name = "高级工程师" }]\n',
        encoding="utf-8",
    )
    settings.ZHICHENG_TITLE_SERIES_FILE = str(own)
    assert series_names() == ["工程"]
    title_series.cache_clear()
    settings.ZHICHENG_TITLE_SERIES_FILE = str(tmp_path / "missing.toml")
    with pytest.raises(TitleDataError, match="无法读取职称系列文件"):
        series_names()


@pytest.mark.django_db
def test_the_database_check_finds_series_and_titles_gone_from_the_file(
    tmp_path: Path, settings: Any, fresh_titles: None
) -> None:
    from zhicheng.plans.checks import check_stored_series_and_titles
    from zhicheng.plans.tests.factories import PlanFactory, SpecialtyFactory, StandardFactory

    plan: Any = PlanFactory()
    SpecialtyFactory(plan=plan, titles=["高级工程师"])
    StandardFactory(series="卫生")
    assert check_stored_series_and_titles() == []
    own = tmp_path / "series.toml"
    own.write_text(
        '[[series]]\nname = "工程"\ntitles = [{ level = "副高级", name = "高级工程师（新）" }]\n',
        encoding="utf-8",
    )
    settings.ZHICHENG_TITLE_SERIES_FILE = str(own)
    title_series.cache_clear()
    problems = check_stored_series_and_titles()
    assert [problem.id for problem in problems] == ["plans.E002", "plans.E003"]
    assert "卫生" in problems[0].msg
    assert "高级工程师" in problems[1].msg and str(plan.pk) in problems[1].msg
