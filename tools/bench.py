"""`make bench`: measurements that need a quiet machine, printed as a table and saved as JSON.

Every target is a ratio against a baseline measured in the same run, never an absolute time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import asdict
from pathlib import Path

from tools.app_server import ROOT
from tools.bench_app import bench_app
from tools.bench_class import bench_class
from tools.bench_explanations import bench_heatmaps, bench_projection
from tools.bench_first import bench_first_moments
from tools.bench_flood import bench_flood
from tools.bench_memory import bench_memory
from tools.bench_quiz import bench_quiz
from tools.bench_room import bench_room
from tools.bench_rows import Row, time_calls_ms
from tools.bench_snapshots import bench_snapshot_overhead
from tools.bench_training import bench_training_speed

RESULTS = ROOT / "bench-results" / "bench.json"


PHOTOS = ROOT / "data" / "clothing-photos" / "validation"


def sample_inputs() -> dict[str, object]:
    """A canvas drawing (RGBA, 400x400 as in talk mode: a tilted shirt outline with its collar,
    placket and buttons, every step of the drawing path at work) and a real phone photo (JPEG
    bytes) to classify."""
    import numpy as np

    from tools.drawing_set import TUNE_SEED, draw_garment

    strokes = draw_garment(6, TUNE_SEED + 1, side=400)
    drawing = np.dstack([strokes] * 3 + [np.full_like(strokes, 255)])
    photo = min(PHOTOS.glob("t-shirt/*.jpg")).read_bytes()
    return {"drawing": drawing, "photo": photo}


def bench_prediction_latency(runs: int = 60) -> list[Row]:
    """Server-side time from the input to the 10 probabilities, preprocessing included."""

    from fashion_lab.analysis.evaluation import predict_views
    from fashion_lab.images.decoding import decode_image
    from fashion_lab.images.drawings import preprocess_drawing
    from fashion_lab.images.preprocessing import preprocess_upload
    from fashion_lab.training.config import TrainingConfig
    from fashion_lab.training.in_process import TrainingJob

    inputs = sample_inputs()
    paths = {  # as Classify answers: a photo averaged over its views
        "drawing": lambda: preprocess_drawing(inputs["drawing"]).inputs,
        "photo": lambda: preprocess_upload(decode_image(inputs["photo"])).inputs,
    }
    rows = []
    for architecture in ("dense", "cnn"):
        job = TrainingJob(TrainingConfig(architecture, epochs=1, limit=2000))  # weights do not matter
        job.run()
        for source, prepare in paths.items():

            def classify(model=job.model, prepare=prepare) -> None:
                predict_views(model, [prepare()])

            median, p95 = time_calls_ms(classify, runs, warmup=5)
            rows.append(
                Row(
                    f"prediction latency, {architecture}, {source} (preprocessing included)",
                    ours=median,
                    baseline=None,
                    unit="ms",
                    target="<= 30 ms median",
                    passed=median <= 30,
                    note=f"p95 {p95:.1f} ms over {runs} runs",
                )
            )
    return rows


def bench_feature_maps(runs: int = 30) -> Row:
    """Feature maps of the classic CNN for one image, computed and drawn as the page's tiles."""

    from components.map_images import pair_tile
    from fashion_lab.analysis.inspection import conv_stages, feature_maps
    from fashion_lab.data.fashion_mnist import load_dataset
    from fashion_lab.training.config import TrainingConfig
    from fashion_lab.training.in_process import TrainingJob

    job = TrainingJob(TrainingConfig("cnn", epochs=1, limit=2000))
    job.run()
    stage, image = conv_stages(job.model)[0], load_dataset().test_images[0]

    def draw_maps() -> None:
        maps = feature_maps(job.model, image, stage)
        high = float(maps.maps.max()) or 1.0
        [pair_tile(maps.maps[..., c], maps.pooled[..., c], high) for c in range(maps.maps.shape[-1])]

    median, p95 = time_calls_ms(draw_maps, runs, warmup=3)
    return Row(
        "feature maps + pooled maps of one image, 32 tiles drawn (cnn)",
        ours=median,
        baseline=None,
        unit="ms",
        target="<= 200 ms median",
        passed=median <= 200,
        note=f"p95 {p95:.1f} ms",
    )


SPEED_FLAGS = ("avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16")  # what oneDNN can use


def machine_description() -> dict[str, str]:
    """CPU model and the instruction sets that decide training speed, the number format the CNN
    trains in here, cores and library versions, so numbers can be compared across machines (the
    classic baselines' rows give the host's speed)."""
    cpu, flags = "unknown", set()
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and cpu == "unknown":
                cpu = line.split(":", 1)[1].strip()
            elif line.startswith("flags") and not flags:
                flags = set(line.split(":", 1)[1].split())
    from fashion_lab.models.number_format import resolve_precision
    from fashion_lab.training.saving import library_versions

    return {
        "cpu": cpu,
        "cpu flags": " ".join(f for f in SPEED_FLAGS if f in flags) or "none of " + " ".join(SPEED_FLAGS),
        "cnn number format": resolve_precision("auto", convolutional=True),
        "oneDNN ISA limit": os.environ.get("ONEDNN_MAX_CPU_ISA", "none"),
        "cores": str(os.cpu_count()),
        "platform": platform.platform(),
        **library_versions(),
    }


def host_speed() -> dict[str, str]:
    """Seconds for two fixed workloads, the fastest of 3, so runs on different machines, or one
    machine on a busy day, can be compared in any subset of rows (the classic baselines' rows,
    when run, give the same for training): the CNN's widest layer as float32 numpy matrix
    products (41 GFLOP), and plain Python (a loop of 3 million additions)."""
    import numpy as np

    rng = np.random.default_rng(0)
    inputs, weights = rng.random((512, 6272), np.float32), rng.random((6272, 128), np.float32)

    def products() -> None:
        for _ in range(50):
            inputs @ weights

    def python_loop() -> None:
        total = 0
        for i in range(3_000_000):
            total += i

    def fastest(work) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        return min(times)

    return {
        "host: matrix products (s)": f"{fastest(products):.3f}",
        "host: Python loop (s)": f"{fastest(python_loop):.3f}",
    }


def print_table(rows: list[Row]) -> None:
    print(f"{'measurement':70} {'ours':>10} {'baseline':>9}  target / result")
    for row in rows:
        baseline = f"{row.baseline:9.2f}" if row.baseline is not None else " " * 9
        verdict = "PASS" if row.passed else "FAIL"
        print(f"{row.name:70} {row.ours:8.2f}{row.unit:>2} {baseline}  {row.target}: {verdict}  {row.note}")


GROUPS = {  # name -> its rows, in the order a whole run measures them
    "training": lambda repeats: bench_training_speed(),
    "snapshots": lambda repeats: bench_snapshot_overhead(min(repeats, 2)),
    "prediction": lambda repeats: bench_prediction_latency() + [bench_feature_maps(), bench_heatmaps()],
    "projection": lambda repeats: bench_projection(),
    "memory": lambda repeats: bench_memory(),
    "app": bench_app,
    "first": lambda repeats: bench_first_moments(),
    "room": lambda repeats: bench_room(),
    "flood": lambda repeats: bench_flood(),
    "quiz": lambda repeats: bench_quiz(),
    "class": lambda repeats: bench_class(),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--rows", default="", help=f"comma-separated groups to run (default: all): {', '.join(GROUPS)}"
    )
    args = parser.parse_args(argv)
    groups = [g for g in args.rows.split(",") if g] or list(GROUPS)
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    machine = {**machine_description(), **host_speed()}
    print("machine:", ", ".join(f"{k} {v}" for k, v in machine.items()))
    rows, minutes = [], {}
    for group in groups:
        start = time.perf_counter()
        rows += GROUPS[group](args.repeats)
        minutes[group] = round((time.perf_counter() - start) / 60, 2)
    print_table(rows)
    print(
        "minutes:",
        ", ".join(f"{group} {m}" for group, m in minutes.items()),
        f"(all {sum(minutes.values()):.1f})",
    )
    RESULTS.parent.mkdir(exist_ok=True)
    results = RESULTS if groups == list(GROUPS) else RESULTS.with_name(f"bench-{'-'.join(groups)}.json")
    results.write_text(
        json.dumps({"machine": machine, "minutes": minutes, "rows": [asdict(r) for r in rows]}, indent=1)
    )
    print(f"saved {results.relative_to(ROOT) if results.is_relative_to(ROOT) else results}")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
