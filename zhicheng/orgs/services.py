"""Writes to organizations and bindings. Every state change: lock, check, save, event row."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from zhicheng.accounts.models import User
from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.identity import normalize_mobile, parse_id_number, validate_credit_code
from zhicheng.core.workflow import (
    OPINION_MAX_LENGTH,
    check_transition,
    clean_opinion,
    lock,
    transition,
)

from . import access, hooks, selectors, transitions
from .models import (
    Membership,
    Organization,
    OrganizationEvent,
    UnitBinding,
    UnitBindingEvent,
    UnitJoinRequest,
)

UNIT_REQUIRED_MESSAGE = (
    "您尚未绑定工作单位或工作单位尚未审核通过，请先在“个人中心”点击“变更单位”绑定工作单位"
)
MAX_TEXT = OPINION_MAX_LENGTH


def unit_required_message(*, person: Any) -> str:
    """Why there is no approved unit. A request waiting at a unit must not read as "apply again"."""
    pending = selectors.person_pending_binding(person=person)
    if pending is None:
        return UNIT_REQUIRED_MESSAGE
    return f"您绑定工作单位的申请正在等待“{pending.unit.name}”审核，审核通过后方可提交业绩和申报"


def require_approved_unit(*, person: Any) -> Organization:
    """Manual 一, 注: without an approved unit, entries cannot be submitted and no application made."""
    unit = selectors.person_unit(person=person)
    if unit is None:
        raise ValidationError(unit_required_message(person=person), code="unit_required")
    return unit


REJECT_REASON_MISSING = "驳回时请填写驳回理由"
ONLY_UNIT_ADMIN = "只有本单位的单位管理员可以办理"
CLERK_NOT_FOUND = (
    "没有找到姓名与身份证号一致、且已绑定本单位的个人账号；"
    "请让经办人先用个人账号登录本系统，申请绑定本单位并经审核通过"
)


# --- Unit registration (法人登录) --------------------------------------------------------------


@transaction.atomic
def unit_register(
    *,
    legal_user: User,
    authority: Organization,
    department: Organization | None,
    is_public_institution: bool,
    contact_name: str,
    contact_phone: str,
    address: str,
    request: HttpRequest | None = None,
) -> Organization:
    """A legal person registers its unit; the chosen county HR department approves it.

    Name and credit code come from the SSO claims, never from the form. A refused registration
    may be corrected and submitted again; a pending or approved one may not be submitted twice.
    """
    if not legal_user.is_legal:
        raise ValidationError("只有法人账号可以注册单位")
    validate_credit_code(legal_user.credit_code)
    credit_code = legal_user.credit_code.upper()
    errors: dict[str, str] = {}
    if not (
        authority.kind == Organization.Kind.HR
        and authority.level == Organization.Level.COUNTY
        and authority.is_active
    ):
        errors["authority"] = "请选择单位所在县区的人社部门"
    if department is not None and not (
        department.kind == Organization.Kind.DEPARTMENT and department.is_active
    ):
        errors["department"] = "所选主管部门不存在"
    contact_name = contact_name.strip()
    if not contact_name:
        errors["contact_name"] = "请输入联系人"
    try:
        contact_phone = normalize_mobile(contact_phone)
    except ValidationError:
        errors["contact_phone"] = "请输入正确的11位手机号码"
    if errors:
        raise ValidationError(errors)
    fields = {
        "kind": Organization.Kind.UNIT,
        "name": legal_user.unit_name,
        "region_code": authority.region_code,
        "parent": department or authority,
        "registration_authority": authority,
        "registration_opinion": "",
        "is_public_institution": is_public_institution,
        "contact_name": contact_name[:50],
        "contact_phone": contact_phone,
        "address": address.strip()[:200],
        "status": Organization.Status.PENDING,
    }
    unit = Organization.objects.select_for_update().filter(credit_code=credit_code).first()
    if unit is None:
        try:
            with transaction.atomic():
                unit = Organization.objects.create(credit_code=credit_code, **fields)
        except IntegrityError as error:  # a double-clicked submit raced us
            raise ValidationError("本单位的注册申请已提交，请勿重复提交") from error
        created = True
    else:
        created = False
        if unit.status == Organization.Status.PENDING:
            raise ValidationError("本单位的注册申请已提交，正在等待人社部门审核")
        del fields["status"]
        transition(
            unit,
            to=Organization.Status.PENDING,
            allowed=transitions.REGISTRATION_ALLOWED,
            event_model=OrganizationEvent,
            subject="unit",
            actor=legal_user,
            organization=unit,
            refused="本单位已完成注册，无需重复注册",
            fields=fields,
        )
    if created:
        OrganizationEvent.objects.create(
            unit=unit, actor=legal_user, organization=unit, to_status=unit.status
        )
    audit_record(
        kind=AuditEvent.Kind.UNIT_REGISTRATION,
        request=request,
        user=legal_user,
        detail={"unit": unit.pk, "credit_code": credit_code},
    )
    return unit


@transaction.atomic
def unit_registration_decide(
    *,
    unit: Organization,
    authority: Organization,
    actor: User,
    approve: bool,
    opinion: str,
    request: HttpRequest | None = None,
) -> Organization:
    """The county HR department approves (the legal person becomes 单位管理员) or refuses."""
    unit = lock(Organization, pk=unit.pk)
    if unit.registration_authority_id != authority.pk:
        raise ValidationError("该单位的注册申请不由本机构审核")
    target = Organization.Status.ACTIVE if approve else Organization.Status.REJECTED
    refused = f"该注册申请当前状态为“{unit.get_status_display()}”，不能再审核"
    check_transition(transitions.REGISTRATION_ALLOWED, unit.status, target, refused=refused)
    opinion = clean_opinion(opinion, required=not approve, missing=REJECT_REASON_MISSING)
    transition(
        unit,
        to=target,
        allowed=transitions.REGISTRATION_ALLOWED,
        event_model=OrganizationEvent,
        subject="unit",
        actor=actor,
        organization=authority,
        opinion=opinion,
        refused=refused,
        fields={"registration_opinion": opinion},
    )
    if approve:
        # The account that registered the unit administers it; other legal accounts with the same
        # credit code (an enterprise's sub-accounts at the SSO) gain nothing by the code alone.
        registrant = selectors.unit_registrant(unit=unit)
        if registrant is not None and registrant.is_legal:
            Membership.objects.get_or_create(
                user=registrant, organization=unit, role=Membership.Role.UNIT_ADMIN
            )
    audit_record(
        kind=AuditEvent.Kind.UNIT_REGISTRATION_DECIDED,
        request=request,
        user=actor,
        detail={"unit": unit.pk, "to": target, "opinion": opinion},
    )
    return unit


@transaction.atomic
def unit_admin_claim_first(*, legal_user: User, request: HttpRequest | None = None) -> bool:
    """A unit the administrator created (no registration of its own) gets its first legal account
    with that credit code as 单位管理员, once: the claim is an event, so a later account cannot
    claim it again. Returns whether this account became the unit admin."""
    if not legal_user.is_legal or not legal_user.credit_code:
        return False
    unit = (
        Organization.objects.select_for_update()
        .filter(
            credit_code=legal_user.credit_code.upper(),
            kind=Organization.Kind.UNIT,
            status=Organization.Status.ACTIVE,
            registration_authority__isnull=True,
        )
        .first()
    )
    if unit is None or unit.events.exists():
        return False
    if unit.memberships.filter(role=Membership.Role.UNIT_ADMIN).exists():
        return False
    Membership.objects.create(user=legal_user, organization=unit, role=Membership.Role.UNIT_ADMIN)
    OrganizationEvent.objects.create(
        unit=unit,
        organization=unit,
        actor=legal_user,
        from_status=unit.status,
        to_status=unit.status,
        opinion="首个法人账号登录，成为单位管理员",
    )
    audit_record(
        kind=AuditEvent.Kind.UNIT_ADMIN_CHANGED,
        request=request,
        user=legal_user,
        detail={"unit": unit.pk, "unit_admin": legal_user.pk, "action": "first_unit_admin"},
    )
    return True


# --- More 单位管理员: join requests and handover -------------------------------------------------


def _unit_admin_event(
    *,
    unit: Organization,
    acting: Organization | None,
    actor: User,
    opinion: str,
    detail: dict[str, Any],
    request: Any,
) -> None:
    """The unit's event row and the audit row of a change of its 单位管理员; `acting` is the
    organization the actor acted for (none for a request to join)."""
    OrganizationEvent.objects.create(
        unit=unit,
        organization=acting,
        actor=actor,
        from_status=unit.status,
        to_status=unit.status,
        opinion=opinion[:500],
    )
    audit_record(
        kind=AuditEvent.Kind.UNIT_ADMIN_CHANGED,
        request=request,
        user=actor,
        detail={"unit": unit.pk, **detail},
    )


@transaction.atomic
def unit_join_request(
    *, legal_user: User, statement: str = "", request: HttpRequest | None = None
) -> UnitJoinRequest:
    """A legal account whose credit code is a registered unit's asks to administer it too."""
    if not legal_user.is_legal:
        raise ValidationError("只有法人账号可以申请成为单位管理员")
    unit = selectors.registration_for_legal(user=legal_user)
    if unit is None or unit.status != Organization.Status.ACTIVE:
        raise ValidationError("本单位尚未在本系统注册，请先进行单位注册")
    if access.is_unit_admin(legal_user, unit):
        raise ValidationError("您已是本单位的单位管理员")
    if UnitJoinRequest.objects.filter(
        unit=unit, user=legal_user, status=UnitJoinRequest.Status.PENDING
    ).exists():
        raise ValidationError("您的申请正在等待本单位的单位管理员审核")
    if len(statement) > 500:
        raise ValidationError({"statement": "申请说明不能超过 500 字"})
    join = UnitJoinRequest.objects.create(unit=unit, user=legal_user, statement=statement)
    _unit_admin_event(
        unit=unit,
        acting=None,
        actor=legal_user,
        opinion=f"法人账号（{legal_user.name}）申请成为单位管理员：{statement}",
        detail={"join_request": join.pk, "action": "join_requested"},
        request=request,
    )
    return join


@transaction.atomic
def unit_join_decide(
    *,
    join: UnitJoinRequest,
    actor: User,
    approve: bool,
    opinion: str = "",
    request: HttpRequest | None = None,
) -> UnitJoinRequest:
    """The unit's 单位管理员 approves (the account becomes 单位管理员 too) or refuses."""
    join = (
        UnitJoinRequest.objects.select_for_update().select_related("unit", "user").get(pk=join.pk)
    )
    if join.status != UnitJoinRequest.Status.PENDING:
        raise ValidationError("该申请已处理")
    if not access.is_unit_admin(actor, join.unit):
        raise ValidationError(ONLY_UNIT_ADMIN)
    if not approve and not opinion.strip():
        raise ValidationError({"opinion": "拒绝时请填写意见"})
    if len(opinion) > 500:
        raise ValidationError({"opinion": "意见不能超过 500 字"})
    join.status = UnitJoinRequest.Status.APPROVED if approve else UnitJoinRequest.Status.REJECTED
    join.opinion = opinion
    join.decided_by = actor
    join.decided_at = timezone.now()
    join.save(update_fields=["status", "opinion", "decided_by", "decided_at"])
    if approve:
        Membership.objects.get_or_create(
            user=join.user, organization=join.unit, role=Membership.Role.UNIT_ADMIN
        )
    verdict = "同意" if approve else "拒绝"
    _unit_admin_event(
        unit=join.unit,
        acting=join.unit,
        actor=actor,
        opinion=f"{verdict}法人账号（{join.user.name}）成为单位管理员：{opinion}",
        detail={
            "join_request": join.pk,
            "unit_admin": join.user_id,
            "action": "join_approved" if approve else "join_rejected",
        },
        request=request,
    )
    return join


@transaction.atomic
def unit_admin_handover(
    *,
    unit: Organization,
    authority: Organization,
    legal_user: User,
    actor: User,
    opinion: str = "",
    request: HttpRequest | None = None,
) -> Membership:
    """A unit whose administrators are all gone: its registration authority names a legal
    account with the unit's credit code as 单位管理员."""
    unit = Organization.objects.select_for_update().get(pk=unit.pk)
    if unit.registration_authority_id != authority.pk:
        raise ValidationError("该单位不由本部门审核注册")
    if selectors.unit_active_admins(unit=unit):
        raise ValidationError("该单位仍有单位管理员，由其审核加入申请")
    if not legal_user.is_legal or (legal_user.credit_code or "").upper() != unit.credit_code:
        raise ValidationError("只能指定统一社会信用代码与本单位一致的法人账号")
    if not legal_user.is_active:
        raise ValidationError("该账号已停用")
    membership, _ = Membership.objects.get_or_create(
        user=legal_user, organization=unit, role=Membership.Role.UNIT_ADMIN
    )
    UnitJoinRequest.objects.filter(
        unit=unit, user=legal_user, status=UnitJoinRequest.Status.PENDING
    ).update(status=UnitJoinRequest.Status.APPROVED, decided_by=actor, decided_at=timezone.now())
    _unit_admin_event(
        unit=unit,
        acting=authority,
        actor=actor,
        opinion=f"{authority.name}将单位管理员移交给法人账号（{legal_user.name}）：{opinion}",
        detail={"unit_admin": legal_user.pk, "authority": authority.pk, "action": "handover"},
        request=request,
    )
    return membership


# --- Clerks (经办人) -----------------------------------------------------------------------------


@transaction.atomic
def clerk_add(
    *,
    unit: Organization,
    actor: User,
    name: str,
    id_number: str,
    request: HttpRequest | None = None,
) -> Membership:
    """The unit admin names a clerk: a person who has logged in once, found by 姓名 and 身份证号."""
    if not access.can_manage_clerks(actor, unit):
        raise ValidationError(ONLY_UNIT_ADMIN)
    try:
        number = parse_id_number(id_number).number
    except ValidationError as error:
        raise ValidationError({"id_number": error.messages}) from error
    person = User.objects.filter(kind=User.Kind.PERSON, id_number=number).first()
    # Lock the binding as binding_end does: ending it at the same moment either waits for this
    # clerk and removes them, or ends first and this finds no current binding.
    bound = (
        person is not None
        and person.name == name.strip()
        and UnitBinding.objects.select_for_update()
        .filter(person=person, unit=unit, status=UnitBinding.Status.APPROVED)
        .exists()
    )
    if not bound:
        # One message whatever failed: the form must not tell a unit whether a name and ID
        # number belong to an account somewhere.
        raise ValidationError({"id_number": CLERK_NOT_FOUND})
    assert person is not None
    membership, created = Membership.objects.get_or_create(
        user=person, organization=unit, role=Membership.Role.CLERK
    )
    if not created:
        raise ValidationError({"id_number": f"{person.name}已是本单位经办人"})
    audit_record(
        kind=AuditEvent.Kind.CLERK_CHANGED,
        request=request,
        user=actor,
        detail={"unit": unit.pk, "clerk": person.pk, "action": "add"},
    )
    return membership


@transaction.atomic
def clerk_remove(
    *, unit: Organization, actor: User, membership_id: int, request: HttpRequest | None = None
) -> None:
    if not access.can_manage_clerks(actor, unit):
        raise ValidationError(ONLY_UNIT_ADMIN)
    membership = Membership.objects.filter(
        pk=membership_id, organization=unit, role=Membership.Role.CLERK
    ).first()
    if membership is None:
        raise ValidationError("该经办人不存在或已被移除")
    clerk = membership.user_id
    membership.delete()
    audit_record(
        kind=AuditEvent.Kind.CLERK_CHANGED,
        request=request,
        user=actor,
        detail={"unit": unit.pk, "clerk": clerk, "action": "remove"},
    )


# --- Binding (选择单位 / 变更单位 / 自由职业者) -------------------------------------------------------


@transaction.atomic
def binding_request(
    *,
    person: User,
    unit_id: int | None,
    statement: str,
    is_freelancer: bool = False,
    request: HttpRequest | None = None,
) -> UnitBinding:
    """A person asks to belong to a unit; it waits for the unit's approval (manual 一①③④, 五(一)).

    The current binding, if any, holds until the new one is approved.
    """
    person = User.objects.select_for_update().get(pk=person.pk)
    if not person.is_person:
        raise ValidationError("只有个人账号可以绑定工作单位")
    errors: dict[str, str] = {}
    unit = (
        Organization.objects.filter(pk=unit_id, status=Organization.Status.ACTIVE).first()
        if unit_id
        else None
    )
    if unit is None:
        errors["unit"] = "请点击“选择单位”，搜索并选择您的工作单位"
    elif is_freelancer and not unit.accepts_freelancers:
        errors["unit"] = "自由职业者请选择当地县区人社部门作为工作单位"
    elif not is_freelancer and unit.kind != Organization.Kind.UNIT:
        errors["unit"] = "所选机构不是用人单位；自由职业者请在“是否自由职业者”中选择“是”"
    statement = statement.strip()
    if not statement:
        errors["statement"] = "请输入申请说明"
    elif len(statement) > MAX_TEXT:
        errors["statement"] = f"申请说明不能超过{MAX_TEXT}字"
    if errors:
        raise ValidationError(errors)
    assert unit is not None
    if UnitBinding.objects.filter(person=person, status=UnitBinding.Status.PENDING).exists():
        raise ValidationError("您已有一条待审核的单位绑定申请，请等待审核或撤回后再提交")
    current = selectors.person_unit(person=person)
    if current is not None and current.pk == unit.pk:
        raise ValidationError({"unit": f"您已绑定{unit.name}，无需重复申请"})
    try:
        with transaction.atomic():
            binding = UnitBinding.objects.create(
                person=person, unit=unit, statement=statement, is_freelancer=is_freelancer
            )
    except IntegrityError as error:  # the partial unique index caught a concurrent submit
        raise ValidationError("您已有一条待审核的单位绑定申请，请等待审核或撤回后再提交") from error
    # The request is the graph's first row (no edge to check): the person acts for themselves.
    UnitBindingEvent.objects.create(
        binding=binding, actor=person, to_status=binding.status, opinion=statement
    )
    if person.has_unit != User.HasUnit.YES:
        person.has_unit = User.HasUnit.YES
        person.save(update_fields=["has_unit"])
    audit_record(
        kind=AuditEvent.Kind.BINDING_REQUESTED,
        request=request,
        user=person,
        detail={"binding": binding.pk, "unit": unit.pk, "freelancer": is_freelancer},
    )
    return binding


@transaction.atomic
def binding_decide(
    *,
    binding: UnitBinding,
    unit: Organization,
    actor: User,
    approve: bool,
    opinion: str,
    request: HttpRequest | None = None,
) -> UnitBinding:
    """The unit approves (the old binding ends now) or rejects (with a reason)."""
    binding = lock(UnitBinding, pk=binding.pk)
    if binding.unit_id != unit.pk:
        raise ValidationError("该申请不属于本单位")
    target = UnitBinding.Status.APPROVED if approve else UnitBinding.Status.REJECTED
    refused = f"该申请当前状态为“{binding.get_status_display()}”，不能再审核"
    check_transition(transitions.BINDING_ALLOWED, binding.status, target, refused=refused)
    if binding.person_id == actor.pk:  # a clerk (经办人) may not approve their own binding
        raise ValidationError("不能审核本人的申请")
    opinion = clean_opinion(opinion, required=not approve, missing=REJECT_REASON_MISSING)
    now = timezone.now()
    if approve:
        # End the old binding first: at most one approved binding per person (a DB constraint).
        for old in UnitBinding.objects.select_for_update().filter(
            person_id=binding.person_id, status=UnitBinding.Status.APPROVED
        ):
            _binding_end(old, actor=actor, organization=unit, opinion=f"变更单位至{unit.name}")
    transition(
        binding,
        to=target,
        allowed=transitions.BINDING_ALLOWED,
        event_model=UnitBindingEvent,
        subject="binding",
        actor=actor,
        organization=unit,
        opinion=opinion,
        refused=refused,
        fields={"opinion": opinion, "decided_by": actor, "decided_at": now},
    )
    audit_record(
        kind=AuditEvent.Kind.BINDING_DECIDED,
        request=request,
        user=actor,
        detail={"binding": binding.pk, "unit": unit.pk, "to": target},
    )
    return binding


def _binding_end(
    binding: UnitBinding, *, actor: User, organization: Organization, opinion: str
) -> None:
    """End an approved (locked) binding: the person's clerk role there ends, and entries still
    waiting for that unit go back to the person to be resubmitted."""
    transition(
        binding,
        to=UnitBinding.Status.ENDED,
        allowed=transitions.BINDING_ALLOWED,
        event_model=UnitBindingEvent,
        subject="binding",
        actor=actor,
        organization=organization,
        opinion=opinion,
        refused="该绑定无法解除",
        fields={"ended_at": timezone.now()},
    )
    Membership.objects.filter(
        user_id=binding.person_id, organization_id=binding.unit_id, role=Membership.Role.CLERK
    ).delete()
    hooks.binding_ended.call(binding, actor, f"工作单位已变更（{opinion}），请重新提交审核")


@transaction.atomic
def binding_end(
    *,
    binding: UnitBinding,
    unit: Organization,
    actor: User,
    opinion: str,
    request: HttpRequest | None = None,
) -> UnitBinding:
    """解除绑定: the unit ends the binding of someone who has left (with a reason)."""
    binding = (
        UnitBinding.objects.select_for_update().select_related("person", "unit").get(pk=binding.pk)
    )
    if binding.unit_id != unit.pk:
        raise ValidationError("该人员不属于本单位")
    if binding.person_id == actor.pk:
        raise ValidationError("不能解除本人的绑定")
    opinion = clean_opinion(opinion, required=True, missing="请填写解除绑定的原因", label="原因")
    _binding_end(binding, actor=actor, organization=unit, opinion=opinion)
    audit_record(
        kind=AuditEvent.Kind.BINDING_DECIDED,
        request=request,
        user=actor,
        detail={"binding": binding.pk, "unit": unit.pk, "to": binding.status},
    )
    return binding


@transaction.atomic
def bindings_approve(
    *, unit: Organization, binding_ids: list[int], actor: User, request: HttpRequest | None = None
) -> list[UnitBinding]:
    """Approve many requests at once (all or nothing)."""
    ids = sorted(set(binding_ids))
    if not ids:
        raise ValidationError("请勾选要通过的申请")
    bindings = list(UnitBinding.objects.filter(pk__in=ids, unit=unit).order_by("pk"))
    if len(bindings) != len(ids):
        raise ValidationError("所选申请不存在")
    return [
        binding_decide(
            binding=binding, unit=unit, actor=actor, approve=True, opinion="", request=request
        )
        for binding in bindings
    ]


@transaction.atomic
def binding_withdraw(
    *, binding: UnitBinding, actor: User, request: HttpRequest | None = None
) -> UnitBinding:
    binding = lock(UnitBinding, pk=binding.pk)
    if binding.person_id != actor.pk:
        raise ValidationError("只能撤回本人的申请")
    transition(
        binding,
        to=UnitBinding.Status.WITHDRAWN,
        allowed=transitions.BINDING_ALLOWED,
        event_model=UnitBindingEvent,
        subject="binding",
        actor=actor,
        refused=f"该申请当前状态为“{binding.get_status_display()}”，不能撤回",
    )
    audit_record(
        kind=AuditEvent.Kind.BINDING_WITHDRAWN,
        request=request,
        user=actor,
        detail={"binding": binding.pk},
    )
    return binding
