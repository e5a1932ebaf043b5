"""Writes to applications: the only code that changes them (STYLE habit 1).

Lock order, so that two writers never wait on each other in a circle: the person's row, then the
plan row (starting an application), then the application row, then library entry rows (by pk).
Every edit locks the application row first and refuses once it is no longer 填报中, so nothing
changes after 提交审核.
"""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.attachments import attachment_files_delete, attachment_rename, attachment_store
from zhicheng.core.uploads import CheckedFile
from zhicheng.core.workflow import check_transition, lock, transition
from zhicheng.library.kinds import entry_facts, entry_period, entry_summary
from zhicheng.library.models import Entry
from zhicheng.library.services import YEARS_PLANNED_AHEAD, earliest_date
from zhicheng.orgs.services import require_approved_unit
from zhicheng.plans.models import AttachmentSlot, PlanSpecialty, ReviewPlan
from zhicheng.plans.services import plan_apply_blockers

from . import checks, hooks, selectors, transitions
from .models import (
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    Appointment,
    CurrentTitle,
    CurrentTitleDocument,
    ImportedEntry,
    Section,
)
from .series_fields import fields_for

S = Application.Status
K = Entry.Kind
NOT_EDITABLE = "该申报已提交审核，不能再修改"
NOT_PLEDGED = "请先阅读并确认诚信承诺书"
ONE_PER_YEAR = (
    "您在{year}年度已有职称申报（{name}），个人在一个申报年度中只允许申报一次职称（不限系列和专业）"
)
IMMUTABLE = "姓名、身份证号码、性别为不可更改项"
MAX_FILES_PER_SLOT = 10
MAX_TITLES = 10
MAX_APPOINTMENTS = 10

# The four 个人信息 lists take entries of their own kind; 申报业绩 takes what its category allows.
SECTION_KINDS: dict[str, str] = {
    Section.WORK: K.WORK,
    Section.EDUCATION: K.EDUCATION,
    Section.TRAINING: K.TRAINING,
    Section.APPRAISAL: K.APPRAISAL,
}


def _audit(application: Application, *, actor: Any, action: str, **detail: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.APPLICATION,
        user=actor,
        detail={"application": application.pk, "action": action, **detail},
    )


def _lock_editable(application: Application, *, actor: Any, pledged: bool = True) -> Application:
    """The application row, locked; refused unless it is the actor's and still 填报中."""
    locked = lock(Application, pk=application.pk)
    if locked.person_id != actor.pk:
        raise ValidationError("只能修改本人的职称申报", code="not_own")
    if locked.status != S.DRAFT:
        raise ValidationError(NOT_EDITABLE, code="not_editable")
    if pledged and locked.pledged_at is None:
        raise ValidationError(NOT_PLEDGED, code="not_pledged")
    return locked


# --- 马上申报 → 申报职称选择 → 诚信承诺书 --------------------------------------------------


def _choice_errors(
    *, plan: ReviewPlan, apply_form: str, specialty_id: Any, title: str, standard_id: Any
) -> tuple[dict[str, str], PlanSpecialty | None]:
    errors: dict[str, str] = {}
    if apply_form not in plan.apply_forms:
        allowed = "、".join(plan.apply_form_labels)
        errors["apply_form"] = f"该评审计划只允许以下申报形式：{allowed}"
    specialty = plan.specialties.filter(pk=specialty_id).first() if specialty_id else None
    if specialty is None:
        errors["specialty"] = "请选择该评审计划的申报专业"
    elif title not in specialty.titles:
        errors["title"] = f"请选择专业“{specialty.name}”可申报的职称"
    if not standard_id or not plan.standards.filter(pk=standard_id).exists():
        errors["standard"] = "请选择该评审计划的评审标准"
    return errors, specialty


@transaction.atomic
def application_start(
    *,
    person: Any,
    plan: ReviewPlan,
    apply_form: str,
    specialty_id: Any,
    title: str,
    standard_id: Any,
    confirmed: bool,
    actor: Any,
    now: datetime | None = None,
) -> Application:
    """申报职称选择 → 提交: a new application (填报中, waiting for the 诚信承诺书).

    The person's row is locked first, so two 马上申报 at once (two tabs, two plans of one year)
    make one application; the plan row next, as `plans.hooks.plan_in_use` requires. A second
    submit for the same plan (a double click) returns the application made by the first.
    """
    now = now or timezone.now()
    if actor.pk != person.pk:
        raise ValidationError("只能本人申报")
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    plan = lock(ReviewPlan, pk=plan.pk)
    existing = selectors.active_application_in_year(person=person, year=plan.year)
    if existing is not None and existing.plan_id == plan.pk and existing.status == S.DRAFT:
        return existing
    blockers = plan_apply_blockers(person=person, plan=plan, now=now)
    if blockers:
        raise ValidationError([ValidationError(reason, code="blocked") for reason in blockers])
    if existing is not None:
        raise ValidationError(
            ONE_PER_YEAR.format(year=plan.year, name=existing.plan.name), code="one_per_year"
        )
    errors, specialty = _choice_errors(
        plan=plan,
        apply_form=apply_form,
        specialty_id=specialty_id,
        title=title,
        standard_id=standard_id,
    )
    if not confirmed:
        errors["confirmed"] = "请核对申报信息后勾选“确认无误”"
    if errors:
        raise ValidationError(errors)
    assert specialty is not None
    unit = require_approved_unit(person=person)
    application = Application(
        person=person,
        plan=plan,
        year=plan.year,
        apply_form=apply_form,
        specialty=specialty,
        title=title,
        standard_id=int(standard_id),
        unit=unit,
        political_status=person.political_status,
        ethnicity=person.ethnicity,
        phone=person.phone,
        email=person.email,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # The constraint's own word, should a writer bypass the person lock.
        raise ValidationError(
            ONE_PER_YEAR.format(year=plan.year, name=plan.name), code="one_per_year"
        ) from None
    _prefill_from_last(application, person=person)
    if person.photo:
        _copy_photo(application, person.photo)
    transition_event = ApplicationEvent.objects.create(
        application=application, actor=actor, from_status="", to_status=S.DRAFT, opinion="马上申报"
    )
    _audit(
        application,
        actor=actor,
        action="start",
        plan=plan.pk,
        apply_form=apply_form,
        event=transition_event.pk,
    )
    return application


def _prefill_from_last(application: Application, *, person: Any) -> None:
    """注意: a person applies again next year; 基本信息 and 现有职称情况 come from the last
    application. Library imports are not carried over."""
    last = selectors.last_application(person=person, before_year=application.year)
    if last is None:
        return
    if last.plan.series == application.plan.series:
        application.professional_info = dict(last.professional_info)
    application.work_years = last.work_years
    application.professional_years = last.professional_years
    application.save(update_fields=["professional_info", "work_years", "professional_years"])
    for old in last.titles.all():
        new = CurrentTitle.objects.create(
            application=application,
            position=old.position,
            series=old.series,
            name=old.name,
            level=old.level,
            specialty=old.specialty,
            obtained_by=old.obtained_by,
            obtained_on=old.obtained_on,
            certificate_number=old.certificate_number,
            issuer=old.issuer,
        )
        Appointment.objects.bulk_create(
            Appointment(
                title=new,
                unit=a.unit,
                post=a.post,
                starts_on=a.starts_on,
                ends_on=a.ends_on,
                document_number=a.document_number,
            )
            for a in old.appointments.all()
        )


def _copy_photo(application: Application, source: Any) -> None:
    try:
        with source.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError):
        return
    application.photo.save("photo.jpg", ContentFile(content), save=False)
    application.save(update_fields=["photo"])


@transaction.atomic
def application_pledge(*, application: Application, agreed: bool, actor: Any) -> Application:
    """诚信承诺书: 我已阅读并承诺 → 同意并继续 (once; again is harmless)."""
    application = _lock_editable(application, actor=actor, pledged=False)
    if not agreed:
        raise ValidationError({"agreed": "请勾选“我已阅读并承诺”后再继续"})
    if application.pledged_at is None:
        application.pledged_at = timezone.now()
        application.save(update_fields=["pledged_at", "updated_at"])
        _audit(application, actor=actor, action="pledge")
    return application


@transaction.atomic
def application_change_specialty(
    *, application: Application, specialty_id: Any, title: str, actor: Any
) -> Application:
    """修改专业: only a specialty and title of the same plan (注意)."""
    application = _lock_editable(application, actor=actor)
    specialty = PlanSpecialty.objects.filter(pk=specialty_id).first() if specialty_id else None
    if specialty is None or specialty.plan_id != application.plan_id:
        raise ValidationError(
            {"specialty": "修改专业只允许是同一个职称评审计划里的专业"}, code="other_plan"
        )
    if title not in specialty.titles:
        raise ValidationError({"title": f"请选择专业“{specialty.name}”可申报的职称"})
    before = (application.specialty_id, application.title)
    application.specialty = specialty
    application.title = title
    application.save(update_fields=["specialty", "title", "updated_at"])
    _audit(application, actor=actor, action="change_specialty", before=list(before))
    return application


# --- 基本信息 -------------------------------------------------------------------------------------


PERSONAL_FIELDS = ("political_status", "ethnicity", "phone", "email")
IMMUTABLE_FIELDS = ("name", "id_number", "sex")


@transaction.atomic
def application_basic_save(
    *, application: Application, data: dict[str, Any], actor: Any
) -> tuple[Application, bool]:
    """个人信息 and 专业信息. Returns (application, clamped): 专业年限 larger than 工作年限 is set
    to 工作年限 (注意), and the page says so."""
    application = _lock_editable(application, actor=actor)
    if any(name in data for name in IMMUTABLE_FIELDS):
        raise ValidationError(IMMUTABLE, code="immutable")
    errors: dict[str, str] = {}
    names = {f.name for f in fields_for(application.plan.series)}
    info = dict(application.professional_info or {})
    for name, value in (data.get("professional_info") or {}).items():
        if name not in names:
            raise ValidationError(f"该系列没有“{name}”一项")
        text = str(value or "").strip()
        if len(text) > 200:
            errors[f"info_{name}"] = "不能超过200字"
        info[name] = text
    for name in PERSONAL_FIELDS:
        if name in data:
            setattr(application, name, str(data[name] or "").strip())
    work, professional = data.get("work_years"), data.get("professional_years")
    for name, value in (("work_years", work), ("professional_years", professional)):
        if value is not None and not (0 <= int(value) <= 60):
            errors[name] = "年限应在 0 至 60 之间"
    if errors:
        raise ValidationError(errors)
    clamped = False
    if work is not None and professional is not None and professional > work:
        professional, clamped = work, True
    application.work_years = work
    application.professional_years = professional
    application.professional_info = info
    application.save(
        update_fields=[
            *PERSONAL_FIELDS,
            "professional_info",
            "work_years",
            "professional_years",
            "updated_at",
        ]
    )
    return application, clamped


@transaction.atomic
def application_photo_set(*, application: Application, content: bytes, actor: Any) -> Application:
    """The application's own photo (already normalised by accounts.photos.photo_normalize)."""
    application = _lock_editable(application, actor=actor)
    old = application.photo.name
    application.photo.save("photo.jpg", ContentFile(content), save=False)
    application.save(update_fields=["photo", "updated_at"])
    if old:
        attachment_files_delete([old], storage=application.photo.storage)
    _audit(application, actor=actor, action="photo")
    return application


@transaction.atomic
def application_extra_save(
    *, application: Application, data: dict[str, str], actor: Any
) -> Application:
    """破格申报 / 转评申报: the information their approval forms need."""
    application = _lock_editable(application, actor=actor)
    allowed: tuple[str, ...]
    if application.is_exceptional:
        allowed = ("exceptional_conditions", "exceptional_evidence")
    elif application.is_transfer:
        allowed = ("transfer_current_title", "transfer_original_series", "transfer_reason")
    else:
        raise ValidationError("常规申报无需填写破格或转评信息")
    for name in allowed:
        setattr(application, name, str(data.get(name, "")).strip())
    application.save(update_fields=[*allowed, "updated_at"])
    return application


# --- 现有职称情况 and 评聘情况 --------------------------------------------------------------------


TITLE_FIELDS = (
    "series",
    "name",
    "level",
    "specialty",
    "obtained_by",
    "obtained_on",
    "certificate_number",
    "issuer",
)
APPOINTMENT_FIELDS = ("unit", "post", "starts_on", "ends_on", "document_number")


def _check_dates(
    start: date | None, end: date | None, *, person: Any, field: str, label: str
) -> None:
    """The same plausible range as the library's entries: from 14 years after birth to today
    (an appointment's end may be planned, up to YEARS_PLANNED_AHEAD years ahead)."""
    today = timezone.localdate()
    floor = earliest_date(person)
    if start and start < floor:
        raise ValidationError({field: f"{label}不能早于 {floor:%Y-%m-%d}"})
    if start and start > today:
        raise ValidationError({field: f"{label}不能晚于今天"})
    if start and end and end < start:
        raise ValidationError({"ends_on": "聘任截止日期不能早于聘用日期"})
    if end and end.year > today.year + YEARS_PLANNED_AHEAD:
        raise ValidationError(
            {"ends_on": f"聘任截止日期不能晚于 {today.year + YEARS_PLANNED_AHEAD} 年"}
        )


@transaction.atomic
def current_title_save(
    *, application: Application, data: dict[str, Any], actor: Any, title: CurrentTitle | None = None
) -> CurrentTitle:
    application = _lock_editable(application, actor=actor)
    if title is None:
        count = CurrentTitle.objects.filter(application=application).count()
        if count >= MAX_TITLES:
            raise ValidationError(f"最多填写{MAX_TITLES}条现有职称情况")
        title = CurrentTitle(application=application, position=count + 1)
    elif title.application_id != application.pk:
        raise ValidationError("没有找到该现有职称")
    for name in TITLE_FIELDS:
        setattr(title, name, data[name])
    _check_dates(
        title.obtained_on,
        None,
        person=application.person,
        field="obtained_on",
        label="取得时间",
    )
    title.save()
    return title


@transaction.atomic
def current_title_delete(*, title: CurrentTitle, actor: Any) -> None:
    application = _lock_editable(title.application, actor=actor)
    storage_names = [d.file.name for d in title.documents.all()]
    storage = title.documents.first().file.storage if storage_names else None  # type: ignore[union-attr]
    title.delete()
    _renumber(CurrentTitle.objects.filter(application=application))
    if storage is not None:
        attachment_files_delete(storage_names, storage=storage)


@transaction.atomic
def current_title_move(*, title: CurrentTitle, up: bool, actor: Any) -> None:
    """↑ ↓: swap with the neighbour."""
    application = _lock_editable(title.application, actor=actor)
    _move(list(CurrentTitle.objects.filter(application=application)), title.pk, up)


@transaction.atomic
def appointment_add(*, title: CurrentTitle, data: dict[str, Any], actor: Any) -> Appointment:
    application = _lock_editable(title.application, actor=actor)
    if title.appointments.count() >= MAX_APPOINTMENTS:
        raise ValidationError(f"每条现有职称最多填写{MAX_APPOINTMENTS}条评聘情况")
    appointment = Appointment(title=title, **{name: data.get(name) for name in APPOINTMENT_FIELDS})
    _check_dates(
        appointment.starts_on,
        appointment.ends_on,
        person=application.person,
        field="starts_on",
        label="聘用日期",
    )
    appointment.save()
    return appointment


@transaction.atomic
def appointment_delete(*, appointment: Appointment, actor: Any) -> None:
    _lock_editable(appointment.title.application, actor=actor)
    appointment.delete()


@transaction.atomic
def title_document_add(
    *, title: CurrentTitle, checked: CheckedFile, actor: Any
) -> CurrentTitleDocument:
    _lock_editable(title.application, actor=actor)
    if title.documents.count() >= MAX_FILES_PER_SLOT:
        raise ValidationError({"file": f"最多上传{MAX_FILES_PER_SLOT}个文档"})
    return attachment_store(model=CurrentTitleDocument, checked=checked, actor=actor, title=title)


@transaction.atomic
def title_document_delete(*, document: CurrentTitleDocument, actor: Any) -> None:
    _lock_editable(document.title.application, actor=actor)
    name, storage = document.file.name, document.file.storage
    document.delete()
    attachment_files_delete([name], storage=storage)


# --- Imports: 导入 / 移除 / 上移 / 下移 ----------------------------------------------------------


def _renumber(queryset: Any) -> None:
    """Positions 1..n in the current order, without gaps (after a removal)."""
    for position, item in enumerate(queryset.order_by("position", "pk"), start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def _move(items: list[Any], pk: int, up: bool) -> None:
    index = next((i for i, item in enumerate(items) if item.pk == pk), None)
    if index is None:
        raise ValidationError("没有找到该记录")
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return  # already first / last: nothing to do
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def _place(application: Application, section: str, category_id: int | None) -> Any:
    return ImportedEntry.objects.filter(
        application=application, section=section, category_id=category_id
    )


def _allowed_kinds(application: Application, section: str, category_id: int | None) -> list[str]:
    if section in SECTION_KINDS:
        return [SECTION_KINDS[section]]
    if section == Section.PERFORMANCE:
        category = application.standard.categories.filter(pk=category_id or 0).first()
        if category is None:
            raise ValidationError("没有找到该申报业绩类别", code="no_category")
        return list(category.allowed_kinds)
    raise ValidationError("没有找到该栏目", code="no_section")


def _snapshot(item: ImportedEntry, entry: Entry) -> None:
    item.kind = entry.kind
    item.summary = entry_summary(entry)[:300]
    item.period = entry_period(entry)[:40]
    item.facts = [[label, str(value)] for label, value in entry_facts(entry)]
    item.files = [
        {"id": a.pk, "name": a.display_name, "is_image": a.is_image}
        for a in entry.attachments.all()
    ]


@transaction.atomic
def application_import_entries(
    *,
    application: Application,
    section: str,
    entry_ids: Iterable[int],
    actor: Any,
    category_id: int | None = None,
) -> list[ImportedEntry]:
    """导入: copy the person's approved library entries into a section or a category, in order.

    Each entry row is locked (as `library.services.entry_delete` locks it), so the library cannot
    change or delete it meanwhile, and it stays in use until removed. An entry already in this
    place is skipped (a double click, a second tab); one imported elsewhere in the application is
    refused: 移除 it there first.
    """
    application = _lock_editable(application, actor=actor)
    if section != Section.PERFORMANCE:
        category_id = None
    kinds = _allowed_kinds(application, section, category_id)
    ids = sorted(set(entry_ids))
    if not ids:
        raise ValidationError("请勾选要导入的业绩", code="empty")
    entries = list(Entry.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(entries) != len(ids) or any(e.person_id != application.person_id for e in entries):
        raise ValidationError("所选业绩不存在", code="missing")
    existing = {
        item.entry_id: item
        for item in ImportedEntry.objects.filter(application=application, entry_id__in=ids)
    }
    new_entries = []
    for entry in entries:
        if entry.status != Entry.Status.APPROVED:
            raise ValidationError(
                f"“{entry}”当前状态为{entry.get_status_display()}，只能导入经单位审核通过的业绩",
                code="not_approved",
            )
        if entry.kind not in kinds:
            raise ValidationError(f"“{entry}”不属于该栏目可导入的业绩类型", code="wrong_kind")
        item = existing.get(entry.pk)
        if item is None:
            new_entries.append(entry)
        elif item.section != section or item.category_id != category_id:
            where = item.category.name if item.category else item.get_section_display()
            raise ValidationError(
                f"“{entry}”已导入到“{where}”，不允许二次导入；如需导入到此处，请先在那里移除",
                code="imported_elsewhere",
            )
    place = _place(application, section, category_id)
    count = place.count()
    if section == Section.PERFORMANCE and category_id is not None:
        category = application.standard.categories.get(pk=category_id)
        if count + len(new_entries) > category.max_items:
            raise ValidationError(
                f"“{category.name}”最多导入{category.max_items}项，已导入{count}项",
                code="too_many",
            )
    created = []
    for offset, entry in enumerate(new_entries, start=1):
        item = ImportedEntry(
            application=application,
            section=section,
            category_id=category_id,
            entry=entry,
            position=count + offset,
        )
        _snapshot(item, entry)
        if entry.kind == K.APPRAISAL and entry.appraisal_result:
            # 优秀/合格 count as 合格, 不合格 as 不合格; 基本合格 the person chooses.
            choices: dict[str, str] = {
                Entry.AppraisalResult.EXCELLENT: ImportedEntry.AppraisalChoice.PASS,
                Entry.AppraisalResult.PASS: ImportedEntry.AppraisalChoice.PASS,
                Entry.AppraisalResult.FAIL: ImportedEntry.AppraisalChoice.FAIL,
            }
            item.appraisal_choice = choices.get(entry.appraisal_result, "")
        item.save()
        created.append(item)
    if created:
        _audit(
            application,
            actor=actor,
            action="import",
            section=section,
            category=category_id,
            entries=[item.entry_id for item in created],
        )
    return created


def _lock_item(item: ImportedEntry, *, actor: Any) -> tuple[Application, ImportedEntry]:
    application = _lock_editable(item.application, actor=actor)
    locked = ImportedEntry.objects.filter(pk=item.pk, application=application).first()
    if locked is None:
        raise ValidationError("该业绩已移除", code="gone")
    return application, locked


@transaction.atomic
def application_entry_remove(*, item: ImportedEntry, actor: Any) -> None:
    """移除: only the imported copy goes; the library entry stays (and may be edited again)."""
    application, item = _lock_item(item, actor=actor)
    entry_id = item.entry_id
    item.delete()
    _renumber(_place(application, item.section, item.category_id))
    _audit(application, actor=actor, action="remove", entry=entry_id)


@transaction.atomic
def application_entry_move(*, item: ImportedEntry, up: bool, actor: Any) -> None:
    """上移 / 下移 within its list."""
    application, item = _lock_item(item, actor=actor)
    _move(list(_place(application, item.section, item.category_id)), item.pk, up)


@transaction.atomic
def application_entry_mark(
    *, item: ImportedEntry, actor: Any, qualified: bool | None = None, appraisal_choice: str = ""
) -> ImportedEntry:
    """合格学历 (学历教育) or 合格 / 不合格 (年度考核)."""
    _, item = _lock_item(item, actor=actor)
    if item.section == Section.EDUCATION and qualified is not None:
        item.qualified = qualified
        item.save(update_fields=["qualified"])
    elif item.section == Section.APPRAISAL and appraisal_choice:
        if appraisal_choice not in ImportedEntry.AppraisalChoice.values:
            raise ValidationError("考核结果只能为“合格”或“不合格”")
        item.appraisal_choice = appraisal_choice
        item.save(update_fields=["appraisal_choice"])
    else:
        raise ValidationError("该业绩无需设置")
    return item


# --- 附件上传 -----------------------------------------------------------------------------------


def _slot_applies(application: Application, slot: AttachmentSlot) -> bool:
    return slot.plan_id == application.plan_id and (
        not slot.exam_only or application.specialty.exam_required
    )


@transaction.atomic
def application_attachment_add(
    *, application: Application, slot: AttachmentSlot, checked: CheckedFile, actor: Any
) -> ApplicationAttachment:
    application = _lock_editable(application, actor=actor)
    if not _slot_applies(application, slot):
        raise ValidationError("该附件项不适用于本申报", code="slot")
    count = ApplicationAttachment.objects.filter(application=application, slot=slot).count()
    if count >= MAX_FILES_PER_SLOT:
        raise ValidationError({"file": f"每个附件项最多上传{MAX_FILES_PER_SLOT}个文件"})
    attachment = attachment_store(
        model=ApplicationAttachment,
        checked=checked,
        actor=actor,
        application=application,
        slot=slot,
    )
    _audit(
        application, actor=actor, action="attachment_add", slot=slot.pk, sha256=attachment.sha256
    )
    return attachment


@transaction.atomic
def application_attachment_rename(
    *, attachment: ApplicationAttachment, name: str, actor: Any
) -> ApplicationAttachment:
    """点击已上传的附件可修改名称: name files by their content (身份证正面, 教师资格证)."""
    _lock_editable(attachment.application, actor=actor)
    attachment_rename(attachment=attachment, name=name)
    return attachment


@transaction.atomic
def application_attachment_delete(*, attachment: ApplicationAttachment, actor: Any) -> None:
    application = _lock_editable(attachment.application, actor=actor)
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    attachment_files_delete([name], storage=storage)
    _audit(application, actor=actor, action="attachment_delete", name=name)


# --- 删除 and 提交审核 ----------------------------------------------------------------------------


@transaction.atomic
def application_delete(*, application: Application, actor: Any) -> Application:
    """删除: only before submission; the person may then 马上申报 again in that year."""
    application = lock(Application, pk=application.pk)
    if application.person_id != actor.pk:
        raise ValidationError("只能删除本人的职称申报")
    transition(
        application,
        to=S.DELETED,
        allowed=transitions.ALLOWED,
        event_model=ApplicationEvent,
        subject="application",
        actor=actor,
        refused=f"该申报当前状态为“{application.get_status_display()}”，不能删除",
        fields={"deleted_at": timezone.now()},
        audit_kind=AuditEvent.Kind.APPLICATION,
        audit_detail={"application": application.pk, "action": "delete"},
    )
    return application


@transaction.atomic
def application_submit(
    *, application: Application, actor: Any, now: datetime | None = None
) -> Application:
    """提交审核: refused while any 开始检测 check fails; then frozen (已提交), waiting for the unit.

    A second 提交审核 (a double click) finds it submitted already and changes nothing.
    """
    locked = lock(Application, pk=application.pk)
    if locked.person_id != actor.pk:
        raise ValidationError("只能提交本人的职称申报")
    if locked.status == S.SUBMITTED:
        return locked
    if locked.pledged_at is None:
        raise ValidationError(NOT_PLEDGED, code="not_pledged")
    # Lock the imported entries too, so none turns un-approved between the check and the save.
    list(
        Entry.objects.select_for_update()
        .filter(imports__application=locked)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    locked = Application.objects.select_related("plan", "specialty", "standard", "person").get(
        pk=locked.pk
    )
    problems = checks.failing(checks.application_checks(locked, now=now))
    if problems:
        raise ValidationError(
            [ValidationError(f"{c.label}：{c.advice}", code="checks") for c in problems]
        )
    unit = require_approved_unit(person=locked.person)
    transition(
        locked,
        to=S.SUBMITTED,
        allowed=transitions.ALLOWED,
        event_model=ApplicationEvent,
        subject="application",
        actor=actor,
        organization=None,
        opinion="提交审核",
        refused=f"该申报当前状态为“{locked.get_status_display()}”，不能提交",
        fields={"submitted_at": now or timezone.now(), "unit": unit},
        audit_kind=AuditEvent.Kind.APPLICATION,
        audit_detail={"application": locked.pk, "action": "submit", "unit": unit.pk},
    )
    # The review route starts here (reviews registers); its refusal undoes the submission.
    hooks.application_submitted.call(locked, actor, now or timezone.now())
    return locked


def application_review_move(
    *, application: Application, to: str, fields: dict[str, Any] | None = None
) -> Application:
    """One edge of the review route (reviews calls it), on a row the caller has locked.

    No event row here: the caller records the decision as its own event (with the route's node),
    so that one decision is one event.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("application_review_move() must run inside the locking transaction")
    check_transition(
        transitions.ALLOWED,
        application.status,
        to,
        refused=f"该申报当前状态为“{application.get_status_display()}”，不能进行此操作",
    )
    application.status = to
    for name, value in (fields or {}).items():
        setattr(application, name, value)
    application.save(update_fields=["status", *(fields or {}), "updated_at"])
    return application


def application_return(*, application: Application) -> Application:
    """退回修改: back to 填报中, editable again by the applicant (reviews keeps the deadline)."""
    return application_review_move(application=application, to=S.DRAFT)


def photo_bytes(application: Application) -> bytes | None:
    if not application.photo:
        return None
    try:
        with application.photo.open("rb") as handle:
            return bytes(handle.read())
    except (FileNotFoundError, OSError):
        return None
