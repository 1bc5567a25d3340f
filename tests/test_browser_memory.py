"""The app's Streamlit settings free what a crashed script run held (issue 14, item 9)."""

from __future__ import annotations

import pytest
from helpers.waiting import soon
from playwright.sync_api import Page, expect

from tools.app_server import streamlit_server

pytestmark = pytest.mark.browser

# A page that crashes while a reference cycle holds 100 MB: its traceback holds its frames, the
# frames the cycle. Automatic collection is off in this server, so only the collection that
# Streamlit runs after each script run (runner.postScriptGC in .streamlit/config.toml) frees it:
# after the next run (of any tab), as Streamlit still holds the exception while it collects after
# the run that raised it.
CRASHING_PAGE = """
import gc
import weakref

import streamlit as st

gc.disable()


class Big:
    def __init__(self):
        self.me, self.data = self, bytearray(100_000_000)


def crash():
    big = Big()
    weakref.finalize(big, open, {freed!r}, "w")
    raise RuntimeError("boom")


crash()
"""


def test_what_a_crashed_run_held_is_freed_after_the_run(page: Page, tmp_path):
    freed = tmp_path / "freed"
    script = tmp_path / "crashing_page.py"
    script.write_text(CRASHING_PAGE.format(freed=str(freed)))
    with streamlit_server(tmp_path / "models", script=str(script)) as url:
        for _ in range(2):  # the crash, then the next run
            page.goto(url)
            expect(page.get_by_test_id("stException")).to_have_count(1, timeout=30_000)
        assert soon(freed.exists, seconds=10), "the crashed run's 100 MB is still held"
