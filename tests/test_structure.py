"""Where things live: one package per page under components/, no page imports another, and no
import circle in the core."""

from __future__ import annotations

import ast

from conftest import ROOT

COMPONENTS = ROOT / "components"
PAGES = {"train", "inside", "classify", "compare", "models", "room"}


def imported(path, package: str = "components") -> set[str]:
    """The modules of ``package`` that ``path`` imports, as dotted names (``from package import x``
    counts as ``package.x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == package:
            found |= {f"{package}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(f"{package}."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith(f"{package}.")}
    return found


def test_every_page_has_its_package_with_a_page_module():
    assert {p.name for p in COMPONENTS.iterdir() if (p / "__init__.py").is_file()} == PAGES
    assert all((COMPONENTS / page / "page.py").is_file() for page in PAGES)


def test_no_page_imports_another_page_and_shared_modules_import_none():
    crossings = []
    for path in COMPONENTS.rglob("*.py"):
        parts = path.relative_to(COMPONENTS).parts
        own = parts[0] if len(parts) > 1 else None  # None: a shared module
        for module in imported(path):
            package = module.split(".")[1]
            if package in PAGES and package != own:
                crossings.append(f"{path.relative_to(ROOT)} imports {module}")
    assert crossings == []


def test_the_builders_do_not_import_the_registry_that_finds_them():
    """architectures.build_model imports model_builders; the other way round was a circle."""
    builders = ROOT / "fashion_lab" / "model_builders.py"
    assert "fashion_lab.models.registry" not in imported(builders, "fashion_lab")


def test_the_store_imports_nothing_of_the_core():
    """fashion_lab.models.stored hands the store its registry: one direction, no circle."""
    crossings = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / "model_store").glob("*.py")
        for module in imported(path, "fashion_lab")
    ]
    assert crossings == []
