"""Training on Ray: each run is an actor in a worker process of its own, on this machine (a local
Ray the app starts) or on whichever machine of a Ray cluster has the CPUs. The app polls the
actor's events, sends Stop to it, and gets the trained weights back through Ray's object store;
it saves them itself. Ray is imported only here, and only when a Ray backend is asked for."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from fashion_lab.architectures import build_model
from fashion_lab.config import TrainingConfig
from fashion_lab.data import Dataset, load_dataset
from fashion_lab.job_base import BaseJob, TrainingResult

POLL_SECONDS = 0.5
STOP_GRACE = 30.0  # seconds a run may take to end after Stop before its worker is killed
PROJECT_PACKAGE = Path(__file__).resolve().parent  # what the workers import (fashion_lab)
LOST = "the Ray worker running this training was lost (its process was killed or its machine left)"


class RayUnavailable(RuntimeError):
    """Ray could not be started or reached; the message says which address and why."""


class RayConnection:
    """This process's link to Ray, made once, on first use: ``address`` "local" starts a Ray of
    its own with ``slots`` CPUs (one per run); "auto" or "ray://host:port" joins a running
    cluster, where each run asks for ``run_cpus`` CPUs."""

    def __init__(self, address: str, slots: int = 2, run_cpus: int = 2) -> None:
        if address != "local" and address != "auto" and not address.startswith("ray://"):
            raise ValueError(f"a Ray address is 'local', 'auto' or 'ray://host:port', got {address!r}")
        if slots < 1 or run_cpus < 1:
            raise ValueError(f"slots and CPUs per run must be >= 1, got {slots} and {run_cpus}")
        self.address, self.slots, self.run_cpus = address, slots, run_cpus
        self._lock = threading.Lock()
        self._keeper: threading.Thread | None = None
        self._started = threading.Event()
        self._error: Exception | None = None
        self._dataset_ref = None
        self._capacity, self._capacity_at = slots, 0.0

    @property
    def local(self) -> bool:
        return self.address == "local"

    def connect(self):
        """The ``ray`` module, connected (started, for "local"): a few seconds the first time."""
        os.environ.setdefault("RAY_ENABLE_AUTO_CONNECT", "0")  # never a Ray of its own on a late call
        import ray

        with self._lock:
            if self._keeper is None:
                self._keeper = threading.Thread(
                    target=self._keep, args=(ray,), name="ray-keeper", daemon=True
                )
                self._keeper.start()
        self._started.wait()
        if self._error is not None:
            raise RayUnavailable(f"Ray at {self.address!r} cannot be used: {self._error}")
        return ray

    def _keep(self, ray) -> None:
        """Start Ray and stay: Linux ends a local Ray's processes when the thread that started
        them ends (their parent-death signal follows the thread), so that is never a short one."""
        try:
            self._init(ray)
        except Exception as error:  # noqa: BLE001 - any failure to reach Ray is said as one
            self._error = error
        self._started.set()
        threading.Event().wait()

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
                runtime_env={"py_modules": [str(PROJECT_PACKAGE)], "excludes": ["__pycache__"]},
            )

    def capacity(self) -> int:
        """Runs that can train at once: the slots of a local Ray; on a cluster, its CPUs divided
        by the CPUs a run asks for (read at most every 10 s; the slots until connected)."""
        if self.local or not self._started.is_set() or self._error is not None:
            return self.slots
        if time.monotonic() - self._capacity_at > 10:
            import ray

            cpus = ray.cluster_resources().get("CPU", 0)
            self._capacity, self._capacity_at = max(1, int(cpus // self.run_cpus)), time.monotonic()
        return self._capacity

    def dataset_ref(self, dataset: Dataset):
        """The dataset in Ray's object store, put there once: workers on any machine read it."""
        ray = self.connect()
        with self._lock:
            if self._dataset_ref is None:
                self._dataset_ref = ray.put(dataset)
            return self._dataset_ref

    def new_actor(self, config: TrainingConfig, dataset: Dataset, report_interval: float):
        """A worker process training ``config`` from now on (Ray places it when CPUs are free)."""
        ray = self.connect()
        cpus = 1 if self.local else self.run_cpus
        threads = max(1, (os.cpu_count() or 1) // self.slots) if self.local else self.run_cpus
        actor = ray.remote(num_cpus=cpus, max_restarts=0)(TrainingActor)
        return actor.remote(config.to_dict(), self.dataset_ref(dataset), threads, report_interval)


class TrainingActor:
    """In the Ray worker: one TrainingJob in this process; answers polls, Stop and the outcome."""

    def __init__(self, config: dict, dataset: Dataset, threads: int, report_interval: float) -> None:
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(threads)  # its share of the machine
        tf.config.threading.set_inter_op_parallelism_threads(threads)
        from fashion_lab.training import TrainingJob

        self.job = TrainingJob(TrainingConfig(**config), dataset, report_interval).start()

    def poll(self, since: int) -> tuple[list[dict[str, Any]], bool]:
        """The events from ``since``, and whether the run has ended."""
        done = self.job.state.done  # read before the events: they then hold the outcome
        return self.job.events(since), done

    def stop(self) -> None:
        self.job.stop()

    def outcome(self) -> dict[str, Any]:
        """The result, the float32 weights (numpy arrays, through the object store) and the
        precision it trained in; or the error."""
        job = self.job
        if job.result is None:
            return {"error": job.error or "the run ended without a result"}
        import ray

        weights = [np.asarray(w) for w in job.model.get_weights()]
        node = ray.get_runtime_context().get_node_id()
        return {"result": job.result, "weights": weights, "precision": job.precision, "node": node}

    def pid(self) -> int:
        return os.getpid()


class RayTrainingJob(BaseJob):
    """A training run in a Ray actor, seen by the app as any job: events, state, stop, result."""

    def __init__(
        self,
        config: TrainingConfig,
        connection: RayConnection,
        dataset: Dataset | None = None,
        report_interval: float = 0.2,
        save=None,
    ) -> None:
        super().__init__(config, report_interval, save)
        self.connection = connection
        self.actor = None
        self.node: str | None = None  # the Ray node it trained on, once it has
        self._dataset = dataset
        self._precision: str | None = None

    @property
    def dataset(self) -> Dataset:
        return self._dataset or load_dataset()

    @property
    def precision(self) -> str:
        """The dtype policy the worker trained in (known once it has finished)."""
        return self._precision or self.config.precision

    def _train(self) -> TrainingResult:
        ray = self.connection.connect()
        self.actor = self.connection.new_actor(self.config, self.dataset, self.report_interval)
        try:
            outcome = self._follow(ray)
        except ray.exceptions.RayError as error:
            self.error = f"{LOST}: {str(error).strip().splitlines()[0]}"
            raise
        finally:
            ray.kill(self.actor)  # the worker's memory goes back to the system now
        if "error" in outcome:
            self.error = outcome["error"]
            raise RuntimeError(self.error)
        self._precision, self.node = outcome["precision"], outcome["node"]
        model = build_model(self.config.architecture)
        model.set_weights(outcome["weights"])
        self.model = model
        return outcome["result"]

    def _follow(self, ray) -> dict[str, Any]:
        """Copy the actor's events until it has ended; pass Stop on; kill a run deaf to it."""
        seen, stop_sent, reply = 0, None, None
        while True:
            if self.stop_requested and stop_sent is None:
                self.actor.stop.remote()
                stop_sent = time.monotonic()
            if stop_sent is not None and time.monotonic() - stop_sent > STOP_GRACE:
                raise TimeoutError(
                    f"the run did not end within {STOP_GRACE:.0f} s of Stop: its worker was killed"
                )
            reply = reply or self.actor.poll.remote(seen)
            ready, _ = ray.wait([reply], timeout=POLL_SECONDS)
            if not ready:  # not placed yet, or busy: the same question stays asked
                continue
            events, done = ray.get(reply)
            reply = None
            for event in events:
                seen += 1
                if event["kind"] not in ("finished", "stopped", "failed"):  # the app says how it ended
                    self._log.add(**event)
            if done:
                return ray.get(self.actor.outcome.remote())
            time.sleep(POLL_SECONDS)
