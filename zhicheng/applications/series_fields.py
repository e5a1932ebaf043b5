"""专业信息 per 职称系列: the fields a series needs are data, not code (manual 四(二)4(1)).

A series not listed gets the common set. Required fields that do not apply take 无 (注意); optional
ones stay empty.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class InfoField:
    name: str
    label: str
    required: bool = True
    help: str = ""


COMMON: tuple[InfoField, ...] = (
    InfoField("work_start", "参加工作时间", help="如 2008-07"),
    InfoField("current_specialty", "现从事专业"),
    InfoField("current_post", "现任职务（岗位）"),
    InfoField("qualification", "职（执）业资格", required=False, help="没有请置空"),
)

SERIES: dict[str, tuple[InfoField, ...]] = {
    "中小学教师": (
        InfoField("teaching_stage", "任教学段", help="小学、初中、高中等"),
        InfoField("teaching_subject", "任教学科"),
        InfoField("teacher_certificate", "教师资格证书编号", help="没有请填“无”"),
        InfoField("head_teacher_years", "担任班主任年限", required=False),
    ),
    "工程": (
        InfoField("engineering_field", "从事工程技术领域"),
        InfoField("registered_engineer", "注册执业资格", help="没有请填“无”"),
        InfoField("skill_level", "职业技能等级", required=False, help="高技能人才填写"),
    ),
}


def fields_for(series: str) -> tuple[InfoField, ...]:
    return COMMON + SERIES.get(series, ())
