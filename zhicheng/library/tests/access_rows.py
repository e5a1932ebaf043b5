"""Access-matrix rows for the library app (see zhicheng/core/tests/test_access_matrix.py)."""

from zhicheng.conftest import ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741

ROWS: dict[str, dict[str, int]] = {
    "library:index": {P: 200, A: 302, N: 302, "*": 403},
}
