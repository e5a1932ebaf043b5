"""Reads for the certificate pages."""

from typing import Any

from django.db.models import CharField, Count, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat

from zhicheng.orgs.models import Organization

from .models import Certificate, GenerationBatch, ReplacementRequest, Verification

R = ReplacementRequest.Status
C = Certificate.Status


def person_certificates(*, person: Any) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(holder_id_number=person.id_number)
        .select_related("issuer", "replaced_by")
        .annotate(
            verification_count=Count("verifications"),
            last_verified=Max("verifications__created_at"),
        )
        .order_by("-issued_on", "-pk")
    )


def person_replacements(*, person: Any) -> QuerySet[ReplacementRequest]:
    return ReplacementRequest.objects.filter(person=person).select_related(
        "certificate", "new_certificate", "issuer"
    )


def certificate_verifications(*, certificate: Certificate, limit: int = 50) -> list[Verification]:
    return list(certificate.verifications.all()[:limit])


def issuer_certificates(
    *, issuer: Organization, query: str = "", status: str = "", series: str = "", year: str = ""
) -> QuerySet[Certificate]:
    certificates = Certificate.objects.filter(issuer=issuer)
    if query:
        certificates = certificates.filter(
            Q(holder_name__contains=query)
            | Q(number=query)
            | Q(license_id=query)
            | Q(holder_id_number=query.upper())
        )
    if status:
        certificates = certificates.filter(status=status)
    if series:
        certificates = certificates.filter(series=series)
    # "²".isdigit() is True too (int("²") raises), and year 0 is no date: both were a 500.
    if year.isascii() and year.isdigit() and 1 <= int(year) <= 9999:
        certificates = certificates.filter(issued_on__year=int(year))
    return certificates.order_by("-created_at", "-pk")


def node_replacements(
    *, node: Organization, waiting_only: bool = True
) -> QuerySet[ReplacementRequest]:
    """The requests waiting at this node (or every request whose route includes it)."""
    waiting = (
        Q(status=R.UNIT, unit=node)
        | Q(status=R.UPPER, upper=node)
        | Q(status=R.ISSUER, issuer=node)
    )
    route = Q(unit=node) | Q(upper=node) | Q(issuer=node)
    return (
        ReplacementRequest.objects.filter(waiting if waiting_only else route)
        .select_related("person", "certificate", "unit", "upper", "issuer")
        .order_by("created_at", "pk")
    )


def issuer_batches(*, issuer: Organization) -> QuerySet[GenerationBatch]:
    return GenerationBatch.objects.filter(issuer=issuer)[:10]  # type: ignore[return-value]


def certificate_by_key(key: str) -> Certificate | None:
    """By 证书编号 or 电子证照标识 (the public endpoint's key)."""
    key = key.strip().upper()
    if key.startswith("1.2.156."):
        return Certificate.objects.filter(license_id=key).select_related("replaced_by").first()
    return Certificate.objects.filter(number=key).select_related("replaced_by").first()


# --- 核准结果 / 待生成证书 ----------------------------------------------------------------------

# The state of an approved result's certificate, as the 核准结果 page filters and shows it.
RESULT_STATES = [
    ("pending", "待生成（未生成或生成失败）"),
    ("missing", "未生成"),
    ("failed", "生成失败"),
    (C.GENERATING, "生成中"),
    (C.AWAITING_PHOTO, "待上传照片"),
    (C.VALID, "有效"),
    (C.REPLACED, "已换发"),
    (C.REVOKED, "已撤销"),
]


def failed_generation_keys(*, issuer: Organization, keys: list[str] | None = None) -> set[str]:
    """Source keys of this issuer's 生成中 certificates whose generation task failed."""
    from django_tasks_db.models import DBTaskResult

    generating = Certificate.objects.filter(issuer=issuer, status=C.GENERATING).exclude(task_id="")
    if keys is not None:
        generating = generating.filter(source_key__in=keys)
    by_task = dict(generating.values_list("task_id", "source_key"))
    if not by_task:
        return set()
    failed = DBTaskResult.objects.filter(id__in=list(by_task), status="FAILED").values_list(
        "id", flat=True
    )
    return {by_task[str(task_id)] for task_id in failed}


def issuer_results(
    *, issuer: Organization, query: str = "", state: str = "", plan_id: int | None = None
) -> QuerySet[Any]:
    """The results this issuer approved (已核准, 已发证), newest 核准 first, each annotated with its
    核准文号, 核准时间, its certificate (pk, status) and the reason of a failed issue."""
    from zhicheng.applications.models import Application
    from zhicheng.reviews.models import ReviewCase

    from .approvals import RESULT_PREFIX
    from .models import IssueFailure

    cases = ReviewCase.objects.filter(
        application=OuterRef("pk"), issuer=issuer, approved_at__isnull=False
    ).order_by("-round")
    key = Concat(Value(RESULT_PREFIX), Cast(OuterRef("pk"), output_field=CharField()))
    certificates = Certificate.objects.filter(source_key=key)
    results = (
        Application.objects.filter(
            status__in=[Application.Status.APPROVED, Application.Status.CERTIFIED],
            pk__in=ReviewCase.objects.filter(issuer=issuer, approved_at__isnull=False).values(
                "application_id"
            ),
        )
        .select_related("person", "plan", "specialty")
        .annotate(
            approval_number=Subquery(cases.values("approval_number")[:1]),
            approved_at=Subquery(cases.values("approved_at")[:1]),
            certificate_pk=Subquery(certificates.values("pk")[:1]),
            certificate_status=Subquery(certificates.values("status")[:1]),
            failure=Subquery(IssueFailure.objects.filter(source_key=key).values("reason")[:1]),
        )
    )
    if query:
        results = results.filter(
            Q(person__name__contains=query)
            | Q(person__id_number=query.upper())
            | Q(approval_number__contains=query)
        )
    if plan_id:
        results = results.filter(plan_id=plan_id)
    if state in {"pending", "missing", "failed"}:
        failed_ids = [
            int(k.removeprefix(RESULT_PREFIX))
            for k in failed_generation_keys(issuer=issuer)
            if k.startswith(RESULT_PREFIX)
        ]
        failed = Q(certificate_pk__isnull=True, failure__isnull=False) | Q(pk__in=failed_ids)
        missing = Q(certificate_pk__isnull=True, failure__isnull=True)
        results = results.filter(
            {"pending": failed | missing, "missing": missing, "failed": failed}[state]
        )
    elif state:
        results = results.filter(certificate_status=state)
    return results.order_by("-approved_at", "-pk")
