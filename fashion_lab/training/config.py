"""Training settings, importable without TensorFlow (the CLI parses them before loading it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from fashion_lab.i18n import _
from fashion_lab.models.registry import get_architecture
from model_store import is_valid_name

SCHEDULES = ("cosine", "constant")
PRECISIONS = ("auto", "float32", "mixed_bfloat16")  # see fashion_lab/models/number_format.py
MAX_SKETCHES = 500_000  # about an hour to draw on one core


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
    sketches: int = 0  # also train on this many garments sketched as people draw (the drawing path's views)
    real_photos: int = 0  # also train on this many times as many real photos as there are (cut-outs)
    precision: str = "auto"  # "auto": mixed bfloat16 for CNNs where the CPU has native bf16
    init_from: str | None = None  # a stored model of the same architecture to start from (fine-tuning)

    def validate(self) -> None:
        """Raise ValueError with a clear message for a setting out of range."""
        get_architecture(self.architecture)  # ValueError naming the choices
        checks = [
            (1 <= self.epochs <= 1000, _("epochs must be 1-1000, got {value}"), {"value": self.epochs}),
            (
                1 <= self.batch_size <= 8192,
                _("batch size must be 1-8192, got {value}"),
                {"value": self.batch_size},
            ),
            (
                0 < self.learning_rate <= 1,
                _("learning rate must be in (0, 1], got {value}"),
                {"value": self.learning_rate},
            ),
            (self.seed >= 0, _("seed must be >= 0, got {value}"), {"value": self.seed}),
            (
                self.limit is None or self.limit >= 1,
                _("limit must be >= 1, got {value}"),
                {"value": self.limit},
            ),
            (
                0 <= self.simulated_photos <= 1,
                _("simulated photos must be a share in 0-1, got {value}"),
                {"value": self.simulated_photos},
            ),
            (
                0 <= self.footwear_from_above <= 1,
                _("footwear from above must be a share in 0-1, got {value}"),
                {"value": self.footwear_from_above},
            ),
            (
                0 <= self.drawings <= 1,
                _("drawings must be a share in 0-1, got {value}"),
                {"value": self.drawings},
            ),
            (
                0 <= self.sketches <= MAX_SKETCHES,
                _("sketches must be 0-{most}, got {value}"),
                {"most": f"{MAX_SKETCHES:,}", "value": self.sketches},
            ),
            (
                0 <= self.real_photos <= 50,
                _("real photos must be repeated 0-50 times, got {value}"),
                {"value": self.real_photos},
            ),
            (
                not self.footwear_from_above or self.simulated_photos,
                _("footwear from above is a kind of simulated photo: set simulated photos too"),
                {},
            ),
            (
                self.schedule in SCHEDULES,
                _("schedule must be one of {choices}, got {value}"),
                {"choices": SCHEDULES, "value": repr(self.schedule)},
            ),
            (
                self.init_from is None or is_valid_name(self.init_from),
                _("init from must be a stored model's name, got {value}"),
                {"value": repr(self.init_from)},
            ),
            (
                self.precision in PRECISIONS,
                _("precision must be one of {choices}, got {value}"),
                {"choices": PRECISIONS, "value": repr(self.precision)},
            ),
        ]
        for ok, message, values in checks:
            if not ok:
                raise ValueError(message.format(**values))

    def to_dict(self) -> dict[str, Any]:
        """The config as plain JSON-ready values."""
        return asdict(self)
