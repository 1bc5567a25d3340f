"""The heatmaps of Classify for one image: occlusion for both classic models and Grad-CAM for the
CNN, what the page computes when a drawing comes in."""

from __future__ import annotations

from tools.bench_rows import Row


def bench_heatmaps(runs: int = 20) -> Row:
    """Median milliseconds of the occlusion maps of dense and cnn plus the CNN's Grad-CAM."""
    from fashion_lab.config import TrainingConfig
    from fashion_lab.data import load_dataset
    from fashion_lab.explanations import grad_cam, occlusion_map
    from fashion_lab.training import TrainingJob
    from tools.bench import time_calls_ms

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
