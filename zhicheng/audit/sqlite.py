"""SQLite support for the append-only audit log.

The DELETE trigger calls zc_audit_flushing(), registered here on every SQLite connection. It is
true only inside `flushing_allowed()`, which the test suite wraps around Django's database flush
between transactional tests; nothing in the product uses it.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_state = threading.local()


def _flushing() -> int:
    return 1 if getattr(_state, "flushing", False) else 0


def register_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("zc_audit_flushing", 0, _flushing)


@contextmanager
def flushing_allowed() -> Iterator[None]:
    _state.flushing = True
    try:
        yield
    finally:
        _state.flushing = False
