"""The room's database: rounds and the drawings phones send, with both models' answers.

SQLite is the embedded default (one file in the app's data folder, WAL mode so the board reads
while phones write). The SQL is the plain subset PostgreSQL also runs (placeholders aside), all of
it in this module. The schema carries a version; ``migrate`` brings an older file forward.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1
MIGRATIONS = {  # version reached -> the statements that reach it from the one before
    1: [
        "CREATE TABLE rounds (id INTEGER PRIMARY KEY, started REAL NOT NULL)",
        """CREATE TABLE drawings (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            phone TEXT NOT NULL,
            asked INTEGER NOT NULL,
            png BLOB NOT NULL,
            canvas_side INTEGER NOT NULL,
            dense_answer INTEGER NOT NULL,
            dense_confidence REAL NOT NULL,
            cnn_answer INTEGER NOT NULL,
            cnn_confidence REAL NOT NULL,
            created REAL NOT NULL,
            hidden INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX drawings_by_round ON drawings (round_id, id)",
        "CREATE INDEX drawings_by_phone ON drawings (phone, created)",
        "CREATE TABLE phones (phone TEXT PRIMARY KEY, seen REAL NOT NULL)",
    ],
}


@dataclass(frozen=True)
class Drawing:
    """One drawing on the board: what was asked, what each model answered."""

    id: int
    asked: int
    png: bytes
    dense_answer: int
    dense_confidence: float
    cnn_answer: int
    cnn_confidence: float
    created: float

    @property
    def dense_right(self) -> bool:
        return self.dense_answer == self.asked

    @property
    def cnn_right(self) -> bool:
        return self.cnn_answer == self.asked


class RoomDatabase:
    """The room's tables in one SQLite file; safe to share between the server's threads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()  # one writer at a time; SQLite serialises them anyway
        self._connection = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        with self._lock, self._connection:
            yield self._connection.cursor()

    def version(self) -> int:
        with self._transaction() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = cursor.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return row[0] or 0

    def migrate(self) -> None:
        """Bring the file to SCHEMA_VERSION, one version at a time, each in one transaction."""
        for version in range(self.version() + 1, SCHEMA_VERSION + 1):
            with self._transaction() as cursor:
                for statement in MIGRATIONS[version]:
                    cursor.execute(statement)
                cursor.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    def current_round(self) -> int:
        """The round drawings go to: the newest, started now if there is none."""
        with self._transaction() as cursor:
            row = cursor.execute("SELECT MAX(id) FROM rounds").fetchone()
            if row[0] is not None:
                return row[0]
            cursor.execute("INSERT INTO rounds (started) VALUES (?)", (time.time(),))
            return cursor.lastrowid

    def new_round(self) -> int:
        """Start a new round: the board is empty again, the old round is kept."""
        with self._transaction() as cursor:
            cursor.execute("INSERT INTO rounds (started) VALUES (?)", (time.time(),))
            return cursor.lastrowid

    def add_drawing(self, phone: str, asked: int, png: bytes, canvas_side: int, answers) -> int:
        """Store one drawing in the current round; ``answers``: (dense (class, confidence), cnn
        (class, confidence)). Returns its id."""
        (dense, dense_confidence), (cnn, cnn_confidence) = answers
        round_id = self.current_round()
        with self._transaction() as cursor:
            cursor.execute(
                "INSERT INTO drawings (round_id, phone, asked, png, canvas_side, dense_answer,"
                " dense_confidence, cnn_answer, cnn_confidence, created) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    round_id,
                    phone,
                    asked,
                    png,
                    canvas_side,
                    dense,
                    dense_confidence,
                    cnn,
                    cnn_confidence,
                    time.time(),
                ),
            )
            return cursor.lastrowid

    def drawings(self, round_id: int | None = None, limit: int | None = None) -> list[Drawing]:
        """The round's visible drawings, newest first (all of them without ``limit``)."""
        round_id = self.current_round() if round_id is None else round_id
        query = (
            "SELECT id, asked, png, dense_answer, dense_confidence, cnn_answer, cnn_confidence, created"
            " FROM drawings WHERE round_id = ? AND hidden = 0 ORDER BY id DESC"
        )
        with self._transaction() as cursor:
            rows = cursor.execute(
                query + (" LIMIT ?" if limit else ""), (round_id, limit) if limit else (round_id,)
            )
            return [Drawing(*row) for row in rows.fetchall()]

    def tally(self, round_id: int | None = None) -> list[tuple[int, int, int, int]]:
        """Per class asked for, in the round's visible drawings: (asked, drawings, dense right,
        CNN right), counted by the database (no picture is read)."""
        round_id = self.current_round() if round_id is None else round_id
        query = (
            "SELECT asked, COUNT(*), SUM(CASE WHEN dense_answer = asked THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN cnn_answer = asked THEN 1 ELSE 0 END)"
            " FROM drawings WHERE round_id = ? AND hidden = 0 GROUP BY asked ORDER BY asked"
        )
        with self._transaction() as cursor:
            return [tuple(row) for row in cursor.execute(query, (round_id,)).fetchall()]

    def hide(self, drawing_id: int) -> None:
        """Take a drawing off every screen (it stays in the database, marked hidden)."""
        with self._transaction() as cursor:
            cursor.execute("UPDATE drawings SET hidden = 1 WHERE id = ?", (drawing_id,))

    def sent_since(self, phone: str, since: float) -> int:
        """How many drawings ``phone`` has sent since ``since`` (a time.time())."""
        with self._transaction() as cursor:
            query = "SELECT COUNT(*) FROM drawings WHERE phone = ? AND created >= ?"
            return cursor.execute(query, (phone, since)).fetchone()[0]

    def saw_phone(self, phone: str) -> None:
        with self._transaction() as cursor:
            cursor.execute(
                "INSERT INTO phones (phone, seen) VALUES (?, ?)"
                " ON CONFLICT (phone) DO UPDATE SET seen = excluded.seen",
                (phone, time.time()),
            )

    def phones_since(self, since: float) -> int:
        """How many phones were seen since ``since``."""
        with self._transaction() as cursor:
            return cursor.execute("SELECT COUNT(*) FROM phones WHERE seen >= ?", (since,)).fetchone()[0]

    def close(self) -> None:
        self._connection.close()
