"""What every form of the platform does with its input, whatever its fields (issue 9.3 and 9.5).

Use `Form` / `ModelForm` from here (or put `InputGuardMixin` first in the bases); a test walks
every form class under zhicheng/ and fails on one without it. Before cleaning, each field gets:

- text fields (CharField and subclasses, not passwords): `core.text.normalize_text` — NFC,
  trimmed, no invisible, control, private-use characters; single-line ones no emoji or line
  breaks either; a Textarea keeps its newlines;
- integer fields: an upper bound (the model field's MaxValueValidator, else MAX_INTEGER), so a
  huge number is a form error instead of an OverflowError in the database driver;
- date and datetime fields: a plausible range (EARLIEST_DATE..LATEST_DATE), so year 0001 never
  reaches the timezone conversion; views and services add tighter, domain-specific ranges;
- model choice fields keyed by id: values that cannot be ids are invalid choices, never a query.

Fields added in a subclass's __init__ are covered too: the guard runs in full_clean().
"""

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone

from .ids import InvalidIds, id_from
from .text import LINE, TEXT, normalize_text

# Within both databases' 32-bit integer range (and far beyond any count or year typed here).
MAX_INTEGER = 2**31 - 1
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
DATE_RANGE_MESSAGE = f"日期应在 {EARLIEST_DATE.year} 年至 {LATEST_DATE.year} 年之间"


def _text_mode(field: forms.CharField) -> str | None:
    if isinstance(field.widget, forms.PasswordInput):
        return None  # a password is compared, never shown; it may be any characters
    return TEXT if isinstance(field.widget, forms.Textarea) else LINE


def _guard_text(field: forms.CharField, mode: str) -> None:
    to_python: Callable[[Any], Any] = field.to_python

    def normalized(value: Any) -> Any:
        value = to_python(value)
        if isinstance(value, str) and value:
            return normalize_text(value, mode=mode, label=str(field.label or ""))
        return value

    field.to_python = normalized  # type: ignore[method-assign]


def _model_max(form: forms.BaseForm, name: str) -> int | None:
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return None
    limits = [v.limit_value for v in model_field.validators if isinstance(v, MaxValueValidator)]
    return min(limits) if limits else None  # type: ignore[type-var]


def _guard_integer(form: forms.BaseForm, name: str, field: forms.IntegerField) -> None:
    if field.max_value is not None and field.max_value <= MAX_INTEGER:
        return
    limit = _model_max(form, name) or MAX_INTEGER
    field.max_value = limit
    field.validators.append(MaxValueValidator(limit))
    field.widget.attrs.setdefault("max", limit)


def _guard_date(field: forms.Field) -> None:
    to_python: Callable[[Any], Any] = field.to_python

    def bounded(value: Any) -> Any:
        value = to_python(value)
        day = value.date() if isinstance(value, datetime.datetime) else value
        if isinstance(day, datetime.date) and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValidationError(DATE_RANGE_MESSAGE, code="date_range")
        return value

    field.to_python = bounded  # type: ignore[method-assign]


def _guard_model_choice(field: forms.ModelChoiceField) -> None:
    if field.to_field_name not in (None, "pk", "id"):
        return
    clean: Callable[[Any], Any] = field.clean
    message = field.error_messages.get("invalid_choice", "请从列表中选择")

    def checked(value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value]
        for one in values:
            if one in field.empty_values or hasattr(one, "pk"):
                continue
            try:
                id_from(one)
            except InvalidIds:
                raise ValidationError(
                    message, code="invalid_choice", params={"value": str(one)[:20]}
                ) from None
        return clean(value)

    field.clean = checked  # type: ignore[method-assign]


def guard_field(form: forms.BaseForm, name: str, field: forms.Field) -> None:
    """Idempotent: a field is guarded once even if full_clean runs again."""
    if getattr(field, "_input_guarded", False):
        return
    field._input_guarded = True  # type: ignore[attr-defined]
    if isinstance(field, forms.CharField):
        mode = _text_mode(field)
        if mode is not None:
            _guard_text(field, mode)
    elif isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
        _guard_integer(form, name, field)
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        _guard_date(field)
    elif isinstance(field, forms.ModelChoiceField):
        _guard_model_choice(field)


class InputGuardMixin:
    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for name, field in self.fields.items():
            guard_field(self, name, field)  # type: ignore[arg-type]
        super().full_clean()  # type: ignore[misc]


class Form(InputGuardMixin, forms.Form):
    pass


class ModelForm(InputGuardMixin, forms.ModelForm):
    pass


def aware_in_range(value: datetime.date | datetime.datetime, *, years: int, label: str) -> None:
    """A datetime (or a date) within `years` years of now (plan windows, meetings, 公示)."""
    now = timezone.localtime()
    earliest = now.replace(year=now.year - years, month=1, day=1, hour=0, minute=0)
    latest = now.replace(year=now.year + years, month=12, day=31, hour=23, minute=59)
    inside = (
        earliest <= value <= latest
        if isinstance(value, datetime.datetime)
        else earliest.date() <= value <= latest.date()
    )
    if not inside:
        raise ValidationError(
            f"{label}应在 {earliest.year} 年至 {latest.year} 年之间", code="date_range"
        )
