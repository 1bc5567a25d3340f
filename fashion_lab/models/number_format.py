"""Training precision: mixed bfloat16 where the CPU computes bf16 natively, float32 elsewhere.

Mixed bfloat16 keeps the weights in float32 and computes in bf16: the classic CNN's epoch
takes about 30% less time on a CPU with AVX512-BF16 or AMX, with the same accuracy. The dense
network's small row-wise products gain nothing (its epoch is ~15% slower), and without native
bf16 it is emulated and slower, so ``auto`` picks it only for convolutional networks on such a
CPU. Trained models are always stored, evaluated and used in float32.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keras

FLOAT32 = "float32"
MIXED_BFLOAT16 = "mixed_bfloat16"
NATIVE_BF16_FLAGS = {"avx512_bf16", "amx_bf16"}
# oneDNN's instruction-set limits below the first with bf16 (ONEDNN_MAX_CPU_ISA=AVX2 stands in for
# a laptop's CPU): under one of them a bf16 convolution has no kernel at all and fails
ISA_LIMITS_WITHOUT_BF16 = {"SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2"}
ISA_LIMITS_WITHOUT_BF16 |= {"AVX512_CORE", "AVX512_CORE_VNNI"}


def onednn_allows_bfloat16() -> bool:
    """Whether oneDNN may use bf16 instructions: no ONEDNN_MAX_CPU_ISA (or DNNL_) below them."""
    limit = os.environ.get("ONEDNN_MAX_CPU_ISA") or os.environ.get("DNNL_MAX_CPU_ISA") or ""
    return limit.strip().upper() not in ISA_LIMITS_WITHOUT_BF16


@functools.cache
def has_native_bfloat16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU has bf16 instructions (read from /proc/cpuinfo; False where there is none)."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return False
    flag_lines = [line.split(":", 1)[1] for line in text.splitlines() if line.startswith("flags")]
    return bool(flag_lines) and bool(NATIVE_BF16_FLAGS & set(flag_lines[0].split()))


def resolve_precision(setting: str, convolutional: bool) -> str:
    """The Keras dtype policy for a precision setting ("auto": decided by the CPU and the model)."""
    if setting == "auto":
        native = has_native_bfloat16() and onednn_allows_bfloat16()
        return MIXED_BFLOAT16 if convolutional and native else FLOAT32
    return setting


@contextmanager
def dtype_policy(policy: str) -> Iterator[None]:
    """Build models under ``policy`` in this thread only (Keras keeps the policy per thread)."""
    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy(policy)
    try:
        yield
    finally:
        keras.config.set_dtype_policy(previous)
