"""诚信档案 for HR departments: list, 新增, the record with its history, 提前解除."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhicheng.accounts.access import staff_required
from zhicheng.core.identity import mask_id_number
from zhicheng.core.service_errors import flash_errors, form_add_service_errors

from . import access, selectors, services
from .forms import EndForm, RecordForm, SearchForm
from .models import STATES, IntegrityRecord

PAGE_SIZE = 20


@staff_required
def records(request: HttpRequest, org_id: int) -> HttpResponse:
    """The department's records: by name or ID number, by state, paged; ID numbers masked."""
    department = access.access_department(request.user, org_id)
    form = SearchForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {"q": "", "state": ""}
    today = timezone.localdate()
    page = Paginator(
        selectors.records_for_department(
            department=department, on=today, query=filters["q"], state=filters["state"]
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    for record in page:
        record.masked_id_number = mask_id_number(record.person.id_number or "")  # type: ignore[attr-defined]
        record.state = record.state_on(today)  # type: ignore[attr-defined]
        record.state_label = STATES[record.state]  # type: ignore[attr-defined]
    return render(
        request,
        "integrity/records.html",
        {
            "department": department,
            "page": page,
            "states": [("", "全部"), *STATES.items()],
            "filters": {"q": filters["q"], "state": filters["state"]},
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required
def record_create(request: HttpRequest, org_id: int) -> HttpResponse:
    """新增: a ban on the person with this 身份证号."""
    department = access.access_department(request.user, org_id)
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.integrity_record_create(
                department=department, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"已记录{record.person.name}的诚信档案")
            return redirect("integrity:record", org_id=department.pk, record_id=record.pk)
    return render(
        request,
        "integrity/record_form.html",
        {"department": department, "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
def record_detail(request: HttpRequest, org_id: int, record_id: int) -> HttpResponse:
    record = access.access_record(request.user, org_id, record_id)
    return _detail(request, record, EndForm())


@require_POST
@staff_required
def record_end(request: HttpRequest, org_id: int, record_id: int) -> HttpResponse:
    """提前解除, with a reason; errors are shown next to the reason on the record's page."""
    record = access.access_record(request.user, org_id, record_id)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.integrity_record_end(
                record=record,
                department=record.hr_department,
                reason=form.cleaned_data["end_reason"],
                actor=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form_add_service_errors(form, error)
            else:
                flash_errors(request, error)
                return redirect("integrity:record", org_id=org_id, record_id=record.pk)
        else:
            messages.success(request, f"已提前解除{record.person.name}的禁止申报")
            return redirect("integrity:record", org_id=org_id, record_id=record.pk)
    return _detail(request, record, form, status=400)


def _detail(
    request: HttpRequest, record: IntegrityRecord, form: EndForm, status: int = 200
) -> HttpResponse:
    state = record.state_on(timezone.localdate())
    labels: dict[str, Any] = dict(IntegrityRecord.Status.choices)
    events = [
        (event, labels.get(event.from_status, "—"), labels.get(event.to_status, event.to_status))
        for event in selectors.record_events(record=record)
    ]
    return render(
        request,
        "integrity/record_detail.html",
        {
            "department": record.hr_department,
            "record": record,
            "state": state,
            "state_label": STATES[state],
            "can_end": state in ("in_force", "upcoming"),
            "events": events,
            "form": form,
        },
        status=status,
    )
