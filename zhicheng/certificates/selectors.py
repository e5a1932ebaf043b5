"""Reads for the certificate pages."""

from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from zhicheng.orgs.models import Organization

from .models import Certificate, GenerationBatch, ReplacementRequest, Verification

R = ReplacementRequest.Status


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
