"""Who may see and change which certificate and 补换证 request. One condition per line."""

from typing import Any

from django.http import Http404

from zhicheng.orgs.models import Membership, Organization
from zhicheng.orgs.selectors import acting_units

from .models import Certificate, ReplacementAttachment, ReplacementRequest, ShareLink


def _own_certificates(user: Any) -> Any:
    # A person's certificates are theirs by the 身份证号 of their real-name SSO account: that
    # also finds the legacy ones imported before they ever logged in.
    return Certificate.objects.filter(holder_id_number=user.id_number)


def access_own_certificate(user: Any, certificate_id: int) -> Certificate:
    """The person's own certificate; anyone else's is a 404 (no hint that it exists)."""
    certificate = _own_certificates(user).filter(pk=certificate_id).select_related("issuer").first()
    if certificate is None:
        raise Http404("没有找到该证书")
    return certificate


def access_own_share_link(user: Any, link_id: int) -> ShareLink:
    link = ShareLink.objects.filter(
        pk=link_id, certificate__holder_id_number=user.id_number
    ).first()
    if link is None:
        raise Http404("没有找到该分享链接")
    return link


def access_own_replacement(user: Any, request_id: int) -> ReplacementRequest:
    request = (
        ReplacementRequest.objects.filter(pk=request_id, person=user)
        .select_related("unit", "upper", "issuer", "certificate", "new_certificate")
        .first()
    )
    if request is None:
        raise Http404("没有找到该补换证申请")
    return request


def access_own_replacement_file(user: Any, request_id: int, file_id: int) -> ReplacementAttachment:
    request = access_own_replacement(user, request_id)
    attachment = request.attachments.filter(pk=file_id).first()
    if attachment is None:
        raise Http404("没有找到该文件")
    return attachment


def issuer_organizations(user: Any) -> list[Organization]:
    """The issuing authorities this staff user acts for (发证审核人)."""
    if not user.is_authenticated or not user.is_staff_account:
        return []
    return [
        m.organization
        for m in Membership.objects.filter(user=user, role=Membership.Role.ISSUER).select_related(
            "organization"
        )
    ]


def access_issuer(user: Any, org_id: int) -> Organization:
    for org in issuer_organizations(user):
        if org.pk == org_id:
            return org
    raise Http404("没有找到该发证机关")


def access_issuer_certificate(
    user: Any, org_id: int, certificate_id: int
) -> tuple[Organization, Certificate]:
    issuer = access_issuer(user, org_id)
    certificate = Certificate.objects.filter(pk=certificate_id, issuer=issuer).first()
    if certificate is None:
        raise Http404("没有找到该证书")
    return issuer, certificate


def replacement_nodes(user: Any) -> list[Organization]:
    """Every organization at which this user reviews 补换证: units they manage (法人, 经办人),
    departments and HR bureaus where they are 审核人, issuers where they are 发证审核人."""
    if not user.is_authenticated:
        return []
    nodes = list(acting_units(user=user))
    if user.is_staff_account:
        for m in Membership.objects.filter(
            user=user, role__in=[Membership.Role.REVIEWER, Membership.Role.ISSUER]
        ).select_related("organization"):
            if m.organization not in nodes:
                nodes.append(m.organization)
    return nodes


def access_replacement_node(user: Any, org_id: int) -> Organization:
    for org in replacement_nodes(user):
        if org.pk == org_id:
            return org
    raise Http404("没有找到该审核机构")


def access_node_replacement(
    user: Any, org_id: int, request_id: int
) -> tuple[Organization, ReplacementRequest]:
    """A request on whose route the organization is (past, present or future node)."""
    from django.db.models import Q

    node = access_replacement_node(user, org_id)
    request = (
        ReplacementRequest.objects.filter(
            Q(unit=node) | Q(upper=node) | Q(issuer=node), pk=request_id
        )
        .select_related("person", "unit", "upper", "issuer", "certificate", "new_certificate")
        .first()
    )
    if request is None:
        raise Http404("没有找到该补换证申请")
    return node, request


def access_node_replacement_file(
    user: Any, org_id: int, request_id: int, file_id: int
) -> ReplacementAttachment:
    _, request = access_node_replacement(user, org_id, request_id)
    attachment = request.attachments.filter(pk=file_id).first()
    if attachment is None:
        raise Http404("没有找到该文件")
    return attachment
