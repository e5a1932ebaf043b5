"""Account lockout after repeated login failures (staff login; the idp keeps its own).

`lockout_record_failure` and `lockout_clear` write (LoginThrottle rows): services, re-exported by
services.py; the reads (`lockout_remaining`, `lockout_message`) sit beside them.
"""

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LoginThrottle


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def lockout_remaining(username: str) -> datetime.timedelta | None:
    """How long the name stays locked, or None when it is not locked."""
    throttle = LoginThrottle.objects.filter(username=_key(username)).first()
    now = timezone.now()
    if throttle and throttle.locked_until and throttle.locked_until > now:
        return throttle.locked_until - now
    return None


def lockout_message(remaining: datetime.timedelta) -> str:
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return f"登录失败次数过多，账号已锁定，请{minutes}分钟后再试"


@transaction.atomic
def lockout_record_failure(username: str) -> bool:
    """Count one failure; returns True when this failure locks the account."""
    throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(username=_key(username))
    now = timezone.now()
    window = datetime.timedelta(seconds=settings.LOCKOUT_WINDOW_SECONDS)
    if throttle.window_start is None or now - throttle.window_start > window:
        throttle.failures = 0
        throttle.window_start = now
    throttle.failures += 1
    locked = throttle.failures >= settings.LOCKOUT_MAX_FAILURES
    if locked:
        throttle.locked_until = now + datetime.timedelta(seconds=settings.LOCKOUT_SECONDS)
        throttle.failures = 0
        throttle.window_start = None
    throttle.save(update_fields=["failures", "window_start", "locked_until"])
    return locked


def lockout_clear(username: str) -> None:
    LoginThrottle.objects.filter(username=_key(username)).update(
        failures=0, window_start=None, locked_until=None
    )
