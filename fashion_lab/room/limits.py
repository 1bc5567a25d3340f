"""The room's bounds against floods: drawings per source address a minute (one client that opens
a new phone for every drawing), drawings per round, and drawings in the database.

A source address is what the app's server sees: phones behind one NAT or proxy share it, so its
bound is a setting. The count is kept in memory, per app server; the round's and the database's
bounds are counted by the database, so several servers on one PostgreSQL share them.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass

from fashion_lab import settings
from fashion_lab.i18n import _

ADDRESS_LIMIT = 120  # drawings a minute from one source address (a hall's NAT: raise it)
ROUND_DRAWINGS = 3_000  # in one round: 300 phones sending 10 each
ROOM_DRAWINGS = 100_000  # in the database, every round (about 1 KB each: ~100 MB)
WINDOW = 60.0  # seconds
LOCAL = "this machine"  # Streamlit gives no address for a browser on localhost
ADDRESSES_KEPT = 10_000  # beyond this, addresses with no drawing in the window are forgotten


class TooManyDrawings(RuntimeError):
    """A phone, or its source address, sent more than it may within a minute."""


class RoomFull(RuntimeError):
    """The round, or the room's database, holds as many drawings as it may."""


def address_limit() -> int:
    """Drawings one source address may send a minute: ``$FASHION_LAB_ROOM_ADDRESS_LIMIT``."""
    return settings.ROOM_ADDRESS_LIMIT.value(ADDRESS_LIMIT)


class AddressWindow:
    """When each source address sent its drawings within the last WINDOW seconds (thread-safe:
    every phone's script runs in a thread of its own)."""

    def __init__(self) -> None:
        self._sent: dict[str, deque[float]] = {}
        self._refused: deque[float] = deque(maxlen=ADDRESSES_KEPT)  # when drawings were refused
        self._lock = threading.Lock()

    def take(self, address: str | None, limit: int, now: float | None = None) -> None:
        """Count one drawing from ``address``, or raise TooManyDrawings when it sent ``limit``."""
        now = time.time() if now is None else now
        with self._lock:
            if len(self._sent) >= ADDRESSES_KEPT:
                self._forget_quiet(now)
            sent = self._sent.setdefault(address or LOCAL, deque())
            while sent and sent[0] <= now - WINDOW:
                sent.popleft()
            if len(sent) >= limit:
                self._refused.append(now)
                raise TooManyDrawings(
                    _(
                        "{limit} drawings a minute from one network is the most here: wait a moment, "
                        "then send again."
                    ).format(limit=limit)
                )
            sent.append(now)

    def refused_in_window(self, now: float | None = None) -> int:
        """How many drawings this bound refused within the last WINDOW seconds."""
        since = (time.time() if now is None else now) - WINDOW
        with self._lock:
            return sum(1 for when in self._refused if when > since)

    def _forget_quiet(self, now: float) -> None:
        for address in [
            address for address, sent in self._sent.items() if not sent or sent[-1] <= now - WINDOW
        ]:
            del self._sent[address]


ADDRESSES = AddressWindow()  # this server's


@dataclass(frozen=True)
class RoomCounts:
    """Drawings in the current round and in the whole database, against their bounds."""

    in_round: int
    in_room: int

    @property
    def round_full(self) -> bool:
        return self.in_round >= ROUND_DRAWINGS

    @property
    def room_full(self) -> bool:
        return self.in_room >= ROOM_DRAWINGS

    def refuse_when_full(self) -> None:
        """Raise RoomFull, in words for a phone, when a bound is reached."""
        if self.room_full:
            raise RoomFull(_("The room is full: the presenter has to make room. Your drawing was not sent."))
        if self.round_full:
            raise RoomFull(_("This round is full: wait for the presenter's next round."))

    def presenter_notice(self, refused_by_address: int = 0) -> str | None:
        """What the presenter is told when a bound is reached (None while none is);
        ``refused_by_address``: drawings the address bound refused in the last minute."""
        if self.room_full:
            return _(
                "The room's database holds {count} drawings, the most it keeps: phones can "
                "send no more. Start the server on another data folder (FASHION_LAB_DATA) or database "
                "to go on; the drawings stay where they are."
            ).format(count=f"{self.in_room:,}")
        if self.round_full:
            return _(
                "This round holds {count} drawings, the most a round takes: phones are "
                "told to wait. Start a **New round** (under the board) to go on."
            ).format(count=f"{self.in_round:,}")
        if refused_by_address:
            return _(
                "{count} drawing(s) refused in the last minute: one network sent more "
                "than {limit} a minute (FASHION_LAB_ROOM_ADDRESS_LIMIT; raise it when the "
                "room's phones share one address)."
            ).format(count=f"{refused_by_address:,}", limit=f"{address_limit():,}")
        return None
