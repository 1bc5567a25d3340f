"""Where things live: the core in packages by concern that import only downwards, one package per
page under components/ with no page importing another, no import circle anywhere, and no test
module importing another."""

from __future__ import annotations

import ast

from conftest import ROOT

COMPONENTS = ROOT / "components"
PAGES = {"train", "inside", "learned", "classify", "compare", "models", "room"}


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
    """registry.build_model imports the builders; the other way round was a circle."""
    builders = ROOT / "fashion_lab" / "models" / "builders.py"
    assert "fashion_lab.models.registry" not in imported(builders, "fashion_lab")


def test_the_store_imports_nothing_of_the_core():
    """fashion_lab.models.stored hands the store its registry: one direction, no circle."""
    crossings = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / "model_store").glob("*.py")
        for module in imported(path, "fashion_lab")
    ]
    assert crossings == []


# The core's packages, bottom up: a module imports only from its own package and those below it.
LAYERS = ("i18n", "settings", "data", "models", "images", "sketches", "analysis", "training", "room", "cli")
CODE = ("fashion_lab", "model_store", "components", "tools")
MAX_TOP_MODULES = 8


def module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, object]:
    """Every module of the project's code (tests excluded), dotted name -> path."""
    modules = {module_name(path): path for top in CODE for path in (ROOT / top).rglob("*.py")}
    return {**modules, "streamlit_app": ROOT / "streamlit_app.py"}


def import_edges(modules: dict[str, object]) -> dict[str, set[str]]:
    """Which project modules each module imports, wherever the import stands (in a function too)."""

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    edges = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    found.add(full if full in modules else resolve(node.module))
            elif isinstance(node, ast.Import):
                found |= {resolve(alias.name) for alias in node.names}
        # a package's __init__ runs before its modules; it is no edge back from them
        edges[name] = {m for m in found if m and m != name and not name.startswith(m + ".")}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                groups.append(sorted(group))

    for node in list(edges):
        if node not in index:
            visit(node)
    return groups


def test_cycles_finds_a_circle_of_three_and_none_in_a_chain():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_circle_anywhere():
    assert cycles(import_edges(project_modules())) == []


def test_the_core_is_in_packages_with_a_short_top_level():
    core = ROOT / "fashion_lab"
    top = sorted(p.stem for p in core.glob("*.py") if p.stem not in ("__init__", "__main__"))
    packages = sorted(p.parent.name for p in core.glob("*/__init__.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    assert len(packages) >= 5, packages
    assert set(top + packages) <= set(LAYERS), "a new package or module gets its place in LAYERS"
    for package in packages:
        docstring = ast.get_docstring(ast.parse((core / package / "__init__.py").read_text()))
        assert docstring and "\n" not in docstring, f"fashion_lab/{package} says what it owns in one line"


def test_the_core_imports_only_downwards():
    """settings < data < models < images < analysis < training < room < cli."""
    rank = {layer: position for position, layer in enumerate(LAYERS)}
    upwards = []
    for module, imported_modules in import_edges(project_modules()).items():
        if not module.startswith("fashion_lab."):
            continue
        own = rank.get(module.split(".")[1])
        for other in imported_modules:
            layer = other.split(".")[1] if other.startswith("fashion_lab.") and other.count(".") else None
            if own is not None and layer in rank and rank[layer] > own:
                upwards.append(f"{module} imports {other}")
    assert upwards == []


def test_no_test_module_imports_another():
    tests = {p.stem for p in (ROOT / "tests").glob("test_*.py")}
    crossings = []
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            crossings += [f"{path.name} imports {n}" for n in names if n.split(".")[0] in tests]
    assert crossings == []


def test_every_import_of_the_project_names_a_module_that_exists():
    """A lazy import (inside a function) of a module that moved fails only when it runs: the
    in-process trainer's import of data.augmentation did, on an augmented run."""
    modules, missing = project_modules(), []
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                wanted = [node.module] if node.module.split(".")[0] in CODE else []
            elif isinstance(node, ast.Import):
                wanted = [a.name for a in node.names if a.name.split(".")[0] in CODE]
            else:
                continue
            missing += [f"{name} imports {module}" for module in wanted if module not in modules]
    assert missing == []
