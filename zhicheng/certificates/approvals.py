"""核准 → 电子职称证书: what the reviews app's `result_approved` hook does here, and the issuer's
核准结果 / 待生成证书 (certificates for approved results that have none yet).

The 核准 is the issuing authority's act and stands on its own: a result whose certificate cannot be
issued at that moment (the authority has no signing configuration, the holder's data is incomplete,
…) does not undo it. Each result is issued in a savepoint; a failure is logged and kept as an
`IssueFailure` with its reason, the 核准结果 page lists the result as 生成失败, and 批量生成 tries
again. Issuing is idempotent by the source key `result:<application pk>`, so a second 核准 call,
a retry or a double click finds the first certificate.

When the certificate becomes 有效, its application moves 已核准 → 已发证 (`result_certified`).
"""

import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhicheng.applications import services as application_services
from zhicheng.applications import transitions as application_transitions
from zhicheng.applications.models import Application, ApplicationEvent
from zhicheng.core.titles import Level
from zhicheng.core.workflow import lock, transition
from zhicheng.orgs.models import Organization
from zhicheng.plans.models import ApplyForm
from zhicheng.reviews.hooks import ApprovedResult
from zhicheng.reviews.models import CommitteeVote, ReviewCase

from . import services
from .models import Certificate, GenerationBatch, IssueFailure

logger = logging.getLogger(__name__)

S = Application.Status
RESULT_PREFIX = "result:"
# 转评申报 gives a 转评 certificate; 常规 and 破格 are both 评审.
METHODS = {ApplyForm.TRANSFER: Certificate.Method.TRANSFER}


def result_source_key(application_id: int) -> str:
    return f"{RESULT_PREFIX}{application_id}"


def result_item(result: ApprovedResult) -> services.IssueItem:
    """The certificate of an approved result, from the application (who, unit, plan, specialty,
    title, 申报形式, photo) and the 核准 (committee, 评审通过时间, 核准文号)."""
    application = result.application
    person = application.person
    plan = application.plan
    if not person.id_number or person.birth_date is None:
        raise ValidationError(f"{person.name}的账号缺少身份证号或出生日期，不能生成证书")
    # 评审通过时间 is the committee meeting's date; a result without a recorded meeting (none in
    # this platform's route, but data may come from elsewhere) takes the day of its 核准.
    passed_on = result.passed_on or timezone.localdate(result.approved_at)
    details = services.CertificateDetails(
        holder_id_number=person.id_number,
        holder_name=person.name,
        sex=person.sex,
        birth_date=person.birth_date,
        unit_name=application.unit.name if application.unit_id else "",
        series=plan.series,
        specialty=application.specialty.name,
        qualification=application.title,
        level=Level(plan.level).label,
        method=METHODS.get(application.apply_form, Certificate.Method.REVIEW),
        committee_name=result.committee.name,
        passed_on=passed_on,
        approval_number=result.approval_number,
    )
    return services.IssueItem(
        details=details,
        source_key=result_source_key(application.pk),
        source=Certificate.Source.APPROVAL,
        holder=person,
        # The application's photo: the person applied here, so no new photo is asked for (DESIGN §5).
        photo=application_services.photo_bytes(application),
    )


@dataclass
class IssueOutcome:
    certificates: list[Certificate] = field(default_factory=list)
    batch: GenerationBatch | None = None
    failed: list[tuple[Application, str]] = field(default_factory=list)
    requeued: int = 0


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error) or type(error).__name__


@transaction.atomic
def results_issue(
    *,
    issuer: Organization,
    results: list[ApprovedResult],
    actor: Any,
    as_batch: bool,
    note: str = "",
) -> IssueOutcome:
    """Issue the certificates of approved results: one by one, or in one batch with progress.

    A result whose issuing fails is rolled back alone (its savepoint) and recorded; the others and
    the caller's transaction (the 核准) go on.
    """
    outcome = IssueOutcome()
    if as_batch:
        outcome.batch = GenerationBatch.objects.create(
            kind=GenerationBatch.Kind.GENERATE, issuer=issuer, created_by=actor, note=note[:200]
        )
    for result in results:
        key = result_source_key(result.application.pk)
        try:
            with transaction.atomic():
                certificate = services.certificate_issue(
                    item=result_item(result), issuer=issuer, actor=actor, batch=outcome.batch
                )
        # Whatever goes wrong here must not undo the 核准: it is kept with its reason and shown
        # to the issuer, who generates again once it is fixed.
        except Exception as error:  # noqa: BLE001
            reason = _reason(error)[:500]
            logger.exception("证书生成失败：申报 %s（%s）", result.application.pk, reason)
            IssueFailure.objects.update_or_create(
                source_key=key, defaults={"issuer": issuer, "reason": reason}
            )
            outcome.failed.append((result.application, reason))
        else:
            IssueFailure.objects.filter(source_key=key).delete()
            outcome.certificates.append(certificate)
    if outcome.batch is not None:
        total = outcome.batch.certificates.count()  # new ones only: an existing one keeps its batch
        if total:
            outcome.batch.total = total
            outcome.batch.save(update_fields=["total"])
        else:
            outcome.batch.delete()
            outcome.batch = None
    return outcome


def certificates_for_approved(results: list[ApprovedResult], actor: Any) -> None:
    """The `reviews.result_approved` hook: a batch 核准 issues one batch, a single one a single
    certificate. Runs in the approving transaction; never raises for a certificate's sake."""
    by_issuer: dict[int, list[ApprovedResult]] = {}
    for result in results:
        by_issuer.setdefault(result.issuer.pk, []).append(result)
    for group in by_issuer.values():
        results_issue(
            issuer=group[0].issuer,
            results=group,
            actor=actor,
            as_batch=len(group) > 1,
            note=f"核准 {group[0].approval_number}",
        )


def approved_result_of(application: Application, *, issuer: Organization) -> ApprovedResult | None:
    """The ApprovedResult of an application this issuer approved earlier, rebuilt from its review
    case (for 批量生成 after the 核准)."""
    case = (
        ReviewCase.objects.filter(application=application, issuer=issuer, approved_at__isnull=False)
        .order_by("-round")
        .first()
    )
    if case is None or case.approved_at is None:
        return None
    vote = CommitteeVote.objects.filter(application=application).select_related("meeting").first()
    return ApprovedResult(
        application=application,
        issuer=issuer,
        approval_number=case.approval_number,
        approved_at=case.approved_at,
        passed_on=vote.meeting.held_on if vote else None,
        committee=application.plan.committee,
    )


@transaction.atomic
def issuer_results_generate(
    *, issuer: Organization, applications: list[Application], actor: Any
) -> IssueOutcome:
    """批量生成 on the 核准结果 page: a certificate (in one batch) for each chosen approved result
    that has none; chosen ones whose generation task failed are queued again."""
    from .selectors import failed_generation_keys

    keys = {result_source_key(a.pk): a for a in applications}
    existing = {
        c.source_key: c for c in Certificate.objects.filter(source_key__in=keys, issuer=issuer)
    }
    results = []
    for key, application in keys.items():
        if key in existing:
            continue
        result = approved_result_of(application, issuer=issuer)
        if result is not None:
            results.append(result)
    if results:
        outcome = results_issue(
            issuer=issuer, results=results, actor=actor, as_batch=True, note="批量生成"
        )
    else:
        outcome = IssueOutcome()
    for key in failed_generation_keys(issuer=issuer, keys=list(existing)):
        certificate = lock(Certificate, pk=existing[key].pk)
        if certificate.status == Certificate.Status.GENERATING:
            services.enqueue_generation(certificate)
            outcome.requeued += 1
    return outcome


def result_certified(certificate: Certificate) -> None:
    """已核准 → 已发证 when the result's certificate becomes 有效 (in the generating transaction)."""
    if not certificate.source_key.startswith(RESULT_PREFIX):
        return
    application_id = int(certificate.source_key.removeprefix(RESULT_PREFIX))
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None or application.status != S.APPROVED:
        return
    transition(
        application,
        to=S.CERTIFIED,
        allowed=application_transitions.ALLOWED,
        event_model=ApplicationEvent,
        subject="application",
        actor=certificate.requested_by,
        organization=certificate.issuer,
        opinion=f"电子职称证书 {certificate.number}",
    )
