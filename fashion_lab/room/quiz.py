"""Guess 10, the room against the models: a round's ten test images (one of each class, seeded),
the scoring, and the room's accuracy with its 95% Wilson interval beside both networks' on the
same ten and the published human figure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fashion_lab.analysis.comparison import HUMAN_ACCURACY
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.room.quiz_tables import QUIZ_SIZE, QuizAnswer

Z_95 = 1.959963984540054  # the standard normal's 97.5% quantile


def model_answers(model, images: np.ndarray) -> list[int]:
    """A network's class for each of a round's images."""
    from fashion_lab.analysis.evaluation import predict_images

    return [int(a) for a in predict_images(model, images).argmax(axis=1)]


def quiz_images(labels: np.ndarray, seed: int) -> list[int]:
    """The round's ten test images: one of each class, drawn with ``seed``, in a shuffled order;
    the same for every phone of the round, and for a round replaying its seed."""
    rng = np.random.default_rng([20, int(seed)])
    picks = [int(rng.choice(np.flatnonzero(labels == c))) for c in range(len(CLASS_NAMES))]
    return [picks[i] for i in rng.permutation(len(picks))]


def wilson_interval(right: int, count: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (right of count); (0, 1) without a count."""
    if count == 0:
        return 0.0, 1.0
    share = right / count
    centre = (share + z * z / (2 * count)) / (1 + z * z / count)
    half = z / (1 + z * z / count) * np.sqrt(share * (1 - share) / count + z * z / (4 * count * count))
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


@dataclass(frozen=True)
class QuizSummary:
    images: list[int]  # the ten test indices, in the round's order
    truths: list[int]
    dense_answers: list[int]
    cnn_answers: list[int]
    finished: int  # phones with ten final answers
    answers: int  # their answers
    right: int
    interval: tuple[float, float]
    share_right: list[float | None]  # per image, the room's share right (None: nobody yet)
    confusion: np.ndarray  # (10, 10) the room's answers: true class x answered class
    median_seconds: float | None
    human: float = HUMAN_ACCURACY

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answers if self.answers else None

    @property
    def dense_right(self) -> int:
        """How many of the ten the dense network gets right."""
        return int(np.equal(self.dense_answers, self.truths).sum())

    @property
    def cnn_right(self) -> int:
        """How many of the ten the CNN gets right."""
        return int(np.equal(self.cnn_answers, self.truths).sum())

    @property
    def dense_accuracy(self) -> float:
        return float(np.mean(np.equal(self.dense_answers, self.truths)))

    @property
    def cnn_accuracy(self) -> float:
        return float(np.mean(np.equal(self.cnn_answers, self.truths)))

    @property
    def cnn_confusion(self) -> np.ndarray:
        """(10, 10) the CNN's answers on the ten: true class x answered class, as ``confusion``."""
        confusion = np.zeros_like(self.confusion)
        np.add.at(confusion, (self.truths, self.cnn_answers), 1)
        return confusion

    @property
    def missed(self) -> list[int]:
        """The positions of the images not every answer got right, those without one included (of
        one phone's answers: the images it missed)."""
        return [p for p, share in enumerate(self.share_right) if share != 1.0]


def summarize(answers: list[QuizAnswer], images, truths, dense_answers, cnn_answers) -> QuizSummary:
    """The round's score from the finished phones' ``answers``; ``truths`` and the models'
    answers are per image, in the round's order."""
    truths = [int(t) for t in truths]
    confusion = np.zeros((len(CLASS_NAMES), len(CLASS_NAMES)), dtype=np.int64)
    per_image = np.zeros((QUIZ_SIZE, 2), dtype=np.int64)  # right, answers
    for a in answers:
        truth = truths[a.position]
        confusion[truth, a.answer] += 1
        per_image[a.position] += (a.answer == truth, 1)
    right, count = int(per_image[:, 0].sum()), int(per_image[:, 1].sum())
    return QuizSummary(
        images=list(images),
        truths=truths,
        dense_answers=[int(x) for x in dense_answers],
        cnn_answers=[int(x) for x in cnn_answers],
        finished=len({a.phone for a in answers}),
        answers=count,
        right=right,
        interval=wilson_interval(right, count),
        share_right=[r / n if n else None for r, n in per_image],
        confusion=confusion,
        median_seconds=float(np.median([a.seconds for a in answers])) if answers else None,
    )


def phone_score(answers: list[QuizAnswer], truths) -> int:
    """How many of one phone's answers are right."""
    return sum(a.answer == int(truths[a.position]) for a in answers)
