"""A real Ray cluster of several nodes on this machine, started as docs/ray-class.md starts one on k
machines (`ray start --head`, then `ray start --address=...` per node, token authentication on),
for the tests; stopped with its nodes when the block ends."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.app_server import free_port

RAY = Path(sys.executable).with_name("ray")
AUTH = {"RAY_AUTH_MODE": "token"}


def _start_node(arguments: list[str], env: dict, log: Path) -> subprocess.Popen:
    command = [str(RAY), "start", "--block", "--disable-usage-stats", *arguments]
    # Its own process group: stopping it stops every process of the node, and nothing else.
    return subprocess.Popen(
        command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait_for_cpus(env: dict, cpus: int, address: str, timeout: float = 90.0) -> None:
    check = f"import ray; ray.init(address={address!r}); print(int(ray.cluster_resources().get('CPU', 0)))"
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip().splitlines()[-1:] == [str(cpus)]:
            return
        time.sleep(1)
    raise RuntimeError(f"the Ray cluster did not reach {cpus} CPUs in {timeout:.0f} s")


@contextmanager
def ray_cluster(node_cpus: list[int]) -> Iterator[tuple[str, str]]:
    """A head node with ``node_cpus[0]`` CPUs and one node per further entry; yields the head's
    address (``host:port``, for RAY_ADDRESS and "auto") and its client server's (``ray://``)."""
    env = {**os.environ, **AUTH}
    env.pop("RAY_ADDRESS", None)
    subprocess.run([str(RAY), "get-auth-token", "--generate"], env=env, capture_output=True, check=True)
    folder = Path(tempfile.mkdtemp(prefix="ray", dir="/tmp"))  # short: Ray's socket paths are bounded
    gcs, client = free_port(), free_port()
    nodes = []
    try:
        head = ["--head", f"--port={gcs}", f"--ray-client-server-port={client}", "--include-dashboard=false"]
        nodes.append(
            _start_node(
                [*head, f"--num-cpus={node_cpus[0]}", f"--temp-dir={folder}"], env, folder / "head.log"
            )
        )
        for number, cpus in enumerate(node_cpus[1:], start=1):
            arguments = [f"--address=127.0.0.1:{gcs}", f"--num-cpus={cpus}"]
            nodes.append(_start_node(arguments, env, folder / f"node-{number}.log"))
        _wait_for_cpus(env, sum(node_cpus), f"127.0.0.1:{gcs}")
        yield f"127.0.0.1:{gcs}", f"ray://127.0.0.1:{client}"
    finally:
        for node in reversed(nodes):
            os.killpg(node.pid, signal.SIGTERM)
            try:  # a head stops in about 4 s; under pytest-xdist it never did (its idle workers
                # lingered), and 30 s went by before the kill
                node.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(node.pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)
