"""Faults staged at the database, for tests that must see a write fail or race without mocking our
own code: Django's `connection.execute_wrapper` sees every statement on its way to the database."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection


def _is(sql: str, verb: str, table: str) -> bool:
    return sql.lstrip().upper().startswith(verb) and f'"{table}"' in sql


@contextmanager
def refused_inserts(table: str, message: str = "the database refused the row") -> Iterator[None]:
    """Every INSERT into `table` fails, as it would with a full disk or a broken connection."""

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if _is(sql, "INSERT", table):
            raise RuntimeError(message)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


@contextmanager
def another_client_after_first_read(table: str, act: Callable[[], Any]) -> Iterator[None]:
    """Another request acts right after this one first reads `table`: the race of a double-clicked
    保存, whose exists() check saw a name free and whose INSERT then meets the unique index."""
    done = False

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal done
        result = execute(sql, params, many, context)
        if not done and _is(sql, "SELECT", table):
            done = True
            act()
        return result

    with connection.execute_wrapper(wrapper):
        yield
    assert done, f"no read of {table}"
