"""Training on Ray: each run is an actor in a worker process of its own, on this machine (a local
Ray the app starts) or on whichever machine of a Ray cluster has the CPUs. The app polls the
actor's events, sends Stop to it, and gets the trained weights back through Ray's object store;
it saves them itself (fashion_lab/training/ray_connection.py: the link to Ray)."""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

import numpy as np

from fashion_lab.data.fashion_mnist import Dataset
from fashion_lab.i18n import N_, _
from fashion_lab.models.registry import build_model
from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.job import NOT_BEGUN, BaseJob, RunCancelled, TrainingResult
from fashion_lab.training.ray_connection import RayConnection

POLL_SECONDS = 0.5
STOP_GRACE = 30.0  # seconds a run may take to end after Stop before its worker is killed
PLACEMENT_TIMEOUT = 180.0  # seconds a run may wait for a machine with its CPUs, and start there
LOST = N_("the Ray worker running this training was lost (its process was killed or its machine left)")
NOT_STARTED = N_("the Ray worker could not start this training")


def describe_ray_error(error: Exception) -> str:
    """One line for a failed Ray run: a worker that could not start, or one that was lost."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()] or [type(error).__name__]
    if getattr(error, "actor_init_failed", False):
        return f"{_(NOT_STARTED)}: {lines[-1]}"  # the last line of its traceback: the error itself
    return f"{_(LOST)}: {lines[0]}"


class TrainingActor:
    """In the Ray worker: one TrainingJob in this process; answers polls, Stop and the outcome."""

    def __init__(
        self, config: dict, dataset: Dataset, threads: int, report_interval: float, start_weights: list | None
    ) -> None:
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(threads)  # its share of the machine
        tf.config.threading.set_inter_op_parallelism_threads(threads)
        from fashion_lab.training.in_process import TrainingJob

        config = TrainingConfig(**config)
        self.job = TrainingJob(config, dataset, report_interval, start_weights=start_weights).start()

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
        if job.state == "cancelled":
            return {"cancelled": job.events()[-1]["reason"]}
        if job.result is None:
            return {"error": job.error or _("the run ended without a result")}
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
        start_weights: list | None = None,
    ) -> None:
        super().__init__(config, report_interval, save, dataset, start_weights)
        self.connection = connection
        self.actor = None
        self.node: str | None = None  # the Ray node it trained on, once it has
        self._precision: str | None = None

    @property
    def precision(self) -> str:
        """The dtype policy the worker trained in (known once it has finished)."""
        return self._precision or self.config.precision

    def _train(self) -> TrainingResult:
        ray = self.connection.connect()
        if self.stop_requested:
            raise RunCancelled(_(NOT_BEGUN))
        self.actor = self.connection.new_actor(
            TrainingActor, self.config, self.dataset, self.report_interval, self.start_weights
        )
        try:
            outcome = self._follow(ray)
        except ray.exceptions.RayError as error:
            self.error = describe_ray_error(error)
            raise
        finally:
            with contextlib.suppress(Exception):  # already gone, or Ray itself is: nothing to free
                ray.kill(self.actor)  # the worker's memory goes back to the system now
        if "cancelled" in outcome:
            raise RunCancelled(outcome["cancelled"])
        if "error" in outcome:
            self.error = outcome["error"]
            raise RuntimeError(self.error)
        self._precision, self.node = outcome["precision"], outcome["node"]
        model = build_model(self.config.architecture)
        model.set_weights(outcome["weights"])
        self.model = model
        return outcome["result"]

    def _follow(self, ray) -> dict[str, Any]:
        """Copy the actor's events until it has ended; pass Stop on; kill a run deaf to it. Until
        the worker first answers (placed, TensorFlow imported), Stop cancels the run at once."""
        seen, stop_sent, reply, answered, created = 0, None, None, False, time.monotonic()
        while True:
            if self.stop_requested and not answered:
                raise RunCancelled(_(NOT_BEGUN))
            if self.stop_requested and stop_sent is None:
                self.actor.stop.remote()
                stop_sent = time.monotonic()
            if stop_sent is not None and time.monotonic() - stop_sent > STOP_GRACE:
                raise TimeoutError(
                    _("the run did not end within {seconds} s of Stop: its worker was killed").format(
                        seconds=f"{STOP_GRACE:.0f}"
                    )
                )
            if not answered and time.monotonic() - created > PLACEMENT_TIMEOUT:
                raise TimeoutError(
                    _(
                        "no machine of the Ray cluster took this run within {seconds} s "
                        "(it asks for {cpus} free CPUs: FASHION_LAB_RAY_CPUS)"
                    ).format(seconds=f"{PLACEMENT_TIMEOUT:.0f}", cpus=self.connection.run_cpus)
                )
            reply = reply or self.actor.poll.remote(seen)
            ready, _waiting = ray.wait([reply], timeout=POLL_SECONDS)
            if not ready:  # not placed yet, or busy: the same question stays asked
                continue
            (events, done), reply, answered = ray.get(reply), None, True
            for event in events:
                seen += 1
                if event["kind"] not in (
                    "finished",
                    "stopped",
                    "failed",
                    "cancelled",
                ):  # the app says how it ended
                    self._log.add(**event)
            if done:
                return ray.get(self.actor.outcome.remote())
            time.sleep(POLL_SECONDS)
