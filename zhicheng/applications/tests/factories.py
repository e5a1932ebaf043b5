"""A plan to apply to, a person with approved library entries, and a ready application."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhicheng.applications import services
from zhicheng.applications.models import Application, Section
from zhicheng.core.uploads import check_document
from zhicheng.library.models import Entry
from zhicheng.library.tests.factories import AttachmentFactory, bind, pdf_bytes, png_bytes
from zhicheng.library.tests.test_services import VALID
from zhicheng.plans.models import EntryKind, ReviewPlan
from zhicheng.plans.tests.factories import (
    CategoryFactory,
    PlanFactory,
    SlotFactory,
    SpecialtyFactory,
    StandardFactory,
)

K = Entry.Kind


@dataclass
class World:
    person: Any
    unit: Any
    plan: ReviewPlan
    plain: Any  # a specialty without exam
    exam: Any  # 化工工程: 笔试
    standard: Any
    categories: list[Any]
    pledge_slot: Any
    exam_slot: Any


def open_plan(*, year: int = 2026, **kwargs: Any) -> tuple[Any, ...]:
    plan = PlanFactory(
        year=year,
        allow_regular=True,
        allow_exceptional=True,
        allow_transfer=False,
        status=ReviewPlan.Status.PUBLISHED,
        published_at=timezone.now(),
        **kwargs,
    )
    standard = StandardFactory(organizer=plan.organizer, series=plan.series, level=plan.level)
    categories = [
        CategoryFactory(
            standard=standard,
            name="能力条件",
            allowed_kinds=[EntryKind.PROJECT, EntryKind.AWARD],
            min_items=1,
            max_items=3,
        ),
        CategoryFactory(
            standard=standard,
            name="智力成果",
            allowed_kinds=[EntryKind.PAPER, EntryKind.PATENT],
            min_items=1,
            max_items=2,
        ),
    ]
    plan.standards.add(standard)
    plain = SpecialtyFactory(plan=plan, name="建筑工程", titles=["高级工程师"])
    exam = SpecialtyFactory(plan=plan, name="化工工程", titles=["高级工程师"], exam_required=True)
    SlotFactory(plan=plan, name="身份证正反面", required=True)
    pledge = SlotFactory(plan=plan, name="职称申报承诺书", required=True)
    SlotFactory(plan=plan, name="职（执）业资格证书", required=False)
    exam_slot = SlotFactory(plan=plan, name="笔试申请表", required=True, exam_only=True)
    return plan, plain, exam, standard, categories, pledge, exam_slot


def world(cast: Any, *, person: Any = None, year: int = 2026) -> World:
    person = person or cast.applicant
    bind(person, cast.unit)
    plan, plain, exam, standard, categories, pledge, exam_slot = open_plan(year=year)
    return World(person, cast.unit, plan, plain, exam, standard, categories, pledge, exam_slot)


def approved_entry(person: Any, unit: Any, kind: str, **over: Any) -> Entry:
    entry = Entry.objects.create(
        person=person,
        kind=kind,
        status=Entry.Status.APPROVED,
        unit=unit,
        decided_at=timezone.now(),
        **{**VALID[kind], **over},
    )
    AttachmentFactory(entry=entry)
    return entry


def start(
    w: World, *, specialty: Any = None, apply_form: str = "regular", **kw: Any
) -> Application:
    application = services.application_start(
        person=w.person,
        plan=w.plan,
        apply_form=apply_form,
        specialty_id=(specialty or w.plain).pk,
        title="高级工程师",
        standard_id=w.standard.pk,
        confirmed=True,
        actor=w.person,
        **kw,
    )
    return services.application_pledge(application=application, agreed=True, actor=w.person)


def upload(name: str = "身份证.png", content: bytes | None = None) -> Any:
    data = content or png_bytes()
    kind = "application/pdf" if data.startswith(b"%PDF") else "image/png"
    return check_document(SimpleUploadedFile(name, data, kind), max_bytes=10 * 1024 * 1024)


def complete(w: World, application: Application) -> Application:
    """Fill everything 开始检测 asks for (the plain specialty: no 笔试申请表)."""
    from zhicheng.accounts.photos import photo_normalize

    person, unit = w.person, w.unit
    services.application_photo_set(
        application=application, content=photo_normalize(png_bytes(200, 280)), actor=person
    )
    services.application_basic_save(
        application=application,
        data={
            "political_status": "群众",
            "ethnicity": "汉族",
            "phone": "13800000000",
            "work_years": 15,
            "professional_years": 12,
            "professional_info": {
                "work_start": "2008-07",
                "current_specialty": "建筑工程",
                "current_post": "项目负责人",
                "engineering_field": "建筑工程",
                "registered_engineer": "无",
            },
        },
        actor=person,
    )
    title = services.current_title_save(
        application=application,
        data={
            "series": "工程",
            "name": "工程师",
            "level": "中级",
            "specialty": "建筑工程",
            "obtained_by": "review",
            "obtained_on": datetime.date(2015, 12, 1),
            "certificate_number": "GC2015001",
            "issuer": "合肥市人社局",
        },
        actor=person,
    )
    services.appointment_add(
        title=title,
        data={
            "unit": unit.name,
            "post": "工程师",
            "starts_on": datetime.date(2016, 1, 1),
            "ends_on": None,
            "document_number": "人字〔2016〕1号",
        },
        actor=person,
    )
    education = approved_entry(person, unit, K.EDUCATION)
    [item] = services.application_import_entries(
        application=application, section=Section.EDUCATION, entry_ids=[education.pk], actor=person
    )
    services.application_entry_mark(item=item, qualified=True, actor=person)
    appraisal = approved_entry(person, unit, K.APPRAISAL)
    services.application_import_entries(
        application=application, section=Section.APPRAISAL, entry_ids=[appraisal.pk], actor=person
    )
    for category, kind in zip(w.categories, (K.PROJECT, K.PAPER), strict=True):
        entry = approved_entry(person, unit, kind)
        services.application_import_entries(
            application=application,
            section=Section.PERFORMANCE,
            category_id=category.pk,
            entry_ids=[entry.pk],
            actor=person,
        )
    for slot in application.plan.slots.filter(required=True, exam_only=False):
        services.application_attachment_add(
            application=application,
            slot=slot,
            checked=upload(f"{slot.name}.pdf", pdf_bytes()),
            actor=person,
        )
    application.refresh_from_db()
    return application
