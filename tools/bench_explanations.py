"""The heatmaps of Classify for one image: occlusion for both classic models and Grad-CAM for the
CNN, what the page computes when a drawing comes in."""

from __future__ import annotations

from tools.bench_rows import Row, time_calls_ms


def bench_heatmaps(runs: int = 20) -> Row:
    """Median milliseconds of the occlusion maps of dense and cnn plus the CNN's Grad-CAM."""
    from fashion_lab.analysis.explanations import grad_cam, occlusion_map
    from fashion_lab.data.fashion_mnist import load_dataset
    from fashion_lab.training.config import TrainingConfig
    from fashion_lab.training.in_process import TrainingJob

    models = {}
    for architecture in ("dense", "cnn"):
        job = TrainingJob(TrainingConfig(architecture, epochs=1, limit=2000))  # weights do not matter
        job.run()
        models[architecture] = job.model
    image = load_dataset().test_images[0]

    def explain_both() -> None:
        occlusion_map(models["dense"], image, 0)
        occlusion_map(models["cnn"], image, 0)
        grad_cam(models["cnn"], image, 0)

    median, p95 = time_calls_ms(explain_both, runs, warmup=3)
    return Row(
        "heatmaps of one image: occlusion (dense and cnn) + Grad-CAM (cnn)",
        ours=median,
        baseline=None,
        unit="ms",
        target="<= 150 ms median",
        passed=median <= 150,
        note=f"p95 {p95:.1f} ms over {runs} runs; occlusion: 144 patched copies in one call per model",
    )


def bench_projection() -> list[Row]:
    """Compare's 2-D view of the bundled dense network (its last hidden layer is the widest, 1,792
    values): the first time (the model's load, 2,000 predictions, PCA, the neighbour vote), and
    again from Streamlit's cache, as a rerun of the page gets it."""
    import time

    from components.compare.projections import cached_projection
    from components.resources import load_stored_model
    from fashion_lab.models.stored import open_store
    from model_store import BUNDLED_ROOT

    entry = open_store("/nonexistent", bundled=BUNDLED_ROOT).get("bundled-dense")
    start = time.perf_counter()
    model = load_stored_model(entry)
    first = cached_projection(entry.name, entry.weights_sha256, model)
    first_s = time.perf_counter() - start
    start = time.perf_counter()
    cached_projection(entry.name, entry.weights_sha256, model)
    cached_ms = (time.perf_counter() - start) * 1000
    name = "2-D view of 2,000 test images, bundled-dense"
    return [
        Row(
            f"{name}, first time",
            ours=first_s,
            baseline=None,
            unit="s",
            target="<= 10 s",
            passed=first_s <= 10,
            note=f"neighbour vote {first.knn_accuracy:.1%}; load, predict, PCA and the 5-neighbour vote",
        ),
        Row(
            f"{name}, cached",
            ours=cached_ms,
            baseline=None,
            unit="ms",
            target="<= 200 ms",
            passed=cached_ms <= 200,
            note="st.cache_data, keyed by the model's name and weights",
        ),
    ]
