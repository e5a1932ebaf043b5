"""Browser journeys: Debian's Chromium driven by Playwright, against the live platform and idp."""

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    return {
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    return {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def site(live_server: Any, sso: Any, transactional_db: Any) -> Any:
    """The platform on a live server, pointed at the idp stand-in."""
    return live_server


def screenshot(page: Any, name: str, *, full_page: bool = True) -> None:
    """Save a PNG to look at. A full-page capture resizes the page for a moment: pass
    full_page=False where a script reacts to resizing (the photo cropper)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
