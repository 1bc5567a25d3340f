"""Clients without a browser, as an attacker's script talks to the app: crafted and oversized
canvas values get one clear line or a closed connection, never a traceback, and the app serves on;
a flood of drawings from one client, a new phone for each, stores the bound and no more."""

from __future__ import annotations

import json

import pytest
from helpers.store import bundle_classics
from websockets.exceptions import ConnectionClosed

from tools.app_server import streamlit_server
from tools.bench_flood import send_as_a_new_phone
from tools.raw_client import RawSession

DEEP = "[" * 200_000 + "]" * 200_000  # JSON nested 200,000 deep (0.4 MB)
CRAFTED = {  # what is sent -> whether the page says it could not be read (Streamlit itself reads
    # a value that is no JSON object as an empty canvas)
    "a string for the drawing": ({"drawing": "x"}, True),
    "a list": ([1, 2], False),
    "a number": (5, False),
    "no JSON": ("{not json", False),
    "deep nesting": (DEEP, False),
    "a list for the drawing": ({"drawing": [1]}, True),
    "a number for the picture": ({"drawing": {"raw": {"objects": []}, "data": 5}}, True),
    "a JPEG for the picture": ({"drawing": {"raw": None, "data": "data:image/jpeg;base64,/9j/4AAQ"}}, True),
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("raw")
    with streamlit_server(folder / "models", FASHION_LAB_DATA=str(folder / "data")) as url:
        yield url, folder


def canvas_id(session: RawSession) -> str:
    return next(widget for widget, kind in session.widgets.items() if kind == "bidi_component")


def elements(messages) -> list:
    return [
        message.delta.new_element
        for message in messages
        if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element"
    ]


def texts(messages) -> str:
    return "\n".join(str(element) for element in elements(messages))


@pytest.mark.parametrize(("value", "said"), CRAFTED.values(), ids=CRAFTED.keys())
def test_a_crafted_canvas_value_gets_one_clear_line_not_a_traceback(app, value, said):
    url, folder = app
    with RawSession(url) as phone:
        phone.run("play")
        sent = value if isinstance(value, str) else json.dumps(value)
        answer = phone.run("play", json_values={canvas_id(phone): sent})
        kinds = [element.WhichOneof("type") for element in elements(answer)]
        assert "exception" not in kinds
        assert ("could not be read" in texts(answer)) == said
        again = phone.run("play")  # the page serves on, with a canvas to draw on
        assert "bidi_component" in [element.WhichOneof("type") for element in elements(again)]
    logs = "".join(path.read_text() for path in folder.glob("streamlit-*.log"))
    assert "Traceback" not in logs


def test_a_canvas_value_over_the_bound_closes_that_connection_and_the_app_serves_on(app):
    url, _ = app
    with RawSession(url) as phone:
        phone.run("play")
        picture = "data:image/png;base64," + "A" * 23_000_000  # the attacker's 23 MB value
        with pytest.raises(ConnectionClosed):  # refused from the frame's header: never read whole
            phone.run("play", json_values={canvas_id(phone): {"drawing": {"raw": None, "data": picture}}})
    with RawSession(url) as phone:
        assert "bidi_component" in [element.WhichOneof("type") for element in elements(phone.run("play"))]


@pytest.fixture(scope="module")
def room_app(tmp_path_factory, small_jobs):
    """A room whose classics answer, taking 3 drawings a minute from one address."""
    folder = tmp_path_factory.mktemp("flood")
    bundled = bundle_classics(folder, small_jobs)
    settings = {"FASHION_LAB_BUNDLED": str(bundled), "FASHION_LAB_DATA": str(folder / "data")}
    with streamlit_server(folder / "models", FASHION_LAB_ROOM_ADDRESS_LIMIT="3", **settings) as url:
        yield url


def test_a_flood_from_one_client_stores_the_bound_and_the_board_says_so(room_app):
    said = [texts(send_as_a_new_phone(room_app)) for _ in range(5)]
    assert ["Sent to the board." in text for text in said] == [True] * 3 + [False] * 2
    assert all("3 drawings a minute from one network" in text for text in said[3:])
    with RawSession(room_app) as board:
        shown = texts(board.run("room"))
    assert "**3** drawing(s) this round" in shown, shown
    assert "2 drawing(s) refused in the last minute" in shown
