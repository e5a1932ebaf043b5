"""Demo data for the review chain: three colleagues of 王老师 at 合肥市第一中学 whose applications
are already on their way (at the unit with its 公示 recorded, at the 主管部门, at 资格审查), so that
every reviewer of the README finds work at once; 王老师 (`wanglaoshi`) can then walk his own
application from 提交审核 to 核准.

Idempotent: people and applications are made once, through the same services as the pages.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from zhicheng.accounts.models import User
from zhicheng.accounts.photos import photo_normalize
from zhicheng.applications import services as application_services
from zhicheng.applications.checks import application_checks, failing
from zhicheng.applications.models import Application, Section
from zhicheng.applications.series_fields import fields_for
from zhicheng.core.identity import parse_id_number
from zhicheng.core.uploads import MB, check_document
from zhicheng.demo import people as demo
from zhicheng.demo.applications import ENTRIES, proof_png
from zhicheng.library import services as library
from zhicheng.library.models import Entry
from zhicheng.orgs.models import Membership, Organization, UnitBinding
from zhicheng.plans.models import ReviewPlan
from zhicheng.reviews import services

K = Entry.Kind
SECTION_OF = {
    K.WORK: Section.WORK,
    K.EDUCATION: Section.EDUCATION,
    K.TRAINING: Section.TRAINING,
    K.APPRAISAL: Section.APPRAISAL,
}
APPROVED = 99  # past every node of the route, then through to 核准
# (username, name, 身份证号 body, how far along the route: nodes passed)
COLLEAGUES = [
    ("demo-chenlaoshi", "陈老师", "34010419840512202", 0),
    ("demo-liulaoshi", "刘老师", "34010419830818101", 1),
    ("demo-sunlaoshi", "孙老师", "34010419870316204", 4),
    # The whole route, the vote, 评审结果公示 and 核准: the 核准 issues the certificate.
    ("demo-zhoulaoshi", "周老师", "34010419850621103", APPROVED),
]


def _png(text: str) -> Any:
    upload = SimpleUploadedFile("材料.png", proof_png(text), "image/png")
    return check_document(upload, max_bytes=10 * MB)


def _person(username: str, name: str, body: str) -> User:
    parsed = parse_id_number(demo.id_number(body))
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "kind": User.Kind.PERSON,
            "name": name,
            "id_number": parsed.number,
            "sex": parsed.sex,
            "birth_date": parsed.birth_date,
            "phone": "13805510100",
            "political_status": "群众",
            "ethnicity": "汉族",
            "title_series": ["中小学教师"],
            "has_unit": User.HasUnit.YES,
            "profile_completed_at": timezone.now(),
        },
    )
    return user


def _entries(person: User, unit: Organization, approver: User) -> list[Entry]:
    if not Entry.objects.filter(person=person).exists():
        for kind, fields in ENTRIES["中小学教师"]:
            entry = library.entry_create(person=person, kind=kind, data=fields, actor=person)
            library.entry_attachment_add(entry=entry, checked=_png(str(entry)), actor=person)
            library.entry_submit(entry=entry, actor=person)
            library.entry_decide(entry=entry, unit=unit, approve=True, opinion="", actor=approver)
    return list(Entry.objects.filter(person=person, status=Entry.Status.APPROVED).order_by("pk"))


def _complete(
    application: Application, person: User, unit: Organization, entries: list[Entry]
) -> None:
    application_services.application_photo_set(
        application=application, content=photo_normalize(proof_png(person.name)), actor=person
    )
    info = {f.name: "无" for f in fields_for(application.plan.series) if f.required}
    info.update({"work_start": "2006-07", "teaching_stage": "高中", "teaching_subject": "数学"})
    application_services.application_basic_save(
        application=application,
        data={
            "political_status": "群众",
            "ethnicity": "汉族",
            "phone": person.phone,
            "work_years": 18,
            "professional_years": 18,
            "professional_info": info,
        },
        actor=person,
    )
    title = application_services.current_title_save(
        application=application,
        data={
            "series": "中小学教师",
            "name": "一级教师",
            "level": "中级",
            "specialty": "数学",
            "obtained_by": "review",
            "obtained_on": datetime.date(2015, 12, 1),
            "certificate_number": f"ZX2015{person.pk:04d}",
            "issuer": "合肥市人力资源和社会保障局",
        },
        actor=person,
    )
    application_services.appointment_add(
        title=title,
        data={
            "unit": unit.name,
            "post": "一级教师",
            "starts_on": datetime.date(2016, 1, 1),
            "ends_on": None,
            "document_number": "合一中人〔2016〕3号",
        },
        actor=person,
    )
    used: set[int] = set()
    for kind, section in SECTION_OF.items():
        ids = [e.pk for e in entries if e.kind == kind]
        if ids:
            items = application_services.application_import_entries(
                application=application, section=section, entry_ids=ids, actor=person
            )
            used.update(ids)
            for item in items:
                if section == Section.EDUCATION:
                    application_services.application_entry_mark(
                        item=item, qualified=True, actor=person
                    )
                elif section == Section.APPRAISAL and not item.appraisal_choice:
                    application_services.application_entry_mark(
                        item=item, appraisal_choice="pass", actor=person
                    )
    for category in application.standard.categories.all():
        ids = [e.pk for e in entries if e.kind in category.allowed_kinds and e.pk not in used]
        ids = ids[: max(category.min_items, 1)][: category.max_items]
        if ids:
            application_services.application_import_entries(
                application=application,
                section=Section.PERFORMANCE,
                category_id=category.pk,
                entry_ids=ids,
                actor=person,
            )
            used.update(ids)
    for slot in application.plan.slots.filter(required=True, exam_only=False):
        application_services.application_attachment_add(
            application=application, slot=slot, checked=_png(slot.name), actor=person
        )


@transaction.atomic
def load_review_demo() -> list[Application]:
    """fzjg also reviews at the province (人社部门审核); three applications along the route."""
    province = Organization.objects.filter(
        kind=Organization.Kind.HR, level=Organization.Level.PROVINCE
    ).first()
    fzjg = User.objects.filter(username="fzjg").first()
    if province is not None and fzjg is not None:
        Membership.objects.get_or_create(
            user=fzjg, organization=province, role=Membership.Role.REVIEWER
        )
    unit = Organization.objects.filter(credit_code=demo.UNITS[0].credit_code).first()
    plan = ReviewPlan.objects.filter(
        series="中小学教师", year=timezone.localdate().year, status=ReviewPlan.Status.PUBLISHED
    ).first()
    approver = User.objects.filter(is_superuser=True).order_by("pk").first()
    legal = User.objects.filter(username="hfyz").first() or approver
    if unit is None or plan is None or approver is None or legal is None:
        return []
    made = []
    for username, name, body, passed in COLLEAGUES:
        person = _person(username, name, body)
        if Application.objects.filter(person=person, year=plan.year).exists():
            continue
        UnitBinding.objects.get_or_create(
            person=person,
            unit=unit,
            status=UnitBinding.Status.APPROVED,
            defaults={"statement": "演示：本单位在职教师", "decided_at": timezone.now()},
        )
        entries = _entries(person, unit, approver)
        specialty = plan.specialties.get(name="数学")
        application = application_services.application_start(
            person=person,
            plan=plan,
            apply_form="regular",
            specialty_id=specialty.pk,
            title=specialty.titles[0],
            standard_id=plan.standards.first().pk,  # type: ignore[union-attr]
            confirmed=True,
            actor=person,
        )
        application_services.application_pledge(application=application, agreed=True, actor=person)
        _complete(application, person, unit, entries)
        application.refresh_from_db()
        problems = failing(application_checks(application))
        if problems:
            raise ValidationError([f"{p.label}：{p.advice}" for p in problems])
        application = application_services.application_submit(application=application, actor=person)
        today = timezone.localdate()
        services.unit_publicity_record(
            unit=unit,
            applications=[application],
            starts_on=today - datetime.timedelta(days=14),
            ends_on=today - datetime.timedelta(days=1),
            place="合肥市第一中学校务公开栏",
            result="公示期内无异议",
            objections="",
            actor=legal,
        )
        for step in application.review_cases.get().steps.order_by("position")[:passed]:
            actor = _reviewer_at(step.organization) or approver
            services.step_decide(
                application=application,
                organization=step.organization,
                decision=services.Decision.PASS,
                opinion="同意推荐",
                actor=actor,
            )
        if passed == APPROVED and fzjg is not None:
            _through_approval(application, approver=approver, issuer_user=fzjg)
        made.append(application)
    return made


def _through_approval(application: Application, *, approver: User, issuer_user: User) -> None:
    """评审会议 and a passing vote a month ago, 评审结果公示 over, 核准 by fzjg (whose 核准 issues
    the certificate through the certificates app's hook; load_certificate_demo generates it)."""
    application.refresh_from_db()
    plan = application.plan
    organizer = _reviewer_at(plan.organizer) or approver
    today = timezone.localdate()
    meeting = services.meeting_create(
        plan=plan,
        held_on=today - datetime.timedelta(days=30),
        place="安徽省教育厅第一会议室",
        members=15,
        applications=[application],
        actor=organizer,
    )
    services.vote_record(
        meeting=meeting, application=application, present=12, yes=11, no=1, abstain=0,
        actor=organizer,
    )  # fmt: skip
    services.result_publicity_record(
        organizer=plan.organizer,
        plan=plan,
        applications=[application],
        starts_on=today - datetime.timedelta(days=21),
        ends_on=today - datetime.timedelta(days=1),
        place="https://jyt.ah.gov.cn/gs",
        actor=organizer,
    )
    services.results_approve(
        issuer=application.review_cases.get().issuer,
        applications=[application],
        approval_number=f"皖人社秘〔{today.year}〕1号",
        actor=issuer_user,
    )


def _reviewer_at(org: Organization) -> User | None:
    membership = (
        Membership.objects.filter(organization=org)
        .exclude(role=Membership.Role.ISSUER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None
