"""Every file picker says what it takes (`accept=`), so the browser's dialog offers those files
first instead of letting a person choose a .docx and learn only after 上传 that it is refused."""

import importlib
import inspect
from pathlib import Path

from django import forms

ROOT = Path(__file__).resolve().parents[1]  # zhicheng/


def file_fields() -> list[tuple[str, forms.FileField]]:
    found = []
    for path in sorted(ROOT.glob("*/forms.py")):
        if path.parent.name == "idp":
            continue
        module = importlib.import_module(f"zhicheng.{path.parent.name}.forms")
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module.__name__:
                continue
            for field_name, field in getattr(form, "base_fields", {}).items():
                if isinstance(field, forms.FileField):
                    found.append((f"{module.__name__}.{name}.{field_name}", field))
    return found


def test_every_file_picker_says_which_files_it_takes() -> None:
    fields = file_fields()
    assert len(fields) >= 8  # the walk found the forms
    missing = [name for name, field in fields if not field.widget.attrs.get("accept")]
    assert missing == []
