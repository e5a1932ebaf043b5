from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import auditor_required
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
        queryset = queryset.filter(
            Q(username__icontains=username) | Q(user__name__contains=username)
        )
    if kind in AuditEvent.Kind.values:
        queryset = queryset.filter(kind=kind)
    if result in AuditEvent.Result.values:
        queryset = queryset.filter(result=result)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        event.detail_text = detail_text(event.detail)  # type: ignore[attr-defined]
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


# Keys that services put in an event's detail, in the words an auditor reads.
DETAIL_LABELS = {
    "action": "操作",
    "from": "原状态",
    "to": "新状态",
    "opinion": "意见",
    "unit": "单位",
    "entry": "业绩",
    "plan": "计划",
    "name": "名称",
    "binding": "绑定申请",
    "clerk": "经办人",
    "credit_code": "统一社会信用代码",
    "freelancer": "自由职业者",
    "reason": "原因",
}


def detail_text(detail: dict[str, Any]) -> str:
    """An event's detail as 「操作：add；业绩：12」 — ids stay ids, the log does not join."""
    parts = []
    for key, value in (detail or {}).items():
        if value in (None, "", [], {}):
            continue
        parts.append(f"{DETAIL_LABELS.get(key, key)}：{value}")
    return "；".join(parts)[:300]
