"""A Ray cluster of two nodes, started as docs/ray-class.md says to start one on two machines (here both
on this machine): the app's backend counts the cluster's CPUs and Ray places each run, asking for
2 CPUs, on a node that has them, so two runs train on two nodes."""

from __future__ import annotations

import json

import pytest
from conftest import run_python

from tools.ray_cluster import AUTH, ray_cluster

pytestmark = pytest.mark.ray

RUNS = """
import json
from fashion_lab.training.backends import TrainingBackend
from fashion_lab.training.config import TrainingConfig
backend = TrainingBackend({address!r}, slots=1, run_cpus=2)
backend.ray.connect()
jobs = [backend.new_job(TrainingConfig("dense", epochs=1, limit=2000)) for _ in range({count})]
for job in jobs:
    job.start()
for job in jobs:
    job.join(timeout=300)
print(json.dumps({{"capacity": backend.capacity(), "states": [job.state.value for job in jobs],
                   "errors": [job.error for job in jobs], "nodes": [job.node for job in jobs]}}))
"""


@pytest.fixture(scope="module")
def cluster():
    """Two nodes of 2 CPUs, shared by the module's tests (starting one takes half a minute)."""
    with ray_cluster([2, 2]) as addresses:
        yield addresses


def runs(count: int, address: str, env: dict) -> dict:
    printed = run_python(RUNS.format(address=address, count=count), env=env)
    return json.loads(printed.strip().splitlines()[-1])


def test_two_runs_on_a_two_node_cluster_train_on_both_nodes(cluster, dataset):
    """As the app in docs/ray-class.md joins it: "auto", the head's address in RAY_ADDRESS."""
    outcome = runs(2, "auto", {**AUTH, "RAY_ADDRESS": cluster[0]})
    assert outcome["states"] == ["finished", "finished"], outcome["errors"]
    assert outcome["capacity"] == 2  # 4 CPUs, 2 a run
    assert len(set(outcome["nodes"])) == 2, "both runs were placed on one node"


def test_an_app_off_the_cluster_trains_through_the_heads_client_port(cluster, dataset):
    outcome = runs(3, cluster[1], AUTH)
    assert outcome["capacity"] == 2  # the third run waited for room
    assert outcome["states"] == ["finished"] * 3, outcome["errors"]
    assert len(set(outcome["nodes"])) == 2
