"""Numbers that say what the replay of learning shows (issue 42), from the first layer's pictures
(fashion_lab/models/first_layer.py) and plain numpy.

- **Position dependence**: move each image SHIFT pixels (up, down, left, right) and ask how much
  a unit's answer changes. A dense unit's answer is one number, its weights times the pixels:
  moved, the garment meets other weights. A kernel's answer is a map: for it to be the same
  answer, the map must just move with the garment. Dependence is 1 minus the correlation of the
  answers before and after (0: the answer moves with the garment; 1: it has nothing to do with
  the answer before), averaged over units and directions.
- **Edge and line detectors**: the share of 3x3 kernels whose pattern (their mean, a liking for
  brightness, set aside) is at least FIT of an oriented gradient (an edge: dark to light across
  some direction) or of an oriented second derivative (a line or a spot).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fashion_lab.data.fashion_mnist import PIXEL_SCALE
from fashion_lab.i18n import _, ngettext
from fashion_lab.models.first_layer import kernel_answers

MEASURE_IMAGES = 200  # test images the position dependence is measured on
SHIFT = 3  # pixels: a garment a few pixels off centre, as drawings and photos often are
FIT = 0.8
DIRECTIONS = ((0, SHIFT), (0, -SHIFT), (SHIFT, 0), (-SHIFT, 0))


def shifted(images: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """``images`` (..., 28, 28) moved by whole pixels, what leaves the frame dropped, zeros in."""
    moved = np.zeros_like(images)
    height, width = images.shape[-2:]
    source = images[..., max(0, -rows) : height - max(0, rows), max(0, -columns) : width - max(0, columns)]
    moved[..., max(0, rows) : height - max(0, -rows), max(0, columns) : width - max(0, -columns)] = source
    return moved


def _correlations(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Per unit (the first axis), the correlation of two answers over everything else."""
    before = before.reshape(len(before), -1) - before.reshape(len(before), -1).mean(axis=1, keepdims=True)
    after = after.reshape(len(after), -1) - after.reshape(len(after), -1).mean(axis=1, keepdims=True)
    scale = np.linalg.norm(before, axis=1) * np.linalg.norm(after, axis=1)
    answering = scale > 0  # a unit that answers everything alike has no correlation to speak of
    return (before * after).sum(axis=1)[answering] / scale[answering]


def dense_position_dependence(units: np.ndarray, images: np.ndarray) -> float:
    """Position dependence of dense units (U, 28, 28) on uint8 ``images`` (N, 28, 28)."""
    weights = units.reshape(len(units), -1).astype(np.float64)
    pixels = images.reshape(len(images), -1) * PIXEL_SCALE
    before = weights @ pixels.T  # (U, N)
    found = []
    for rows, columns in DIRECTIONS:
        after = weights @ (shifted(images, rows, columns).reshape(len(images), -1) * PIXEL_SCALE).T
        found.append(_correlations(before, after))
    return float(1 - np.concatenate(found).mean())


def conv_position_dependence(kernels: np.ndarray, images: np.ndarray) -> float:
    """Position dependence of 3x3 kernels (K, 3, 3): their maps of moved images against their
    maps of the images, moved the same way."""
    before = kernel_answers(kernels, images)
    found = []
    for rows, columns in DIRECTIONS:
        after = kernel_answers(kernels, shifted(images, rows, columns))
        found.append(_correlations(shifted(before, rows, columns), after))
    return float(1 - np.concatenate(found).mean())


def _pattern_bases() -> tuple[np.ndarray, np.ndarray]:
    """Orthonormal bases (as rows over the 9 pixels) of oriented gradients and of oriented
    second derivatives on a 3x3 grid."""
    y, x = np.mgrid[-1:2, -1:2].astype(np.float64)
    gradients = np.stack([x.ravel(), y.ravel()])
    second = np.stack([(x * x).ravel(), (y * y).ravel(), (x * y).ravel()])
    second = second - second.mean(axis=1, keepdims=True)
    return np.linalg.qr(gradients.T)[0].T, np.linalg.qr(second.T)[0].T


def pattern_fits(kernels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per kernel, the share of its pattern's energy that an oriented gradient explains, and the
    share an oriented second derivative explains (both 0 for a flat kernel)."""
    patterns = kernels.reshape(len(kernels), -1).astype(np.float64)
    patterns = patterns - patterns.mean(axis=1, keepdims=True)
    energy = (patterns**2).sum(axis=1)
    gradients, second = _pattern_bases()
    fits = []
    for basis in (gradients, second):
        explained = ((patterns @ basis.T) ** 2).sum(axis=1)
        fits.append(np.divide(explained, energy, out=np.zeros_like(energy), where=energy > 1e-12))
    return fits[0], fits[1]


@dataclass(frozen=True)
class KernelKinds:
    """How many of a layer's kernels are edge detectors, line (or spot) detectors, or neither."""

    edges: int
    lines: int
    total: int

    @property
    def detectors(self) -> int:
        return self.edges + self.lines


def kernel_kinds(kernels: np.ndarray) -> KernelKinds:
    edge_fit, line_fit = pattern_fits(kernels)
    edges = edge_fit >= FIT
    return KernelKinds(int(edges.sum()), int((~edges & (line_fit >= FIT)).sum()), len(kernels))


def finished_numbers(units: np.ndarray, kernels: np.ndarray, images: np.ndarray) -> tuple:
    """A finished pair's numbers on the first MEASURE_IMAGES of ``images``: the dense units' and
    the CNN kernels' position dependence, and the kernels' kinds."""
    sample = images[:MEASURE_IMAGES]
    return (
        dense_position_dependence(units, sample),
        conv_position_dependence(kernels, sample),
        kernel_kinds(kernels),
    )


def describe_learning(
    dense: float, cnn: float, start: KernelKinds, end: KernelKinds, short: bool = False
) -> str:
    """The sentence beside the pictures, from the numbers of the finished networks, whichever way
    they go; ``short`` for a projector. Position dependence runs from 0 (a unit's answer moves
    with the garment) to 1 (it has nothing to do with the answer before)."""
    numbers = {"shift": SHIFT, "dense": f"{dense:.2f}", "cnn": f"{cnn:.2f}"}
    if dense > cnn + 0.05 and short:
        moved = _(
            "Trained, move a garment {shift} pixels: the dense network's answers change "
            "({dense} of 1), the CNN's maps just move with it ({cnn})."
        ).format(**numbers)
    elif dense > cnn + 0.05:
        moved = _(
            "Once trained, when a garment moves {shift} pixels the dense network's units answer "
            "differently (position dependence {dense}, from 0: the answer moves with the garment, "
            "to 1: it is unrelated), while the CNN's maps just move with it ({cnn}): the dense "
            "network learned where things are, the CNN what they look like."
        ).format(**numbers)
    elif cnn > dense + 0.05:
        moved = _(
            "Here the CNN's maps depend on position more than the dense network's answers "
            "({cnn} against {dense} when a garment moves {shift} pixels; 0: not at all, 1: wholly)."
        ).format(**numbers)
    else:
        moved = _(
            "Moving a garment {shift} pixels changes both about as much ({dense} and {cnn}; "
            "0: not at all, 1: wholly)."
        ).format(**numbers)
    counts = {"detectors": end.detectors, "total": end.total, "start": start.detectors}
    if short:
        kinds = _(
            "{detectors} of {total} kernels are edge or line detectors at the end, {start} at the start"
        ).format(**counts)
        return _("{moved} {kinds}.").format(moved=moved, kinds=kinds)
    kinds = _(
        "{detectors} of the CNN's {total} kernels are edge or line detectors at the end, {start} at the start"
    ).format(**counts)
    edges = ngettext("{count} edge", "{count} edges", end.edges).format(count=end.edges)
    lines = ngettext("{count} line or spots", "{count} lines or spots", end.lines).format(count=end.lines)
    return _("{moved} {kinds} ({edges}, {lines} at the end).").format(
        moved=moved, kinds=kinds, edges=edges, lines=lines
    )
