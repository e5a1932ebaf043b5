"""How the audit log reads an event's 详情: labels, statuses and names instead of stored codes.

Services store a detail as codes and ids ({"from": "submitted", "to": "approved", "unit": 26}),
which is what the log must keep. The page shows it in the platform's words. The audit app is the
bottom layer and imports no other app, so the apps that write details register their words here
(`zhicheng/portal/audit_words.py` does it for all of them, in `PortalConfig.ready`):

- `register_kind(kind, statuses=..., actions=..., values=..., labels=...)`: for one event kind, the
  labels of the values of `from`/`to`/`status`, of `action`, of other coded keys, and of keys;
- `register_names(keys, look_up)`: ids under these keys become names, one look-up per key per page.

Anything not registered is shown as stored, so a new detail never disappears from the log.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

# ids → names, for one key; ids not found (deleted rows) are left out of the answer.
LookUp = Callable[[set[Any]], Mapping[Any, str]]

# Keys every event kind uses alike.
LABELS: dict[str, str] = {
    "action": "操作",
    "status": "状态",
    "opinion": "意见",
    "reason": "原因",
    "cause": "原因",
    "error": "错误",
    "name": "名称",
    "unit": "单位",
    "organization": "机构",
    "authority": "注册审核机构",
    "organizer": "评委会组建单位",
    "person": "申报人",
    "clerk": "经办人",
    "unit_admin": "单位管理员",
    "entry": "业绩",
    "entries": "业绩",
    "summary": "内容",
    "application": "申报",
    "applications": "申报",
    "plan": "评审计划",
    "standard": "评审标准",
    "credit_code": "统一社会信用代码",
    "freelancer": "自由职业者",
    "size": "文件大小",
    "sha256": "文件指纹（SHA-256）",
    "changes": "修改",
    "values": "内容",
    "before": "修改前",
    "expected": "应为",
    "issuer": "实际",
}

# Row ids that name nothing a reader can use (the name or the subject is shown beside them).
HIDDEN = {
    "event",
    "binding",
    "join_request",
    "attachment",
    "file",
    "slot",
    "specialty",
    "category",
    "publicity",
    "meeting",
    "arrangement",
    "exemption",
    "configuration_error",
}
STATUS_KEYS = ("from", "to", "status")
# Kept for when the row they name is gone; not repeated when the name beside them says the same.
ECHOES = ("name", "summary")
MAX_LENGTH = 600
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass
class KindWords:
    statuses: dict[str, str] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


_kinds: dict[str, KindWords] = defaultdict(KindWords)
_names: dict[str, LookUp] = {}

Choices = Mapping[str, str] | Iterable[tuple[str, str]]


def _as_dict(choices: Choices) -> dict[str, str]:
    return {
        str(k): str(v) for k, v in (choices.items() if isinstance(choices, Mapping) else choices)
    }


def register_kind(
    kind: str,
    *,
    statuses: Choices = (),
    actions: Choices = (),
    values: Mapping[str, Choices] | None = None,
    labels: Mapping[str, str] | None = None,
) -> None:
    """Add words for one event kind (called again, the words add up)."""
    words = _kinds[kind]
    words.statuses.update(_as_dict(statuses))
    words.actions.update(_as_dict(actions))
    for key, choices in (values or {}).items():
        words.values.setdefault(key, {}).update(_as_dict(choices))
    words.labels.update(labels or {})


def register_names(keys: Iterable[str], look_up: LookUp) -> None:
    for key in keys:
        _names[key] = look_up


def _ids(value: Any) -> list[Any]:
    """The ids in a value: one, a list of them, or a change's [old, new] of either."""
    if isinstance(value, list):
        return [one for item in value for one in _ids(item)]
    return [value] if isinstance(value, int | str) and not isinstance(value, bool) else []


def _pairs(detail: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    """Every (key, value) of a detail, into the nested `values` and `changes`."""
    for key, value in detail.items():
        if isinstance(value, dict):
            yield from _pairs(value)
        else:
            yield key, value


def _look_up_names(details: list[dict[str, Any]]) -> dict[str, Mapping[Any, str]]:
    wanted: dict[str, set[Any]] = defaultdict(set)
    for detail in details:
        for key, value in _pairs(detail):
            if key in _names:
                wanted[key].update(_ids(value))
    return {key: _names[key](ids) if ids else {} for key, ids in wanted.items()}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{moment:%Y-%m-%d %H:%M}"
    return str(value)


def _size(value: Any) -> str:
    if not isinstance(value, int):
        return str(value)
    if value < 1024:
        return f"{value} B"
    if value < 1024 * 1024:
        return f"{value / 1024:.1f} KB"
    return f"{value / (1024 * 1024):.1f} MB"


class _Reader:
    def __init__(self, kind: str, names: dict[str, Mapping[Any, str]]) -> None:
        self.words = _kinds.get(kind, KindWords())
        self.names = names

    def label(self, key: str) -> str:
        return self.words.labels.get(key) or LABELS.get(key) or key

    def value(self, key: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if key in STATUS_KEYS:
            return self.words.statuses.get(str(value), str(value))
        if key == "action":
            return self.words.actions.get(str(value), str(value))
        if key == "size":
            return _size(value)
        if key == "sha256" and isinstance(value, str):
            return f"{value[:12]}…"
        if key in self.names:
            found = self.names[key]
            return "、".join(found.get(v, f"编号 {v}（已删除）") for v in _ids(value)) or "—"
        if isinstance(value, dict):
            inner = [f"{self.label(k)} {self.value(k, v)}" for k, v in value.items()]
            return "，".join(inner)
        if isinstance(value, list):
            return "、".join(self.value(key, v) for v in value) or "—"
        labels = self.words.values.get(key)
        if labels is not None:
            return labels.get(str(value), str(value))
        return _scalar(value)

    def change(self, field_name: str, pair: Any) -> str:
        if isinstance(pair, list) and len(pair) == 2:
            return (
                f"{self.label(field_name)} {self.value(field_name, pair[0])} → "
                f"{self.value(field_name, pair[1])}"
            )
        return f"{self.label(field_name)} {self.value(field_name, pair)}"

    def text(self, detail: dict[str, Any]) -> str:
        parts = []
        shown: set[str] = set()
        if "from" in detail or "to" in detail:
            before, after = detail.get("from"), detail.get("to")
            status = self.value("to", after)
            if before not in (None, "") and before != after:
                status = f"{self.value('from', before)} → {status}"
            parts.append(f"状态：{status}")
        for key, value in detail.items():
            if key in ("from", "to") or key in HIDDEN or value in (None, "", [], {}):
                continue
            if key == "changes" and isinstance(value, dict):
                text = "；".join(self.change(k, v) for k, v in value.items())
            else:
                text = self.value(key, value)
            if key in ECHOES and text in shown:
                continue
            shown.add(text)
            parts.append(f"{self.label(key)}：{text}")
        text = "；".join(parts)
        return text if len(text) <= MAX_LENGTH else f"{text[: MAX_LENGTH - 1]}…"


def detail_texts(events: list[Any]) -> list[str]:
    """The 详情 of each event, in the platform's words (a fixed number of queries per page)."""
    details = [event.detail if isinstance(event.detail, dict) else {} for event in events]
    names = _look_up_names(details)
    return [
        _Reader(event.kind, names).text(detail)
        for event, detail in zip(events, details, strict=True)
    ]
