"""Names from outside in a real browser: shown as text, never rendered as Markdown that makes
every viewer's browser fetch an address (issue 14, item 4); and no page fetching anything from
elsewhere, its icons included (issue 38, item 11)."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from helpers.store import rewrite_meta
from playwright.sync_api import Page, expect

from components.plain_text import WORD_JOINER
from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata
from tools.app_driver import wait_for_the_script
from tools.app_server import streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tracker():
    """A web server on loopback that records every request: (port, paths requested)."""
    requested: list[str] = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], requested
    server.shutdown()


def tracking_image(port: int, name: str) -> str:
    return f"![t](http://127.0.0.1:{port}/{name})"


@pytest.fixture(scope="module")
def server(tmp_path_factory, small_jobs, tracker):
    port, _ = tracker
    models = tmp_path_factory.mktemp("hostile") / "models"
    store = open_store(models)
    for architecture, job in small_jobs.items():
        store.save(f"{architecture}-small", job.model, run_metadata(job))
    store.save("tracker", small_jobs["dense"].model, run_metadata(small_jobs["dense"]))
    rewrite_meta(store, "tracker", name=tracking_image(port, "models.png"))  # quoted in its reason
    with streamlit_server(models) as url:
        yield url


def shown_text(alert) -> str:
    """The alert's text as a reader sees it (the word joiners that keep addresses from becoming
    links are invisible)."""
    return alert.inner_text().replace(WORD_JOINER, "")


# An image the page itself fetches from the tracker: the tracker is reachable from the page, and
# it records what the page asks for. The tracker records a request before it answers, so once an
# image has loaded or failed, its request is in the record.
FETCH_CONTROL = """async (url) => {
    const image = new Image();
    await new Promise((done) => { image.onload = image.onerror = done; image.src = url; });
}"""
ALL_IMAGES_DONE = "() => Array.from(document.images).every((image) => image.complete)"


def assert_nothing_fetched_or_linked(page: Page, tracker) -> None:
    port, requested = tracker
    expect(page.locator(f"img[src*='127.0.0.1:{port}']")).to_have_count(0)
    expect(page.locator(f"a[href*='127.0.0.1:{port}']")).to_have_count(0)
    page.wait_for_function(ALL_IMAGES_DONE, timeout=30_000)  # any image's request is recorded now
    control = f"/control-{len(requested)}.png"
    page.evaluate(FETCH_CONTROL, f"http://127.0.0.1:{port}{control}")
    assert control in requested, "the page could not reach the tracker: its silence proves nothing"
    assert [path for path in requested if not path.startswith("/control-")] == []


def test_an_uploaded_file_name_is_shown_as_text(page: Page, server, tracker):
    name = tracking_image(tracker[0], "upload.png") + ".png"
    page.goto(f"{server}/classify")
    page.get_by_text("Upload a photo", exact=True).click()
    upload = page.get_by_test_id("stFileUploaderDropzoneInput")
    upload.set_input_files(files=[{"name": name, "mimeType": "image/png", "buffer": b"not a picture"}])
    alert = page.get_by_test_id("stAlertContentError")
    expect(alert).to_contain_text("cannot be used", timeout=30_000)
    assert f"{name} cannot be used" in shown_text(alert)
    assert_nothing_fetched_or_linked(page, tracker)


def test_a_broken_entry_and_its_reason_are_shown_as_text(page: Page, server, tracker):
    page.goto(f"{server}/models")
    warning = page.get_by_test_id("stAlertContentWarning")
    expect(warning).to_contain_text("tracker cannot be used: metadata names another model", timeout=30_000)
    assert tracking_image(tracker[0], "models.png") in shown_text(warning)
    assert_nothing_fetched_or_linked(page, tracker)


@pytest.mark.parametrize("path", ["", "/classify", "/room", "/play"])
def test_a_page_asks_nothing_of_any_other_host_its_icon_included(page: Page, server, path):
    host = urlsplit(server).netloc
    elsewhere: list[str] = []
    page.on("request", lambda request: host in request.url or elsewhere.append(request.url))
    page.goto(f"{server}{path}")
    expect(page.get_by_test_id("stMainBlockContainer")).to_be_visible(timeout=30_000)
    wait_for_the_script(page)
    icon = page.locator("link[rel='shortcut icon']")  # the app's emoji, drawn by the page itself
    expect(icon).to_have_attribute("href", re.compile("^data:image/svg"), timeout=30_000)
    assert [url for url in elsewhere if not url.startswith(("data:", "blob:"))] == []
