"""Guess 10: a round's ten images (the same for every phone, one of each class, replayable), one
answer per image per phone held by the database, final once finished, the score and its interval
against a reference."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import threading

import numpy as np
import pytest

from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.models.stored import open_store
from fashion_lab.room.database import MIGRATIONS, SCHEMA_VERSION, TYPES, RoomDatabase
from fashion_lab.room.drawings import open_room
from fashion_lab.room.quiz import QUIZ_SIZE, phone_score, quiz_images, summarize, wilson_interval
from fashion_lab.room.quiz_tables import MAX_CHANGES, QuizAnswer, QuizClosed
from fashion_lab.training.saving import run_metadata
from tools.app_server import ROOT


def test_a_rounds_ten_images_are_one_of_each_class_the_same_each_time_and_differ_between_rounds(dataset):
    labels = dataset.test_labels
    first = quiz_images(labels, seed=1)
    assert len(first) == QUIZ_SIZE == len(set(first))
    assert sorted(labels[first]) == list(range(10))  # stratified: one image of each class
    assert quiz_images(labels, seed=1) == first  # every phone, and a replay of the round
    assert quiz_images(labels, seed=2) != first
    orders = {tuple(labels[quiz_images(labels, seed)]) for seed in range(20)}
    assert len(orders) > 15  # the classes come in a shuffled order, not always Tshirt first


def _reference_wilson(right: int, count: int) -> tuple[float, float]:
    """The proportions p the score test does not reject: |p_hat - p| <= z sqrt(p(1-p)/n), by
    bisection (an independent route to the same interval)."""
    z, share = 1.959963984540054, right / count

    def inside(p: float) -> bool:
        return abs(share - p) <= z * np.sqrt(p * (1 - p) / count)

    def edge(low: float, high: float) -> float:  # inside at one end, outside at the other
        for _ in range(100):
            middle = (low + high) / 2
            low, high = (middle, high) if inside(middle) == inside(low) else (low, middle)
        return (low + high) / 2

    return (edge(0.0, share) if right else 0.0), (edge(share, 1.0) if right < count else 1.0)


@pytest.mark.parametrize("right, count", [(81, 100), (7, 10), (0, 20), (20, 20), (1, 3), (835, 1000)])
def test_the_interval_is_wilsons(right, count):
    assert wilson_interval(right, count) == pytest.approx(_reference_wilson(right, count), abs=1e-9)


def test_the_known_wilson_example():  # 81 of 263 (Wikipedia's worked example, Wilson 95%)
    low, high = wilson_interval(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def _answer(phone: str, position: int, answer: int) -> QuizAnswer:
    return QuizAnswer(phone, position, position + 100, answer, 2.0)


def test_the_score_counts_right_answers_against_the_true_labels_and_each_image_and_confusion():
    truths = list(range(10))
    answers = [_answer("a", p, p) for p in range(10)]  # all right
    answers += [_answer("b", p, p if p < 6 else 0) for p in range(10)]  # 6 right, 4 said T-shirt
    summary = summarize(answers, list(range(100, 110)), truths, truths, [0] * 10)
    assert (summary.finished, summary.answers, summary.right) == (2, 20, 16)
    assert summary.accuracy == 0.8 and summary.interval == wilson_interval(16, 20)
    assert summary.share_right == [1.0] * 6 + [0.5] * 4
    assert summary.confusion[6:, 0].tolist() == [1, 1, 1, 1] and summary.confusion.sum() == 20
    assert summary.dense_accuracy == 1.0 and summary.cnn_accuracy == 0.1
    assert (summary.dense_right, summary.cnn_right) == (10, 1)
    assert summary.missed == [6, 7, 8, 9]  # b's four T-shirts
    assert phone_score([a for a in answers if a.phone == "b"], truths) == 6


def test_one_phones_summary_is_its_score_beside_the_networks_and_the_images_it_missed():
    truths, dense, cnn = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3], [3] * 10, [3, 1, 4, 1, 5, 9, 2, 6, 0, 0]
    mine = [_answer("me", p, t if p % 3 else (t + 1) % 10) for p, t in enumerate(truths) if p != 9]
    summary = summarize(mine, list(range(100, 110)), truths, dense, cnn)
    assert summary.right == phone_score(mine, truths) == 6  # 0, 3, 6 wrong; 9 not answered
    answered = {a.position: a.answer for a in mine}
    assert summary.missed == [p for p, t in enumerate(truths) if answered.get(p) != t] == [0, 3, 6, 9]
    assert (summary.dense_right, summary.cnn_right) == (2, 8)  # counted one by one below
    assert summary.dense_right == sum(d == t for d, t in zip(dense, truths, strict=True))
    assert summary.cnn_right == sum(c == t for c, t in zip(cnn, truths, strict=True))


def test_the_cnns_answers_as_a_confusion_matrix_and_its_rows_as_shares():
    from fashion_lab.analysis.comparison import row_normalised

    truths, cnn = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 4, 5, 0, 7, 8, 7]
    summary = summarize([], list(range(10)), truths, truths, cnn)
    expected = np.zeros((10, 10), dtype=np.int64)
    for truth, answer in zip(truths, cnn, strict=True):
        expected[truth, answer] += 1
    np.testing.assert_array_equal(summary.cnn_confusion, expected)
    shares = row_normalised(summary.cnn_confusion)
    assert shares[6, 0] == 1.0 and shares[9, 7] == 1.0 and np.allclose(shares.sum(axis=1), 1.0)
    assert summary.missed == list(range(10))  # nobody answered: every image not (yet) right


def test_one_answer_per_image_per_phone_changed_until_finished_and_never_after(where):
    room = RoomDatabase(where)
    round_id = room.current_round()
    for position in range(QUIZ_SIZE):
        room.answer_quiz(round_id, "phone", position, 100 + position, 3, 1.5)
    room.answer_quiz(round_id, "phone", 4, 104, 7, 2.0)  # changed before finishing
    assert [a.answer for a in room.quiz_answers(round_id, "phone", finished=False)][4] == 7
    assert room.quiz_answers(round_id) == []  # not finished: not counted yet
    room.finish_quiz(round_id, "phone")
    with pytest.raises(QuizClosed, match="finished"):
        room.answer_quiz(round_id, "phone", 4, 104, 1, 1.0)
    answers = room.quiz_answers(round_id)
    assert len(answers) == QUIZ_SIZE and answers[4].answer == 7 and answers[4].seconds == 3.5
    assert room.quiz_progress(round_id) == (1, 0)


def test_the_database_itself_holds_one_answer_per_image_per_phone(where):
    room = RoomDatabase(where)
    round_id = room.current_round()
    room.answer_quiz(round_id, "phone", 0, 100, 3, 1.0)
    with pytest.raises(Exception, match="(?i)unique|duplicate"), room._transaction() as cursor:
        cursor.execute(
            "INSERT INTO quiz_answers (round_id, phone, position, image, answer, seconds, answered)"
            " VALUES (?, 'phone', 0, 100, 5, 1.0, 0)",
            (round_id,),
        )


def test_finishing_needs_ten_answers_and_an_answer_changes_a_bounded_number_of_times(tmp_path):
    room = RoomDatabase(tmp_path / "room.sqlite3")
    round_id = room.current_round()
    room.answer_quiz(round_id, "phone", 0, 100, 3, 1.0)
    with pytest.raises(ValueError, match="9 image"):
        room.finish_quiz(round_id, "phone")
    for change in range(MAX_CHANGES):
        room.answer_quiz(round_id, "phone", 0, 100, change, 1.0)
    with pytest.raises(QuizClosed, match="changed"):
        room.answer_quiz(round_id, "phone", 0, 100, 9, 1.0)
    for bad in ((10, 0), (0, 10), (-1, 0)):
        with pytest.raises(ValueError):
            room.answer_quiz(round_id, "phone", bad[0], 100, bad[1], 1.0)


def test_a_new_round_can_replay_an_earlier_rounds_ten_images(tmp_path):
    room = RoomDatabase(tmp_path / "room.sqlite3")
    first = room.current_round()
    fresh = room.new_round()
    replay = room.new_round(quiz_seed=room.quiz_seed(first))
    assert room.quiz_seed(fresh) == fresh != first
    assert room.quiz_seed(replay) == room.quiz_seed(first)
    with pytest.raises(ValueError, match="no round 99"):
        room.quiz_seed(99)


def test_phones_finishing_at_once_store_every_answer_once(where):
    room = RoomDatabase(where)
    round_id = room.current_round()

    def phone(n: int) -> None:
        for position in range(QUIZ_SIZE):
            room.answer_quiz(round_id, f"phone-{n}", position, position, (position + n) % 10, 1.0)
        room.finish_quiz(round_id, f"phone-{n}")

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = room.quiz_answers(round_id)
    assert len(answers) == 80 and len({(a.phone, a.position) for a in answers}) == 80
    assert room.quiz_progress(round_id) == (8, 0)


def test_the_cli_exports_a_rounds_answers_as_csv_and_its_summary_as_json(tmp_path, dataset, small_jobs):
    store = open_store(tmp_path / "models")
    for architecture in ("dense", "cnn"):
        store.save(
            f"quiz-{architecture}", small_jobs[architecture].model, run_metadata(small_jobs[architecture])
        )
    room = open_room(tmp_path / "data")
    round_id = room.current_round()
    truths = [int(dataset.test_labels[i]) for i in quiz_images(dataset.test_labels, room.quiz_seed(round_id))]
    for phone, wrong in (("all-right", 0), ("three-wrong", 3), ("unfinished", 0)):
        for position, truth in enumerate(truths):
            answer = (truth + 1) % 10 if position < wrong else truth
            room.answer_quiz(round_id, phone, position, 0, answer, 2.0)
        if phone != "unfinished":
            room.finish_quiz(round_id, phone)
    env = {
        **os.environ,
        "FASHION_LAB_DATA": str(tmp_path / "data"),
        "FASHION_LAB_MODELS": str(tmp_path / "models"),
    }
    out = tmp_path / "out"
    command = [sys.executable, "-m", "fashion_lab", "quiz", "--out", str(out), "--json"]
    command += ["--dense", "quiz-dense", "--cnn", "quiz-cnn"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # TensorFlow's C++ start-up notes are hidden
    summary = json.loads(done.stdout)
    assert (summary["finished_phones"], summary["answers"], summary["room_right"]) == (2, 20, 17)
    assert summary["room_interval_95"] == pytest.approx(list(wilson_interval(17, 20)))
    assert [image["true_class"] for image in summary["images"]] == [CLASS_NAMES[t] for t in truths]
    assert summary["images"][0]["room_share_right"] == 0.5 and summary["images"][9]["room_share_right"] == 1.0
    assert json.loads((out / f"quiz-round-{round_id}.json").read_text()) == summary
    rows = list(csv.DictReader(open(out / f"quiz-round-{round_id}.csv")))
    assert len(rows) == 20 and {r["phone"] for r in rows} == {"all-right", "three-wrong"}
    assert sum(int(r["right"]) for r in rows) == 17


def test_the_cli_says_clearly_when_a_round_does_not_exist(tmp_path):
    env = {**os.environ, "FASHION_LAB_DATA": str(tmp_path / "data")}
    command = [sys.executable, "-m", "fashion_lab", "quiz", "--round", "7", "--out", str(tmp_path)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.strip() == "error: there is no round 7"


def test_a_room_database_of_version_1_gains_the_quiz_and_keeps_its_drawings(tmp_path):
    path = tmp_path / "room.sqlite3"
    with sqlite3.connect(path) as old:  # what the app wrote before Guess 10
        for statement in MIGRATIONS[1]:
            old.execute(statement.format(**TYPES["sqlite"]))
        old.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        old.execute("INSERT INTO schema_version VALUES (1)")
        old.execute("INSERT INTO rounds (started) VALUES (0)")
        old.execute(
            "INSERT INTO drawings (round_id, phone, asked, png, canvas_side, dense_answer, dense_confidence,"
            " cnn_answer, cnn_confidence, created) VALUES (1, 'p', 1, x'00', 280, 1, 0.9, 1, 0.9, 0)"
        )
    room = RoomDatabase(path)
    assert room.version() == SCHEMA_VERSION == 4
    assert len(room.drawings(1)) == 1 and room.quiz_seed(1) == 1 and room.language() == "en"
    room.answer_quiz(1, "phone", 0, 5, 3, 1.0)
    assert len(room.quiz_answers(1, "phone", finished=False)) == 1


class _Ten:  # what record_tap reads of a round's ten
    round_id, images = 1, list(range(100, 110))


def test_a_phone_can_always_reach_finish_and_a_stale_tap_is_dropped(tmp_path):
    from components.room.quiz import record_tap
    from components.session_values import QuizState

    room = RoomDatabase(tmp_path / "room.sqlite3")
    ten, state = _Ten(), QuizState(room.current_round(), shown=0.0)
    ten.round_id = state.round
    for position in range(QUIZ_SIZE):
        assert record_tap(room, ten, state, "phone", position, 3, None) is None
    assert state.position == QUIZ_SIZE  # all answered: the Finish screen
    for _ in range(MAX_CHANGES + 3):  # back to the last image, the same answer again and again
        state.position = 9
        assert record_tap(room, ten, state, "phone", 9, 3, 3) is None and state.position == QUIZ_SIZE
    for change in range(MAX_CHANGES + 1):  # back, and a different answer each time
        state.position = 9
        problem = record_tap(room, ten, state, "phone", 9, change % 2, None)
        assert state.position == QUIZ_SIZE  # on to Finish even when the change was refused
    assert problem and "changed" in problem
    state.position = 4
    assert record_tap(room, ten, state, "phone", 3, 8, 3) is None  # a tap meant for image 4 of 10
    assert state.position == 4 and room.quiz_answers(ten.round_id, "phone", finished=False)[3].answer == 3
    room.finish_quiz(ten.round_id, "phone")
    assert len(room.quiz_answers(ten.round_id)) == QUIZ_SIZE


def test_a_round_takes_answers_from_a_bounded_number_of_phones(tmp_path, monkeypatch):
    """Issue 38, item 3: one client made a phone for every quiz, and nothing bounded the rows."""
    from fashion_lab.room import quiz_tables
    from fashion_lab.room.quiz_tables import QuizClosed

    monkeypatch.setattr(quiz_tables, "MAX_QUIZ_PHONES", 2)
    room = RoomDatabase(tmp_path / "room.sqlite3")
    round_id = room.current_round()
    for phone in ("a", "b"):
        room.answer_quiz(round_id, phone, 0, 5, 3, 1.0)
    with pytest.raises(QuizClosed, match="full"):
        room.answer_quiz(round_id, "c", 0, 5, 3, 1.0)
    room.answer_quiz(round_id, "a", 1, 6, 3, 1.0)  # the phones in it go on
    assert {answer.phone for answer in room.quiz_answers(round_id, finished=False)} == {"a", "b"}
