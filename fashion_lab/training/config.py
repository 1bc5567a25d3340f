"""Training settings, importable without TensorFlow (the CLI parses them before loading it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from fashion_lab.models.registry import get_architecture
from model_store import is_valid_name

SCHEDULES = ("cosine", "constant")
PRECISIONS = ("auto", "float32", "mixed_bfloat16")  # see fashion_lab/models/number_format.py


@dataclass(frozen=True)
class TrainingConfig:
    """Everything that decides a training run."""

    architecture: str = "cnn"
    epochs: int = 5
    batch_size: int = 128  # with cosine decay: classic accuracy in fewer seconds than batch 32
    learning_rate: float = 3e-3
    seed: int = 0
    limit: int | None = None  # train on this many images (a seeded random subset); None: all
    schedule: str = "cosine"  # learning rate: "cosine" decays to 0 by the last batch; "constant"
    augment: bool = False  # random shifts, zoom, flips and contrast of the training images
    simulated_photos: float = 0.0  # also train on this share of the images as simulated photos
    footwear_from_above: float = 0.0  # of those photos' footwear, this share seen from above
    drawings: float = 0.0  # also train on this share of the images drawn as a person draws them
    real_photos: int = 0  # also train on this many times as many real photos as there are (cut-outs)
    precision: str = "auto"  # "auto": mixed bfloat16 for CNNs where the CPU has native bf16
    init_from: str | None = None  # a stored model of the same architecture to start from (fine-tuning)

    def validate(self) -> None:
        """Raise ValueError with a clear message for a setting out of range."""
        get_architecture(self.architecture)  # ValueError naming the choices
        checks = [
            (1 <= self.epochs <= 1000, f"epochs must be 1-1000, got {self.epochs}"),
            (1 <= self.batch_size <= 8192, f"batch size must be 1-8192, got {self.batch_size}"),
            (0 < self.learning_rate <= 1, f"learning rate must be in (0, 1], got {self.learning_rate}"),
            (self.seed >= 0, f"seed must be >= 0, got {self.seed}"),
            (self.limit is None or self.limit >= 1, f"limit must be >= 1, got {self.limit}"),
            (
                0 <= self.simulated_photos <= 1,
                f"simulated photos must be a share in 0-1, got {self.simulated_photos}",
            ),
            (
                0 <= self.footwear_from_above <= 1,
                f"footwear from above must be a share in 0-1, got {self.footwear_from_above}",
            ),
            (0 <= self.drawings <= 1, f"drawings must be a share in 0-1, got {self.drawings}"),
            (0 <= self.real_photos <= 50, f"real photos must be repeated 0-50 times, got {self.real_photos}"),
            (
                not self.footwear_from_above or self.simulated_photos,
                "footwear from above is a kind of simulated photo: set simulated photos too",
            ),
            (self.schedule in SCHEDULES, f"schedule must be one of {SCHEDULES}, got {self.schedule!r}"),
            (
                self.init_from is None or is_valid_name(self.init_from),
                f"init from must be a stored model's name, got {self.init_from!r}",
            ),
            (self.precision in PRECISIONS, f"precision must be one of {PRECISIONS}, got {self.precision!r}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    def to_dict(self) -> dict[str, Any]:
        """The config as plain JSON-ready values."""
        return asdict(self)
