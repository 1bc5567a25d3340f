"""`make bench`'s frame (the rows themselves need a quiet machine and run only there): its groups
can be run alone, and the results say what machine they came from."""

from __future__ import annotations

import json

import pytest

import tools.bench as bench
from model_store import BUNDLED_ROOT
from tools.bench import GROUPS, machine_description, main


def test_a_group_that_does_not_exist_is_refused_before_anything_runs(capsys):
    with pytest.raises(SystemExit) as refused:
        main(["--rows", "first,nonsense"])
    assert refused.value.code == 2
    assert "unknown group(s) nonsense" in capsys.readouterr().err


def test_the_machine_is_described_by_what_decides_its_speed():
    machine = machine_description()
    assert {"first", "prediction", "training", "app"} <= set(GROUPS)
    assert machine["cnn number format"] in ("float32", "mixed_bfloat16")
    assert machine["cores"].isdigit() and machine["cpu flags"]
    native_bf16 = any(flag in machine["cpu flags"].split() for flag in ("avx512_bf16", "amx_bf16"))
    assert native_bf16 == (machine["cnn number format"] == "mixed_bfloat16")


def test_a_results_file_records_the_hosts_speed_and_each_groups_minutes(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bench, "RESULTS", tmp_path / "bench.json")
    monkeypatch.setenv("FASHION_LAB_BUNDLED", str(BUNDLED_ROOT))  # the group's model
    main(["--rows", "projection"])  # the quickest group: a bundled model's 2-D view
    saved = json.loads((tmp_path / "bench-projection.json").read_text())
    speeds = [float(saved["machine"][key]) for key in ("host: matrix products (s)", "host: Python loop (s)")]
    assert all(0 < seconds < 60 for seconds in speeds)
    assert list(saved["minutes"]) == ["projection"] and saved["minutes"]["projection"] > 0
    assert "minutes: projection" in capsys.readouterr().out
