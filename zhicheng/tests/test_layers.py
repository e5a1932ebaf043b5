"""No import runs upward or sideways between apps (the layers are in `zhicheng.layers`)."""

import ast
from pathlib import Path

import pytest

from zhicheng.layers import LAYERS, SAME_LAYER_ALLOWED, SEPARATE, layer_of

ROOT = Path(__file__).resolve().parents[1]  # zhicheng/


def _is_test_module(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "tests" in parts or path.name == "conftest.py"


def platform_imports() -> list[tuple[str, str, str]]:
    """(importing app, imported app, "file:line") for every import of zhicheng.<app> outside tests."""
    found: list[tuple[str, str, str]] = []
    for path in sorted(ROOT.rglob("*.py")):
        if _is_test_module(path):
            continue
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2:  # zhicheng/layers.py, zhicheng/__init__.py
            continue
        app = parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                pieces = name.split(".")
                if pieces[0] == "zhicheng" and len(pieces) > 1 and pieces[1] != app:
                    found.append((app, pieces[1], f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def wrong_imports(imports: list[tuple[str, str, str]]) -> list[str]:
    problems: list[str] = []
    for importer, imported, where in imports:
        if importer in SEPARATE or imported in SEPARATE:
            problems.append(f"{where}: {importer} → {imported} (idp is a separate site)")
            continue
        if imported == "layers":
            continue
        low, high = layer_of(imported), layer_of(importer)
        if low > high:
            problems.append(f"{where}: {importer} imports {imported}, a higher layer")
        elif low == high and (importer, imported) not in SAME_LAYER_ALLOWED:
            problems.append(f"{where}: {importer} imports {imported}, beside it in its layer")
    return problems


def test_every_app_has_a_layer() -> None:
    apps = {path.parent.name for path in ROOT.glob("*/apps.py") if path.parent.name not in SEPARATE}
    layered = set().union(*LAYERS)
    assert apps <= layered, f"apps without a layer in zhicheng/layers.py: {apps - layered}"


def test_no_import_runs_upward_or_sideways() -> None:
    assert wrong_imports(platform_imports()) == []


def test_the_allowed_same_layer_imports_run_one_way() -> None:
    imports = {(importer, imported) for importer, imported, _ in platform_imports()}
    for importer, imported in SAME_LAYER_ALLOWED:
        assert (imported, importer) not in imports


@pytest.mark.parametrize(
    ("importer", "imported", "expected"),
    [
        ("plans", "reviews", "a higher layer"),
        ("orgs", "library", "a higher layer"),
        ("core", "plans", "a higher layer"),
        ("library", "plans", "beside it"),
        ("integrity", "plans", "beside it"),
        ("idp", "core", "separate site"),
        ("core", "idp", "separate site"),
    ],
)
def test_the_check_catches_a_wrong_import(importer: str, imported: str, expected: str) -> None:
    (problem,) = wrong_imports([(importer, imported, "x.py:1")])
    assert expected in problem


def test_downward_and_allowed_imports_pass() -> None:
    assert wrong_imports([("plans", "library", "x.py:1"), ("portal", "audit", "x.py:2")]) == []


def test_the_idp_site_wiring_imports_only_the_idp() -> None:
    config = ROOT.parent / "config"
    files = [config / "settings" / "idp.py", *config.glob("idp_*.py")]
    assert files
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith("zhicheng.") or name.startswith("zhicheng.idp"), (
                    f"{path.name} imports {name}"
                )
