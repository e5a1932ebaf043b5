"""Demo 评审计划: the manual's two examples (四(二)5) as standards, and open plans for both.

`load_plan_demo()` is idempotent: what exists (by name) is left as it is. Everything goes through
the services, so the demo obeys the same rules as the organizer pages.
"""

import io
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from zhicheng.accounts.models import User
from zhicheng.core.titles import Level
from zhicheng.orgs.models import Membership, Organization
from zhicheng.plans import services
from zhicheng.plans.models import EntryKind as K
from zhicheng.plans.models import EvaluationStandard, PlanType, ReviewPlan

from . import people as demo

ENGINEERING_ORGANIZER = demo.DemoStaff(
    "jsdw", "吴组建（安徽省住房和城乡建设厅）", "eng-org", "organizer"
)
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@dataclass(frozen=True)
class DemoCategory:
    name: str
    hint: str
    kinds: tuple[str, ...]
    min_items: int
    max_items: int


STANDARDS: dict[str, list[tuple[str, list[DemoCategory]]]] = {
    "edu-org": [
        (
            "安徽省中小学教师高级职称评审标准条件",
            [
                DemoCategory(
                    "乡村任教或支教",
                    "城镇中小学教师申报高级教师，须有1年以上在乡村学校或薄弱学校任教（支教）经历。",
                    (K.RURAL, K.WORK),
                    1,
                    3,
                ),
                DemoCategory(
                    "能力条件",
                    "导入体现教育教学能力的业绩，如公开课、示范课、指导青年教师等。",
                    (K.TEACHING, K.AWARD, K.TRAINING, K.OTHER),
                    1,
                    5,
                ),
                DemoCategory(
                    "业绩条件",
                    "导入任现职以来的教育教学业绩，如班主任工作、教学质量、获奖等。",
                    (K.AWARD, K.TEACHING, K.OTHER),
                    1,
                    5,
                ),
                DemoCategory(
                    "教研科研条件",
                    "导入论文、著作或主持参与的教研课题。",
                    (K.PAPER, K.BOOK, K.PROJECT),
                    1,
                    5,
                ),
            ],
        )
    ],
    "eng-org": [
        (
            "工程系列专业技术资格评审标准（高级）",
            [
                DemoCategory(
                    "能力条件",
                    "导入体现专业技术能力的项目、获奖或其他材料。",
                    (K.PROJECT, K.AWARD, K.OTHER),
                    1,
                    5,
                ),
                DemoCategory(
                    "业绩贡献",
                    "导入主持或参与完成的工程项目、获奖、专利、标准。",
                    (K.PROJECT, K.AWARD, K.PATENT, K.STANDARD),
                    1,
                    5,
                ),
                DemoCategory(
                    "智力成果",
                    "导入论文、著作、专利或标准。",
                    (K.PAPER, K.BOOK, K.PATENT, K.STANDARD),
                    1,
                    5,
                ),
            ],
        ),
        (
            "工程技术领域高技能人才申报专业技术资格评审标准（高级）",
            [
                DemoCategory(
                    "能力条件",
                    "导入职业技能等级证书、技能竞赛获奖等能力材料。",
                    (K.AWARD, K.TRAINING, K.OTHER),
                    1,
                    5,
                ),
                DemoCategory(
                    "业绩条件",
                    "导入解决关键技术难题、技术革新等业绩。",
                    (K.PROJECT, K.AWARD, K.PATENT, K.OTHER),
                    1,
                    5,
                ),
                DemoCategory(
                    "论文著作条件",
                    "导入公开发表的论文、著作或技术总结报告。",
                    (K.PAPER, K.BOOK, K.OTHER),
                    1,
                    3,
                ),
            ],
        ),
    ],
}

COMMON_SLOTS = [
    ("身份证正反面", True, False, "身份证正反面照片或扫描件"),
    ("职称申报承诺书", True, False, "下载承诺书模板打印，须有本人手写签名后上传"),
    ("职（执）业资格证书", False, False, "有则上传"),
    ("个人社保证明", True, False, "近一年的个人社保缴费证明"),
]


def template_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF drawn with Pillow (a CJK font when the machine has one)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    if FONT.exists():
        big = ImageFont.truetype(str(FONT), 56, index=2)  # index 2: Simplified Chinese
        small = ImageFont.truetype(str(FONT), 32, index=2)
        draw.text((620, 200), title, font=big, fill="black", anchor="mm")
        for row, line in enumerate(lines):
            draw.text((140, 360 + row * 70), line, font=small, fill="black")
    out = io.BytesIO()
    image.save(out, "PDF", resolution=150)
    return out.getvalue()


def _user(staff: demo.DemoStaff, org: Organization) -> User:
    user, created = User.objects.get_or_create(
        username=staff.username, defaults={"kind": User.Kind.STAFF, "name": staff.name}
    )
    if created:
        user.set_password(demo.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organization=org, role=Membership.Role.ORGANIZER)
    return user


def _organizer(key: str) -> tuple[Organization, Organization]:
    _, name, committee_name = next(row for row in demo.ORGANIZERS if row[0] == key)
    org, _ = Organization.objects.get_or_create(
        kind=Organization.Kind.ORGANIZER, name=name, defaults={"region_code": "340000"}
    )
    committee, _ = Organization.objects.get_or_create(
        kind=Organization.Kind.COMMITTEE,
        name=committee_name,
        defaults={"region_code": "340000", "parent": org},
    )
    return org, committee


def _standards(key: str, org: Organization, actor: User, series: str) -> list[EvaluationStandard]:
    standards = []
    for name, categories in STANDARDS[key]:
        standard = EvaluationStandard.objects.filter(organizer=org, name=name).first()
        if standard is None:
            standard = services.standard_create(
                organizer=org, actor=actor, series=series, level=Level.DEPUTY_SENIOR, name=name
            )
            for category in categories:
                services.category_create(
                    standard=standard,
                    actor=actor,
                    name=category.name,
                    hint=category.hint,
                    allowed_kinds=list(category.kinds),
                    min_items=category.min_items,
                    max_items=category.max_items,
                )
        standards.append(standard)
    return standards


def _plan(
    *,
    actor: User,
    committee: Organization,
    name: str,
    series: str,
    specialties: list[tuple[str, bool]],
    title: str,
    standards: list[EvaluationStandard],
    slots: list[tuple[str, bool, bool, str]],
    scope: str,
    content: str,
    apply_forms: list[str],
    year: int,
    days: tuple[int, int],
    close: bool = False,
    plan_type: str = PlanType.REVIEW,
) -> ReviewPlan:
    existing = ReviewPlan.objects.filter(organizer=committee.parent, year=year, name=name).first()
    if existing is not None:
        return existing
    today = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    plan = services.plan_create(
        actor=actor,
        committee=committee,
        year=year,
        name=name,
        series=series,
        level=Level.DEPUTY_SENIOR,
        plan_type=plan_type,
        starts_at=today + timedelta(days=days[0]),
        ends_at=(today + timedelta(days=days[1])).replace(hour=17, minute=30),
        scope=scope,
        content=content,
        has_interview=True,
        apply_forms=apply_forms,
        standards=standards,
    )
    for specialty, exam in specialties:
        services.specialty_create(
            plan=plan, actor=actor, name=specialty, titles=[title], exam_required=exam
        )
    for slot_name, required, exam_only, note in slots:
        services.slot_create(
            plan=plan,
            actor=actor,
            name=slot_name,
            required=required,
            exam_only=exam_only,
            note=note,
        )
    pledge = template_pdf(
        "职称申报承诺书",
        [
            "本人承诺所提交的职称申报材料真实、准确、完整，",
            "如有弄虚作假，自愿承担相应责任，并接受诚信档案记录。",
            "",
            "承诺人（手写签名）：                日期：",
        ],
    )
    services.plan_file_add(
        plan=plan,
        actor=actor,
        upload=SimpleUploadedFile("职称申报承诺书（模板）.pdf", pledge, "application/pdf"),
    )
    if days[1] > 0:
        services.plan_publish(plan=plan, actor=actor)
        if close:
            # A past plan: published while open, then its window moved into the past and closed.
            services.plan_update(
                plan=plan,
                actor=actor,
                committee=committee,
                year=year,
                name=name,
                series=series,
                level=plan.level,
                plan_type=plan.plan_type,
                starts_at=plan.starts_at,
                ends_at=plan.starts_at + timedelta(days=30),
                scope=scope,
                content=content,
                has_interview=plan.has_interview,
                apply_forms=apply_forms,
                standards=standards,
            )
            services.plan_close(plan=plan, actor=actor, opinion="演示：已结束的计划")
    return plan


@transaction.atomic
def load_plan_demo() -> None:
    """Standards of the manual's two examples and open plans for both demo organizers."""
    year = timezone.localdate().year
    edu_org, edu_committee = _organizer("edu-org")
    eng_org, eng_committee = _organizer("eng-org")
    edu_staff = next(staff for staff in demo.STAFF if staff.username == "zjdw")
    edu_actor = _user(edu_staff, edu_org)
    eng_actor = _user(ENGINEERING_ORGANIZER, eng_org)

    edu_standards = _standards("edu-org", edu_org, edu_actor, "中小学教师")
    eng_standards = _standards("eng-org", eng_org, eng_actor, "工程")

    _plan(
        actor=edu_actor,
        committee=edu_committee,
        name=f"{year}年度安徽省中小学教师高级职称评审计划",
        series="中小学教师",
        specialties=[
            (name, False) for name in ("语文", "数学", "英语", "物理", "化学", "体育与健康")
        ],
        title="高级教师",
        standards=edu_standards,
        slots=[*COMMON_SLOTS, ("教师资格证书", True, False, "教师资格证书扫描件")],
        scope="全省普通中小学、特殊教育学校、教研机构在职在岗教师，"
        "符合《安徽省中小学教师高级职称评审标准条件》的，可申报高级教师。\n"
        "城镇中小学教师申报高级教师，须有1年以上乡村学校或薄弱学校任教（支教）经历。",
        content="一、申报时间：以本计划申报起止日期为准，逾期不予受理。\n"
        "二、申报程序：个人网上申报，所在单位审核并公示，主管部门、人社部门逐级审核，"
        "评委会组建单位资格审查后组织评审。\n"
        "三、个人在一个申报年度中只允许申报一次职称（不限系列和专业）。",
        apply_forms=["regular", "exceptional"],
        year=year,
        days=(-15, 30),
    )
    _plan(
        actor=eng_actor,
        committee=eng_committee,
        name=f"{year}年度安徽省工程系列高级工程师资格评审计划",
        series="工程",
        specialties=[
            ("化工工程", True),
            ("安全工程", True),
            ("建筑工程", False),
            ("给水排水工程", False),
            ("电气工程", False),
        ],
        title="高级工程师",
        standards=eng_standards,
        slots=[
            *COMMON_SLOTS,
            ("笔试申请表", True, True, "化工工程、安全工程专业须参加笔试，上传笔试申请表"),
        ],
        scope="全省企事业单位从事工程技术工作的专业技术人员，以及工程技术领域的高技能人才。",
        content="一、化工工程、安全工程专业实行考评结合，须参加全省统一笔试。\n"
        "二、申报人根据所申报职称选择对应的评审标准：工程系列专业技术资格评审标准（高级），"
        "或工程技术领域高技能人才申报专业技术资格评审标准（高级）。\n"
        "三、评审设面试答辩环节，具体安排另行通知。",
        apply_forms=["regular", "exceptional", "transfer"],
        year=year,
        days=(-10, 40),
        # Its content says 化工工程、安全工程 are 考评结合 (a written exam, then review).
        plan_type=PlanType.EXAM_REVIEW,
    )
    _plan(
        actor=edu_actor,
        committee=edu_committee,
        name=f"{year - 1}年度安徽省中小学教师高级职称评审计划",
        series="中小学教师",
        specialties=[("语文", False), ("数学", False)],
        title="高级教师",
        standards=edu_standards,
        slots=COMMON_SLOTS,
        scope="全省普通中小学在职在岗教师。",
        content="上一年度的评审计划（演示：已关闭）。",
        apply_forms=["regular"],
        year=year - 1,
        days=(-380, 1),
        close=True,
    )
