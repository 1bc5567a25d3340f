"""Trained models on disk: one folder per model with ``meta.json`` and ``weights.npz``.

Only weights we wrote are ever read, as plain arrays (``allow_pickle=False``); the network is
rebuilt from the architecture registry named in the metadata. No model file format that can
carry code (``.keras``, pickles) is ever loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from model_store.entries import NAME_RULE, BrokenEntry, StoredModel, StoreError, is_valid_name, validate_name
from model_store.files import UnreadableFile, read_bounded
from model_store.learning import LEARNING_FILE, encode_learning, read_learning
from model_store.meta_checks import MAX_META_BYTES, meta_problem
from model_store.weights import WeightsError, read_weights, weights_problem

FORMAT_VERSION = 1
META_FILE = "meta.json"
WEIGHTS_FILE = "weights.npz"
DEFAULT_ROOT = Path(__file__).resolve().parent / "saved"
BUNDLED_ROOT = Path(__file__).resolve().parent / "bundled"  # committed, read-only, made by `make models`
_LEFTOVER = re.compile(r"\.(tmp|trash)-[A-Za-z0-9][A-Za-z0-9._-]{0,79}-[0-9a-f]{8}")  # see save, _remove
LEFTOVER_SECONDS = 600  # a save or a delete takes well under a second; one older was cut short


class Registry(Protocol):
    """What the store needs of a model registry to check and rebuild what it stores; the store
    imports none (fashion_lab.models.stored hands it fashion_lab.models.registry)."""

    ARCHITECTURES: dict[str, Any]

    def weight_shapes(self, name: str) -> list[tuple[int, ...]]: ...

    def build_model(self, name: str) -> Any: ...


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def read_entry(path: Path, registry: Registry, bundled: bool = False) -> StoredModel | BrokenEntry:
    """Validate one entry folder, its weights included (each file reread only when it has
    changed): a valid entry loads and every page can read its metadata. Never raises."""
    try:
        return _checked_entry(path, registry, bundled)
    except Exception as error:  # noqa: BLE001 - whatever a hostile entry makes a check raise, it is broken
        return BrokenEntry(path.name, path, f"it cannot be read ({type(error).__name__}: {error})")


def _checked_entry(path: Path, registry: Registry, bundled: bool) -> StoredModel | BrokenEntry:
    name = path.name
    if not is_valid_name(name):
        return BrokenEntry(name, path, f"the folder name is not a valid model name: rename it to {NAME_RULE}")
    if path.is_symlink():
        return BrokenEntry(name, path, "the folder is a symbolic link: the store reads only its own files")
    meta, problem = _read_meta(path)
    if problem:
        return BrokenEntry(name, path, problem)
    problem = meta_problem(meta)
    if problem:
        return BrokenEntry(name, path, f"{META_FILE}: {problem}")
    if meta["format"] != FORMAT_VERSION:
        return BrokenEntry(name, path, f"unsupported format version {meta['format']}")
    if meta["name"] != name:
        return BrokenEntry(name, path, f"metadata names another model ({meta['name']!r})")
    if meta["architecture"] not in registry.ARCHITECTURES:
        return BrokenEntry(name, path, f"unknown architecture {meta['architecture']!r}")
    shapes = registry.weight_shapes(meta["architecture"])
    problem = weights_problem(path / WEIGHTS_FILE, shapes, meta["weights_sha256"])
    if problem:
        return BrokenEntry(name, path, problem)
    return StoredModel(name, path, meta, bundled)


def _read_meta(path: Path) -> tuple[Any, str | None]:
    """The entry's parsed metadata (not yet checked), or None and why it cannot be read."""
    try:
        return json.loads(read_bounded(path / META_FILE, MAX_META_BYTES).decode("utf-8")), None
    except UnreadableFile as error:
        missing = " (an unfinished save?)" if not (path / META_FILE).exists() else ""
        return None, f"{error}{missing}"
    except (ValueError, RecursionError) as error:  # bad JSON, UTF-8 or a 5,000-digit number
        return None, f"{META_FILE} is unreadable: {error}"


def _scan(folder: Path, registry: Registry, bundled: bool) -> list[StoredModel | BrokenEntry]:
    if not folder.is_dir():
        return []
    entries = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return [read_entry(p, registry, bundled) for p in entries]


class ModelStore:
    """The user's folder of trained models (save, list, load, delete) beside the bundled ones
    (list and load only)."""

    def __init__(
        self,
        root: Path | str | None = None,
        bundled: Path | str | None = None,
        *,
        registry: Registry,
        max_models: int | None = None,
    ) -> None:
        self.root = Path(root) if root is not None else DEFAULT_ROOT
        self.bundled_root = Path(bundled) if bundled is not None else BUNDLED_ROOT
        self.registry = registry
        self.max_models = max_models  # entries the user's folder holds at most (None: no bound)

    def count(self) -> int:
        """Entries in the user's folder, valid or broken (its hidden leftovers not counted)."""
        if not self.root.is_dir():
            return 0
        return sum(1 for path in self.root.iterdir() if not path.name.startswith("."))

    def entries(self) -> list[StoredModel | BrokenEntry]:
        """Every entry, valid or broken, newest first; unfinished temporary folders are hidden."""
        found = _scan(self.root, self.registry, bundled=False)
        mine = {e.name for e in found}
        found += [e for e in _scan(self.bundled_root, self.registry, bundled=True) if e.name not in mine]
        return sorted(found, key=_created, reverse=True)

    def _locate(self, name: str) -> tuple[Path, bool] | None:
        for folder, bundled in ((self.root, False), (self.bundled_root, True)):
            if (folder / validate_name(name)).is_dir():
                return folder / name, bundled
        return None

    def models(self) -> list[StoredModel]:
        """The valid entries, newest first."""
        return [e for e in self.entries() if isinstance(e, StoredModel)]

    def get(self, name: str) -> StoredModel:
        """The valid entry ``name``, or StoreError saying why not."""
        found = self._locate(name)
        if found is None:
            raise StoreError(f"no model named {name!r} in {self.root}")
        entry = read_entry(found[0], self.registry, found[1])
        if isinstance(entry, BrokenEntry):
            raise StoreError(f"model {name!r} is broken: {entry.reason}")
        return entry

    def load(self, name: str):
        """Rebuild the model from its metadata and load its weights (a compiled-free keras.Model)."""
        entry = self.get(name)
        shapes = self.registry.weight_shapes(entry.architecture)
        try:
            arrays = read_weights(entry.path / WEIGHTS_FILE, shapes, entry.meta["weights_sha256"])
        except WeightsError as error:
            raise StoreError(f"model {name!r} is broken: {error}") from None
        model = self.registry.build_model(entry.architecture)
        model.set_weights(arrays)
        return model

    def learning(self, name: str) -> dict[str, np.ndarray] | None:
        """The snapshots that replay how ``name`` learned (model_store/learning.py), or None when
        it has none; StoreError when they cannot be read."""
        entry = self.get(name)
        if "learning_sha256" not in entry.meta:
            return None
        convolutional = self.registry.ARCHITECTURES[entry.architecture].convolutional
        try:
            return read_learning(entry.path / LEARNING_FILE, entry.meta["learning_sha256"], convolutional)
        except WeightsError as error:
            raise StoreError(f"the learning record of {name!r} is broken: {error}") from None

    def save(
        self,
        name: str,
        model,
        meta: dict[str, Any],
        overwrite: bool = False,
        learning: dict[str, np.ndarray] | None = None,
    ) -> StoredModel:
        """Write weights, metadata and the learning record, if any, atomically (temp folder,
        then rename)."""
        validate_name(name)
        final = self.root / name
        if (self.bundled_root / name).is_dir():
            raise StoreError(f"{name!r} is the name of a bundled model; choose another")
        if final.exists() and not overwrite:
            raise StoreError(f"a model named {name!r} already exists")
        if self.max_models is not None and not final.exists() and self.count() >= self.max_models:
            raise StoreError(
                f"the store holds {self.max_models} models, the most it keeps: delete some on the Models page"
            )
        self.root.mkdir(parents=True, exist_ok=True)
        temp = self.root / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
        temp.mkdir()
        try:
            with open(temp / WEIGHTS_FILE, "wb") as handle:
                np.savez(handle, *[np.asarray(w, dtype=np.float32) for w in model.get_weights()])
                handle.flush()
                os.fsync(handle.fileno())
            record = {}
            if learning is not None:
                convolutional = self.registry.ARCHITECTURES[meta["architecture"]].convolutional
                _write_synced(temp / LEARNING_FILE, encode_learning(learning, convolutional))
                record = {"learning_sha256": _sha256(temp / LEARNING_FILE)}
            full_meta = {
                **meta,
                **record,
                "format": FORMAT_VERSION,
                "name": name,
                "weights_sha256": _sha256(temp / WEIGHTS_FILE),
                "created": meta.get("created") or datetime.now(UTC).isoformat(timespec="seconds"),
            }
            _write_synced(temp / META_FILE, json.dumps(full_meta, indent=1).encode("utf-8"))
            if overwrite and final.exists():
                self._remove(final)
            try:
                os.replace(temp, final)  # onto a folder saved meanwhile under this name: refused
            except OSError as error:
                if final.exists():
                    raise StoreError(f"a model named {name!r} already exists") from error
                raise
        finally:
            if temp.exists():
                shutil.rmtree(temp, ignore_errors=True)
        return StoredModel(name, final, full_meta)

    def save_unique(
        self, base: str, model, meta: dict[str, Any], attempts: int = 20, learning: dict | None = None
    ) -> StoredModel:
        """Save under ``base`` or the first free ``base-N`` (safe when two saves race)."""
        for _ in range(attempts):
            name = self.unique_name(base)
            try:
                return self.save(name, model, meta, learning=learning)
            except (StoreError, OSError):
                if not (self.root / name).exists():
                    raise  # a real failure (disk full, unreadable weights), not a name taken meanwhile
        raise StoreError(f"could not find a free name like {base!r}")

    def delete(self, name: str) -> None:
        """Remove an entry (valid or broken) of the user's folder; bundled models are read-only."""
        path = self.root / validate_name(name)
        if not path.is_dir():
            if (self.bundled_root / name).is_dir():
                raise StoreError(f"{name!r} is a bundled model: it comes with the app and cannot be deleted")
            raise StoreError(f"no model named {name!r} in {self.root}")
        self._remove(path)

    def _remove(self, path: Path) -> None:
        # Rename first so a half-deleted folder is never listed. An entry that is a link goes as
        # a link: what it points to is not the store's (and rmtree refuses a link, silently here).
        trash = self.root / f".trash-{path.name}-{uuid.uuid4().hex[:8]}"
        os.replace(path, trash)
        if trash.is_symlink():
            trash.unlink()
        else:
            shutil.rmtree(trash, ignore_errors=True)

    def remove_leftovers(self, older_than: float = LEFTOVER_SECONDS) -> list[Path]:
        """Remove the half-written saves and half-deleted entries that a killed process left in
        the user's folder: only our own ``.tmp-*`` / ``.trash-*`` folders, untouched for
        ``older_than`` seconds (a save of another process may be under way)."""
        removed = []
        now = time.time()
        for path in self.root.glob(".*-*") if self.root.is_dir() else []:
            if not _LEFTOVER.fullmatch(path.name) or path.is_symlink() or not path.is_dir():
                continue
            try:
                touched = max(p.lstat().st_mtime for p in [path, *path.iterdir()])
            except OSError:  # renamed or removed meanwhile: not a leftover
                continue
            if now - touched > older_than:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
        return removed

    def unique_name(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``... whichever is free."""
        validate_name(base)
        name, n = base, 1
        while (self.root / name).exists() or (self.bundled_root / name).exists():
            n += 1
            name = f"{base}-{n}"
        return name


def _created(entry: StoredModel | BrokenEntry) -> str:
    return entry.meta["created"] if isinstance(entry, StoredModel) else ""
