"""Server-rendered SVG bar charts for the organiser's overview (counts by node, state, specialty).

Plain strings, no JavaScript: the page inlines the SVG, and a screen reader reads its <title> and
<desc>. Every label is escaped, since specialty and organisation names come from users.
"""

import hashlib
from collections.abc import Sequence
from html import escape

PALETTE = ("#2f6db5", "#e08a2c", "#3f9a5a", "#b8443a", "#7b5ea7", "#7f7f7f")


def _text_width(text: str, size: float) -> float:
    """Rough width of `text` at `size` px: CJK characters are square, others about half as wide."""
    return sum(size if ord(c) > 0x2E7F else size * 0.58 for c in text)


def _frame(width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    # Several charts on one page: their ids must differ.
    key = "chart-" + hashlib.sha1((title + desc).encode(), usedforsecurity=False).hexdigest()[:8]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{key}-t {key}-d" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        "font-family=\"'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif\">"
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(desc)}</desc>'
        f'<text x="0" y="18" font-size="15" font-weight="bold" fill="#222">{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def bar_chart_svg(
    series: Sequence[tuple[str, int]],
    *,
    title: str,
    width: int = 640,
    bar_height: int = 22,
    gap: int = 10,
    color: str = PALETTE[0],
    unit: str = "",
) -> str:
    """Horizontal bars, one per (label, count), longest = the largest count; the value at each bar's end."""
    if any(value < 0 for _, value in series):
        raise ValueError("bar charts show counts: no negative values")
    return stacked_bar_chart_svg(
        [(label, [value]) for label, value in series],
        title=title,
        legend=(),
        width=width,
        bar_height=bar_height,
        gap=gap,
        colors=(color,),
        unit=unit,
    )


def stacked_bar_chart_svg(
    rows: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str,
    legend: Sequence[str],
    width: int = 640,
    bar_height: int = 22,
    gap: int = 10,
    colors: Sequence[str] = PALETTE,
    unit: str = "",
) -> str:
    """Horizontal stacked bars: each row's parts (in `legend` order) side by side, the total at the end."""
    font = 13
    top = 34 + (24 if legend else 0)
    label_width = max((_text_width(label, font) for label, _ in rows), default=0) + 12
    value_width = max((_text_width(f"{sum(v)}{unit}", font) for _, v in rows), default=0) + 10
    plot = max(width - label_width - value_width, 40)
    largest = max((sum(parts) for _, parts in rows), default=0) or 1
    scale = plot / largest
    body: list[str] = []
    x_legend = 0.0
    for i, name in enumerate(legend):
        color = colors[i % len(colors)]
        body.append(
            f'<rect x="{x_legend:.1f}" y="32" width="12" height="12" fill="{escape(color)}"/>'
            f'<text x="{x_legend + 16:.1f}" y="43" font-size="12" fill="#333">{escape(name)}</text>'
        )
        x_legend += 16 + _text_width(name, 12) + 14
    for row, (label, parts) in enumerate(rows):
        if any(p < 0 for p in parts):
            raise ValueError(f"{label}: no negative values")
        y = top + row * (bar_height + gap)
        middle = y + bar_height / 2 + font * 0.35
        body.append(
            f'<text x="{label_width - 8:.1f}" y="{middle:.1f}" font-size="{font}" fill="#222" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        x = label_width
        for i, part in enumerate(parts):
            length = part * scale
            name = legend[i] if i < len(legend) else ""
            hint = f"{label} {name} {part}{unit}".replace("  ", " ")
            body.append(
                f'<rect class="bar" x="{x:.2f}" y="{y}" width="{length:.2f}" height="{bar_height}" '
                f'fill="{escape(colors[i % len(colors)])}" data-value="{part}">'
                f"<title>{escape(hint)}</title></rect>"
            )
            x += length
        body.append(
            f'<text x="{x + 5:.1f}" y="{middle:.1f}" font-size="{font}" fill="#222">'
            f"{sum(parts)}{escape(unit)}</text>"
        )
    height = top + len(rows) * (bar_height + gap) + 4
    desc = "；".join(f"{label}：{sum(parts)}{unit}" for label, parts in rows) or "无数据"
    return _frame(width, height, title, desc, body)
