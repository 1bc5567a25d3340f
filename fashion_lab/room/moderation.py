"""The presenter's moderation, a part of RoomDatabase (fashion_lab/room/database.py has the schema):
Pause (no new drawing reaches the board; phones are told), Block (a phone's drawings of the round
hidden, its sends refused) and Reveal (Guess 10's true classes on the board), for the current
round."""

from __future__ import annotations

from fashion_lab.i18n import _


class NotTaken(RuntimeError):
    """The room takes no drawing from this phone now: the board is paused, or the phone blocked."""


class ModerationTables:
    """Pause and Block on the room's database (a mixin: RoomDatabase gives ``_transaction`` and
    ``current_round``)."""

    def set_paused(self, paused: bool) -> None:
        """Pause the current round's board, or go on."""
        round_id = self.current_round()
        with self._transaction() as cursor:
            cursor.execute("UPDATE rounds SET paused = ? WHERE id = ?", (int(paused), round_id))

    def is_paused(self) -> bool:
        round_id = self.current_round()
        with self._transaction() as cursor:
            return bool(cursor.execute("SELECT paused FROM rounds WHERE id = ?", (round_id,)).fetchone()[0])

    def reveal(self) -> None:
        """Show the current round's true classes on Guess 10's board."""
        round_id = self.current_round()
        with self._transaction() as cursor:
            cursor.execute("UPDATE rounds SET revealed = 1 WHERE id = ?", (round_id,))

    def is_revealed(self, round_id: int) -> bool:
        with self._transaction() as cursor:
            row = cursor.execute("SELECT revealed FROM rounds WHERE id = ?", (round_id,)).fetchone()
            return bool(row and row[0])

    def block_phone_of(self, drawing_id: int) -> None:
        """Block the phone that sent ``drawing_id`` for that drawing's round: its drawings of the
        round are hidden, and it may send no more in it."""
        with self._transaction() as cursor:
            query = "SELECT round_id, phone FROM drawings WHERE id = ?"
            row = cursor.execute(query, (drawing_id,)).fetchone()
            if row is None:
                raise ValueError(_("no such drawing"))
            cursor.execute(
                "INSERT INTO blocked (round_id, phone) VALUES (?, ?) ON CONFLICT DO NOTHING",
                tuple(row),
            )
            cursor.execute("UPDATE drawings SET hidden = 1 WHERE round_id = ? AND phone = ?", tuple(row))

    def refuse_unless_taken(self, phone: str) -> None:
        """Raise NotTaken, in words for the phone, while the board is paused or it is blocked."""
        round_id = self.current_round()
        with self._transaction() as cursor:
            paused = cursor.execute("SELECT paused FROM rounds WHERE id = ?", (round_id,)).fetchone()[0]
            query = "SELECT 1 FROM blocked WHERE round_id = ? AND phone = ?"
            blocked = cursor.execute(query, (round_id, phone)).fetchone() is not None
        if blocked:
            raise NotTaken(_("The presenter is not taking your drawings this round. Thank you for playing!"))
        if paused:
            raise NotTaken(_("The presenter has paused the board: send again in a moment."))
