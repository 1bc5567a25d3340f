"""What recording the replay's snapshots costs a training run (fashion_lab/training/snapshots.py):
the same run with and without them, interleaved, in this process."""

from __future__ import annotations

import time
from statistics import median

from tools.bench_rows import Row

EPOCHS = 2  # the shortest run the app makes worth replaying: the snapshots' fixed cost weighs most
TARGET = 0.03


def _train_seconds(architecture: str, record: bool, dataset) -> float:
    from fashion_lab.training.in_process import TrainingConfig, TrainingJob

    job = TrainingJob(
        TrainingConfig(architecture=architecture, epochs=EPOCHS), dataset, record_learning=record
    )
    begin = time.perf_counter()
    job.run()
    if job.error:
        raise RuntimeError(job.error)
    return time.perf_counter() - begin


def bench_snapshot_overhead(repeats: int) -> list[Row]:
    """For the CNN and the widest dense network (the largest pictures): the fastest run with
    snapshots against the fastest without (this VM's speed jumps; interference only adds time)."""
    from fashion_lab.data.fashion_mnist import load_dataset

    dataset = load_dataset()
    rows = []
    for architecture in ("cnn", "dense_wide"):
        _train_seconds(architecture, False, dataset)  # warm-up: TensorFlow's kernels, the data
        plain, recorded = [], []
        for _ in range(repeats):  # interleaved, so drift in machine load hits both alike
            plain.append(_train_seconds(architecture, False, dataset))
            recorded.append(_train_seconds(architecture, True, dataset))
        overhead = min(recorded) / min(plain) - 1
        paired = median(r / p for r, p in zip(recorded, plain, strict=True)) - 1
        rows.append(
            Row(
                f"recording the replay's snapshots ({architecture}, {EPOCHS} epochs)",
                ours=min(recorded),
                baseline=min(plain),
                unit="s",
                target=f"<= {TARGET:.0%} over the same run without",
                passed=overhead <= TARGET,
                note=f"fastest of {repeats} each {overhead:+.1%} "
                f"(median of the paired ratios: {paired:+.1%})",
            )
        )
    return rows
