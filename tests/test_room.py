"""The room's core: drawings stored once with both answers, rounds kept, the rate limit, the key.
The database's own tests run on SQLite and on a real PostgreSQL started for them."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid

import numpy as np
import pytest

from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.room.database import SCHEMA_VERSION, RoomDatabase, RoomDatabaseError
from fashion_lab.room.drawings import (
    PRESENT_WINDOW,
    RATE_LIMIT,
    Scoreboard,
    TooManyDrawings,
    is_presenter,
    open_room,
    pixels_of,
    presenter_key,
    scoreboard,
    send_drawing,
    shares_right,
)
from tools.app_server import free_port
from tools.postgres_server import new_database

TROUSER = CLASS_NAMES.index("Trouser")


def trousers() -> np.ndarray:
    pixels = np.zeros((28, 28), np.uint8)
    pixels[2:26, 8:13] = pixels[2:26, 15:20] = pixels[2:6, 8:20] = 230
    return pixels


@pytest.fixture
def classics(small_jobs):
    return small_jobs["dense"].model, small_jobs["cnn"].model


def test_a_sent_drawing_is_stored_with_both_answers_and_scored(tmp_path, classics):
    room = open_room(tmp_path)
    answers = send_drawing(room, "phone-1", TROUSER, trousers(), 280, classics)
    (stored,) = room.drawings()
    assert (stored.dense_answer, stored.cnn_answer) == (answers[0][0], answers[1][0])
    assert np.array_equal(pixels_of(stored.png), trousers())
    score = scoreboard(room)
    assert (score.count, score.dense_right, score.cnn_right) == (
        1,
        int(stored.dense_right),
        int(stored.cnn_right),
    )
    assert score.per_class == {"Trouser": [1, int(stored.dense_right), int(stored.cnn_right)]}


def test_the_eleventh_drawing_in_a_minute_is_refused(tmp_path, classics, monkeypatch):
    monkeypatch.delenv("FASHION_LAB_ROOM_RATE_LIMIT", raising=False)  # the default: 10
    room = open_room(tmp_path)
    for _ in range(RATE_LIMIT):
        send_drawing(room, "eager", TROUSER, trousers(), 280, classics)
    with pytest.raises(TooManyDrawings):
        send_drawing(room, "eager", TROUSER, trousers(), 280, classics)
    send_drawing(room, "another", TROUSER, trousers(), 280, classics)  # other phones go on
    assert len(room.drawings()) == RATE_LIMIT + 1


def test_the_limit_a_minute_can_be_set_and_nonsense_is_refused(tmp_path, classics, monkeypatch):
    monkeypatch.setenv("FASHION_LAB_ROOM_RATE_LIMIT", "2")
    room = open_room(tmp_path)
    for _ in range(2):
        send_drawing(room, "p", TROUSER, trousers(), 280, classics)
    with pytest.raises(TooManyDrawings, match="^2 drawings a minute"):
        send_drawing(room, "p", TROUSER, trousers(), 280, classics)
    for nonsense in ("0", "-1", "ten", "1e9", "1001"):
        monkeypatch.setenv("FASHION_LAB_ROOM_RATE_LIMIT", nonsense)
        with pytest.raises(ValueError, match="FASHION_LAB_ROOM_RATE_LIMIT"):
            send_drawing(room, "q", TROUSER, trousers(), 280, classics)


@pytest.mark.parametrize("asked, pixels", [(10, trousers()), (-1, trousers()), (1, np.zeros((280, 280)))])
def test_what_is_not_a_drawing_of_a_class_is_refused(tmp_path, classics, asked, pixels):
    with pytest.raises(ValueError):
        send_drawing(open_room(tmp_path), "p", asked, pixels, 280, classics)


def test_hidden_drawings_leave_the_board_and_a_new_round_starts_empty_keeping_the_old(where):
    room = RoomDatabase(where)
    first = [room.add_drawing("p", 1, b"png", 280, ((1, 0.9), (1, 0.99))) for _ in range(3)]
    room.hide(first[1])
    assert [d.id for d in room.drawings()] == [first[2], first[0]]  # newest first, hidden gone
    old = room.current_round()
    room.new_round()
    assert room.drawings() == []
    assert len(room.drawings(old)) == 2


def test_the_databases_score_matches_a_count_of_the_drawings_and_leaves_out_hidden_ones(where):
    room = RoomDatabase(where)
    rng = np.random.default_rng(0)
    for _ in range(60):
        asked, dense, cnn = (int(n) for n in rng.integers(0, 4, 3))
        room.add_drawing("p", asked, b"png", 280, ((dense, 0.5), (cnn, 0.5)))
    room.hide(room.drawings()[0].id)
    shown = room.drawings()
    score = scoreboard(room)
    assert (score.count, score.dense_right, score.cnn_right) == (
        len(shown),
        sum(d.dense_right for d in shown),
        sum(d.cnn_right for d in shown),
    )
    for name, (count, dense, cnn) in score.per_class.items():
        mine = [d for d in shown if CLASS_NAMES[d.asked] == name]
        counted = (len(mine), sum(d.dense_right for d in mine), sum(d.cnn_right for d in mine))
        assert (count, dense, cnn) == counted
    assert sum(counts[0] for counts in score.per_class.values()) == len(shown)
    dense_share, cnn_share = shares_right(score)  # what the board shows
    assert dense_share == pytest.approx(np.mean([d.dense_right for d in shown]))
    assert cnn_share == pytest.approx(np.mean([d.cnn_right for d in shown]))


def test_a_round_without_drawings_has_no_share_right():
    assert shares_right(Scoreboard()) == (0.0, 0.0)


def test_the_board_survives_a_restart(where):
    room = RoomDatabase(where)
    room.add_drawing("p", 3, b"png", 280, ((3, 0.5), (0, 0.6)))
    room.close()
    again = RoomDatabase(where)
    (drawing,) = again.drawings()
    assert (drawing.asked, drawing.dense_right, drawing.cnn_right) == (3, True, False)


def test_the_rooms_language_is_the_presenters_choice_and_outlives_rounds_and_restarts(where):
    room = RoomDatabase(where)
    assert room.language() == "en"  # nothing chosen yet
    room.set_language("ko")
    room.set_language("ko")  # chosen again: one setting, not two
    room.new_round()
    room.close()
    again = RoomDatabase(where)
    assert again.language() == "ko"
    with pytest.raises(ValueError, match="not a language"):
        again.set_language("<script>")
    again.set_language("en")
    assert again.language() == "en"


def test_many_writers_at_once_store_each_drawing_exactly_once(where):
    room = RoomDatabase(where)

    def phone(number: int) -> None:
        for _ in range(5):
            room.add_drawing(f"phone-{number}", 1, b"png", 280, ((1, 0.9), (1, 0.9)))

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(room.drawings()) == 40
    assert all(room.sent_since(f"phone-{n}", 0) == 5 for n in range(8))


def test_an_older_database_is_migrated_forward(tmp_path):
    path = tmp_path / "room.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE schema_version (version INTEGER NOT NULL)").connection.close()
    assert RoomDatabase(path).version() == SCHEMA_VERSION


def test_an_empty_or_short_key_file_is_made_anew_and_an_empty_key_opens_nothing(tmp_path):
    """Attacked: a key file left empty (its write cut off by a full disk) was read back as '' and
    '/room?key=' opened the presenter's controls."""
    for broken in ("", "\n", "short-key\n"):
        (tmp_path / "presenter.key").write_text(broken)
        key = presenter_key(tmp_path)
        assert len(key) >= 32 and (tmp_path / "presenter.key").read_text().strip() == key
    assert not is_presenter("", "") and not is_presenter("short", "short")


def test_a_key_whose_write_fails_leaves_no_key_file(tmp_path, monkeypatch):
    import os

    def full_disk(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(RoomDatabaseError, match="No space"):  # said on the room page, not a traceback
        presenter_key(tmp_path)
    assert list(tmp_path.iterdir()) == []  # neither the key file nor its temporary
    monkeypatch.undo()
    assert len(presenter_key(tmp_path)) >= 32


def test_the_presenter_key_is_made_once_kept_private_and_checked_exactly(tmp_path):
    key = presenter_key(tmp_path)
    assert len(key) >= 32 and presenter_key(tmp_path) == key
    assert (tmp_path / "presenter.key").stat().st_mode & 0o077 == 0
    assert is_presenter(key, key)
    assert not any(is_presenter(given, key) for given in (None, "", key[:-1], key + "x", ["key"]))


def test_the_cli_exports_a_round_as_json_and_a_contact_sheet(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from PIL import Image

    from fashion_lab.room.drawings import png_bytes
    from tools.app_server import ROOT

    room = open_room(tmp_path / "data")
    for asked, cnn in ((1, 1), (8, 3)):
        room.add_drawing("p", asked, png_bytes(trousers()), 280, ((asked, 0.9), (cnn, 0.8)))
    env = {**os.environ, "FASHION_LAB_DATA": str(tmp_path / "data")}
    command = [sys.executable, "-m", "fashion_lab", "room", "--out", str(tmp_path / "out"), "--json"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert (document["drawings"], document["dense_right"], document["cnn_right"]) == (2, 2, 1)
    assert document["items"][0]["cnn"]["answer"] == "Dress"  # newest first: the bag read as a dress
    assert json.loads((tmp_path / "out" / f"round-{document['round']}.json").read_text()) == {
        k: v for k, v in document.items() if k != "files"
    }
    sheet = Image.open(tmp_path / "out" / f"round-{document['round']}.png")
    assert sheet.size == (10 * 112, 112 + 36)
    assert sheet.getpixel((3, 115)) == (214, 39, 40) and sheet.getpixel((115, 115)) == (44, 160, 44)


def test_the_contact_sheet_writes_korean_in_real_glyphs_not_missing_glyph_boxes(tmp_path):
    """Under LANG=ko_KR.UTF-8 each drawing's band says its class and the CNN's answer in Hangul,
    drawn with the app's font: the band is that text's rendering, not the one of .notdef boxes."""
    import os
    import subprocess
    import sys

    from PIL import Image, ImageDraw

    from fashion_lab.cli.room import BAND, LABEL_INSET, LABEL_SIZE, TILE, band_label
    from fashion_lab.i18n import speaking
    from fashion_lab.i18n.fonts import picture_font
    from fashion_lab.room.drawings import png_bytes
    from tools.app_server import ROOT

    room = open_room(tmp_path / "data")
    room.add_drawing("p", 9, png_bytes(trousers()), 280, ((9, 0.9), (0, 0.8)))  # ankle boot, read as T-shirt
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env |= {"FASHION_LAB_DATA": str(tmp_path / "data"), "LANG": "ko_KR.UTF-8"}
    command = [sys.executable, "-m", "fashion_lab", "room", "--out", str(tmp_path / "out")]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    sheet = Image.open(next((tmp_path / "out").glob("round-*.png"))).convert("RGB")
    band = sheet.crop((0, TILE, TILE, TILE + BAND))
    with speaking("ko"):
        lines = band_label(room.drawings()[0])
    assert lines == ("앵클 부츠", "CNN: 티셔츠/탑")

    def drawn(texts) -> Image.Image:
        picture = Image.new("RGB", (TILE, BAND), (214, 39, 40))
        for line, text in enumerate(texts):
            where = (LABEL_INSET, 2 + line * (LABEL_SIZE + 4))
            ImageDraw.Draw(picture).text(where, text, fill=(255, 255, 255), font=picture_font(LABEL_SIZE))
        return picture

    missing = ["".join("\ue000" if "가" <= c <= "힣" else c for c in text) for text in lines]
    assert band.tobytes() == drawn(lines).tobytes()  # the sheet holds exactly these glyphs...
    assert band.tobytes() != drawn(missing).tobytes()  # ...which are not the missing-glyph box
    font = picture_font(LABEL_SIZE)
    hangul = sorted({c for text in lines for c in text if "가" <= c <= "힣"})
    shapes = {bytes(font.getmask(c)) for c in hangul}
    assert len(shapes) == len(hangul) and bytes(font.getmask("\ue000")) not in shapes


def test_a_phone_seen_again_counts_once_and_leaves_the_room_after_a_minute(where):
    room = RoomDatabase(where)
    for _ in range(3):
        room.saw_phone("p1")
    room.saw_phone("p2")
    assert room.phones_since(0) == 2
    with room._transaction() as cursor:  # p2 last seen two minutes ago
        cursor.execute("UPDATE phones SET seen = seen - 120 WHERE phone = 'p2'")
    assert room.phones_since(time.time() - PRESENT_WINDOW) == 1


def test_a_database_url_not_postgresql_or_unreachable_gives_a_clear_error_without_the_password(monkeypatch):
    monkeypatch.setenv("FASHION_LAB_DATABASE_URL", "mysql://room@127.0.0.1/room")
    with pytest.raises(RoomDatabaseError, match="postgresql://"):
        open_room()
    port = free_port()  # nothing listens there
    monkeypatch.setenv("FASHION_LAB_DATABASE_URL", f"postgresql://room:secret@127.0.0.1:{port}/room")
    with pytest.raises(RoomDatabaseError, match=f"127.0.0.1:{port} cannot be reached") as error:
        open_room()
    assert "secret" not in str(error.value)
    for url in (  # libpq quotes what it cannot decode; a '/' in a password breaks the port
        f"postgresql://room:s3cr%t@127.0.0.1:{port}/room",
        "postgresql://room:se/cr@127.0.0.1/room",
        f"postgresql://room@127.0.0.1:{port}/room?password=s3cr%ZZPw",  # in the query string
        f"postgresql://room@127.0.0.1:{port}/room?sslmode=disable&password=s3cr%25t",
    ):
        monkeypatch.setenv("FASHION_LAB_DATABASE_URL", url)
        with pytest.raises(RoomDatabaseError) as error:
            open_room()
        assert (
            "s3cr" not in str(error.value)
            and "se/cr" not in str(error.value)
            and "'se'" not in str(error.value)
        ), str(error.value)


@pytest.mark.postgres
def test_the_url_points_the_room_at_postgresql(monkeypatch, postgres):
    monkeypatch.setenv("FASHION_LAB_DATABASE_URL", new_database(postgres, "shared_room"))
    first, second = open_room(), open_room()  # two app servers, one database
    first.add_drawing("p", 1, b"png", 280, ((1, 0.9), (2, 0.8)))
    assert (first.dialect, len(second.drawings())) == ("postgresql", 1)


@pytest.mark.postgres
def test_a_lost_postgresql_connection_is_a_clear_error_and_the_next_call_reconnects(postgres):
    import psycopg

    name = f"room_{uuid.uuid4().hex}"
    room = RoomDatabase(new_database(postgres, name))
    room.add_drawing("p", 1, b"png", 280, ((1, 0.9), (2, 0.8)))
    with psycopg.connect(postgres, autocommit=True) as admin:  # as when the server restarts
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
    with pytest.raises(RoomDatabaseError, match="connection was lost"):
        room.drawings()
    assert len(room.drawings()) == 1  # opened afresh, nothing lost


@pytest.mark.postgres
def test_servers_opening_a_new_postgresql_at_once_migrate_it_once_and_share_one_round(postgres):
    url = new_database(postgres, f"room_{uuid.uuid4().hex}")
    opened, rounds = [], []

    def server() -> None:
        room = RoomDatabase(url)
        opened.append(room)
        rounds.append(room.current_round())

    threads = [threading.Thread(target=server) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 6 and len(set(rounds)) == 1
    with opened[0]._transaction() as cursor:
        assert cursor.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_every_round_is_tallied_and_exported_as_a_labelled_set(tmp_path):
    """Two rounds' drawings: the score over both, per class; the CLI's labelled set holds each
    drawing with the class that was asked for."""
    import csv
    import os
    import subprocess
    import sys

    from fashion_lab.room.drawings import png_bytes
    from tools.app_server import ROOT

    room = open_room(tmp_path / "data")
    room.add_drawing("p", 1, png_bytes(trousers()), 280, ((1, 0.9), (1, 0.8)))
    room.new_round()
    room.add_drawing("p", 1, png_bytes(trousers()), 280, ((3, 0.9), (1, 0.8)))
    room.add_drawing("q", 8, png_bytes(trousers()), 280, ((8, 0.9), (3, 0.8)))
    this_round, every = scoreboard(room), scoreboard(room, every_round=True)
    assert (this_round.count, every.count, room.rounds_with_drawings()) == (2, 3, 2)
    assert every.per_class == {"Trouser": [2, 1, 2], "Bag": [1, 1, 0]}
    env = {**os.environ, "FASHION_LAB_DATA": str(tmp_path / "data")}
    command = [
        sys.executable,
        "-m",
        "fashion_lab",
        "room",
        "--every-round",
        "--set",
        "--out",
        str(tmp_path / "out"),
    ]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "every-round-set"
    with open(folder / "labels.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(int(row["label"]) for row in rows) == [1, 1, 8]
    assert all((folder / row["file"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for row in rows)
