"""Access-matrix rows for the plans app (see zhicheng/core/tests/test_access_matrix.py)."""

from zhicheng.conftest import ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741

ROWS: dict[str, dict[str, int]] = {
    "plans:applicant_list": {P: 200, A: 302, N: 302, "*": 403},
}
