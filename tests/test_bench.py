"""`make bench`'s frame (the rows themselves need a quiet machine and run only there): its groups
can be run alone, and the results say what machine they came from."""

from __future__ import annotations

import pytest

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
