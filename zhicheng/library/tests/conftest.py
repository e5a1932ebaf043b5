from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Uploaded files of a test land in its own folder, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
