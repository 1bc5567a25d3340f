"""The room page (/room): the join address and its QR code, the phones in the room, the board
of the newest drawings with both models' answers, the scoreboard; the presenter's controls with
the key (typed once per server start in the sidebar, then remembered by that browser: see
components/room/presenter.py; never in the address, where the browser's history and every
request's Referer would keep it)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from components.image_views import tile
from components.language import N_, _, class_name
from components.plain_text import plain
from components.room.every_round import render_every_round
from components.room.join_screen import board_shown, qr_code, render_join_screen, show_the_board
from components.room.keys import BOARD, JOIN_AGAIN, PRESENTER_KEY, ROOM_HEAD
from components.room.moderation import pick_button, render_moderation
from components.room.presenter import recognise_presenter, remember_presenter
from components.room.quiz_board import render_quiz_board
from components.room.room_language import render_room_language
from components.room.shared import get_presenter_key, get_room
from components.state import KEY_REFUSED, PRESENTER, ROOM_CONTROL_ERROR, kept, talk_mode
from components.tables import show_table
from fashion_lab import settings
from fashion_lab.room.database import RoomDatabaseError
from fashion_lab.room.drawings import PRESENT_WINDOW, is_presenter, pixels_of, scoreboard, shares_right
from fashion_lab.room.limits import ADDRESSES, RoomCounts
from fashion_lab.room.network import is_loopback, lan_addresses

BOARDS = (N_("Drawings"), N_("Guess 10"))  # the values stay English; shown: _()
BOARD_SIZE, TALK_BOARD_SIZE = 24, 6  # newest drawings shown (in talk mode: two rows beside the score)


def join_address() -> str:
    """Where phones go: settings.PUBLIC_URL + /play, else the host this browser uses (and a
    bad setting said above the address)."""
    try:
        public = settings.PUBLIC_URL.value()
    except settings.SettingError as error:
        st.warning(str(error))
        public = None
    if public:
        return public + "/play"
    parts = urlsplit(st.context.url or "http://localhost:8501")
    if is_loopback(parts.hostname):
        _say_unreachable(parts)
    return f"{parts.scheme}://{parts.netloc}/play"


def _say_unreachable(parts) -> None:
    """A join address on loopback reaches no phone: say so, with this machine's addresses."""
    port = f":{parts.port}" if parts.port else ""
    choices = [f"`FASHION_LAB_PUBLIC_URL={parts.scheme}://{address}{port}`" for address in lan_addresses()]
    if choices:
        either = choices[0]
        for choice in choices[1:]:
            either = _("{first} or {second}").format(first=either, second=choice)
        warning = _(
            "Phones cannot reach {host}: it is this machine only. "
            "Start the app with {choices}, or open this page at that address."
        ).format(host=parts.hostname, choices=either)
    else:
        warning = _(
            "Phones cannot reach {host}: it is this machine only. "
            "This machine is on no network: see the talk guide, When phones cannot reach the app."
        ).format(host=parts.hostname)
    st.warning(warning)


def render_room() -> None:
    """Join address, QR and phones beside each other; the board below, updated every 2 s."""
    with st.container(key=ROOM_HEAD):  # what comes and goes above the board, in one block (keys.py)
        _presenter_sign_in(_presenter_key())
    if PRESENTER.get():
        render_room_language()
    talk = talk_mode()
    if talk and not board_shown():  # a hall: the join screen first, until Start
        render_join_screen(join_address, get_room)
        return
    address = join_address()
    code, words = st.columns([1, 4] if talk else [1, 2], vertical_alignment="center")
    code.image(qr_code(address), width=130 if talk else 180)
    join = _("Join: {address}").format(address=plain(address))  # the host comes from the browser: plain text
    words.markdown(f"### {join}")
    if not talk:  # on the projector the phones say it; the board keeps the room
        words.markdown(
            _(
                "Draw the garment your phone asks for, then **Send**: "
                "the board shows what both networks see. "
                "Or choose **Guess 10** on the phone: the room against the networks on ten test images."
            )
        )
    shown, keep = kept(BOARD, BOARDS[0])
    boards, back = words.columns([3, 1], vertical_alignment="center") if talk else (words, None)
    if back:  # for latecomers: the join screen again
        back.button(_("Join screen"), key=JOIN_AGAIN, on_click=show_the_board, args=(False,))
    board = boards.segmented_control(  # beside the address: the board keeps the projector's height
        _("Board"),
        BOARDS,
        format_func=_,
        default=shown,
        required=True,
        key=BOARD,
        on_change=keep,
        label_visibility="collapsed",
    )
    _board(board)


def _presenter_key() -> str:
    """The presenter key; "" while the database cannot say (the board still shows, and says why)."""
    try:
        return get_presenter_key()
    except RoomDatabaseError as error:
        st.warning(_("The presenter's controls are off: {error}").format(error=error))
        return ""


def _presenter_sign_in(key: str) -> None:
    """The presenter's key, typed in the sidebar's password box. A key in the address is refused
    and dropped: Back would show it on the projector, and requests carry it as their Referer."""
    if "key" in st.query_params:
        del st.query_params["key"]
        st.warning(
            _(
                "A key in the address stays in the browser's history: "
                "type it in **Presenter key** in the sidebar instead."
            )
        )
    if not key:  # no key could be read: the controls stay off, whatever a cookie says
        return
    recognise_presenter()
    remember_presenter()
    if PRESENTER.get():
        return
    st.sidebar.text_input(
        _("Presenter key"),
        type="password",
        key=PRESENTER_KEY,
        on_change=_check_key,
        args=(key,),
        help=_("`make run` printed it; it opens Hide, Block, Pause and New round in this browser."),
    )
    if KEY_REFUSED.take():
        st.sidebar.error(_("That is not the presenter key."))


def _check_key(key: str) -> None:
    typed = st.session_state[PRESENTER_KEY]
    st.session_state[PRESENTER_KEY] = ""  # the key typed is not kept in the box
    if typed:
        PRESENTER.set(is_presenter(typed, key))
        KEY_REFUSED.set(not PRESENTER.get())


@st.fragment(run_every=2.0)
def _board(board: str) -> None:
    try:
        if board == BOARDS[0]:
            _draw_board(get_room())
        else:
            render_quiz_board(get_room(), PRESENTER.get(), _control)
    except RoomDatabaseError as error:  # PostgreSQL restarted: the next update tries again
        st.warning(_("The board waits for its database: {error}").format(error=error))


def _control(action, *args) -> None:
    """A presenter's Hide or New round; a lost database is said on the board (a callback's own
    message would land at the top of the page), and the click can be repeated."""
    try:
        action(*args)
    except (RoomDatabaseError, ValueError) as error:  # ValueError: e.g. no such round to replay
        ROOM_CONTROL_ERROR.set(_("Not done: {error}").format(error=error))


def _draw_board(room) -> None:
    """Counts; the newest drawings scored; dense against CNN overall and per class. In talk mode
    the drawings and the score sit side by side, so the board fits a 1280x720 projector."""
    if problem := ROOM_CONTROL_ERROR.take():
        st.warning(problem)
    counts = RoomCounts(*room.drawing_counts())
    if notice := counts.presenter_notice(ADDRESSES.refused_in_window()):
        st.warning(notice)
    presenter = PRESENTER.get()
    if presenter:
        render_moderation(room, _control)
    elif room.is_paused():
        st.info(_("Paused: the board takes no new drawing for now."))
    phones = room.phones_since(time.time() - PRESENT_WINDOW)
    score = scoreboard(room)
    st.markdown(
        _("**{phones} phone(s)** in the room · **{drawings}** drawing(s) this round").format(
            phones=phones, drawings=score.count
        )
    )
    talk = talk_mode()
    drawings, scores = st.columns([3, 2], gap="large") if talk else (st.container(), st.container())
    with scores:
        _score(score)
    newest = room.drawings(limit=TALK_BOARD_SIZE if talk else BOARD_SIZE)
    side, columns = (150, drawings.columns(3)) if talk else (112, drawings.columns(8))
    for index, drawing in enumerate(newest):
        with columns[index % len(columns)]:
            caption = _short_caption(drawing) if talk else _caption(drawing)
            st.image(tile(pixels_of(drawing.png), side=side), caption=caption, width=side)
            if presenter:
                pick_button(drawing)
    if presenter:
        st.button(
            _("New round (the board empties; this round is kept)"), on_click=_control, args=(room.new_round,)
        )
    if not talk:
        render_every_round(room)


def _score(score) -> None:
    """Dense against CNN on the round so far, then per class asked for (how many each got right)."""
    if not score.count:
        st.markdown("### " + _("The score appears with the first drawing."))
        return
    dense, cnn = shares_right(score)
    st.markdown("### " + _("Dense {dense} · CNN {cnn}").format(dense=f"{dense:.0%}", cnn=f"{cnn:.0%}"))
    st.markdown(_("right on the room's {count} drawing(s)").format(count=score.count))
    per_class = sorted(score.per_class.items())  # by the English name: the order stays in any language
    asked, drawn, dense_right, cnn_right = _("asked"), _("drawn"), _("dense ✓"), _("CNN ✓")
    rows = [{asked: _(name), drawn: n, dense_right: d, cnn_right: c} for name, (n, d, c) in per_class]
    show_table(pd.DataFrame(rows), {}, asked)


def _short_caption(drawing) -> str:
    """The projector's: what was asked and each model's mark, in two short lines."""
    dense, cnn = ("✓" if right else "✗" for right in (drawing.dense_right, drawing.cnn_right))
    return _("{asked}: dense {dense} CNN {cnn}").format(asked=class_name(drawing.asked), dense=dense, cnn=cnn)


def _caption(drawing) -> str:
    """What was asked and each model's mark; a wrong answer says what it was."""
    dense = "✓" if drawing.dense_right else f"✗ {class_name(drawing.dense_answer)}"
    cnn = "✓" if drawing.cnn_right else f"✗ {class_name(drawing.cnn_answer)}"
    return _("asked {asked} · dense {dense} · CNN {cnn}").format(
        asked=class_name(drawing.asked), dense=dense, cnn=cnn
    )
