"""This process's link to Ray: started or joined once, in a thread that stays (training/ray_jobs.py
trains on it). Ray is imported only here and there, and only when a Ray backend is asked for."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

from fashion_lab.data.fashion_mnist import Dataset
from fashion_lab.i18n import _
from fashion_lab.training.config import TrainingConfig

PROJECT_PACKAGE = Path(__file__).resolve().parents[1]  # what the workers import: fashion_lab,
WORKER_PACKAGES = [PROJECT_PACKAGE, PROJECT_PACKAGE.parent / "model_store"]  # and what it imports
CAPACITY_SECONDS = 10.0  # how often a cluster's machines are counted again
RETRY_SECONDS = 10.0  # a cluster that could not be reached is tried again this long after
# A cluster's client server now and then fails a handshake under load (its server process starting
# races Ray's own check of it): a few tries before saying it cannot be reached.
CONNECT_ATTEMPTS = 3
CONNECT_TIMEOUT = 60.0  # Ray keeps retrying an address where nothing answers: a run waits this long


class RayUnavailable(RuntimeError):
    """Ray could not be started or reached; the message says which address and why."""


class RayConnection:
    """``address`` "local" starts a Ray of its own with ``slots`` CPUs (one per run); "auto" or
    "ray://host:port" joins a running cluster, where each run asks for ``run_cpus`` CPUs."""

    def __init__(self, address: str, slots: int = 2, run_cpus: int = 2) -> None:
        if address != "local" and address != "auto" and not address.startswith("ray://"):
            raise ValueError(
                _("a Ray address is 'local', 'auto' or 'ray://host:port', got {address}").format(
                    address=repr(address)
                )
            )
        if slots < 1 or run_cpus < 1:
            raise ValueError(f"slots and CPUs per run must be >= 1, got {slots} and {run_cpus}")
        self.address, self.slots, self.run_cpus = address, slots, run_cpus
        self._lock = threading.Lock()
        self._keeper: threading.Thread | None = None
        self._started = threading.Event()
        self._error: Exception | None = None
        self._failed_at = 0.0
        self._dataset_refs: dict[str, object] = {}  # dataset checksum -> its object in Ray's store
        self._capacity = slots

    @property
    def local(self) -> bool:
        return self.address == "local"

    def connect(self):
        """The ``ray`` module, connected (started, for "local"): a few seconds the first time;
        RayUnavailable if it cannot be (a cluster is tried again ``RETRY_SECONDS`` later)."""
        os.environ.setdefault("RAY_ENABLE_AUTO_CONNECT", "0")  # never a Ray of its own on a late call
        import ray

        with self._lock:
            retry = self._error is not None and time.monotonic() - self._failed_at > RETRY_SECONDS
            if self._keeper is None or retry:
                self._started, self._error = threading.Event(), None
                self._keeper = threading.Thread(
                    target=self._keep, args=(ray,), name="ray-keeper", daemon=True
                )
                self._keeper.start()
            started = self._started
        if not started.wait(CONNECT_TIMEOUT):
            raise RayUnavailable(
                _("Ray at {address} did not answer within {seconds} s").format(
                    address=repr(self.address), seconds=f"{CONNECT_TIMEOUT:.0f}"
                )
            )
        if self._error is not None:
            raise RayUnavailable(
                _("Ray at {address} cannot be used: {error}").format(
                    address=repr(self.address), error=self._error
                )
            )
        return ray

    def _keep(self, ray) -> None:
        """Start Ray and stay: Linux ends a local Ray's processes when the thread that started
        them ends (their parent-death signal follows the thread). On a cluster, count its
        machines' room for runs every ``CAPACITY_SECONDS`` here, never in a caller's way."""
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            try:
                self._init(ray)
                break
            except Exception as error:  # noqa: BLE001 - any failure to reach Ray is said as one
                with contextlib.suppress(Exception):  # a half-made connection, before another try
                    ray.shutdown()
                if attempt == CONNECT_ATTEMPTS:
                    self._error, self._failed_at = error, time.monotonic()
                    self._started.set()
                    return
                time.sleep(2)
        self._started.set()
        while True:
            if not self.local:
                self._count_room(ray)
            time.sleep(CAPACITY_SECONDS)

    def _init(self, ray) -> None:
        if ray.is_initialized():
            return
        if self.local:  # a Ray of its own: never one that happens to run on this machine
            ray.init(
                address="local",
                num_cpus=self.slots,
                include_dashboard=False,
                log_to_driver=False,
                namespace="fashion-lab",
                runtime_env={"env_vars": {"PYTHONPATH": str(PROJECT_PACKAGE.parent)}},
            )
        else:  # other machines get the package from the object store, not from a shared path
            ray.init(
                address=self.address,
                log_to_driver=False,
                namespace="fashion-lab",
                runtime_env={"py_modules": [str(p) for p in WORKER_PACKAGES], "excludes": ["__pycache__"]},
            )

    def _count_room(self, ray) -> None:
        """Runs the cluster can hold at once: on each live machine, its CPUs over a run's."""
        try:
            nodes = [node for node in ray.nodes() if node.get("Alive")]
            self._capacity = sum(int(node["Resources"].get("CPU", 0) // self.run_cpus) for node in nodes)
        except Exception:  # noqa: BLE001 - the cluster did not answer: keep the last count
            pass

    def capacity(self) -> int:
        """Runs that can train at once: the slots of a local Ray; on a cluster, the last count of
        its machines' room (the slots until it is connected; at least 1). Never waits, never raises."""
        return self.slots if self.local else max(1, self._capacity)

    def dataset_ref(self, dataset: Dataset):
        """``dataset`` in Ray's object store, put there once: workers on any machine read it."""
        ray = self.connect()
        with self._lock:
            if dataset.checksum not in self._dataset_refs:
                self._dataset_refs[dataset.checksum] = ray.put(dataset)
            return self._dataset_refs[dataset.checksum]

    def new_actor(
        self,
        actor_class: type,
        config: TrainingConfig,
        dataset: Dataset,
        report_interval: float,
        start_weights: list | None = None,
    ):
        """A worker process training ``config`` from now on (Ray places it when CPUs are free)."""
        ray = self.connect()
        cpus = 1 if self.local else self.run_cpus
        threads = max(1, (os.cpu_count() or 1) // self.slots) if self.local else self.run_cpus
        actor = ray.remote(num_cpus=cpus, max_restarts=0)(actor_class)
        return actor.remote(
            config.to_dict(), self.dataset_ref(dataset), threads, report_interval, start_weights
        )
