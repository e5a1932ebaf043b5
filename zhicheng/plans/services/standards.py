"""评审标准 and their performance categories (申报业绩类别)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from zhicheng.core.titles import Level, series_names
from zhicheng.orgs.models import Organization

from ..models import EntryKind, EvaluationStandard, PerformanceCategory
from .guard import (
    IN_USE,
    ConfigurationWrite,
    audit_configured,
    changed_fields,
    lock_standard,
    next_position,
    standard_configuration_write,
)

DUPLICATE_STANDARD_NAME = "本单位已有同名评审标准"


def _check_standard(*, series: str, level: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if series not in series_names():
        errors["series"] = "请选择职称系列"
    if level not in Level.values:
        errors["level"] = "请选择评审级别"
    return errors


def _standard_name_taken(*, organizer: Organization, name: str, exclude_pk: int = 0) -> bool:
    same = EvaluationStandard.objects.filter(organizer=organizer, name=name)
    return same.exclude(pk=exclude_pk).exists()


@transaction.atomic
def standard_create(
    *, organizer: Organization, actor: Any, series: str, level: str, name: str
) -> EvaluationStandard:
    name = name.strip()
    errors = _check_standard(series=series, level=level)
    if _standard_name_taken(organizer=organizer, name=name):
        errors["name"] = DUPLICATE_STANDARD_NAME
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():  # a savepoint: see plan_create
            standard = EvaluationStandard.objects.create(
                organizer=organizer, series=series, level=level, name=name
            )
    except IntegrityError:
        if _standard_name_taken(organizer=organizer, name=name):
            raise ValidationError({"name": DUPLICATE_STANDARD_NAME}) from None
        raise
    audit_configured(
        actor=actor,
        action="standard_create",
        standard=standard.pk,
        organizer=organizer.pk,
        values={"name": name, "series": series, "level": level},
    )
    return standard


@transaction.atomic
def standard_update(
    *, standard: EvaluationStandard, actor: Any, series: str, level: str, name: str
) -> EvaluationStandard:
    with standard_configuration_write(standard.pk, actor=actor, action="standard_update") as write:
        standard = _locked(write)
        name = name.strip()
        errors = _check_standard(series=series, level=level)
        if _standard_name_taken(organizer=standard.organizer, name=name, exclude_pk=standard.pk):
            errors["name"] = DUPLICATE_STANDARD_NAME
        if (series, level) != (standard.series, standard.level) and write.plans:
            errors["level"] = "该评审标准已被评审计划选用，不能修改职称系列或评审级别"
        if errors:
            raise ValidationError(errors)
        values = {"series": series, "level": level, "name": name}
        write.audit(standard=standard.pk, changes=changed_fields(standard, values))
        standard.series = series
        standard.level = level
        standard.name = name
        standard.save(update_fields=["series", "level", "name", "updated_at"])
    return standard


@transaction.atomic
def standard_delete(*, standard: EvaluationStandard, actor: Any) -> None:
    standard, plans = lock_standard(standard.pk)
    if plans:
        raise ValidationError("该评审标准已被评审计划选用，不能删除")
    pk, name = standard.pk, standard.name
    standard.delete()
    audit_configured(actor=actor, action="standard_delete", standard=pk, name=name)


def _check_category(
    *,
    standard: EvaluationStandard,
    name: str,
    allowed_kinds: list[str],
    min_items: int,
    max_items: int,
    exclude_pk: int = 0,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if standard.categories.filter(name=name).exclude(pk=exclude_pk).exists():
        errors["name"] = "该评审标准已有同名类别"
    if not allowed_kinds:
        errors["allowed_kinds"] = "请至少选择一种可导入的业绩类型"
    elif any(kind not in EntryKind.values for kind in allowed_kinds):
        errors["allowed_kinds"] = "业绩类型不正确"
    if max_items < 1:
        errors["max_items"] = "最多项数至少为 1"
    elif min_items > max_items:
        errors["max_items"] = "最多项数不能小于最少项数"
    return errors


@transaction.atomic
def category_create(
    *,
    standard: EvaluationStandard,
    actor: Any,
    name: str,
    hint: str,
    allowed_kinds: list[str],
    min_items: int,
    max_items: int,
) -> PerformanceCategory:
    with standard_configuration_write(standard.pk, actor=actor, action="category_create") as write:
        standard = _locked(write)
        name = name.strip()
        errors = _check_category(
            standard=standard,
            name=name,
            allowed_kinds=allowed_kinds,
            min_items=min_items,
            max_items=max_items,
        )
        if min_items > 0 and write.in_use:
            errors["min_items"] = f"{IN_USE}，新增的类别最少项数只能为 0"
        if errors:
            raise ValidationError(errors)
        category = PerformanceCategory.objects.create(
            standard=standard,
            name=name,
            hint=hint,
            allowed_kinds=allowed_kinds,
            min_items=min_items,
            max_items=max_items,
            position=next_position(standard.categories),
        )
        write.audit(
            standard=standard.pk,
            category=category.pk,
            values={
                "name": name,
                "hint": hint,
                "allowed_kinds": allowed_kinds,
                "min_items": min_items,
                "max_items": max_items,
            },
        )
    return category


@transaction.atomic
def category_update(
    *,
    category: PerformanceCategory,
    actor: Any,
    name: str,
    hint: str,
    allowed_kinds: list[str],
    min_items: int,
    max_items: int,
) -> PerformanceCategory:
    with standard_configuration_write(
        category.standard_id, actor=actor, action="category_update"
    ) as write:
        standard = _locked(write)
        category = PerformanceCategory.objects.get(pk=category.pk)
        name = name.strip()
        errors = _check_category(
            standard=standard,
            name=name,
            allowed_kinds=allowed_kinds,
            min_items=min_items,
            max_items=max_items,
            exclude_pk=category.pk,
        )
        if write.in_use:
            # Loosening keeps every application valid; tightening would not.
            if name != category.name and "name" not in errors:
                errors["name"] = f"{IN_USE}，不能修改类别名称"
            if min_items > category.min_items:
                errors["min_items"] = f"{IN_USE}，不能提高最少项数（原为 {category.min_items}）"
            if max_items < category.max_items:
                errors["max_items"] = f"{IN_USE}，不能降低最多项数（原为 {category.max_items}）"
            removed = [kind for kind in category.allowed_kinds if kind not in allowed_kinds]
            if removed:
                labels = "、".join(EntryKind(kind).label for kind in removed)
                errors["allowed_kinds"] = f"{IN_USE}，不能取消可导入的业绩类型：{labels}"
        if errors:
            raise ValidationError(errors)
        values = {
            "name": name,
            "hint": hint,
            "allowed_kinds": allowed_kinds,
            "min_items": min_items,
            "max_items": max_items,
        }
        write.audit(
            standard=standard.pk,
            category=category.pk,
            changes=changed_fields(category, values),
        )
        for field, value in values.items():
            setattr(category, field, value)
        category.save(update_fields=list(values))
    return category


@transaction.atomic
def category_delete(*, category: PerformanceCategory, actor: Any) -> None:
    with standard_configuration_write(
        category.standard_id, actor=actor, action="category_delete"
    ) as write:
        if write.in_use:
            raise ValidationError(f"{IN_USE}，不能删除申报业绩类别")
        category = PerformanceCategory.objects.get(pk=category.pk)
        PerformanceCategory.objects.filter(pk=category.pk).delete()
        write.audit(standard=_locked(write).pk, category=category.pk, name=category.name)


def _locked(write: ConfigurationWrite) -> EvaluationStandard:
    assert write.standard is not None  # standard_configuration_write always sets it
    return write.standard
