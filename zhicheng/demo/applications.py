"""Demo applicants with approved library entries of every kind, so that a newcomer can log in and
walk 四(二) at once: 王老师 (合肥市第一中学, 中小学教师) and 赵工 (安徽华建工程设计有限公司, 工程).

Idempotent. The entries go through the library's services (created, submitted with a scanned
proof, approved by the unit), so they obey the same rules as the pages. The SSO link (the stand-in's
`sub`) is made by `load_demo` once the stand-in account exists.
"""

import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from zhicheng.accounts.models import User
from zhicheng.core.identity import parse_id_number
from zhicheng.core.uploads import MB, check_document
from zhicheng.demo import people as demo
from zhicheng.library import services as library
from zhicheng.library.models import Entry
from zhicheng.orgs.models import Organization, UnitBinding

K = Entry.Kind


@dataclass(frozen=True)
class DemoApplicant:
    account: demo.DemoSsoAccount
    unit_credit_code: str
    series: str


APPLICANTS = [
    DemoApplicant(
        demo.DemoSsoAccount(
            "wanglaoshi", "person", "王老师", demo.id_number("34010419850315202"), "13805510005"
        ),
        demo.UNITS[0].credit_code,
        "中小学教师",
    ),
    DemoApplicant(
        demo.DemoSsoAccount(
            "zhaogong", "person", "赵工", demo.id_number("34010419860611301"), "13805510006"
        ),
        demo.UNITS[2].credit_code,
        "工程",
    ),
]

D = datetime.date
# (kind, fields): one or more of every kind, enough for both of the manual's examples.
ENTRIES: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "中小学教师": [
        (
            K.WORK,
            {
                "start_date": D(2008, 8, 1),
                "end_date": None,
                "organization": "合肥市第一中学",
                "position": "高中数学教学",
                "post": "数学教研组长",
                "witness": "李校长",
            },
        ),
        (
            K.WORK,
            {
                "start_date": D(2006, 7, 1),
                "end_date": D(2008, 7, 31),
                "organization": "肥西县上派中学",
                "position": "初中数学教学",
            },
        ),
        (
            K.EDUCATION,
            {
                "start_date": D(2002, 9, 1),
                "end_date": D(2006, 7, 1),
                "school": "安徽师范大学",
                "major": "数学与应用数学",
                "education_level": "bachelor",
                "degree": "bachelor",
                "schooling_years": 4,
                "study_mode": "full_time",
                "number": "103701200605000123",
            },
        ),
        (
            K.EDUCATION,
            {
                "start_date": D(2010, 9, 1),
                "end_date": D(2013, 7, 1),
                "school": "安徽大学",
                "major": "学科教学（数学）",
                "education_level": "master",
                "degree": "master",
                "schooling_years": 3,
                "study_mode": "part_time",
                "number": "103571201302000456",
            },
        ),
        (
            K.TRAINING,
            {
                "year": 2023,
                "public_hours": 30,
                "professional_hours": 72,
                "organization": "安徽省中小学教师继续教育中心",
            },
        ),
        (
            K.TRAINING,
            {
                "year": 2024,
                "public_hours": 30,
                "professional_hours": 60,
                "organization": "安徽省中小学教师继续教育中心",
            },
        ),
        *[
            (
                K.APPRAISAL,
                {"year": year, "appraisal_result": result, "organization": "合肥市第一中学"},
            )
            for year, result in (
                (2021, "pass"),
                (2022, "excellent"),
                (2023, "pass"),
                (2024, "basic"),
            )
        ],
        (
            K.RURAL,
            {
                "start_date": D(2016, 9, 1),
                "end_date": D(2017, 7, 1),
                "school": "金寨县青山中学",
                "region": "六安市金寨县",
            },
        ),
        (
            K.TEACHING,
            {
                "title": "高中数学建模分层教学实践",
                "level": "province",
                "grade": "二等奖",
                "date": D(2022, 12, 1),
            },
        ),
        (
            K.AWARD,
            {
                "title": "合肥市优秀班主任",
                "level": "city",
                "grade": "优秀",
                "organization": "合肥市教育局",
                "rank": 1,
                "date": D(2021, 9, 10),
            },
        ),
        (K.OTHER, {"title": "指导青年教师", "description": "指导两名青年教师获市级优质课一等奖"}),
        (
            K.PAPER,
            {
                "title": "函数教学中的建模思想",
                "journal": "中学数学教学",
                "issn_cn": "ISSN 1002-4646",
                "date": D(2021, 5, 1),
                "volume_issue": "2021(5)",
                "rank": 1,
                "is_representative": True,
            },
        ),
        (
            K.BOOK,
            {
                "title": "高中数学解题方法",
                "publisher": "安徽教育出版社",
                "isbn": "978-7-5336-0000-0",
                "date": D(2019, 1, 1),
                "role": "副主编",
                "words": 8,
            },
        ),
        (
            K.PROJECT,
            {
                "title": "智慧课堂教学模式研究",
                "number": "JK2020-01",
                "source": "安徽省教育厅",
                "level": "province",
                "role": "主持人",
                "funding": 2,
                "start_date": D(2020, 1, 1),
                "end_date": D(2022, 12, 31),
                "completion": "done",
            },
        ),
        (
            K.PATENT,
            {
                "title": "一种立体几何教具",
                "number": "ZL202010000000.1",
                "patent_type": "utility",
                "date": D(2021, 3, 3),
                "rank": 1,
            },
        ),
        (
            K.STANDARD,
            {
                "title": "中小学数学实验室建设规范",
                "number": "DB34/T 0000-2021",
                "standard_type": "local",
                "date": D(2021, 6, 1),
                "rank": 3,
            },
        ),
    ],
    "工程": [
        (
            K.WORK,
            {
                "start_date": D(2005, 7, 1),
                "end_date": None,
                "organization": "安徽华建工程设计有限公司",
                "position": "化工工艺设计",
                "post": "设计所副所长",
            },
        ),
        (
            K.EDUCATION,
            {
                "start_date": D(2001, 9, 1),
                "end_date": D(2005, 7, 1),
                "school": "合肥工业大学",
                "major": "化学工程与工艺",
                "education_level": "bachelor",
                "degree": "bachelor",
                "schooling_years": 4,
                "study_mode": "full_time",
                "number": "103591200505000789",
            },
        ),
        (
            K.TRAINING,
            {
                "year": 2024,
                "public_hours": 24,
                "professional_hours": 80,
                "organization": "安徽省工程师继续教育基地",
            },
        ),
        *[
            (
                K.APPRAISAL,
                {
                    "year": year,
                    "appraisal_result": "pass",
                    "organization": "安徽华建工程设计有限公司",
                },
            )
            for year in (2022, 2023, 2024)
        ],
        (
            K.PROJECT,
            {
                "title": "某化工园区污水处理厂工艺设计",
                "number": "HJ2021-07",
                "source": "企业委托",
                "level": "city",
                "role": "项目负责人",
                "funding": 80,
                "start_date": D(2021, 3, 1),
                "end_date": D(2022, 6, 30),
                "completion": "done",
            },
        ),
        (
            K.PROJECT,
            {
                "title": "年产10万吨精细化工装置安全改造",
                "source": "企业委托",
                "level": "province",
                "role": "技术负责人",
                "start_date": D(2019, 5, 1),
                "end_date": D(2020, 12, 31),
                "completion": "done",
            },
        ),
        (
            K.AWARD,
            {
                "title": "安徽省优秀工程勘察设计奖",
                "level": "province",
                "grade": "二等奖",
                "organization": "安徽省住房和城乡建设厅",
                "rank": 2,
                "date": D(2023, 11, 1),
            },
        ),
        (
            K.PATENT,
            {
                "title": "一种反应釜尾气回收装置",
                "number": "ZL202110000000.2",
                "patent_type": "invention",
                "date": D(2022, 8, 8),
                "rank": 1,
            },
        ),
        (
            K.STANDARD,
            {
                "title": "化工园区污水处理设计标准",
                "number": "T/AHCE 001-2022",
                "standard_type": "group",
                "date": D(2022, 4, 1),
                "rank": 4,
            },
        ),
        (
            K.PAPER,
            {
                "title": "精细化工装置本质安全设计探讨",
                "journal": "化工设计",
                "issn_cn": "CN 11-3056/TQ",
                "date": D(2020, 9, 1),
                "volume_issue": "2020(9)",
                "rank": 1,
            },
        ),
        (
            K.BOOK,
            {
                "title": "化工工艺设计实务",
                "publisher": "化学工业出版社",
                "isbn": "978-7-122-00000-0",
                "date": D(2021, 1, 1),
                "role": "参编",
                "words": 6,
            },
        ),
        (K.TEACHING, {"title": "青年工程师培养课程", "level": "unit", "date": D(2022, 6, 1)}),
        (
            K.RURAL,
            {
                "start_date": D(2018, 3, 1),
                "end_date": D(2018, 12, 31),
                "school": "岳西县乡村振兴工作队",
                "region": "安庆市岳西县",
            },
        ),
        (
            K.OTHER,
            {
                "title": "注册化工工程师",
                "date": D(2015, 10, 1),
                "description": "取得注册化工工程师执业资格",
            },
        ),
    ],
}


def proof_png(text: str) -> bytes:
    """A scanned 'proof' to attach (a library entry is submitted only with one)."""
    image = Image.new("RGB", (900, 640), "#f7f3e8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 870, 610), outline="#8b0000", width=6)
    draw.text((80, 300), text[:60], fill="#222")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _person(applicant: DemoApplicant) -> User:
    account = applicant.account
    parsed = parse_id_number(account.id_number)
    user = User.objects.filter(kind=User.Kind.PERSON, id_number=parsed.number).first()
    if user is None:
        user = User.objects.create(
            kind=User.Kind.PERSON,
            username=f"demo-{account.username}",
            name=account.name,
            id_number=parsed.number,
            sex=parsed.sex,
            birth_date=parsed.birth_date,
            phone=account.phone,
            email=f"{account.username}@example.cn",
            political_status="中共党员",
            ethnicity="汉族",
            title_series=[applicant.series],
            has_unit=User.HasUnit.YES,
            profile_completed_at=timezone.now(),
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load_application_demo() -> list[User]:
    """The demo applicants, bound to their units, with approved entries of every kind."""
    approver = User.objects.filter(is_superuser=True).order_by("pk").first()
    people = []
    for applicant in APPLICANTS:
        person = _person(applicant)
        unit = Organization.objects.get(credit_code=applicant.unit_credit_code)
        if not UnitBinding.objects.filter(
            person=person, status=UnitBinding.Status.APPROVED
        ).exists():
            UnitBinding.objects.create(
                person=person,
                unit=unit,
                statement="演示：本单位在职专业技术人员",
                status=UnitBinding.Status.APPROVED,
                decided_at=timezone.now(),
            )
        if not Entry.objects.filter(person=person).exists() and approver is not None:
            for kind, fields in ENTRIES[applicant.series]:
                entry = library.entry_create(person=person, kind=kind, data=fields, actor=person)
                upload = SimpleUploadedFile("证明材料.png", proof_png(str(entry)), "image/png")
                library.entry_attachment_add(
                    entry=entry, checked=check_document(upload, max_bytes=10 * MB), actor=person
                )
                library.entry_submit(entry=entry, actor=person)
                library.entry_decide(
                    entry=entry, unit=unit, approve=True, opinion="", actor=approver
                )
        people.append(person)
    return people


def link_sso(*, username: str, sub: str) -> None:
    """Tie a demo applicant to the stand-in account's OIDC subject, as a first login would."""
    from allauth.socialaccount.models import SocialAccount
    from django.conf import settings

    applicant = next((a for a in APPLICANTS if a.account.username == username), None)
    if applicant is None:
        return
    person = _person(applicant)
    SocialAccount.objects.get_or_create(
        provider=settings.SSO_PROVIDER_ID, uid=sub, defaults={"user": person}
    )
