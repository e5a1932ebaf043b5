import datetime

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .access import auditor_required
from .forms import AuditFilterForm
from .models import AuditEvent
from .words import detail_texts

PAGE_SIZE = 50


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@auditor_required
def events(request: HttpRequest) -> HttpResponse:
    """The audit log for 审计员: filter by account name, event, result and dates; paged."""
    form = AuditFilterForm(request.GET)
    queryset = AuditEvent.objects.select_related("user")
    if form.is_valid():
        filters = form.cleaned_data
        if filters["username"]:
            queryset = queryset.filter(
                Q(username__icontains=filters["username"])
                | Q(user__name__contains=filters["username"])
            )
        if filters["kind"]:
            queryset = queryset.filter(kind=filters["kind"])
        if filters["result"]:
            queryset = queryset.filter(result=filters["result"])
        # Whole days in the platform's time zone, as the page shows the times.
        if filters["date_from"]:
            queryset = queryset.filter(at__gte=_day_start(filters["date_from"]))
        if filters["date_to"]:
            next_day = filters["date_to"] + datetime.timedelta(days=1)
            queryset = queryset.filter(at__lt=_day_start(next_day))
    else:
        queryset = queryset.none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    events = list(page)
    for event, text in zip(events, detail_texts(events), strict=True):
        event.detail_text = text  # type: ignore[attr-defined]
    return render(
        request,
        "audit/events.html",
        {
            "page": page,
            "events": events,
            "form": form,
            # The pagination links keep the filters as typed.
            "filters": {name: request.GET.get(name, "") for name in form.fields},
        },
        status=200 if form.is_valid() else 400,
    )
