"""Guess 10's tables, a part of RoomDatabase (fashion_lab/room/database.py has the schema): one answer
per image per phone (the primary key says so), changed until the phone finishes, never after."""

from __future__ import annotations

import time
from dataclasses import dataclass

from fashion_lab.i18n import _

QUIZ_SIZE = 10
MAX_CHANGES = 5  # times one answer may be changed: a phone writes 60 answers a round at most
MAX_SECONDS = 3600.0  # the time taken on one image, as stored
MAX_QUIZ_PHONES = 3_000  # phones answering one round: its answers stay under 30,000 rows


class QuizClosed(ValueError):
    """The phone has finished this round's quiz: its answers are final."""


@dataclass(frozen=True)
class QuizAnswer:
    phone: str
    position: int  # 0-9: the image's place in the round's ten
    image: int  # its index in the test set
    answer: int
    seconds: float


class QuizTables:
    """Guess 10 on the room's database (a mixin: RoomDatabase gives ``_transaction``)."""

    def quiz_seed(self, round_id: int) -> int:
        """The seed of the round's ten images (another round's when it replays them)."""
        with self._transaction() as cursor:
            row = cursor.execute("SELECT COALESCE(quiz_seed, id) FROM rounds WHERE id = ?", (round_id,))
            found = row.fetchone()
        if found is None:
            raise ValueError(_("there is no round {round}").format(round=round_id))
        return found[0]

    def answer_quiz(self, round_id: int, phone: str, position: int, image: int, answer: int, seconds: float):
        """Store or change the phone's answer on one image; QuizClosed once it has finished, or
        once the answer was changed MAX_CHANGES times."""
        if not (0 <= position < QUIZ_SIZE and 0 <= answer < 10 and 0 <= image):
            raise ValueError(_("an answer is one of the 10 classes, for one of the round's 10 images"))
        seconds = min(max(float(seconds), 0.0), MAX_SECONDS)
        with self._transaction() as cursor:
            self._refuse_a_phone_past_the_bound(cursor, round_id, phone)
            stored = cursor.execute(
                "INSERT INTO quiz_answers (round_id, phone, position, image, answer, seconds, answered)"
                " SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                " (SELECT 1 FROM quiz_finished WHERE round_id = ? AND phone = ?)"
                " ON CONFLICT (round_id, phone, position) DO UPDATE SET answer = excluded.answer,"
                " seconds = quiz_answers.seconds + excluded.seconds, answered = excluded.answered,"
                " changes = quiz_answers.changes + 1 WHERE quiz_answers.changes < ?",
                (
                    round_id,
                    phone,
                    position,
                    image,
                    answer,
                    seconds,
                    time.time(),
                    round_id,
                    phone,
                    MAX_CHANGES,
                ),
            )
            if stored.rowcount == 0:
                finished = "SELECT 1 FROM quiz_finished WHERE round_id = ? AND phone = ?"
                if cursor.execute(finished, (round_id, phone)).fetchone():
                    raise QuizClosed(_("Your answers are in: this quiz is finished."))
                raise QuizClosed(
                    _("An answer can be changed {count} times: this one stays.").format(count=MAX_CHANGES)
                )

    @staticmethod
    def _refuse_a_phone_past_the_bound(cursor, round_id: int, phone: str) -> None:
        """QuizClosed for a phone new to a round that MAX_QUIZ_PHONES phones answer already (a
        client that makes a phone for every quiz fills the database no further)."""
        query = "SELECT 1 FROM quiz_answers WHERE round_id = ? AND phone = ? LIMIT 1"
        if cursor.execute(query, (round_id, phone)).fetchone():
            return
        query = "SELECT COUNT(DISTINCT phone) FROM quiz_answers WHERE round_id = ?"
        if cursor.execute(query, (round_id,)).fetchone()[0] >= MAX_QUIZ_PHONES:
            raise QuizClosed(_("This round's Guess 10 is full: wait for the presenter's next round."))

    def finish_quiz(self, round_id: int, phone: str) -> None:
        """Make the phone's answers final; ValueError unless all ten are answered."""
        with self._transaction() as cursor:
            count = cursor.execute(
                "SELECT COUNT(*) FROM quiz_answers WHERE round_id = ? AND phone = ?", (round_id, phone)
            ).fetchone()[0]
            if count < QUIZ_SIZE:
                raise ValueError(_("{count} image(s) still need an answer").format(count=QUIZ_SIZE - count))
            cursor.execute(
                "INSERT INTO quiz_finished (round_id, phone, finished) VALUES (?, ?, ?)"
                " ON CONFLICT (round_id, phone) DO NOTHING",
                (round_id, phone, time.time()),
            )

    def quiz_answers(
        self, round_id: int, phone: str | None = None, finished: bool = True
    ) -> list[QuizAnswer]:
        """The round's answers (of finished phones only, unless ``finished`` is False), or one
        phone's, by phone and position."""
        query = "SELECT a.phone, a.position, a.image, a.answer, a.seconds FROM quiz_answers a"
        if finished:
            query += " JOIN quiz_finished f ON f.round_id = a.round_id AND f.phone = a.phone"
        query += " WHERE a.round_id = ?" + (" AND a.phone = ?" if phone else "")
        with self._transaction() as cursor:
            rows = cursor.execute(
                query + " ORDER BY a.phone, a.position", (round_id, phone) if phone else (round_id,)
            )
            return [QuizAnswer(*row) for row in rows.fetchall()]

    def quiz_progress(self, round_id: int) -> tuple[int, int]:
        """(phones that finished, phones that answered something and have not finished)."""
        with self._transaction() as cursor:
            finished = cursor.execute(
                "SELECT COUNT(*) FROM quiz_finished WHERE round_id = ?", (round_id,)
            ).fetchone()[0]
            started = cursor.execute(
                "SELECT COUNT(DISTINCT phone) FROM quiz_answers WHERE round_id = ?", (round_id,)
            ).fetchone()[0]
        return finished, started - finished

    def has_finished(self, round_id: int, phone: str) -> bool:
        with self._transaction() as cursor:
            query = "SELECT 1 FROM quiz_finished WHERE round_id = ? AND phone = ?"
            return cursor.execute(query, (round_id, phone)).fetchone() is not None
