"""The words of every app's audit details, for the audit log's 详情 (`zhicheng.audit.words`).

The audit app imports nothing; portal reads every app, so the apps' codes, statuses and names are
registered here, on one screen. Labels come from the apps' own choices and field names wherever
they exist; only the action codes, which are no model's choices, are spelled out.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from zhicheng.accounts.models import User
from zhicheng.applications.models import Application, Section
from zhicheng.audit.models import AuditEvent
from zhicheng.audit.words import register_kind, register_names
from zhicheng.core.titles import Level
from zhicheng.integrity.models import IntegrityRecord
from zhicheng.library.kinds import entry_summary
from zhicheng.library.models import Entry
from zhicheng.orgs.models import Organization, UnitBinding
from zhicheng.plans.models import (
    ApplyForm,
    AttachmentSlot,
    EvaluationStandard,
    PerformanceCategory,
    PlanFile,
    PlanSpecialty,
    PlanType,
    ReviewPlan,
)
from zhicheng.reviews.models import Arrangement, Node
from zhicheng.reviews.services import Decision

K = AuditEvent.Kind


def _field_labels(*model_classes: type[models.Model]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for model in model_classes:
        for field in model._meta.get_fields():
            verbose = getattr(field, "verbose_name", None)
            if verbose and field.name not in labels:
                labels[field.name] = str(verbose)
    return labels


def _users(ids: set[Any]) -> Mapping[Any, str]:
    return {u.pk: u.display_name for u in User.objects.filter(pk__in=_ints(ids))}


def _organizations(ids: set[Any]) -> Mapping[Any, str]:
    return dict(Organization.objects.filter(pk__in=_ints(ids)).values_list("pk", "name"))


def _entries(ids: set[Any]) -> Mapping[Any, str]:
    return {e.pk: entry_summary(e) for e in Entry.objects.filter(pk__in=_ints(ids))}


def _applications(ids: set[Any]) -> Mapping[Any, str]:
    rows = Application.objects.filter(pk__in=_ints(ids)).select_related("person", "plan")
    return {a.pk: f"{a.person.display_name} · {a.plan.name}" for a in rows}


def _plans(ids: set[Any]) -> Mapping[Any, str]:
    return dict(ReviewPlan.objects.filter(pk__in=_ints(ids)).values_list("pk", "name"))


def _standards(ids: set[Any]) -> Mapping[Any, str]:
    return dict(EvaluationStandard.objects.filter(pk__in=_ints(ids)).values_list("pk", "name"))


def _ints(ids: Iterable[Any]) -> list[int]:
    return [i for i in ids if isinstance(i, int)]


ATTACHMENTS = {
    "attachment_add": "上传附件",
    "attachment_rename": "修改附件名称",
    "attachment_delete": "删除附件",
}

PLAN_ACTIONS = {
    f"{thing}_{verb}": f"{verb_label}{thing_label}"
    for thing, thing_label in [
        ("specialty", "可评审专业"),
        ("slot", "附件要求"),
        ("standard", "评审标准"),
        ("category", "申报业绩类别"),
    ]
    for verb, verb_label in [("create", "新增"), ("update", "修改"), ("delete", "删除")]
} | {"file_add": "上传可下载文件", "file_delete": "删除可下载文件"}

APPLICATION_ACTIONS = {
    "start": "马上申报",
    "pledge": "诚信承诺",
    "change_specialty": "修改专业",
    "photo": "更换申报照片",
    "import": "导入业绩",
    "remove": "移除业绩",
    "delete": "删除申报",
    "submit": "提交审核",
    "unit_publicity": "单位公示",
    "publicity_conclude": "公示结束",
    "meeting_create": "建立评审会议",
    "arrangement": "安排面试/笔试",
    "exemption_request": "申请免面试",
    "exemption_decide": "审核免面试申请",
    **ATTACHMENTS,
    **{f"review_{code}": label for code, label in Decision.LABELS.items()},
    "review_expire": "逾期未修改",
    "review_publicity": "评审结果公示",
    "review_vote": "评审表决",
    "review_approve": "核准",
}


def register_audit_words() -> None:
    register_names(["person", "clerk", "unit_admin"], _users)
    register_names(
        ["unit", "organization", "authority", "organizer", "committee", "hr_department"],
        _organizations,
    )
    register_names(["entry", "entries"], _entries)
    register_names(["application", "applications"], _applications)
    register_names(["plan"], _plans)
    register_names(["standard", "standards"], _standards)

    register_kind(
        K.ACCOUNT_CREATED, values={"kind": User.Kind.choices}, labels={"kind": "账号类型"}
    )
    register_kind(K.PHOTO_CHANGED, actions={"upload": "上传", "delete": "删除"})
    register_kind(K.SSO_ERROR, labels={"exception": "异常", "received_claims": "收到的声明"})
    register_kind(K.UNIT_REGISTRATION_DECIDED, statuses=Organization.Status.choices)
    for kind in (K.BINDING_REQUESTED, K.BINDING_DECIDED, K.BINDING_WITHDRAWN):
        register_kind(kind, statuses=UnitBinding.Status.choices)
    register_kind(K.CLERK_CHANGED, actions={"add": "添加经办人", "remove": "移除经办人"})
    register_kind(
        K.UNIT_ADMIN_CHANGED,
        actions={
            "first_unit_admin": "首个法人账号成为单位管理员",
            "join_requested": "申请成为单位管理员",
            "join_approved": "同意成为单位管理员",
            "join_rejected": "拒绝成为单位管理员",
            "handover": "移交单位管理员",
        },
    )
    register_kind(
        K.LIBRARY_ENTRY,
        statuses=Entry.Status.choices,
        actions={"delete": "删除业绩", **ATTACHMENTS},
        values={"kind": Entry.Kind.choices},
        labels={"kind": "业绩类别", "name": "附件名称"},
    )
    plan_labels = _field_labels(
        ReviewPlan, PlanSpecialty, AttachmentSlot, PlanFile, EvaluationStandard, PerformanceCategory
    )
    plan_values = {
        "level": Level.choices,
        "plan_type": PlanType.choices,
        "apply_forms": ApplyForm.choices,
        "allowed_kinds": Entry.Kind.choices,
        "status": ReviewPlan.Status.choices,
    }
    for kind in (
        K.PLAN_CREATED,
        K.PLAN_UPDATED,
        K.PLAN_PUBLISHED,
        K.PLAN_CLOSED,
        K.PLAN_DELETED,
        K.PLAN_CONFIGURED,
    ):
        register_kind(
            kind,
            statuses=ReviewPlan.Status.choices,
            actions=PLAN_ACTIONS,
            values=plan_values,
            labels={
                **plan_labels,
                "name": "名称",
                "apply_forms": "申报形式",
                "standards": "评审标准",
            },
        )
    integrity_labels = _field_labels(IntegrityRecord)
    register_kind(
        K.INTEGRITY_RECORD,
        actions={"created": "新增", "changed": "修改", "deleted": "删除"},
        values={"changed": integrity_labels},
        labels={**integrity_labels, "person": "人员", "changed": "修改的项目"},
    )
    register_kind(
        K.APPLICATION,
        statuses=Application.Status.choices,
        actions=APPLICATION_ACTIONS,
        values={
            "apply_form": ApplyForm.choices,
            "section": Section.choices,
            "kind": Arrangement.Kind.choices,
            "node": Node.choices,
        },
        labels={
            **_field_labels(Application),
            "node": "环节",
            "section": "位置",
            "kind": "类型",
            "before": "原专业",
        },
    )
