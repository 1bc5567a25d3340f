"""What a server killed with SIGKILL leaves behind is removed when the next one starts: its live
panels' folder, and a save it had half written (issue 14, item 13)."""

from __future__ import annotations

import os
import signal
import time

import pytest
from helpers.waiting import soon  # the page's script draws after its title
from playwright.sync_api import Page, expect

from tools.app_server import streamlit_server

pytestmark = pytest.mark.browser


def open_train_page(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name="Train")).to_be_visible(timeout=30_000)


def served_folders(temp) -> list:
    return sorted(temp.glob("fashion-lab-live-*"))


def test_the_next_server_removes_what_a_killed_one_left(page: Page, tmp_path):
    temp, models = tmp_path / "temp", tmp_path / "models"
    temp.mkdir()
    with streamlit_server(models, TMPDIR=str(temp)) as url:
        open_train_page(page, url)
        assert soon(lambda: served_folders(temp))
        (left,) = served_folders(temp)  # fashion-lab-live-<server pid>-<random>
        os.kill(int(left.name.split("-")[3]), signal.SIGKILL)  # no exit handler runs
    half_saved = models / ".tmp-cnn-5ep-20261129-101500-0123abcd"
    half_saved.mkdir(parents=True)
    (half_saved / "weights.npz").write_bytes(b"cut short")
    os.utime(half_saved / "weights.npz", (time.time() - 3600,) * 2)
    os.utime(half_saved, (time.time() - 3600,) * 2)
    assert left.exists()
    with streamlit_server(models, TMPDIR=str(temp)) as url:
        open_train_page(page, url)
        assert soon(lambda: served_folders(temp) and served_folders(temp) != [left])
        (current,) = served_folders(temp)
        assert current != left and not left.exists()
        assert not half_saved.exists()
