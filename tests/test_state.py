"""components/state.py's rule, checked on the source of components/: every session key is named
once, in state.py (the values the app keeps: Slots; the shared widgets' keys) or in a page's keys
module (its widgets' keys); no other module spells one, and pages touch st.session_state only
for their widgets."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from components import state

COMPONENTS = Path(__file__).resolve().parents[1] / "components"
KEYS_MODULES = sorted(COMPONENTS.glob("*/keys.py"))
OWNERS = {"components.state", *(f"components.{path.parent.name}.keys" for path in KEYS_MODULES)}
SOURCES = sorted(p for p in COMPONENTS.rglob("*.py") if p.name != "keys.py" and p.name != "state.py")
ORDERINGS = {"sorted", "sort", "min", "max", "nlargest", "nsmallest", "groupby"}
MAPPING_METHODS = {"get", "pop", "setdefault", "__getitem__", "__setitem__", "__delitem__", "__contains__"}


def _is_session_state(node: ast.AST, aliases: set[str]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in aliases
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def key_expressions(tree: ast.Module) -> list[ast.expr]:
    """Every expression used as a session key: a widget's ``key=``, an index, a mapping method's
    first argument or the left of ``in`` on st.session_state (or a name bound to it)."""
    aliases = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_session_state(node.value, set())
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
            if name not in ORDERINGS:  # sorted(..., key=...) orders, it names no widget
                found += [k.value for k in node.keywords if k.arg == "key"]
            if (
                isinstance(called, ast.Attribute)
                and called.attr in MAPPING_METHODS
                and _is_session_state(called.value, aliases)
                and node.args
            ):
                found.append(node.args[0])
        elif isinstance(node, ast.Subscript) and _is_session_state(node.value, aliases):
            found.append(node.slice)
        elif isinstance(node, ast.Compare) and any(isinstance(o, ast.In | ast.NotIn) for o in node.ops):
            if _is_session_state(node.comparators[-1], aliases):
                found.append(node.left)
    return found


def module_names(tree: ast.Module) -> dict[str, str | None]:
    """The module's own names: each imported one with the module it comes from, the others None."""
    names: dict[str, str | None] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            names |= {alias.asname or alias.name: node.module for alias in node.names}
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            bound = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
            names |= {n.id: None for n in bound if isinstance(n, ast.Name)}
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names[node.name] = None
    return names


def problems(path: Path, text: str | None = None) -> list[str]:
    """Where ``path`` (or ``text`` given as its source) names a session key itself, or reaches a
    value the app keeps past its Slot."""
    tree = ast.parse(path.read_text() if text is None else text, str(path))
    own, found = module_names(tree), []
    for expression in key_expressions(tree):
        where = f"{path.relative_to(COMPONENTS.parent)}:{expression.lineno}: {ast.unparse(expression)}"
        for node in ast.walk(expression):
            if isinstance(node, ast.JoinedStr) or (
                isinstance(node, ast.Constant) and isinstance(node.value, str)
            ):
                found.append(f"{where}: a key spelled here, not in state.py or a keys module")
            elif isinstance(node, ast.Name) and node.id in own:  # a local name carries a key passed in
                source = own[node.id]
                if source not in OWNERS:
                    found.append(f"{where}: {node.id} is not a key of state.py or a keys module")
                elif source == "components.state" and not isinstance(getattr(state, node.id), str):
                    found.append(f"{where}: {node.id} is a Slot: use its get, set or take")
    return list(dict.fromkeys(found))  # once each


def test_no_page_names_a_session_key_itself_or_reaches_past_a_slot():
    assert SOURCES and KEYS_MODULES
    found = [problem for path in SOURCES for problem in problems(path)]
    assert not found, "\n".join(found)


def declared_keys() -> list[tuple[str, str]]:
    """(where, key) of every key state.py and the keys modules declare."""
    declared = []
    for name in OWNERS:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if not attribute.isupper():
                continue
            values = value if isinstance(value, tuple) else (value,)
            keys = [v.key if isinstance(v, state.Slot) else v for v in values]
            declared += [(f"{name}.{attribute}", key) for key in keys if isinstance(key, str)]
    return declared


def test_every_key_is_declared_once():
    declared = declared_keys()
    keys = [key for _, key in declared]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert ("components.state.QUIZ", "quiz") in declared  # a Slot
    assert ("components.room.keys.HIDE", "hide_{}") in declared  # a formatted widget key
    assert ("components.compare.keys.RUNNERS", "race_first") in declared  # one of a tuple


@pytest.mark.parametrize(
    "line, complaint",
    [
        ('st.button("Go", key="go")', "spelled here"),
        ('st.button("Go", key=f"go_{n}")', "spelled here"),
        ('st.session_state["talk"] = 1', "spelled here"),
        ("GO = 'go'\nst.toggle('Go', key=GO)", "GO is not a key"),
        ("from components.state import QUIZ\nst.session_state.get(QUIZ)", "QUIZ is a Slot"),
        ("from components.state import QUIZ\nw = st.session_state\nw[QUIZ.key] = 1", "QUIZ is a Slot"),
        ("from components.state import QUIZ\nif QUIZ.key in st.session_state: pass", "QUIZ is a Slot"),
    ],
)
def test_the_check_finds_what_breaks_the_rule(line, complaint):
    found = problems(COMPONENTS / "page.py", "import streamlit as st\n" + line + "\n")
    assert len(found) == 1 and complaint in found[0], found


def test_the_check_accepts_what_the_rule_allows():
    lines = [
        "from components.state import QUIZ, TALK_MODE, TEST_CLASS",
        "from components.room.keys import HIDE",
        "def draw(key, n):",
        "    st.toggle('Talk', key=TALK_MODE)",
        "    st.button('Hide', key=HIDE.format(n))",
        "    st.selectbox('Class', [], key=TEST_CLASS.format(key))",
        "    if TALK_MODE not in st.session_state: st.session_state[TALK_MODE] = False",
        "    QUIZ.set(None)",
    ]
    assert problems(COMPONENTS / "page.py", "import streamlit as st\n" + "\n".join(lines) + "\n") == []
