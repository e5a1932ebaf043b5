"""系统管理's index names recent SSO configuration errors (a wrong secret, issuer, claim names)."""

from datetime import timedelta

from django import template
from django.utils import timezone

from zhicheng.audit.models import AuditEvent

register = template.Library()

RECENT = timedelta(days=7)


@register.simple_tag
def sso_configuration_errors(limit: int = 5) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            kind=AuditEvent.Kind.SSO_ERROR,
            at__gte=timezone.now() - RECENT,
            detail__configuration_error=True,
        )[:limit]
    )
