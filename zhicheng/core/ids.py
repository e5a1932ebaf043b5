"""Ids that arrive in request data (POST bodies, query strings, hidden form fields).

One parser for all of them: an id is written with ASCII digits only and lies in 1..MAX_ID (the
range of a database integer key on both SQLite and PostgreSQL). Anything else would, depending on
the value, raise in `int()` ("²", "1e3"), overflow the query, or match a surprising row ("١" is 1).

- `ids_from` raises `InvalidIds` with a Chinese message — for forms (`IdField`, `IdsField`).
- `id_or_404` / `ids_or_400` are for views: garbage is a 400, an id that cannot exist a 404.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404

# The largest value of a 32-bit signed integer key; BigAutoField keys here never get that far.
MAX_ID = 2**31 - 1
# A page never shows more than this many ticks at once.
MAX_IDS = 500


class InvalidIds(ValueError):
    """`malformed`: not written as an id at all; otherwise well formed but no such row can exist."""

    def __init__(self, message: str, *, malformed: bool) -> None:
        super().__init__(message)
        self.message = message
        self.malformed = malformed


def id_from(value: Any) -> int:
    if isinstance(value, bool):
        raise InvalidIds("编号格式不正确", malformed=True)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not text or len(text) > 20 or not (text.isascii() and text.isdigit()):
            raise InvalidIds("编号格式不正确", malformed=True)
        number = int(text)
    if not 1 <= number <= MAX_ID:
        raise InvalidIds("所选记录不存在", malformed=False)
    return number


def ids_from(values: Iterable[Any], *, limit: int = MAX_IDS) -> list[int]:
    """The distinct ids, sorted; refuses more than `limit` of them."""
    values = list(values)
    if len(values) > limit:
        raise InvalidIds(f"每次最多选择 {limit} 项", malformed=True)
    return sorted({id_from(value) for value in values})


def id_or_404(value: Any) -> int:
    try:
        return id_from(value)
    except InvalidIds as error:
        if error.malformed:
            raise BadRequest(error.message) from None
        raise Http404(error.message) from None


def ids_or_400(values: Iterable[Any], *, limit: int = MAX_IDS) -> list[int]:
    """For a list of ticks: garbage is a 400; an id that cannot exist is a 404."""
    try:
        return ids_from(values, limit=limit)
    except InvalidIds as error:
        if error.malformed:
            raise BadRequest(error.message) from None
        raise Http404(error.message) from None


class IdField(forms.IntegerField):
    """A single id in a form (a hidden `unit` field, say): a form error instead of a 500."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        try:
            return id_from(value)
        except InvalidIds as error:
            raise ValidationError(self.error_messages.get("invalid_id", error.message)) from None


class IdsField(forms.Field):
    """Ticked ids of a list (MultipleHiddenInput or checkboxes)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, limit: int = MAX_IDS, **kwargs: Any) -> None:
        self.limit = limit
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if isinstance(value, str | int):
            value = [value]
        try:
            return ids_from(value, limit=self.limit)
        except InvalidIds as error:
            raise ValidationError(self.error_messages.get("invalid_id", error.message)) from None
