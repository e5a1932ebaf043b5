"""A plan's 可评审专业, 附件项 and files to download."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from zhicheng.core.titles import title_names_at
from zhicheng.core.uploads import JPEG, MB, PDF, PNG, check_document

from ..models import AttachmentSlot, PlanFile, PlanSpecialty, ReviewPlan
from .guard import (
    IN_USE,
    audit_configured,
    changed_fields,
    delete_stored_files,
    lock_open_plan,
    next_position,
    plan_configuration_write,
)

PLAN_FILE_MAX_BYTES = 20 * MB


# ---------------------------------------------------------------------------------------------
# 可评审专业


def _check_specialty(
    *, plan: ReviewPlan, name: str, titles: list[str], exclude_pk: int = 0
) -> dict[str, str]:
    errors: dict[str, str] = {}
    allowed = title_names_at(plan.series, plan.level)
    if not titles:
        errors["titles"] = "请至少选择一个可申报职称"
    elif not set(titles) <= set(allowed):
        errors["titles"] = (
            f"{plan.series}{plan.get_level_display()}的职称只有：{'、'.join(allowed) or '无'}"
        )
    duplicate = plan.specialties.filter(name=name).exclude(pk=exclude_pk)
    if duplicate.exists():
        errors["name"] = "该计划已有同名专业"
    return errors


@transaction.atomic
def specialty_create(
    *, plan: ReviewPlan, actor: Any, name: str, titles: list[str], exam_required: bool
) -> PlanSpecialty:
    with plan_configuration_write(plan, actor=actor, action="specialty_create") as write:
        plan = write.plan
        name = name.strip()
        errors = _check_specialty(plan=plan, name=name, titles=titles)
        if exam_required and write.in_use:
            errors["exam_required"] = f"{IN_USE}，新增的专业不能要求笔试"
        if errors:
            raise ValidationError(errors)
        specialty = PlanSpecialty.objects.create(
            plan=plan,
            name=name,
            titles=titles,
            exam_required=exam_required,
            position=next_position(plan.specialties),
        )
        write.audit(
            plan=plan.pk,
            specialty=specialty.pk,
            values={"name": name, "titles": titles, "exam_required": exam_required},
        )
    return specialty


@transaction.atomic
def specialty_update(
    *, specialty: PlanSpecialty, actor: Any, name: str, titles: list[str], exam_required: bool
) -> PlanSpecialty:
    with plan_configuration_write(specialty.plan, actor=actor, action="specialty_update") as write:
        plan = write.plan
        specialty = PlanSpecialty.objects.get(pk=specialty.pk)
        name = name.strip()
        errors = _check_specialty(plan=plan, name=name, titles=titles, exclude_pk=specialty.pk)
        if write.in_use:
            if name != specialty.name:
                errors["name"] = f"{IN_USE}，不能修改专业名称"
            removed = [title for title in specialty.titles if title not in titles]
            if removed:
                errors["titles"] = f"{IN_USE}，不能移除可申报职称：{'、'.join(removed)}"
            if exam_required != specialty.exam_required:
                errors["exam_required"] = f"{IN_USE}，不能修改是否需要笔试"
        if errors:
            raise ValidationError(errors)
        values = {"name": name, "titles": titles, "exam_required": exam_required}
        write.audit(plan=plan.pk, specialty=specialty.pk, changes=changed_fields(specialty, values))
        specialty.name = name
        specialty.titles = titles
        specialty.exam_required = exam_required
        specialty.save(update_fields=["name", "titles", "exam_required"])
    return specialty


@transaction.atomic
def specialty_delete(*, specialty: PlanSpecialty, actor: Any) -> None:
    with plan_configuration_write(specialty.plan, actor=actor, action="specialty_delete") as write:
        if write.in_use:
            raise ValidationError(f"{IN_USE}，不能删除可评审专业")
        specialty = PlanSpecialty.objects.get(pk=specialty.pk)
        PlanSpecialty.objects.filter(pk=specialty.pk).delete()
        write.audit(plan=write.plan.pk, specialty=specialty.pk, name=specialty.name)


# ---------------------------------------------------------------------------------------------
# 附件项


def _exam_rule_needs(slot: AttachmentSlot, plan: ReviewPlan) -> bool:
    """True if `slot` is the plan's only required 仅笔试专业 slot while exam specialties exist."""
    if not (slot.exam_only and slot.required):
        return False
    if not plan.specialties.filter(exam_required=True).exists():
        return False
    others = plan.slots.filter(exam_only=True, required=True).exclude(pk=slot.pk)
    return not others.exists()


@transaction.atomic
def slot_create(
    *, plan: ReviewPlan, actor: Any, name: str, required: bool, exam_only: bool, note: str
) -> AttachmentSlot:
    with plan_configuration_write(plan, actor=actor, action="slot_create") as write:
        plan = write.plan
        name = name.strip()
        errors: dict[str, str] = {}
        if plan.slots.filter(name=name).exists():
            errors["name"] = "该计划已有同名附件项"
        if required and write.in_use:
            errors["required"] = f"{IN_USE}，新增的附件项只能设为非必须上传"
        if errors:
            raise ValidationError(errors)
        slot = AttachmentSlot.objects.create(
            plan=plan,
            name=name,
            required=required,
            exam_only=exam_only,
            note=note,
            position=next_position(plan.slots),
        )
        write.audit(
            plan=plan.pk,
            slot=slot.pk,
            values={"name": name, "required": required, "exam_only": exam_only, "note": note},
        )
    return slot


@transaction.atomic
def slot_update(
    *, slot: AttachmentSlot, actor: Any, name: str, required: bool, exam_only: bool, note: str
) -> AttachmentSlot:
    with plan_configuration_write(slot.plan, actor=actor, action="slot_update") as write:
        plan = write.plan
        slot = AttachmentSlot.objects.get(pk=slot.pk)
        name = name.strip()
        errors: dict[str, str] = {}
        if plan.slots.filter(name=name).exclude(pk=slot.pk).exists():
            errors["name"] = "该计划已有同名附件项"
        if write.in_use:
            if name != slot.name and "name" not in errors:
                errors["name"] = f"{IN_USE}，不能修改附件名称"
            if required and not slot.required:
                errors["required"] = f"{IN_USE}，不能把附件项改为必须上传"
            elif not required and _exam_rule_needs(slot, plan):
                errors["required"] = (
                    f"{IN_USE}，需要笔试的专业须保留一个“仅笔试专业”且必须上传的附件项"
                )
            if exam_only != slot.exam_only:
                errors["exam_only"] = f"{IN_USE}，不能修改附件项的适用范围"
        if errors:
            raise ValidationError(errors)
        values = {"name": name, "required": required, "exam_only": exam_only, "note": note}
        write.audit(plan=plan.pk, slot=slot.pk, changes=changed_fields(slot, values))
        slot.name = name
        slot.required = required
        slot.exam_only = exam_only
        slot.note = note
        slot.save(update_fields=["name", "required", "exam_only", "note"])
    return slot


@transaction.atomic
def slot_delete(*, slot: AttachmentSlot, actor: Any) -> None:
    with plan_configuration_write(slot.plan, actor=actor, action="slot_delete") as write:
        if write.in_use:
            raise ValidationError(f"{IN_USE}，不能删除附件项（已上传的附件会丢失）")
        slot = AttachmentSlot.objects.get(pk=slot.pk)
        AttachmentSlot.objects.filter(pk=slot.pk).delete()
        write.audit(plan=write.plan.pk, slot=slot.pk, name=slot.name)


# ---------------------------------------------------------------------------------------------
# Files to download


@transaction.atomic
def plan_file_add(*, plan: ReviewPlan, actor: Any, upload: Any) -> PlanFile:
    """A file for applicants to download; checked by its bytes (PDF, JPG or PNG).

    The bytes are stored before the row; if saving the row fails, they are removed again. (A
    rollback of an enclosing transaction after this returns is not seen here: Django has no
    rollback hook.)
    """
    plan = lock_open_plan(plan)
    checked = check_document(upload, max_bytes=PLAN_FILE_MAX_BYTES, allowed=(PDF, JPEG, PNG))
    plan_file = PlanFile(
        plan=plan,
        display_name=checked.display_name,
        content_type=checked.content_type,
        extension=checked.extension,
        size=len(checked.content),
        uploaded_by=actor,
    )
    plan_file.file.save("upload", ContentFile(checked.content), save=False)
    try:
        with transaction.atomic():
            plan_file.save()
            audit_configured(
                actor=actor,
                action="file_add",
                plan=plan.pk,
                file=plan_file.pk,
                name=plan_file.display_name,
                size=plan_file.size,
            )
    except BaseException:
        plan_file.file.delete(save=False)
        raise
    return plan_file


@transaction.atomic
def plan_file_delete(*, plan_file: PlanFile, actor: Any) -> None:
    plan = lock_open_plan(plan_file.plan)
    plan_file = PlanFile.objects.get(pk=plan_file.pk)
    storage, name = plan_file.file.storage, plan_file.file.name
    pk, display_name = plan_file.pk, plan_file.display_name
    PlanFile.objects.filter(pk=pk).delete()
    audit_configured(actor=actor, action="file_delete", plan=plan.pk, file=pk, name=display_name)
    # The stored bytes go only once the row is gone for good.
    transaction.on_commit(lambda: delete_stored_files(storage, [name]))
