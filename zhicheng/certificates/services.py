"""Everything that writes certificates: issue, photo, generate, revoke, replace, share, verify.

The entry point for other apps is `certificate_issue` (one) and `certificates_issue_many` (a batch
with progress). A 核准 of the reviews app reaches them through its hook `reviews.hooks.result_approved`,
on which approvals.py registers; the other sources are the legacy import and 补换证.
"""

import datetime
import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from zhicheng.core.titles import series_names
from zhicheng.core.workflow import clean_opinion, lock, transition
from zhicheng.library.services import earliest_date
from zhicheng.orgs.models import Organization

from . import identifiers, transitions
from .models import (
    Certificate,
    CertificateEvent,
    GenerationBatch,
    NumberSequence,
    ReplacementEvent,
    ReplacementRequest,
    ShareLink,
    Verification,
)

C = Certificate.Status
R = ReplacementRequest.Status

LEVEL_CODES = {"初级": "1", "中级": "2", "副高级": "3", "正高级": "4"}
UNKNOWN_SERIES_CODE = "99"


@dataclass(frozen=True)
class CertificateDetails:
    """What a certificate says about its holder and their qualification (DESIGN §3)."""

    holder_id_number: str
    holder_name: str
    sex: str
    birth_date: datetime.date
    unit_name: str
    series: str
    specialty: str
    qualification: str
    level: str  # 初级 / 中级 / 副高级 / 正高级
    method: str  # Certificate.Method
    committee_name: str
    passed_on: datetime.date
    approval_number: str


@dataclass(frozen=True)
class IssueItem:
    """One certificate to issue: its details, what it comes from, and the photo if one is known.

    `source_key` identifies the source ("result:<pk>" for a 核准 result): issuing the same key twice
    returns the first certificate. `photo` is the application's photo (JPEG) for people who applied
    in the platform; without one the holder is asked to upload it before anything is generated.
    """

    details: CertificateDetails
    source_key: str
    source: str = Certificate.Source.APPROVAL
    holder: Any = None
    photo: bytes | None = None
    issued_on: datetime.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# --- numbers ---------------------------------------------------------------------------------


def sequence_next(key: str) -> int:
    """The next value of a sequence, under a row lock; values are never handed out twice."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequence_next() must run inside a transaction")
    NumberSequence.objects.bulk_create([NumberSequence(key=key)], ignore_conflicts=True)
    sequence = lock(NumberSequence, key=key)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return sequence.last_value


def series_code(series: str) -> str:
    """The 2-digit 系列 code of 证书编号: the series' place in the title-series file (01, 02, …)."""
    names = series_names()
    return f"{names.index(series) + 1:02d}" if series in names else UNKNOWN_SERIES_CODE


def allocate_number(*, series: str, level: str, year: int) -> str:
    province = settings.CERTIFICATE_PROVINCE_CODE
    level_code = LEVEL_CODES.get(level)
    if level_code is None:
        raise ValidationError({"level": "级别应为初级、中级、副高级或正高级"})
    code = series_code(series)
    sequence = sequence_next(f"number:{province}:{year}:{code}:{level_code}")
    return identifiers.certificate_number(
        province_code=province,
        year=year,
        series_code=code,
        level_code=level_code,
        sequence=sequence,
    )


def allocate_license_id(
    *, issuer: Organization, year: int, replaces: Certificate | None
) -> tuple[str, str, int]:
    """(电子证照标识, 流水号, 版本号). A replacement keeps the 流水号 and takes the next version."""
    from .issuers import issuer_settings

    issuer_code = issuer_settings(issuer).credit_code
    if replaces is not None:
        serial, version = replaces.license_serial, replaces.license_version + 1
    else:
        serial = f"{year}{sequence_next(f'serial:{issuer_code}:{year}'):08d}"
        version = 1
    license_id = identifiers.build_license_identifier(
        type_code=settings.CERTIFICATE_TYPE_CODE,
        issuer_code=issuer_code,
        serial=serial,
        version=version,
    )
    return license_id, serial, version


def verification_url(certificate: Certificate) -> str:
    """The URL in the QR code: absolute, public, no login."""
    origin = settings.CERTIFICATE_PUBLIC_ORIGIN.rstrip("/")
    return origin + reverse("certificates:verify", args=[certificate.number])


# --- issue -----------------------------------------------------------------------------------


def enqueue_generation(certificate: Certificate) -> None:
    # The database backend stores the task in this transaction: the worker sees it when (and only
    # if) the certificate row is committed too.
    from .tasks import generate_certificate

    result = generate_certificate.enqueue(certificate.pk)
    certificate.task_id = str(result.id)
    certificate.save(update_fields=["task_id"])


def _store_photo(certificate: Certificate, photo: bytes) -> None:
    certificate.photo.save(f"{uuid.uuid4().hex}.jpg", ContentFile(photo), save=False)


def _issue_one(
    item: IssueItem,
    *,
    issuer: Organization,
    actor: Any,
    batch: GenerationBatch | None = None,
    replaces: Certificate | None = None,
) -> Certificate:
    existing = Certificate.objects.filter(source_key=item.source_key).first()
    if existing is not None:
        return existing
    details = item.details
    issued_on = item.issued_on or timezone.localdate()
    number = allocate_number(series=details.series, level=details.level, year=issued_on.year)
    license_id, serial, version = allocate_license_id(
        issuer=issuer, year=issued_on.year, replaces=replaces
    )
    status = C.GENERATING if item.photo else C.AWAITING_PHOTO
    certificate = Certificate(
        number=number,
        license_id=license_id,
        license_serial=serial,
        license_version=version,
        status=status,
        source=item.source,
        source_key=item.source_key,
        holder=item.holder,
        issuer=issuer,
        issuer_name=issuer.name,
        issued_on=issued_on,
        batch=batch,
        replaces=replaces,
        requested_by=actor,
        **{name: getattr(details, name) for name in CertificateDetails.__dataclass_fields__},
    )
    if item.photo:
        _store_photo(certificate, item.photo)
    try:
        with transaction.atomic():  # a savepoint: a lost race on source_key leaves no trace
            certificate.save()
    except IntegrityError:
        if certificate.photo:
            certificate.photo.storage.delete(certificate.photo.name)
        existing = Certificate.objects.filter(source_key=item.source_key).first()
        if existing is None:
            raise
        return existing
    CertificateEvent.objects.create(
        certificate=certificate, actor=actor, organization=issuer, from_status="", to_status=status
    )
    if status == C.GENERATING:
        enqueue_generation(certificate)
    return certificate


def certificate_issue(
    *, item: IssueItem, issuer: Organization, actor: Any, batch: GenerationBatch | None = None
) -> Certificate:
    """Issue one certificate (idempotent by `item.source_key`); generation starts at once when
    the photo is known, else when the holder uploads one. `batch`: a batch the caller counts."""
    with transaction.atomic():
        return _issue_one(item, issuer=issuer, actor=actor, batch=batch)


def certificates_issue_many(
    *,
    items: Iterable[IssueItem],
    issuer: Organization,
    actor: Any,
    kind: str = GenerationBatch.Kind.GENERATE,
    note: str = "",
) -> GenerationBatch:
    """Issue many in one transaction and one batch, whose page shows the progress."""
    with transaction.atomic():
        batch = GenerationBatch.objects.create(
            kind=kind, issuer=issuer, created_by=actor, note=note
        )
        count = 0
        for item in items:
            _issue_one(item, issuer=issuer, actor=actor, batch=batch)
            count += 1
        batch.total = count
        batch.save(update_fields=["total"])
    return batch


def batch_progress(batch: GenerationBatch) -> dict[str, int]:
    """Counts per state of a batch's certificates (or of its ZIP), for the progress bar."""
    if batch.kind == GenerationBatch.Kind.ZIP:
        return {
            "total": batch.total,
            "done": batch.done,
            "waiting": 0,
            "percent": _percent(batch.done, batch.total),
        }
    rows = batch.certificates.values_list("status", flat=True)
    statuses = list(rows)
    generating = sum(1 for s in statuses if s == C.GENERATING)
    waiting = sum(1 for s in statuses if s == C.AWAITING_PHOTO)
    done = len(statuses) - generating - waiting
    return {
        "total": batch.total,
        "done": done,
        "waiting": waiting,
        "percent": _percent(done + waiting, batch.total),
    }


def _percent(part: int, whole: int) -> int:
    return 100 if whole == 0 else min(100, part * 100 // whole)


def certificate_attach_photo(*, certificate: Certificate, photo: bytes, actor: Any) -> Certificate:
    """上传 (manual 五(二)1): the holder's photo (already normalised); generation starts."""
    with transaction.atomic():
        certificate = lock(Certificate, pk=certificate.pk)
        if certificate.status != C.AWAITING_PHOTO:
            raise ValidationError("该证书不需要再上传照片")
        _store_photo(certificate, photo)
        certificate.save(update_fields=["photo"])
        transition(
            certificate,
            to=C.GENERATING,
            allowed=transitions.CERTIFICATE_ALLOWED,
            event_model=CertificateEvent,
            subject="certificate",
            actor=actor,
        )
        enqueue_generation(certificate)
    return certificate


# --- generation (run by the worker) ----------------------------------------------------------


def certificate_generate(*, certificate_id: int) -> bool:
    """Render, sign and store the PDF of a 生成中 certificate; False when there is nothing to do.

    Idempotent: the row is locked and its status checked, so a task run twice (or retried after a
    killed worker) generates once. A replacement makes its predecessor 已换发 in the same step.
    """
    from .pdf import certificate_signed_pdf

    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if certificate is None or certificate.status != C.GENERATING:
            return False
        pdf_bytes, profile = certificate_signed_pdf(certificate)
        name = f"{certificate.number}-{uuid.uuid4().hex[:8]}.pdf"
        certificate.pdf.save(name, ContentFile(pdf_bytes), save=False)
        stored = certificate.pdf.name
        try:
            transition(
                certificate,
                to=C.VALID,
                allowed=transitions.CERTIFICATE_ALLOWED,
                event_model=CertificateEvent,
                subject="certificate",
                actor=certificate.requested_by,
                organization=certificate.issuer,
                fields={
                    "pdf": certificate.pdf,
                    "pdf_sha256": hashlib.sha256(pdf_bytes).hexdigest(),
                    "signature_profile": profile,
                    "generated_at": timezone.now(),
                },
            )
            if certificate.replaces_id:
                old = lock(Certificate, pk=certificate.replaces_id)
                if old.status == C.VALID:
                    transition(
                        old,
                        to=C.REPLACED,
                        allowed=transitions.CERTIFICATE_ALLOWED,
                        event_model=CertificateEvent,
                        subject="certificate",
                        actor=certificate.requested_by,
                        organization=certificate.issuer,
                        opinion=f"换发为 {certificate.number}",
                    )
            if certificate.source == Certificate.Source.APPROVAL:
                from .approvals import result_certified

                result_certified(certificate)
        except Exception:
            certificate.pdf.storage.delete(stored)
            raise
    return True


def certificates_requeue_stalled(*, older_than_seconds: int | None = None) -> int:
    """Enqueue again the 生成中 certificates whose task died with its worker (still RUNNING after
    the stall time) or vanished. Safe to over-do: generation is idempotent."""
    from django_tasks_db.models import DBTaskResult

    seconds = (
        settings.CERTIFICATE_STALL_SECONDS if older_than_seconds is None else older_than_seconds
    )
    cutoff = timezone.now() - datetime.timedelta(seconds=seconds)
    pending = list(
        Certificate.objects.filter(status=C.GENERATING, created_at__lt=cutoff).values_list(
            "pk", "task_id"
        )
    )
    if not pending:
        return 0
    tasks = {
        str(row["id"]): row
        for row in DBTaskResult.objects.filter(
            id__in=[task_id for _, task_id in pending if task_id]
        ).values("id", "status", "started_at")
    }
    stalled = []
    for pk, task_id in pending:
        row = tasks.get(task_id)
        if (
            row is None
            or row["status"] in {"FAILED", "SUCCESSFUL"}
            or row["status"] == "RUNNING"
            and row["started_at"]
            and row["started_at"] < cutoff
        ):
            stalled.append(pk)
    for pk in stalled:
        with transaction.atomic():
            certificate = Certificate.objects.select_for_update().filter(pk=pk).first()
            if certificate is not None and certificate.status == C.GENERATING:
                enqueue_generation(certificate)
    return len(stalled)


# --- revoke ----------------------------------------------------------------------------------


def certificate_revoke(*, certificate: Certificate, reason: str, actor: Any) -> Certificate:
    """撤销 with a reason; the verification page says so at once."""
    text = clean_opinion(
        reason, required=True, missing="请填写撤销原因", label="撤销原因", field="reason"
    )
    with transaction.atomic():
        certificate = lock(Certificate, pk=certificate.pk)
        now = timezone.now()
        transition(
            certificate,
            to=C.REVOKED,
            allowed=transitions.CERTIFICATE_ALLOWED,
            event_model=CertificateEvent,
            subject="certificate",
            actor=actor,
            organization=certificate.issuer,
            opinion=text,
            refused=f"该证书当前状态为“{certificate.get_status_display()}”，不能撤销",
            fields={"revoked_at": now, "revoke_reason": text},
        )
    return certificate


# --- verification and share links ------------------------------------------------------------


def verification_record(
    *, certificate: Certificate, channel: str, result: str = "", share_link: ShareLink | None = None
) -> Verification:
    return Verification.objects.create(
        certificate=certificate, channel=channel, result=result[:200], share_link=share_link
    )


@dataclass(frozen=True)
class FileCheck:
    """The outcome of checking an uploaded PDF against a certificate."""

    is_issued_file: bool
    signature_ok: bool
    signature_reason: str
    profile: str

    @property
    def ok(self) -> bool:
        return self.is_issued_file and self.signature_ok

    @property
    def summary(self) -> str:
        if self.ok:
            return "文件与签发的证书一致，电子签名有效"
        if not self.is_issued_file and self.signature_ok:
            return "电子签名有效，但文件不是该证书签发的文件"
        if not self.is_issued_file:
            return f"文件不是该证书签发的文件（{self.signature_reason}）"
        return f"文件与签发的一致，但{self.signature_reason}"


def certificate_check_file(*, certificate: Certificate, pdf_bytes: bytes) -> FileCheck:
    """Is this the issued file (SHA-256 of the stored PDF), and is its signature intact and ours?"""
    from .issuers import trust_roots
    from .signing import verify_pdf

    result = verify_pdf(pdf_bytes, trust_roots=trust_roots())
    same = (
        bool(certificate.pdf_sha256)
        and hashlib.sha256(pdf_bytes).hexdigest() == certificate.pdf_sha256
    )
    return FileCheck(
        is_issued_file=same,
        signature_ok=result.ok,
        signature_reason=result.reason,
        profile=result.profile,
    )


SHARE_MAX_DAYS = 90


def share_link_create(
    *, certificate: Certificate, purpose: str, days: int, actor: Any
) -> ShareLink:
    """A link showing the full details until it expires (加注: purpose and validity window)."""
    text = (purpose or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["purpose"] = "请填写用途，如“入职核验”"
    elif len(text) > 100:
        errors["purpose"] = "用途不能超过100字"
    if not 1 <= days <= SHARE_MAX_DAYS:
        errors["days"] = f"有效期应为1至{SHARE_MAX_DAYS}天"
    if errors:
        raise ValidationError(errors)
    if certificate.status != C.VALID:
        raise ValidationError("只有有效的证书可以分享")
    return ShareLink.objects.create(
        certificate=certificate,
        token=secrets.token_urlsafe(24),
        purpose=text,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )


def share_link_revoke(*, link: ShareLink, actor: Any) -> ShareLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def share_link_is_active(link: ShareLink) -> bool:
    return link.revoked_at is None and link.expires_at > timezone.now()


# --- 补换证 -----------------------------------------------------------------------------------

REPLACEMENT_FIELDS = (
    "unit_name",
    "series",
    "specialty",
    "qualification",
    "level",
    "method",
    "committee_name",
    "passed_on",
    "approval_number",
)


def certificate_date_error(day: datetime.date, *, holder: Any, label: str) -> str:
    """A certificate's dates (评审通过时间, 发证日期) lie in the holder's working life, up to today;
    "" when `day` is plausible. `holder` has a birth_date (a person, an ID number) or is None."""
    floor = earliest_date(holder)
    if day < floor:
        return f"{label}不能早于 {floor:%Y-%m-%d}"
    if day > timezone.localdate():
        return f"{label}不能晚于今天"
    return ""


def replacement_submit(
    *,
    person: Any,
    case: str,
    reason: str,
    statement: str,
    details: dict[str, Any],
    unit: Organization,
    issuer: Organization,
    files: list[Any],
    certificate: Certificate | None = None,
    old_number: str = "",
) -> ReplacementRequest:
    """提交 a 补换证 request to the person's unit; `files` are CheckedFile 佐证材料 (at least one)."""
    from zhicheng.core.attachments import attachment_store

    from .models import ReplacementAttachment

    passed_error = certificate_date_error(details["passed_on"], holder=person, label="评审通过时间")
    if passed_error:
        raise ValidationError({"passed_on": passed_error})
    if not files:
        raise ValidationError({"files": "请上传佐证材料"})
    if case == ReplacementRequest.Case.EXISTING:
        if certificate is None or certificate.status != C.VALID:
            raise ValidationError("只有有效的证书可以申请补换证")
        issuer = certificate.issuer
        old_number = certificate.number
    text = clean_opinion(
        statement, required=True, missing="请填写申请说明", label="申请说明", field="statement"
    )
    with transaction.atomic():
        if certificate is not None:
            lock(Certificate, pk=certificate.pk)
            if ReplacementRequest.objects.filter(
                certificate=certificate, status__in=[R.UNIT, R.UPPER, R.ISSUER]
            ).exists():
                raise ValidationError("该证书已有正在审核的补换证申请")
        request = ReplacementRequest.objects.create(
            person=person,
            case=case,
            reason=reason,
            certificate=certificate,
            old_number=old_number,
            statement=text,
            unit=unit,
            upper=unit.parent,
            issuer=issuer,
            **{name: details[name] for name in REPLACEMENT_FIELDS},
        )
        for checked in files:
            attachment_store(
                model=ReplacementAttachment, checked=checked, actor=person, request=request
            )
        ReplacementEvent.objects.create(
            request=request, actor=person, from_status="", to_status=R.UNIT, opinion=text
        )
    return request


def replacement_next_status(request: ReplacementRequest) -> str:
    if request.status == R.UNIT:
        return R.UPPER if request.upper_id else R.ISSUER
    if request.status == R.UPPER:
        return R.ISSUER
    return R.APPROVED


def replacement_node(request: ReplacementRequest) -> Organization | None:
    """The organization whose turn it is."""
    nodes: dict[str, Organization | None] = {
        R.UNIT: request.unit,
        R.UPPER: request.upper,
        R.ISSUER: request.issuer,
    }
    return nodes.get(request.status)


def replacement_decide(
    *, request: ReplacementRequest, approve: bool, opinion: str, actor: Any
) -> ReplacementRequest:
    """通过 (to the next node; at the issuer: a new certificate) or 驳回 (an opinion is required)."""
    text = clean_opinion(opinion, required=not approve, missing="驳回时请填写意见")
    with transaction.atomic():
        request = lock(ReplacementRequest, pk=request.pk)
        node = replacement_node(request)
        target = replacement_next_status(request) if approve else R.REJECTED
        transition(
            request,
            to=target,
            allowed=transitions.REPLACEMENT_ALLOWED,
            event_model=ReplacementEvent,
            subject="request",
            actor=actor,
            organization=node,
            opinion=text,
            refused=f"该申请当前状态为“{request.get_status_display()}”，不能再审核",
        )
        if target == R.APPROVED:
            _replacement_issue(request, actor=actor)
    return request


def _replacement_issue(request: ReplacementRequest, *, actor: Any) -> Certificate:
    person = request.person
    old = request.certificate
    details = CertificateDetails(
        holder_id_number=person.id_number or "",
        holder_name=person.name,
        sex=person.sex,
        birth_date=old.birth_date if old else person.birth_date,  # type: ignore[arg-type]
        **{name: getattr(request, name) for name in REPLACEMENT_FIELDS},
    )
    photo = None
    if old is not None and old.photo:
        with old.photo.open("rb") as handle:
            photo = handle.read()
    item = IssueItem(
        details=details,
        source_key=f"replacement:{request.pk}",
        source=Certificate.Source.REPLACEMENT,
        holder=person,
        photo=photo,
    )
    certificate = _issue_one(item, issuer=request.issuer, actor=actor, replaces=old)
    request.new_certificate = certificate
    request.save(update_fields=["new_certificate"])
    return certificate


def details_from(certificate: Certificate, **changes: Any) -> CertificateDetails:
    base = CertificateDetails(
        **{name: getattr(certificate, name) for name in CertificateDetails.__dataclass_fields__}
    )
    return replace(base, **changes)


def photo_bytes(certificate: Certificate) -> bytes | None:
    if not certificate.photo:
        return None
    with certificate.photo.open("rb") as handle:
        return handle.read()


def pdf_bytes(certificate: Certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        data: bytes = handle.read()
    return data


def zip_name(certificate: Certificate) -> str:
    return f"{certificate.number}-{certificate.holder_name}.pdf"
