"""A running job's live panel: its progress as a JSON feed, drawn by a small page in the browser.

Redrawing the panel through Streamlit (a fragment rerun every second: progress bar, two Vega
charts) kept Chromium busy 9-10% of a core, and on a 2-core machine a model training next to the
browser lost about as much of its speed. Here the page does not rerun while a model trains: a
thread writes the job's progress to a file every second and our component
(components/train/live_frontend) fetches it every 2 seconds and inserts the new points into its Vega
views (every second cost the browser twice as much: ~3% of a core against ~1.5%).
"""

from __future__ import annotations

import json
import os
import secrets
import threading
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as st_components

from components.chart_style import chart_config
from components.language import _, shown_language
from components.train.charts import chart_rows, chart_specs
from components.train.keys import PANEL
from components.train.live_folder import create_served_folder, write_private
from components.train.live_texts import describe_progress, latest_first_layer
from fashion_lab.i18n import SOURCE_LANGUAGE, speaking
from fashion_lab.training.progress import SMOOTHING, job_progress

WRITE_SECONDS = 1.0
UNWATCHED_CHECKS = 5  # once the job ended: whether its tab is still open, every 5 writes' time
# The empty frame (height 0) still took a line and a gap of the page: it keeps its width (the
# charts inside are laid out for it) but no height, and a negative margin takes back the gap.
EMPTY_PANEL_TAKES_NO_ROOM = (
    f"<style>.st-key-{PANEL}:has(iframe[height='0']) "
    "{height: 0; overflow: hidden; visibility: hidden; margin-bottom: -1rem}</style>"
)


@st.cache_resource(show_spinner=False)
def _served_folder() -> tuple[Path, Any]:
    """A folder of this server's own, served as the component (its page plus the feeds), so
    feeds are never written into the source tree (components/train/live_folder.py)."""
    folder = create_served_folder()
    return folder, st_components.declare_component("live_panel", path=str(folder))


class LiveFeed:
    """Writes ``job``'s progress to ``folder``/feed-<random token>.json until the job has ended.

    The token is the only way to the file: another tab cannot guess its way to this run.
    ``smoothing`` (of the batch-loss curve) may be changed at any time; the next write then
    carries a new revision and the browser replaces its points instead of adding to them.
    ``language``: that of the texts it writes (its tab's; the tab may switch it at any time).
    """

    def __init__(
        self, job, folder: Path, interval: float = WRITE_SECONDS, place_of=None, watched=None
    ) -> None:
        self.job = job
        self.place_of = place_of or (lambda job: None)  # where the job waits in line, if it does
        self.watched = watched  # whether its tab is still open: once ended and closed, the file goes
        self.name = f"feed-{secrets.token_urlsafe(16)}.json"
        self.path = folder / self.name
        self.interval = interval
        self.smoothing = SMOOTHING
        self.language = SOURCE_LANGUAGE
        self._revision, self._written_smoothing = 0, SMOOTHING
        self._ended = threading.Event()
        self._thread = threading.Thread(target=self._run, name="live-feed", daemon=True)

    def start(self) -> LiveFeed:
        """Write the feed now (the panel's first fetch finds it), then every ``interval``."""
        self.write(self.job.state.done)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop writing and remove the file (a new run of this tab replaces it)."""
        self._ended.set()
        self._thread.join(timeout=5)
        self.path.unlink(missing_ok=True)

    def _run(self) -> None:
        while not self._ended.is_set():
            self.job.join(self.interval)  # every interval, and at once when the job ends
            if self._ended.is_set():
                return
            ended = self.job.state.done  # read before the events: they then hold the outcome
            self.write(ended)
            if ended:
                break
        if self.watched is None:
            return
        while not self._ended.wait(self.interval * UNWATCHED_CHECKS):  # the tab shows the outcome
            if not self.watched():  # its tab closed: nobody will close this feed
                self.path.unlink(missing_ok=True)
                return

    def write(self, ended: bool) -> None:
        """Replace the feed file at once (write aside, then rename): a reader never sees half."""
        smoothing = self.smoothing
        if smoothing != self._written_smoothing:
            self._revision, self._written_smoothing = self._revision + 1, smoothing
        job = self.job
        progress = job_progress(job, smoothing)
        with speaking(self.language):  # this thread has no tab to ask
            payload = {
                "revision": self._revision,
                "name": job.config.architecture,
                "text": describe_progress(progress, job, self.place_of(job)),
                "fraction": progress.fraction,
                "outcome": progress.outcome if ended else None,
                "charts": chart_rows(progress),
                "first_layer": latest_first_layer(job),
            }
        aside = self.path.with_suffix(".writing")
        write_private(aside, json.dumps(payload))
        os.replace(aside, self.path)


def start_live_feed(job, place_of=None, watched=None) -> LiveFeed:
    """A feed for ``job`` in this server's served folder, writing from now on in this tab's
    language; ``place_of(job)`` says where it waits in line (a JobRegistry's ``place``);
    ``watched()`` whether its tab is open (once the job has ended and the tab closed, the feed
    removes its file)."""
    folder, _component = _served_folder()
    feed = LiveFeed(job, folder, place_of=place_of, watched=watched)
    feed.language = shown_language()
    return feed.start()


def render_live_panel(feed: LiveFeed | None, epochs: int, architecture: str, talk: bool) -> None:
    """The component: it polls ``feed`` (often once Stop was pressed, so the outcome shows as soon
    as it is saved) and, once its job has ended, reruns the page. With no feed it is an empty frame
    holding the charts of a run of ``epochs`` of ``architecture`` ready to be filled, so pressing
    Train costs the browser no chart building while the model begins to train."""
    _folder, live_panel = _served_folder()
    run = (feed.job.config.epochs, feed.job.config.architecture) if feed else (epochs, architecture)
    live_panel(
        feed=feed.name if feed else None,
        stopping=bool(feed and feed.job.stop_requested),
        specs=chart_specs(*run),
        config=chart_config(talk),
        talk=talk,
        language=shown_language(),
        texts={"preparing": _("preparing..."), "progress": _("training progress")},
        key=PANEL,
        default=None,
    )
    st.html(EMPTY_PANEL_TAKES_NO_ROOM)
