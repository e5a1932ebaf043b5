"""Login lockout, kept in the database so it holds across processes and restarts.

Failures are counted per 账号 as typed, whether or not the account exists, so the lockout
does not tell an attacker which names are real.
"""

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LoginThrottle


def _key(username: str) -> str:
    return username.strip()[:150]


def lockout_remaining(username: str) -> datetime.timedelta | None:
    """How long the 账号 stays locked, or None when it is not locked."""
    throttle = LoginThrottle.objects.filter(username=_key(username)).first()
    now = timezone.now()
    if throttle and throttle.locked_until and throttle.locked_until > now:
        return throttle.locked_until - now
    return None


def lockout_message(remaining: datetime.timedelta) -> str:
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return f"登录失败次数过多，账号已锁定，请{minutes}分钟后再试"


@transaction.atomic
def lockout_record_failure(username: str) -> int:
    """Count one failed login; returns how many attempts are left (0: now locked)."""
    throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(username=_key(username))
    now = timezone.now()
    window = datetime.timedelta(seconds=settings.IDP_LOCKOUT_WINDOW_SECONDS)
    if throttle.window_start is None or now - throttle.window_start > window:
        throttle.failures = 0
        throttle.window_start = now
    throttle.failures += 1
    left = settings.IDP_LOCKOUT_MAX_FAILURES - throttle.failures
    if left <= 0:
        # The count starts afresh once the lock runs out, rather than re-locking on the next slip.
        throttle.locked_until = now + datetime.timedelta(seconds=settings.IDP_LOCKOUT_SECONDS)
        throttle.failures = 0
        throttle.window_start = None
    throttle.save(update_fields=["failures", "window_start", "locked_until"])
    return max(left, 0)


def lockout_clear(username: str) -> None:
    """A successful login resets the counter."""
    LoginThrottle.objects.filter(username=_key(username)).delete()
