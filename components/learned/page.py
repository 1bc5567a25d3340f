"""How they learned: a dense network's and a CNN's first layers replayed through training, side by
side, with a scrubber and Play (fashion_lab/training/snapshots.py records what it shows)."""

from __future__ import annotations

import time

import streamlit as st

from components.language import _, class_name, ngettext
from components.learned.keys import ALL_UNITS, CNN_MODEL, DENSE_MODEL, PLAY, PROBE, SCRUB
from components.learned.replay_views import SHOWN_UNITS, render_accuracy, render_cnn, render_dense
from components.resources import available_test_images, get_store, learning_record
from components.state import REPLAY_STEPPED, kept, talk_mode
from fashion_lab.analysis.replay import timeline
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.models.registry import is_convolutional

# The flat dense network and the classic CNN, of one size (~800,000 parameters), when installed:
# the flat network's units are pictures of the whole frame (the classic dense one's see a row)
DEFAULTS = {False: "bundled-dense-wide", True: "bundled-cnn"}
PROBE_DEFAULT = CLASS_NAMES.index("Ankle boot")
PACE = {False: 1.0, True: 1.5}  # seconds a step of Play shows, on a laptop and on a projector


def render_learned() -> None:
    st.title(_("How they learned"))
    if not talk_mode():
        st.caption(
            _(
                "Every training run keeps snapshots of its first layer: at the start, after its first "
                "batches and at the end of each epoch (20 at most). Slide through them, or press Play. "
                "Left, the dense network's weights as pictures of the frame; in the middle, the CNN's "
                "3x3 kernels and what they make of one image. Probes: one test image of each class. "
                "*Models* picks the two networks and the image."
            )
        )
    models = [m for m in get_store().models() if "learning_sha256" in m.meta]
    families = [[m for m in models if is_convolutional(m.architecture) == kind] for kind in (False, True)]
    if not all(families):
        st.info(
            _(
                "A replay needs a dense network and a CNN trained by this version of the app (every run "
                "records one): train one of each on the Train page, or install the bundled models."
            )
        )
        return
    images = available_test_images()
    if images is None:
        return
    # Everything below is one fragment: Play reruns it alone, every PACE seconds
    playing = REPLAY_STEPPED.get() is not None
    st.fragment(run_every=PACE[talk_mode()] if playing else None)(_render_replay)(families, images)


def _pick(where, label: str, key: str, entries: list):
    """A model of one family with a replay, kept across pages; its entry."""
    names = [e.name for e in entries]
    default = DEFAULTS[is_convolutional(entries[0].architecture)]
    shown, keep = kept(key, default if default in names else names[0])
    index = names.index(shown) if shown in names else 0  # kept, unless deleted since
    return entries[names.index(where.selectbox(label, names, index, key=key, on_change=keep))]


def _picks(where, families) -> tuple:
    """The two models and the probe image whose maps are shown."""
    dense = _pick(where, _("Dense network"), DENSE_MODEL, families[0])
    cnn = _pick(where, _("CNN"), CNN_MODEL, families[1])
    probe = where.selectbox(
        _("Image the kernels see"), range(len(CLASS_NAMES)), PROBE_DEFAULT, class_name, key=PROBE
    )
    return dense, cnn, probe


def _advance(positions: list[float]) -> None:
    """Play's step: the next point once the last has shown for a step's time (a rerun of the
    whole page, a pick, comes between the fragment's), or the end of Play at the last point."""
    if time.monotonic() - REPLAY_STEPPED.get() < 0.8 * PACE[talk_mode()]:
        return
    at = st.session_state.get(SCRUB)
    index = positions.index(at) if at in positions else -1
    if index + 1 < len(positions):
        st.session_state[SCRUB] = positions[index + 1]
        REPLAY_STEPPED.set(time.monotonic())
    else:
        REPLAY_STEPPED.set(None)
        st.rerun()  # the whole page: its fragment stops running every few seconds


def _play_or_pause(positions: list[float]) -> None:
    """Play (from the start when at the end) or Pause."""
    if REPLAY_STEPPED.get() is not None:
        REPLAY_STEPPED.set(None)
        return
    if st.session_state.get(SCRUB) == positions[-1]:
        st.session_state[SCRUB] = positions[0]
    REPLAY_STEPPED.set(time.monotonic())


def _render_replay(families, images) -> None:
    talk = talk_mode()
    # the picks wait in a popover beside the scrubber: Play and the pictures share the first screen
    picks, slider, button = st.columns([2, 7, 1.4], vertical_alignment="center")
    dense, cnn, probe = _picks(picks.popover(_("Models"), icon=":material/tune:"), families)
    records = [learning_record(dense), learning_record(cnn)]
    if None in records:
        return
    # the slider's values are the points' positions (epochs), the same in every language; it
    # shows their labels
    labels = dict(timeline(records))
    positions = list(labels)
    if st.session_state.get(SCRUB) not in positions:
        st.session_state[SCRUB] = positions[-1]  # what they learned, until someone scrubs
    playing = REPLAY_STEPPED.get() is not None
    if playing:
        _advance(positions)
    position = slider.select_slider(
        _("Point in training"),
        positions,
        format_func=labels.__getitem__,
        key=SCRUB,
        label_visibility="collapsed",
    )
    pressed = button.button(
        _("Pause") if playing else _("Play"),
        key=PLAY,
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=_play_or_pause,
        args=(positions,),
    )
    if pressed:
        st.rerun()  # the whole page: its fragment runs every few seconds while Play is on
    dense_view, cnn_view, curve = st.columns([1, 1, 1] if talk else [5, 5, 4])
    with dense_view:
        show_all = not talk and st.session_state.get(ALL_UNITS, False)
        render_dense(dense, records[0], position, show_all)
        kept_units = records[0]["units"].shape[1]
        if not talk and kept_units > SHOWN_UNITS:
            label = ngettext(
                "All {count} unit the replay keeps", "All {count} units the replay keeps", kept_units
            )
            st.checkbox(label.format(count=kept_units), key=ALL_UNITS)
    with cnn_view:
        render_cnn(cnn, records[1], position, images, probe)
    with curve:
        render_accuracy([dense, cnn], position, records[1], images)
