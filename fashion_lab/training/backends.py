"""Where training runs, one interface for the pages and the CLI: in this process (the default),
or on Ray, as settings.RAY_ADDRESS says ("local", "auto" or "ray://host:port")."""

from __future__ import annotations

import threading
from collections.abc import Callable

from fashion_lab import settings
from fashion_lab.data.fashion_mnist import Dataset
from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.job import BaseJob

RUN_CPUS = 2  # CPUs each run asks of a Ray cluster, unless settings.RAY_CPUS says otherwise


class TrainingBackend:
    """Makes training jobs: ``ray_address`` None trains in this process (Ray never imported);
    otherwise each job is a Ray actor (fashion_lab/training/ray_jobs.py). ``slots``: runs at once here."""

    def __init__(self, ray_address: str | None = None, slots: int = 2, run_cpus: int = RUN_CPUS) -> None:
        self.slots = slots
        self.ray = None
        if ray_address:
            from fashion_lab.training.ray_connection import RayConnection

            self.ray = RayConnection(ray_address, slots, run_cpus)

    def capacity(self) -> int:
        """How many runs may train at once now."""
        return self.slots if self.ray is None else self.ray.capacity()

    def warm_up(self) -> None:
        """Start connecting to Ray in the background (a few seconds), so the first run does not wait."""
        if self.ray is not None:
            threading.Thread(target=self._connect_quietly, daemon=True).start()

    def _connect_quietly(self) -> None:
        try:
            self.ray.connect()
        except Exception:  # noqa: BLE001 - the first job reports it, with the reason
            pass

    def new_job(
        self,
        config: TrainingConfig,
        save: Callable | None = None,
        dataset: Dataset | None = None,
        start_weights: list | None = None,
    ) -> BaseJob:
        """A job for ``config``, not started; ``save`` stores its model (in this process);
        ``start_weights``: those of the model ``config.init_from`` names."""
        if self.ray is None:
            from fashion_lab.training.in_process import TrainingJob

            return TrainingJob(config, dataset, save=save, start_weights=start_weights)
        from fashion_lab.training.ray_jobs import RayTrainingJob

        return RayTrainingJob(config, self.ray, dataset, save=save, start_weights=start_weights)


def backend_from_settings(slots: int, address: str | None = None) -> TrainingBackend:
    """The backend ``address`` (or settings.RAY_ADDRESS) asks for, with ``slots`` runs at once
    where the app decides it (in its process, or a local Ray). SettingError for a bad setting."""
    address = address if address is not None else settings.RAY_ADDRESS.value("")
    return TrainingBackend(address or None, slots, settings.RAY_CPUS.value(RUN_CPUS))
