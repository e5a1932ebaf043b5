"""The national 职称系列 with the title at each level, read from `data/title_series.toml`.

The file is the reference data an administrator extends; it is read once per process and checked
strictly, so a typo fails at start-up with the faulty entry named rather than on some later page.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import models

DATA_FILE = Path(__file__).resolve().parent / "data" / "title_series.toml"


class Level(models.TextChoices):
    """评审级别. 初级 covers two grades (员级, 助理级), kept on the title, not here."""

    JUNIOR = "junior", "初级"
    INTERMEDIATE = "intermediate", "中级"
    DEPUTY_SENIOR = "deputy_senior", "副高级"
    SENIOR = "senior", "正高级"


JUNIOR_GRADES = ("员级", "助理级")
_LEVEL_BY_LABEL = {label: value for value, label in Level.choices}


class TitleDataError(ValueError):
    """The series file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Title:
    series: str
    level: str  # a Level value
    name: str
    grade: str = ""  # 员级 / 助理级 for 初级
    track: str = ""  # e.g. 医/药/护/技 in 卫生

    @property
    def label(self) -> str:
        parts = [self.name]
        if self.grade:
            parts.append(self.grade)
        if self.track:
            parts.append(self.track)
        return self.name if len(parts) == 1 else f"{self.name}（{'·'.join(parts[1:])}）"


@dataclass(frozen=True)
class Series:
    name: str
    titles: tuple[Title, ...]

    def titles_at(self, level: str) -> tuple[Title, ...]:
        return tuple(title for title in self.titles if title.level == level)


def parse_series(text: str, *, source: str = "title_series.toml") -> tuple[Series, ...]:
    """Parse and check the file's text. Raises TitleDataError naming the faulty entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TitleDataError(f"{source}: {error}") from error
    result: list[Series] = []
    seen: set[str] = set()
    for index, raw in enumerate(data.get("series", []), start=1):
        name = str(raw.get("name", "")).strip()
        where = f"{source}: 第{index}个系列“{name}”"
        if not name:
            raise TitleDataError(f"{source}: 第{index}个系列缺少 name")
        if name in seen:
            raise TitleDataError(f"{where}重复")
        seen.add(name)
        titles: list[Title] = []
        for entry in raw.get("titles", []):
            level_label = str(entry.get("level", ""))
            if level_label not in _LEVEL_BY_LABEL:
                raise TitleDataError(f"{where}: 级别“{level_label}”应为初级、中级、副高级或正高级")
            grade = str(entry.get("grade", ""))
            if level_label == "初级" and grade not in JUNIOR_GRADES:
                raise TitleDataError(f"{where}: 初级职称须注明 grade（员级或助理级）")
            if level_label != "初级" and grade:
                raise TitleDataError(f"{where}: 只有初级职称分员级、助理级")
            title_name = str(entry.get("name", "")).strip()
            if not title_name:
                raise TitleDataError(f"{where}: 职称名称为空")
            titles.append(
                Title(
                    series=name,
                    level=_LEVEL_BY_LABEL[level_label],
                    name=title_name,
                    grade=grade,
                    track=str(entry.get("track", "")),
                )
            )
        if not titles:
            raise TitleDataError(f"{where}: 没有职称")
        result.append(Series(name=name, titles=tuple(titles)))
    if not result:
        raise TitleDataError(f"{source}: 没有任何职称系列")
    return tuple(result)


def data_file() -> Path:
    """The series file: `settings.ZHICHENG_TITLE_SERIES_FILE` if set (an administrator's own
    copy, kept outside the code), else the one shipped in data/."""
    configured = getattr(settings, "ZHICHENG_TITLE_SERIES_FILE", "")
    return Path(configured) if configured else DATA_FILE


@cache
def title_series() -> tuple[Series, ...]:
    path = data_file()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TitleDataError(f"无法读取职称系列文件 {path}：{error.strerror}") from error
    return parse_series(text, source=path.name)


def series_names() -> list[str]:
    return [series.name for series in title_series()]


def series_by_name(name: str) -> Series | None:
    return next((series for series in title_series() if series.name == name), None)


def title_names_at(series: str, level: str) -> list[str]:
    """The distinct title names of a series at a level, in file order (卫生 副高级: 4 tracks)."""
    found = series_by_name(series)
    if found is None:
        return []
    names: list[str] = []
    for title in found.titles_at(level):
        if title.name not in names:
            names.append(title.name)
    return names
