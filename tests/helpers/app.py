"""The app headless (Streamlit's AppTest): the whole app, or one page's render function alone."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
PAGES = {  # url path -> (module, render function), as streamlit_app.py registers them
    "train": ("train.page", "render_train"),
    "inside": ("inside.page", "render_inside"),
    "learned": ("learned.page", "render_learned"),
    "classify": ("classify.page", "render_classify"),
    "compare": ("compare.page", "render_compare"),
    "models": ("models.page", "render_models"),
}


def open_app(page: str | None = None) -> AppTest:
    """The whole app (default page), or one page's render function on its own."""
    if page is None:
        return AppTest.from_file(APP, default_timeout=60).run()
    module, function = PAGES[page]
    script = f"from components.{module} import {function}\n{function}()\n"
    return AppTest.from_string(script, default_timeout=60).run()
