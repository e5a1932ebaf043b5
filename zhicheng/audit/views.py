from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhicheng.accounts.access import auditor_required

from .models import AuditEvent

PAGE_SIZE = 50


@auditor_required
def events(request: HttpRequest) -> HttpResponse:
    """The audit log for 审计员: filter by account name, event and result; paged."""
    queryset = AuditEvent.objects.select_related("user")
    username = request.GET.get("username", "").strip()
    kind = request.GET.get("kind", "")
    result = request.GET.get("result", "")
    if username:
        queryset = queryset.filter(username__icontains=username)
    if kind in AuditEvent.Kind.values:
        queryset = queryset.filter(kind=kind)
    if result in AuditEvent.Result.values:
        queryset = queryset.filter(result=result)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/events.html",
        {
            "page": page,
            "kinds": AuditEvent.Kind.choices,
            "results": AuditEvent.Result.choices,
            "filters": {"username": username, "kind": kind, "result": result},
        },
    )
