"""The room: phones send drawings, both classic networks answer, the board keeps score.

What a phone sends is untrusted: a drawing is the 28x28 the app made from its canvas (never a file
of the phone's), at most RATE_LIMIT a minute per phone, within the bounds of ``limits``. The
presenter key, a random secret made on the first start and kept in the data folder, guards the
room's controls.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from fashion_lab import settings
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.i18n import _
from fashion_lab.room import limits
from fashion_lab.room.database import RoomDatabase, RoomDatabaseError
from fashion_lab.room.limits import RoomCounts, TooManyDrawings, address_limit

RATE_LIMIT, RATE_WINDOW = 10, 60.0  # drawings per phone, seconds
PRESENT_WINDOW = 60.0  # a phone seen this recently counts as in the room
DEFAULT_DATA = Path(__file__).resolve().parents[2] / ".fashion-lab-data"
KEY_FILE, DATABASE_FILE = "presenter.key", "room.sqlite3"
KEY_BYTES = 24  # of randomness: KEY_LENGTH URL-safe characters
KEY_LENGTH = 32


def data_folder() -> Path:
    """``$FASHION_LAB_DATA`` if set, else ``.fashion-lab-data`` in the project (git ignores it)."""
    return settings.DATA.value(DEFAULT_DATA)


def open_room(folder: Path | None = None) -> RoomDatabase:
    """The room's database: ``$FASHION_LAB_DATABASE_URL`` (PostgreSQL, shared by several app
    servers) if set, else the SQLite file in ``folder`` or the data folder."""
    try:
        url = settings.DATABASE_URL.value() if folder is None else None
    except settings.SettingError as error:
        raise RoomDatabaseError(str(error)) from None
    return RoomDatabase(url or (folder or data_folder()) / DATABASE_FILE)


def presenter_key(folder: Path | None = None) -> str:
    """The presenter key: made once (KEY_LENGTH random URL-safe characters), then read back. It is
    written whole or not at all (a temporary file linked into place), and a key file that is
    empty or short (an older version's write cut off by a full disk or a kill) is made anew: an
    empty key must never open the presenter's controls to an empty ``?key=``."""
    path = (folder or data_folder()) / KEY_FILE
    try:
        return _make_or_read_key(path)
    except (OSError, UnicodeDecodeError) as error:
        raise RoomDatabaseError(
            _("the presenter key at {path} could not be made or read ({error})").format(
                path=path, error=error
            )
        ) from None


def _make_or_read_key(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    for _attempt in range(3):  # another server may be making it at the same moment
        with contextlib.suppress(FileNotFoundError):
            key = path.read_text().strip()
            if len(key) >= KEY_LENGTH:
                return key
            path.unlink(missing_ok=True)  # broken: made anew below
        key = secrets.token_urlsafe(KEY_BYTES)
        temporary = path.with_name(f".{KEY_FILE}.{secrets.token_hex(8)}")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # its owner only
            with os.fdopen(descriptor, "w") as handle:
                handle.write(key + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.link(temporary, path)  # fails if another server linked its key first: read that one
            return key
        except FileExistsError:
            continue
        finally:
            temporary.unlink(missing_ok=True)
    raise RoomDatabaseError(_("the presenter key at {path} could not be made or read").format(path=path))


def rate_limit() -> int:
    """Drawings a phone may send a minute: ``$FASHION_LAB_ROOM_RATE_LIMIT`` or RATE_LIMIT."""
    return settings.ROOM_RATE_LIMIT.value(RATE_LIMIT)


def is_presenter(given: str | None, key: str) -> bool:
    """Whether ``given`` is the key; never for an empty or short key on either side."""
    if not isinstance(given, str) or len(key) < KEY_LENGTH or len(given) < KEY_LENGTH:
        return False
    return secrets.compare_digest(given.encode(), key.encode())


def png_bytes(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(pixels, dtype=np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


def pixels_of(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"))


def send_drawing(
    room: RoomDatabase,
    phone: str,
    asked: int,
    pixels: np.ndarray,
    canvas_side: int,
    models,
    views=None,
    address: str | None = None,
):
    """Store the drawing a phone sent with each model's answer, or raise TooManyDrawings (the
    phone's or its source ``address``'s bound), limits.RoomFull or moderation.NotTaken.
    ``models``: (dense, cnn) Keras models; ``views``: the 28x28 views each answer is averaged
    over (a drawing's Preprocessed.inputs; by default the picture alone). Returns ((class,
    confidence) of dense, of the CNN)."""
    from fashion_lab.analysis.evaluation import predict_views

    if not 0 <= asked < len(CLASS_NAMES) or np.asarray(pixels).shape != (28, 28):
        raise ValueError(_("a drawing is a 28x28 picture of one of the 10 classes"))
    RoomCounts(*room.drawing_counts()).refuse_when_full()
    room.refuse_unless_taken(phone)  # the presenter's Pause and Block
    limit = rate_limit()
    if room.sent_since(phone, time.time() - RATE_WINDOW) >= limit:
        raise TooManyDrawings(
            _("{limit} drawings a minute is the most: wait a moment, then send again.").format(limit=limit)
        )
    limits.ADDRESSES.take(address, address_limit())  # before the phone is counted in the room
    room.saw_phone(phone)
    answers = []
    for model in models:
        probabilities = predict_views(model, [views or [pixels]])[0]
        top = int(np.argmax(probabilities))
        answers.append((top, float(probabilities[top])))
    room.add_drawing(phone, asked, png_bytes(pixels), canvas_side, answers)
    return tuple(answers)


@dataclass
class Scoreboard:
    """Dense against CNN on the room's drawings: overall and per class asked for."""

    count: int = 0
    dense_right: int = 0
    cnn_right: int = 0
    per_class: dict[str, list[int]] = field(default_factory=dict)  # class -> [drawings, dense, cnn]


def scoreboard(room: RoomDatabase, round_id: int | None = None, every_round: bool = False) -> Scoreboard:
    """The round's score (or every round's so far), counted by the database."""
    score = Scoreboard()
    for asked, count, dense_right, cnn_right in room.tally(round_id, every_round):
        score.count += count
        score.dense_right += dense_right
        score.cnn_right += cnn_right
        score.per_class[CLASS_NAMES[asked]] = [count, dense_right, cnn_right]
    return score


def shares_right(score: Scoreboard) -> tuple[float, float]:
    """The dense network's and the CNN's share right of the round's drawings (0 without any)."""
    if not score.count:
        return 0.0, 0.0
    return score.dense_right / score.count, score.cnn_right / score.count
