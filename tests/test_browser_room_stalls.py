"""The join page on a server whose script thread stalls after each element a run sends, as a
loaded machine's does now and then: the drawing stays on the canvas through taps and reruns, Send
shows both answers in its place, Draw another gives an empty canvas, and Guess 10 hears every tap.

Found tracing CI's empty canvas (2026-12-05): the turn was drawn into an ``st.empty()``
placeholder. Sent to the browser on its own, the placeholder took the place of the turn's block,
its canvas went with it, and the block came back with a new, empty canvas, while the server still
had the strokes (Send enabled)."""

from __future__ import annotations

import pytest
from helpers.stalls import stalled_app
from helpers.store import bundle_classics
from playwright.sync_api import Browser, expect

from components.classify.inputs import CANVAS_SIDE
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.room.drawings import open_room
from fashion_lab.room.quiz import quiz_images
from tools.app_driver import (
    STROKE_AT,
    draw_and_wait_for_send,
    draw_another,
    draw_by_touch,
    ended_script_runs,
    take_the_quiz,
    wait_for_a_script_run,
)
from tools.app_server import streamlit_server
from tools.outlines import OUTLINES, outline
from tools.screenshots import PHONE

pytestmark = pytest.mark.browser
EDGE = CANVAS_SIDE - 3  # a stroke starts 3 pixels inside the canvas's edge


@pytest.fixture(scope="module")
def stalling_room(tmp_path_factory, small_jobs):
    """The app, stalling so, with an empty room and the classics to answer."""
    root = tmp_path_factory.mktemp("stalling-room")
    bundled = bundle_classics(root, small_jobs)
    settings = {"FASHION_LAB_BUNDLED": str(bundled), "FASHION_LAB_DATA": str(root / "data")}
    with streamlit_server(root / "models", script=str(stalled_app(root)), **settings) as url:
        yield url, root / "data"


def test_a_drawing_stays_through_taps_and_send_shows_the_answers_there(browser: Browser, stalling_room):
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{stalling_room[0]}/play")
    trousers = outline(OUTLINES["Trouser"])
    draw_and_wait_for_send(phone, trousers)
    for x, y in ((EDGE - 20, 12), (EDGE - 60, 20)):  # two more strokes: two more runs of the turn
        runs = ended_script_runs(phone)
        draw_by_touch(phone, [(x, y), (x + 4, y + 2)])
        wait_for_a_script_run(phone, after=runs)  # the run this stroke asked for, ended
    phone.wait_for_function(STROKE_AT, arg=[*trousers[0]], timeout=10_000)  # still on the canvas
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text("Sent to the board.")).to_be_visible(timeout=30_000)
    expect(phone.get_by_test_id("stMetric")).to_have_count(2)
    expect(phone.locator("canvas.upper-canvas")).to_have_count(0)  # the answers took its place
    draw_another(phone)
    send = phone.get_by_role("button", name="Send")
    expect(send).to_be_disabled(timeout=30_000)  # a new turn, a new, empty canvas
    assert not phone.evaluate(STROKE_AT, [*trousers[0]])
    draw_and_wait_for_send(phone, trousers)
    phone.context.close()


def test_guess_10_hears_every_tap(browser: Browser, stalling_room, dataset):
    url, data = stalling_room
    database = open_room(data)
    ten = quiz_images(dataset.test_labels, database.quiz_seed(database.current_round()))
    database.close()
    phone = browser.new_context(**PHONE).new_page()
    take_the_quiz(phone, url, [CLASS_NAMES[dataset.test_labels[index]] for index in ten])
    expect(phone.get_by_test_id("stMetric").first).to_contain_text("10/10")
    phone.context.close()
