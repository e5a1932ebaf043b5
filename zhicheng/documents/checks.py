"""`manage.py check` (and runserver, migrate, deploy) reports missing CJK fonts before a PDF is asked for."""

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .fonts import font_dirs, scan


@checks.register("documents")
def check_cjk_fonts(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        scan(font_dirs())
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="documents.E001")]
    return []
