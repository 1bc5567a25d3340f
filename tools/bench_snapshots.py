"""What recording the replay's snapshots costs a training run (fashion_lab/training/snapshots.py).

Two runs of ~10 s differ by ±5% on this shared VM whatever they do, more than the cost itself,
so the verdict is the time spent inside the recorder (every snapshot, and the record made at the
end) as a share of the same run, timed around the recorder's own calls. (Runs without
snapshots, interleaved with these, came out 28% slower to 27% faster: they decided nothing and
are no longer made.)
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from tools.bench_rows import Row, rounded

EPOCHS = 2  # the shortest run the app makes worth replaying: the snapshots' fixed cost weighs most
TARGET = 0.03


@contextmanager
def recorder_timed():
    """While inside: the seconds each recorder call took, appended to the list it gives."""
    from fashion_lab.training.snapshots import LearningRecorder

    spent, originals = [], {name: getattr(LearningRecorder, name) for name in ("_record", "arrays")}

    def timed(original):
        def call(*args, **kwargs):
            begin = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - begin)

        return call

    for name, original in originals.items():
        setattr(LearningRecorder, name, timed(original))
    try:
        yield spent
    finally:
        for name, original in originals.items():
            setattr(LearningRecorder, name, original)


def _train_seconds(architecture: str, record: bool, dataset) -> tuple[float, float]:
    """The run's seconds and those it spent recording."""
    from fashion_lab.training.in_process import TrainingConfig, TrainingJob

    config = TrainingConfig(architecture=architecture, epochs=EPOCHS)
    job = TrainingJob(config, dataset, record_learning=record)
    with recorder_timed() as spent:
        begin = time.perf_counter()
        job.run()
        seconds = time.perf_counter() - begin
    if job.error:
        raise RuntimeError(job.error)
    return seconds, sum(spent)


def bench_snapshot_overhead(repeats: int) -> list[Row]:
    """For the CNN and the widest dense network (the largest pictures)."""
    from fashion_lab.data.fashion_mnist import load_dataset

    dataset = load_dataset()
    rows = []
    for architecture in ("cnn", "dense_wide"):
        _train_seconds(architecture, False, dataset)  # warm-up: TensorFlow's kernels, the data
        recorded, shares = [], []
        for _ in range(repeats):
            seconds, recording = _train_seconds(architecture, True, dataset)
            recorded.append(seconds)
            shares.append(recording / seconds)
        rows.append(
            Row(
                f"recording the replay's snapshots ({architecture}, {EPOCHS} epochs)",
                ours=max(shares) * 100,
                baseline=None,
                unit="%",
                target=f"<= {TARGET:.0%} of the run",
                passed=max(shares) <= TARGET,
                note=f"the most of {repeats} runs, timed in the recorder; runs {rounded(recorded)} s",
            )
        )
    return rows
