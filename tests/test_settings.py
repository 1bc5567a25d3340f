"""Every FASHION_* variable is read and checked in fashion_lab/settings.py, named in one clear
line when its value is wrong, and listed in the README's settings table."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from fashion_lab import settings
from fashion_lab.room.drawings import DEFAULT_DATA, RATE_LIMIT
from fashion_lab.training.backends import RUN_CPUS
from fashion_lab.training.line import MAX_JOBS, MAX_QUEUE, ORPHAN_GRACE
from model_store import BUNDLED_ROOT, DEFAULT_ROOT

VARIABLE = re.compile(r"\bFASHION_[A-Z_]*[A-Z]\b")
APP_CODE = ("fashion_lab", "components", "model_store")
BAD_VALUES = {  # a value each variable cannot take
    "FASHION_LAB_DATABASE_URL": "mysql://room:S3cret@127.0.0.1/room",
    "FASHION_LAB_PUBLIC_URL": "192.168.1.20:8501",
    "FASHION_LAB_ROOM_RATE_LIMIT": "0",
    "FASHION_LAB_MAX_JOBS": "two",
    "FASHION_LAB_MAX_QUEUE": "-1",
    "FASHION_LAB_ORPHAN_GRACE": "nan",
    "FASHION_LAB_RAY_ADDRESS": "127.0.0.1:6379",
    "FASHION_LAB_RAY_CPUS": "99999",
}


def project_files():
    for top in (*APP_CODE, "tools", "tests"):
        yield from (ROOT / top).rglob("*.py")
    yield from (ROOT / "streamlit_app.py", ROOT / "Makefile", ROOT / ".ci" / "run")


def test_every_variable_the_project_names_is_a_setting():
    unknown = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in project_files()
        for name in VARIABLE.findall(path.read_text(encoding="utf-8"))
        if name not in settings.NAMES
    }
    assert unknown == set()


def test_only_the_settings_module_spells_a_variable_as_a_value():
    """A variable's name as a whole string constant is how code reads it: only settings.py may."""
    spelled = []
    for top in APP_CODE:
        for path in (ROOT / top).rglob("*.py"):
            if path == ROOT / "fashion_lab" / "settings.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if VARIABLE.fullmatch(node.value):
                        spelled.append(f"{path.relative_to(ROOT)}: {node.value}")
    assert spelled == []


def test_the_readme_table_says_what_the_settings_module_says():
    """A row per variable, in the module's order, its default and meaning word for word."""
    rows = [
        line
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `FASHION_")
    ]
    assert rows == [f"| `{s.name}` | {s.default} | {s.meaning} |" for s in settings.SETTINGS]


def test_the_documented_defaults_are_the_code_defaults():
    assert settings.ROOM_RATE_LIMIT.default == str(RATE_LIMIT)
    assert settings.MAX_JOBS.default == str(MAX_JOBS)
    assert settings.MAX_QUEUE.default == str(MAX_QUEUE)
    assert settings.ORPHAN_GRACE.default == f"{ORPHAN_GRACE:g}"
    assert settings.RAY_CPUS.default == str(RUN_CPUS)
    assert settings.MODELS.default == str(DEFAULT_ROOT.relative_to(ROOT))
    assert settings.BUNDLED.default == str(BUNDLED_ROOT.relative_to(ROOT))
    assert settings.DATA.default == DEFAULT_DATA.name


def test_unset_or_blank_gives_the_fallback(monkeypatch):
    monkeypatch.delenv("FASHION_LAB_MAX_JOBS", raising=False)
    assert settings.MAX_JOBS.value(MAX_JOBS) == MAX_JOBS
    monkeypatch.setenv("FASHION_LAB_MAX_JOBS", "  ")
    assert settings.MAX_JOBS.value(MAX_JOBS) == MAX_JOBS
    monkeypatch.setenv("FASHION_LAB_MAX_JOBS", " 7 ")
    assert settings.MAX_JOBS.value(MAX_JOBS) == 7
    monkeypatch.setenv("FASHION_LAB_MAX_QUEUE", "0")  # no line at all
    assert settings.MAX_QUEUE.value(MAX_QUEUE) == 0
    monkeypatch.setenv("FASHION_LAB_PUBLIC_URL", "http://192.168.1.20:8501/")
    assert settings.PUBLIC_URL.value() == "http://192.168.1.20:8501"


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_a_bad_value_is_one_line_naming_the_variable(monkeypatch, name):
    setting = next(s for s in settings.SETTINGS if s.name == name)
    monkeypatch.setenv(name, BAD_VALUES[name])
    with pytest.raises(settings.SettingError, match=name) as error:
        setting.value()
    assert "\n" not in str(error.value)
    assert "S3cret" not in str(error.value)


def test_the_check_command_prints_each_bad_setting_and_fails():
    env = {"PATH": "/usr/bin:/bin", **BAD_VALUES}
    bad = subprocess.run(
        [sys.executable, "-m", "fashion_lab.settings"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert [line.split()[1] for line in bad.stderr.splitlines()] == [
        s.name for s in settings.SETTINGS if s.name in BAD_VALUES
    ]
    assert "S3cret" not in bad.stderr
    good = subprocess.run(
        [sys.executable, "-m", "fashion_lab.settings"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
    )
    assert (good.returncode, good.stderr) == (0, b"")
