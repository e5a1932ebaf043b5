"""Extension points: how a lower app lets higher apps add to what it does, without importing them.

The app that owns the extension point declares a `Hook` (in its own `hooks.py`); a higher app
registers a function on it in its `AppConfig.ready`. The owner calls the hook and combines the
answers. A hook with nothing registered answers with an empty list, so the owner works alone.

    # plans/hooks.py
    plan_in_use: Hook[[ReviewPlan], bool] = Hook("plans.plan_in_use")

    # applications/apps.py, in ready()
    plan_in_use.register(application_exists_for_plan)

    # plans/services/guard.py
    if plan_in_use.any(plan): ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Hook(Generic[P, R]):
    """A named list of functions of one signature, called in the order they were registered."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[Callable[P, R]] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._functions)} registered>"

    def register(self, function: Callable[P, R]) -> Callable[P, R]:
        """Add a function (once: registering it again changes nothing). Usable as a decorator."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def unregister(self, function: Callable[P, R]) -> None:
        if function in self._functions:
            self._functions.remove(function)

    @property
    def functions(self) -> tuple[Callable[P, R], ...]:
        return tuple(self._functions)

    def call(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        """Every registered function's answer, in registration order."""
        return [function(*args, **kwargs) for function in self._functions]

    def any(self, *args: P.args, **kwargs: P.kwargs) -> bool:
        """True as soon as one function answers truthily (the rest are not called)."""
        return any(function(*args, **kwargs) for function in self._functions)

    @contextmanager
    def registered(self, function: Callable[P, R]) -> Iterator[Callable[P, R]]:
        """Register for the duration of a block (tests); unregistered afterwards even on error."""
        already = function in self._functions
        self.register(function)
        try:
            yield function
        finally:
            if not already:
                self.unregister(function)
