"""Made-up documents for tests, the benchmark and looking at a template (no database involved)."""

import io

from .admission_ticket import AdmissionTicketData, ExamSession
from .application_summary import ApplicationSummaryData, SummarySection
from .certificate import CertificateData, Seal
from .exceptional_approval import ExceptionalApprovalData, ExceptionalCondition
from .publicity_list import (
    PUBLICITY_COLUMNS,
    PUBLICITY_WIDTHS,
    ObjectionContact,
    PublicityListData,
)
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
from .transfer_application import WORK_SINCE_COLUMNS, HeldTitle, TransferApplicationData

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


SAMPLE_ECERT_ID = "1.2.156.3005.2.11100000000013338W009.11340000003000123X.2026052201.001.K"
SAMPLE_VERIFY_URL = "https://zhicheng.example.gov.cn/verify/3f9c2a7e5b1d4c08a6e2f1d0c9b8a7e6"


def sample_certificate(*, photo: bytes | None = None, seals: bool = True) -> CertificateData:
    return CertificateData(
        title="专业技术资格证书",
        certificate_number="皖高工2026-0001234",
        ecert_id=SAMPLE_ECERT_ID,
        verify_url=SAMPLE_VERIFY_URL,
        name="张三",
        sex="男",
        birth_date="1985年3月15日",
        id_number_masked="3401**********1234",
        unit="安徽省某某化工集团有限公司技术中心",
        series="工程系列",
        specialty="化工工程",
        qualification="高级工程师",
        level="副高级",
        acquired_by="评审",
        committee="安徽省工程系列化工工程专业高级职称评审委员会",
        passed_on="2026年6月18日",
        approval_number="皖职改办〔2026〕12号",
        issuer="安徽省人力资源和社会保障厅",
        issued_on="2026年7月1日",
        photo=photo,
        committee_seal=Seal("安徽省工程系列化工工程专业高级职称评审委员会", "评审专用章")
        if seals
        else None,
        issuer_seal=Seal("安徽省人力资源和社会保障厅", "职称专用章") if seals else None,
    )


SAMPLE_NOTES = (
    "考生须凭本准考证和有效居民身份证原件参加考试，证件不全者不得入场。",
    "考生应于考试开始前30分钟到达考点，考试开始15分钟后不得入场，考试开始60分钟内不得交卷离场。",
    "除黑色签字笔、2B铅笔、橡皮外，不得携带任何书籍、资料、通讯工具和具有存储功能的电子设备进入考场。",
    "考生须按准考证上的座位号就座，并将准考证和身份证放在桌面左上角，以便监考人员核验。",
    "考试期间严禁交头接耳、抄袭、传递物品等违纪行为，违者按《专业技术人员资格考试违纪违规行为处理规定》处理。",
    "考试结束信号发出后立即停止答题，待监考人员收齐试卷后方可离开考场。",
)


def sample_admission_ticket(*, photo: bytes | None = None, notes: int = 6) -> AdmissionTicketData:
    return AdmissionTicketData(
        title="2026年度 工程系列高级职称评审 笔试准考证",
        name="张三",
        id_number_masked="3401**********1234",
        ticket_number="2026340100123",
        specialty="化工工程",
        title_applied="高级工程师",
        sessions=[
            ExamSession(
                "专业理论知识（笔试）",
                "2026年6月6日 9:00-11:30",
                "合肥市第一中学（南校区）第12考场",
                "08",
            ),
            ExamSession(
                "专业答辩（面试）", "2026年6月20日 14:00起", "安徽省人才服务中心三楼答辩室", "—"
            ),
        ],
        organizer="安徽省人力资源和社会保障厅职称评审中心",
        verify_url="https://zhicheng.example.gov.cn/ticket/2026340100123",
        notes=[SAMPLE_NOTES[i % len(SAMPLE_NOTES)] for i in range(notes)],
        photo=photo,
        issued_on="2026年5月28日",
    )


LONG_REASON = (
    "本人自2016年取得工程师资格以来，长期从事精细化工装置的工艺设计与安全管理工作，主持完成年产二十万吨"
    "精细化学品装置的工艺优化，装置能耗下降百分之十八，获省科学技术进步奖二等奖；作为第一发明人取得发明专利"
    "三项，主持编制团体标准一项。上述业绩达到评审标准中破格申报的条件，特申请破格申报高级工程师。"
)


def sample_exceptional_approval(
    *, photo: bytes | None = None, conditions: int = 3
) -> ExceptionalApprovalData:
    evidence = [
        (
            "获省部级科学技术奖二等奖及以上奖励（排名前三）",
            "安徽省科学技术进步奖二等奖证书（2023年，排名第二），编号 2023-J-2-045-02",
        ),
        (
            "作为第一发明人取得与本专业相关的发明专利2项以上并已实施",
            "发明专利证书 ZL202110123456.7、ZL202210654321.0、ZL202310111222.3 及实施证明",
        ),
        (
            "主持编制并发布行业标准或团体标准1项以上",
            "T/AHCIA 012-2024《精细化工装置本质安全设计导则》封面及起草人页",
        ),
    ]
    return ExceptionalApprovalData(
        name="张三",
        unit="安徽省某某化工集团有限公司",
        specialty="化工工程",
        current_title="工程师（2016年）",
        title_applied="高级工程师",
        basic=[
            Field("性别", "男"),
            Field("出生年月", "1985年3月"),
            Field("学历学位", "研究生/工学硕士"),
            Field("参加工作时间", "2008年7月"),
            Field("现职称年限", "10年"),
        ],
        conditions=[ExceptionalCondition(*evidence[i % len(evidence)]) for i in range(conditions)],
        reason=LONG_REASON,
        photo=photo,
        filled_on="2026年5月20日",
    )


def sample_transfer_application(
    *, photo: bytes | None = None, rows: int = 4
) -> TransferApplicationData:
    return TransferApplicationData(
        name="李四",
        unit="合肥某某环境科技有限公司",
        held=HeldTitle(
            "工程系列",
            "工程师",
            "中级",
            "2018年12月",
            "皖中工2018-0045678",
            "合肥市人力资源和社会保障局",
        ),
        original_series="工程系列",
        target_series="经济系列",
        target_specialty="人力资源管理",
        target_title="高级经济师",
        target_level="副高级",
        reason="本人于2020年起调整至公司人力资源部从事人力资源管理工作至今，现岗位与原职称系列不一致，"
        "根据职称评审有关规定申请转评经济系列相应职称。" * 2,
        work_since=Section(
            "取得现职称以来的工作情况",
            WORK_SINCE_COLUMNS,
            [
                [
                    f"{2018 + i}.01-{2018 + i}.12",
                    "合肥某某环境科技有限公司",
                    "人力资源规划与薪酬管理",
                    f"主持完成第{i + 1}项薪酬体系改革项目",
                ]
                for i in range(rows)
            ],
            widths=(1.6, 2.6, 2.4, 3),
        ),
        work_summary="主持建立公司岗位职级体系和绩效考核制度，覆盖员工一千二百余人。",
        basic=[
            Field("性别", "女"),
            Field("出生年月", "1988年6月"),
            Field("学历学位", "大学本科/管理学学士"),
            Field("参加工作时间", "2010年7月"),
        ],
        photo=photo,
        filled_on="2026年5月20日",
    )


FORMS = ("常规申报", "破格申报", "转评申报")


def publicity_row(number: int) -> list[str]:
    return [
        str(number),
        f"申报人{number}",
        f"安徽省第{number}化工设计研究院有限公司",
        "化工工程" if number % 2 else "安全工程",
        "高级工程师",
        FORMS[number % 3],
        "同时申请免面试" if number % 7 == 0 else "",
    ]


def sample_publicity_list(*, rows: int = 25) -> PublicityListData:
    return PublicityListData(
        title="关于2026年度安徽省工程系列化工工程专业高级职称评审通过人员名单的公示",
        intro="根据《职称评审管理暂行规定》（人社部令第40号）和我省职称评审工作有关规定，经安徽省工程系列化工工程专业"
        f"高级职称评审委员会评审，{rows}名同志通过高级工程师资格评审，现将名单予以公示。",
        table=Section(
            "公示名单",
            PUBLICITY_COLUMNS,
            [publicity_row(n) for n in range(1, rows + 1)],
            widths=PUBLICITY_WIDTHS,
        ),
        start="2026年6月22日",
        end="2026年6月28日",
        contact=ObjectionContact(
            "王老师",
            "0551-62870000",
            "安徽省合肥市包河区某某路100号 安徽省职称评审中心（邮编230000）",
            "zhicheng-gongshi@example.gov.cn",
        ),
        issuer="安徽省人力资源和社会保障厅职称评审中心",
        issued_on="2026年6月21日",
    )


def sample_application_summary(
    *, photo: bytes | None = None, achievements: int = 10
) -> ApplicationSummaryData:
    form = sample_review_form(achievements=achievements)
    return ApplicationSummaryData(
        title="职称申报信息",
        subtitle=SAMPLE_PLAN,
        exported_at="2026年5月20日 10:32",
        photo=photo,
        sections=[
            SummarySection("基本信息", fields=form.basic),
            SummarySection(
                "现有职称情况",
                tables=[
                    Section(
                        "",
                        ("职称系列", "职称名称", "级别", "取得时间", "证书编号"),
                        [["工程系列", "工程师", "中级", "2016.12", "皖中工2016-0012345"]],
                    )
                ],
                fields=[Field("评聘情况", "已聘任（2017年1月起）", wide=True)],
            ),
            SummarySection("学历教育", tables=[form.education]),
            SummarySection("工作经历", tables=[form.work]),
            SummarySection("继续教育", tables=[form.continuing_education]),
            SummarySection("年度考核", tables=[form.assessments]),
            SummarySection("申报业绩", tables=list(form.achievements) + [form.publications]),
            SummarySection(
                "附件一览",
                tables=[
                    Section(
                        "",
                        ("附件名称", "是否必传", "已上传"),
                        [
                            ["身份证", "是", "1 个文件"],
                            ["学历学位证书", "是", "2 个文件"],
                            ["考试报名表", "否", "无"],
                        ],
                    )
                ],
                note="附件原件以“附件上传”页面为准。",
            ),
        ],
    )
