"""One normaliser for text people type or the SSO sends (issue 9.5).

NFC, trimmed, and refused — with a Chinese message naming the character — when it carries
characters a reader cannot see or that change how the text around them looks: format characters
(Cf: zero-width spaces and joiners, right-to-left overrides, the BOM), control characters (Cc),
private-use (Co), surrogates (Cs) and unassigned code points (Cn). "张\u200b三" looks like 张三 on
a reviewer's screen; a "\u202e" turns what follows around.

Two modes:
- LINE (names, identifiers, every single-line input): additionally no line breaks, tabs or emoji.
- TEXT (multi-line text: 申请说明, 计划内容): newlines and tabs are legitimate ("\r\n" becomes
  "\n"); emoji are allowed.
"""

import unicodedata

from django.core.exceptions import ValidationError

LINE = "line"
TEXT = "text"

# Bidirectional controls are Cf already; named here for the message.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
ALLOWED_IN_TEXT = frozenset("\n\t")
LINE_SEPARATORS = frozenset("\u2028\u2029\x85")

# Code point ranges of emoji and pictographs (Unicode's Extended_Pictographic, rounded to blocks),
# plus the variation selectors and tag characters that build emoji sequences.
EMOJI_RANGES = (
    (0x231A, 0x231B),
    (0x23E9, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0xFE00, 0xFE0F),
    (0x1F000, 0x1FAFF),
    (0xE0020, 0xE007F),
    (0xE0100, 0xE01EF),
)


def _is_emoji(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in EMOJI_RANGES)


def _why(char: str, mode: str) -> str | None:
    """Why `char` is refused in this mode, in Chinese; None when it is fine."""
    if mode == TEXT and char in ALLOWED_IN_TEXT:
        return None
    if char in BIDI_CONTROLS:
        return "文字方向控制符"
    if char in ZERO_WIDTH:
        return "零宽字符"
    if char in "\r\n" or char in LINE_SEPARATORS:
        return "换行符"
    category = unicodedata.category(char)
    if category == "Cc":
        return "控制字符"
    if category == "Cf":
        return "不可见的格式字符"
    if category == "Co":
        return "私用区字符"
    if category in ("Cs", "Cn"):
        return "无效字符"
    if mode == LINE and (_is_emoji(char) or category == "Zl" or category == "Zp"):
        return "表情符号" if _is_emoji(char) else "换行符"
    return None


def normalize_text(
    value: str, *, mode: str = LINE, label: str = "", advice: str = "请删除后重新输入"
) -> str:
    """NFC and trimmed; raises ValidationError (Chinese, code "bad_character") when refused."""
    text = unicodedata.normalize("NFC", value)
    if mode == TEXT:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    for char in text:
        reason = _why(char, mode)
        if reason is not None:
            subject = label or "内容"
            raise ValidationError(
                f"{subject}含有{reason}（U+{ord(char):04X}），{advice}",
                code="bad_character",
            )
    return text


def is_clean(value: str, *, mode: str = LINE) -> bool:
    try:
        return normalize_text(value, mode=mode) == value
    except ValidationError:
        return False
