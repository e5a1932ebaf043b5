import datetime

from django import forms
from django.core.exceptions import ValidationError

from .models import AuditEvent

# The log starts with the platform; a year outside this range is a typing error, and year 1 would
# overflow when its midnight is converted to UTC.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "请填写有效日期"}


class AuditFilterForm(forms.Form):
    username = forms.CharField(
        label="账号或姓名",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label="事件", choices=[("", "全部"), *AuditEvent.Kind.choices], required=False
    )
    result = forms.ChoiceField(
        label="结果", choices=[("", "全部"), *AuditEvent.Result.choices], required=False
    )
    date_from = forms.DateField(
        label="起始日期", widget=DATE, required=False, error_messages=DATE_ERRORS
    )
    date_to = forms.DateField(
        label="截止日期", widget=DATE, required=False, error_messages=DATE_ERRORS
    )

    def _clean_date(self, name: str) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get(name)
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise ValidationError(f"请填写 {EARLIEST_YEAR} 年至 {LATEST_YEAR} 年之间的日期")
        return value

    def clean_date_from(self) -> datetime.date | None:
        return self._clean_date("date_from")

    def clean_date_to(self) -> datetime.date | None:
        return self._clean_date("date_to")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "截止日期不能早于起始日期")
        return cleaned
