"""Made-up documents for tests, the benchmark and looking at a template (no database involved)."""

import io

from .review_form import (
    ACHIEVEMENT_COLUMNS,
    ASSESSMENT_COLUMNS,
    CONTINUING_EDUCATION_COLUMNS,
    EDUCATION_COLUMNS,
    PUBLICATION_COLUMNS,
    WORK_COLUMNS,
    Field,
    OfficeOpinion,
    Publicity,
    ReviewFormData,
    Section,
    Vote,
)

SAMPLE_PLAN = "2026年度安徽省工程系列化工工程专业高级职称评审计划"


def sample_photo() -> bytes:
    """A small plain JPEG standing in for the applicant's photo."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (295, 413), (214, 226, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((92, 80, 204, 200), fill=(120, 130, 150))
    draw.rectangle((60, 230, 236, 413), fill=(70, 80, 110))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def achievement_row(number: int) -> list[str]:
    return [
        f"{2015 + number % 10}.{number % 12 + 1:02d}",
        f"业绩第{number}项：年产{number}万吨精细化工装置工艺优化与安全改造项目（技术负责）",
        "主持" if number % 3 == 0 else f"第{number % 5 + 1}名",
        "省级" if number % 2 else "市级",
        f"证明编号 AH-{number:05d}",
    ]


def sample_review_form(
    *, achievements: int = 10, photo: bytes | None = None, decided: bool = False
) -> ReviewFormData:
    """A filled-in 评审表 with `achievements` rows spread over two categories."""
    first = (achievements + 1) // 2
    categories = [
        Section(
            "业绩条件：主持或参与完成的工程项目",
            ACHIEVEMENT_COLUMNS,
            [achievement_row(n) for n in range(1, first + 1)],
            widths=(1.2, 5, 1.6, 1.2, 2),
        ),
        Section(
            "业绩条件：获奖、专利与标准",
            ACHIEVEMENT_COLUMNS,
            [achievement_row(n) for n in range(first + 1, achievements + 1)],
            widths=(1.2, 5, 1.6, 1.2, 2),
        ),
    ]
    opinions = [
        OfficeOpinion(
            "单位推荐意见",
            opinion="该同志思想政治表现良好，业绩突出，所提交材料真实，同意推荐。"
            if decided
            else "",
            publicity=Publicity("2026年5月6日", "2026年5月12日", "单位公告栏及内网", "无异议")
            if decided
            else Publicity(),
        ),
        OfficeOpinion("主管部门意见"),
        OfficeOpinion("人社部门意见"),
        OfficeOpinion(
            "评委会意见",
            signer="评委会主任（签字）",
            vote=Vote(25, 21, 19, 1, 1, "通过") if decided else Vote(),
        ),
    ]
    return ReviewFormData(
        name="张三",
        unit="安徽省某某化工集团有限公司",
        series="工程系列",
        specialty="化工工程",
        title="高级工程师",
        level="副高级",
        filled_on="2026年5月20日",
        issuer_line="安徽省人力资源和社会保障厅制",
        photo=photo,
        basic=[
            Field("姓名", "张三"),
            Field("性别", "男"),
            Field("出生年月", "1985年3月"),
            Field("民族", "汉族"),
            Field("政治面貌", "中共党员"),
            Field("身份证号", "340104198503151234"),
            Field("参加工作时间", "2008年7月"),
            Field("现职称", "工程师（2016年）"),
            Field("专业年限", "16年"),
            Field("工作年限", "18年"),
            Field("工作单位", "安徽省某某化工集团有限公司", wide=True),
            Field(
                "现从事专业技术工作",
                "化工工艺设计与装置安全管理，负责公司年产二十万吨精细化学品装置的工艺优化",
                wide=True,
            ),
        ],
        education=Section(
            "学历",
            EDUCATION_COLUMNS,
            [
                ["2004.09-2008.07", "合肥工业大学", "化学工程与工艺", "大学本科", "工学学士", "是"],
                ["2010.09-2013.07", "中国科学技术大学", "化学工程", "研究生", "工学硕士", "是"],
            ],
            widths=(1.6, 2, 2, 1, 1, 1),
        ),
        work=Section(
            "工作经历",
            WORK_COLUMNS,
            [
                ["2008.07-2013.06", "安徽省某某化工集团有限公司", "工艺技术员", "技术员"],
                [
                    "2013.07-至今",
                    "安徽省某某化工集团有限公司技术中心",
                    "化工工艺设计与安全管理",
                    "副主任",
                ],
            ],
            widths=(1.6, 3, 3, 1.2),
        ),
        continuing_education=Section(
            "继续教育",
            CONTINUING_EDUCATION_COLUMNS,
            [
                [
                    f"{year}.03-{year}.11",
                    "专业科目：化工安全与工艺新技术",
                    "安徽省人力资源和社会保障厅",
                    "90",
                ]
                for year in range(2021, 2026)
            ],
            widths=(1.6, 3, 3, 0.8),
        ),
        assessments=Section(
            "年度考核",
            ASSESSMENT_COLUMNS,
            [
                [str(year), "安徽省某某化工集团有限公司", "优秀" if year % 2 else "合格"]
                for year in range(2021, 2026)
            ],
            widths=(1, 3, 1),
        ),
        achievements=categories,
        publications=Section(
            "论文著作",
            PUBLICATION_COLUMNS,
            [
                [
                    "2022.05",
                    "精细化工装置本质安全设计方法研究",
                    "化工进展",
                    "ISSN 1000-6613 DOI:10.16085/j.issn.1000-6613.2022-0123",
                    "第一作者",
                ],
                [
                    "2024.01",
                    "《化工过程安全管理实务》",
                    "化学工业出版社",
                    "ISBN 978-7-122-00000-0",
                    "主编",
                ],
            ],
            widths=(1.1, 3.4, 2, 2.8, 1.1),
        ),
        opinions=opinions,
    )
