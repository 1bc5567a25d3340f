"""The Train page in a real browser: live progress, surviving reruns, Stop, tabs, the job bound."""

from __future__ import annotations

import re

import pytest
from helpers.waiting import soon
from playwright.sync_api import Browser, Page, expect

from components.train.keys import EPOCH_TABLE
from fashion_lab.models.stored import open_store
from tools.app_driver import (
    ALL_IMAGES,
    QUICK_SUBSET,
    choose,
    expect_selected,
    live_panel,
    live_panel_frame,
    live_points,
    open_train_page,
    saved_model_name,
    set_slider,
    start_training,
    wait_for_the_script,
)
from tools.app_server import streamlit_server

pytestmark = pytest.mark.browser
TEN_THOUSAND = "10,000 images (quick run)"
LONG_WAIT = 120_000  # ms: a shared 2-core machine can be slow


@pytest.fixture(scope="module")
def server(tmp_path_factory, dataset):
    models = tmp_path_factory.mktemp("train") / "models"
    with streamlit_server(models, FASHION_LAB_ORPHAN_GRACE="2") as url:
        yield url, open_store(models)


def epoch_rows(page: Page):
    return page.locator(f".st-key-{EPOCH_TABLE} [data-testid='stTable'] tbody tr")


def test_train_dense_two_epochs_end_to_end(page: Page, server):
    url, store = server
    open_train_page(page, url)
    start_training(page, "dense", 2)
    outcome = page.get_by_text("Finished after 2 epoch(s)")
    expect(outcome).to_be_visible(timeout=LONG_WAIT)
    expect(page.get_by_role("progressbar").first).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    expect(epoch_rows(page)).to_have_count(2)
    name = saved_model_name(page)
    assert name.startswith("dense-2ep-") and store.get(name).meta["epochs_completed"] == 2
    expect(page.get_by_role("slider", name="Epochs")).to_be_enabled()  # unlocked again
    page.get_by_role("link", name="Models").click()
    expect(page.get_by_test_id("stDataFrame").locator("table")).to_contain_text(name, timeout=30_000)


def test_the_live_panel_draws_the_curves_without_rerunning_the_page(page: Page, server):
    url, store = server
    sent = []  # what the page sends the server: every rerun request is a websocket frame
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent.append(frame)))
    open_train_page(page, url)
    start_training(page, "cnn", 5, subset=ALL_IMAGES)
    panel = live_panel(page)
    expect(panel.get_by_text("epoch 2/5 · batch")).to_be_visible(timeout=LONG_WAIT)
    expect(panel.get_by_role("progressbar")).not_to_have_attribute("aria-valuenow", "0")
    points = live_points(page)
    assert points["accuracy"] == 2  # accuracy and val_accuracy of epoch 1
    assert points["loss"] > 2 + 5  # loss and val_loss of epoch 1, and its batch points
    kernels = panel.get_by_role("img", name=re.compile(r"^32 kernels at epoch [12]$"))  # the latest snapshot
    expect(kernels).to_be_visible()
    expect(kernels.locator("canvas")).to_have_count(32)
    before = len(sent)
    for _ in range(2):  # two of the panel's polls, answered
        page.wait_for_event("requestfinished", lambda request: "/feed-" in request.url, timeout=30_000)
    drawn = "(loss) => !panel.polling && panel.views.loss.data('rows').length > loss"
    live_panel_frame(page).wait_for_function(drawn, arg=points["loss"], timeout=30_000)
    assert len(sent) == before, "the page asked for a rerun while the run went on"
    assert live_points(page)["loss"] > points["loss"]  # new points came from the feed alone
    page.get_by_role("button", name="Stop").click()
    outcome = page.get_by_test_id("stAlertContentSuccess")
    expect(outcome).to_contain_text("Stopped after", timeout=LONG_WAIT)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)  # drawn by Streamlit now


def test_the_idle_panel_has_the_charts_ready_and_takes_no_room(page: Page, server):
    url, _ = server
    open_train_page(page, url)
    choose(page, "Model", "dense")
    choose(page, "Training images", QUICK_SUBSET)
    set_slider(page, "Epochs", 3, minimum=1)
    frame = page.locator("iframe[title='components.train.live_feed.live_panel']")
    expect(frame).to_have_attribute("height", "0")
    panel = live_panel_frame(page)
    built_for_3_epochs = "() => panel.views.loss?.scale('x').domain()[1] === 3"
    panel.wait_for_function(built_for_3_epochs, timeout=30_000)
    panel.evaluate("() => { window.builtWhileIdle = panel.views; }")
    page.get_by_role("button", name="Train").click()
    expect(live_panel(page).get_by_text("dense · ")).to_be_visible(timeout=30_000)
    assert panel.evaluate("() => panel.views === window.builtWhileIdle"), "the run built its own charts"
    expect(page.get_by_text("Finished after 3 epoch(s)")).to_be_visible(timeout=LONG_WAIT)
    expect(frame).to_have_attribute("height", "0")
    panel.wait_for_function("() => panel.views.loss.data('rows').length === 0", timeout=10_000)
    assert panel.evaluate("() => panel.views === window.builtWhileIdle")  # emptied, kept


def test_run_survives_widgets_and_page_switches(page: Page, server):
    url, store = server
    open_train_page(page, url)
    start_training(page, "cnn", 3, subset="10,000 images (quick run)")
    smoothing = page.get_by_role("slider", name="Smoothing of the batch loss")
    set_slider(page, "Smoothing of the batch loss", 0.75, minimum=0, maximum=0.99, step=0.01)
    expect(smoothing).to_have_value("0.75")
    wait_for_the_script(page)  # the last press reached the server: a page switch before it drops it
    page.get_by_role("link", name="Models").click()
    expect(page.get_by_role("heading", name="Models")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("Training cnn")).to_be_visible()
    page.get_by_role("link", name="Train").click()
    shows_the_run(page, "cnn", 3)  # locked, and showing the run (it showed dense and 5 epochs)
    expect(smoothing).to_have_value("0.75")
    expect(page.get_by_text("Finished after 3 epoch(s)")).to_be_visible(timeout=LONG_WAIT)
    shows_the_run(page, "cnn", 3)  # after the run, what was trained
    expect(epoch_rows(page)).to_have_count(3)
    assert store.get(saved_model_name(page)).meta["epochs_completed"] == 3


def test_stop_mid_run_saves_a_stopped_model(page: Page, server):
    url, store = server
    open_train_page(page, url)
    start_training(page, "cnn", 5, subset=ALL_IMAGES)
    expect(live_panel(page).get_by_text("epoch 1/5 · batch")).to_be_visible(timeout=LONG_WAIT)
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_text("Stopped after 1 epoch(s)")).to_be_visible(timeout=LONG_WAIT)
    expect(epoch_rows(page)).to_have_count(1)
    expect(epoch_rows(page).first).to_contain_text("stopped mid-epoch")
    name = saved_model_name(page)
    meta = store.get(name).meta
    assert meta["stopped"] is True and meta["epochs_completed"] == 1
    assert name.startswith("cnn-1ep-stopped-")  # named by what it did: it was cnn-5ep-... before
    page.get_by_role("link", name="Models").click()
    listed = page.get_by_test_id("stDataFrame").locator("table")
    expect(listed.locator("tr", has_text=name)).to_contain_text("true", timeout=30_000)  # stopped


def shows_the_run(page: Page, architecture: str, epochs: int) -> None:
    expect_selected(page, "Model", architecture)
    expect(page.get_by_role("slider", name="Epochs")).to_have_value(str(epochs))
    expect(page.get_by_text(f"Layers of {architecture}:")).to_be_visible()


def test_two_tabs_train_at_once_and_see_only_their_own_run(browser: Browser, server):
    url, store = server
    first, second = browser.new_context().new_page(), browser.new_context().new_page()
    open_train_page(first, url)
    open_train_page(second, url)
    start_training(first, "dense", 2)
    start_training(second, "cnn", 2)
    for page, architecture in ((first, "dense"), (second, "cnn")):
        expect(page.get_by_text("Finished after 2 epoch(s)")).to_be_visible(timeout=LONG_WAIT)
        expect(epoch_rows(page)).to_have_count(2)
        expect(page.get_by_text(f"{architecture} · finished")).to_be_visible()
        assert store.get(saved_model_name(page)).architecture == architecture
    assert saved_model_name(first) != saved_model_name(second)


def test_a_closed_tab_stops_its_job(browser: Browser, server):
    url, store = server
    before = {m.name for m in store.models()}
    context = browser.new_context()
    page = context.new_page()
    open_train_page(page, url)
    start_training(page, "cnn", 5, subset=ALL_IMAGES)
    expect(live_panel(page).get_by_text("epoch 1/5 · batch")).to_be_visible(timeout=LONG_WAIT)
    context.close()

    def saved() -> list:
        return [m for m in store.models() if m.name not in before]

    # The watchdog stops it 2 s after the session is gone; then it saves.
    assert soon(saved, seconds=60, every=0.5), "the orphaned job was not stopped and saved within a minute"
    new = saved()
    assert new[0].meta["stopped"] is True and new[0].meta["epochs_completed"] < 5


def one_slot_taken(browser: Browser, url: str) -> tuple[Page, Page]:
    """Two tabs of a server with one slot, the first training the CNN on all images (long)."""
    first, second = browser.new_page(), browser.new_page()
    open_train_page(first, url)
    open_train_page(second, url)
    start_training(first, "cnn", 5, subset=ALL_IMAGES)
    expect(live_panel(first).get_by_text("epoch 1/5 · batch")).to_be_visible(timeout=LONG_WAIT)
    return first, second


def stop_and_see_it_saved(page: Page) -> None:
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Stopped after", timeout=LONG_WAIT)


def test_past_the_bound_a_run_waits_in_line_then_starts_by_itself(browser: Browser, tmp_path, dataset):
    with streamlit_server(tmp_path / "models", FASHION_LAB_MAX_JOBS="1") as url:
        first, second = one_slot_taken(browser, url)
        start_training(second, "cnn", 3, subset=TEN_THOUSAND)  # long enough to be seen training
        expect(live_panel(second).get_by_text("waiting: 1st in line, about")).to_be_visible(timeout=30_000)
        second.get_by_role("link", name="Models").click()  # other pages say it in the sidebar
        sidebar = second.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("waiting: 1st in line")).to_be_visible(timeout=30_000)
        second.get_by_role("link", name="Train").click()
        expect(second.get_by_role("button", name="Stop")).to_be_enabled()
        stop_and_see_it_saved(first)
        training = live_panel(second).get_by_text(re.compile(r"epoch \d/3 · batch"))
        expect(training).to_be_visible(timeout=LONG_WAIT)
        outcome = second.get_by_test_id("stAlertContentSuccess")
        expect(outcome).to_contain_text("Finished after 3 epoch(s)", timeout=LONG_WAIT)


def test_stop_takes_a_waiting_run_out_of_line(browser: Browser, tmp_path, dataset):
    with streamlit_server(tmp_path / "models", FASHION_LAB_MAX_JOBS="1") as url:
        first, second = one_slot_taken(browser, url)
        start_training(second, "dense", 2)
        expect(live_panel(second).get_by_text("waiting: 1st in line")).to_be_visible(timeout=30_000)
        second.get_by_role("button", name="Stop").click()
        cancelled = second.get_by_text("Not trained: stopped while it waited in line. Nothing was saved.")
        expect(cancelled).to_be_visible(timeout=30_000)
        stop_and_see_it_saved(first)
        assert [m.meta["architecture"] for m in open_store(tmp_path / "models").models()] == ["cnn"]


def test_in_talk_mode_stop_and_the_result_are_on_the_projectors_screen(browser: Browser, server):
    """Issue 40: at 1280x720 in talk mode Stop was at y=755 during a run and the test accuracy at
    y=986 when it ended: both below the screen at the moment they matter. On a busy machine the
    outcome still came at y=776: the page, short for a moment when the panel's frame lost its
    height, scrolled up before the outcome was drawn. A browser slowed threefold shows it every
    time."""
    url, _ = server
    page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    open_train_page(page, f"{url}?talk=1")
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 3})
    start_training(page, "cnn", 3, subset=ALL_IMAGES)  # 10,000 images ended in 8 s once, unseen
    expect(live_panel(page).get_by_text("epoch 1/3 · batch")).to_be_visible(timeout=LONG_WAIT)
    stop = page.get_by_role("button", name="Stop")
    assert soon(lambda: on_screen(stop)), stop.bounding_box()  # once the panel has scrolled into view
    stop.click()
    outcome = page.get_by_test_id("stAlertContentSuccess")
    expect(outcome).to_contain_text("test accuracy", timeout=LONG_WAIT)
    assert soon(lambda: on_screen(outcome)), outcome.bounding_box()
    page.screenshot(path="test-results/train-talk-result.png")
    page.context.close()


def on_screen(locator, height: int = 720) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height
