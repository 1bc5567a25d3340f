"""The join page for phones (/play): draw the garment asked for, send it, see both answers; or
Guess 10, the room against the models (components/room/quiz.py)."""

from __future__ import annotations

import streamlit as st

from components.canvas_data import canvas_picture, checked_drawing, has_strokes, read_canvas
from components.image_views import tile
from components.language import N_, _, class_name
from components.model_picker import model_label
from components.room.drafts import get_drafts
from components.room.keys import (
    ACTIVITY,
    AGAIN,
    CLEAR,
    DRAW_CANVAS,
    DRAW_CLASS,
    HEAD,
    OFFLINE,
    SEND,
    TURN,
    TURN_ANSWERS,
    TURN_ASKED,
    TURN_BUTTONS,
    TURN_CANVAS,
)
from components.room.person import asked_class, heartbeat, this_person
from components.room.quiz import render_quiz
from components.room.room_language import follow_the_room, rerun_if_the_room_switched
from components.room.shared import classic_models, get_room
from components.session_values import SentDrawing
from components.state import (
    PHONE_ID,
    PLAY_ASKED,
    PLAY_CLEARED,
    PLAY_DRAFT,
    PLAY_DRAFT_KEPT,
    PLAY_ROUND,
    PLAY_SENT,
    is_fragment_run,
    kept,
)
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.images.decoding import ImageError
from fashion_lab.images.drawings import preprocess_drawing
from fashion_lab.room.database import RoomDatabaseError
from fashion_lab.room.drawings import send_drawing
from fashion_lab.room.limits import RoomFull, TooManyDrawings
from fashion_lab.room.moderation import NotTaken

CANVAS_SIDE, BRUSH = 280, 18
DRAW, GUESS = N_("✏️ Draw"), N_("🔎 Guess 10")  # the values kept; shown translated
PHONE_PAGE = """<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'],
[data-testid='stExpandSidebarButton'] {display: none}
[data-testid='stMainBlockContainer'] {max-width: 32rem; padding: 4rem 1rem 2rem}
[data-testid='stMainBlockContainer'] button {min-height: 2.75rem}
div:has(> .st-key-play_head) {display: none}
@media (min-width: 800px) and (min-height: 600px) {html {font-size: 22px}}
@media (orientation: landscape) and (max-height: 500px) {
  [data-testid='stHeader'] {display: none}
  [data-testid='stMainBlockContainer'] {max-width: 48rem; padding-top: 0.5rem}
  .st-key-play_turn {display: grid; grid-template-columns: auto 1fr; column-gap: 1rem;
    grid-template-areas: "canvas asked" "canvas buttons"; align-content: start}
  .st-key-play_turn > * {grid-column: 2}  /* a warning, below Send: still beside the canvas */
  .st-key-play_turn > :has(.st-key-play_turn_canvas) {grid-area: canvas}
  .st-key-play_turn > :has(.st-key-play_turn_asked) {grid-area: asked}
  .st-key-play_turn > :has(.st-key-play_turn_buttons) {grid-area: buttons}
  .st-key-play_turn_answers {flex-direction: row; column-gap: 2rem}
}
div:has(> .st-key-play_offline) {display: none}
body.offline div:has(> .st-key-play_offline),
[data-testid='stApp']:not([data-test-connection-state='CONNECTED']) div:has(> .st-key-play_offline) {
  display: flex; position: fixed; bottom: 1rem; left: 0.5rem; right: 0.5rem; z-index: 1000000}
body.offline [data-testid='stMainBlockContainer'] button,
[data-testid='stApp']:not([data-test-connection-state='CONNECTED'])
  [data-testid='stMainBlockContainer'] button {pointer-events: none; opacity: 0.4}
</style>"""  # a phone's page: no sidebar, one narrow column, tap targets of 44 px at least, no room
# taken by the page's own styles and scripts (HEAD); on a projector, large text; a phone held
# landscape (844x390) keeps a phone's text, and its turn (the keyed containers of _draw) is laid out
# in two columns: the canvas, and beside it the class asked for above Clear and Send, all on one
# screen; once sent, the two answers side by side.
# Without a connection (the browser offline, or Streamlit's connection lost) a notice stays at the bottom
# and no button takes a tap: a Send then would be lost, and the canvas keeps the drawing meanwhile.
WATCH_THE_CONNECTION = """<script>
if (!window.fashionLabWatchesTheConnection) {
  const mark = () => document.body.classList.toggle("offline", !navigator.onLine);
  addEventListener("online", mark);
  addEventListener("offline", mark);
  mark();
  window.fashionLabWatchesTheConnection = true;
}
</script>"""


def render_play() -> None:
    """The page around one turn; a phone's Send and Draw another rerun only the turn."""
    with st.container(key=HEAD):  # one block, whatever it holds: the turn below never moves (HEAD)
        follow_the_room()  # before any text: the phones speak the room's language
        st.html(PHONE_PAGE)
        st.html(WATCH_THE_CONNECTION, unsafe_allow_javascript=True)
        this_person()
    st.container(key=OFFLINE).warning(
        _("No connection: your drawing stays here. Send and the answers wait until it is back."), icon="📶"
    )
    heartbeat()
    shown, keep = kept(ACTIVITY, DRAW)
    activity = st.segmented_control(
        _("Activity"),
        [DRAW, GUESS],
        format_func=_,
        default=shown,
        required=True,
        key=ACTIVITY,
        on_change=keep,
        width="stretch",
        label_visibility="collapsed",  # the two choices say it; a landscape phone needs the height
    )
    if activity == GUESS:
        render_quiz()
    else:
        _turn()


@st.fragment
def _turn() -> None:
    """The class to draw, a canvas for a finger, Send; once sent, both answers and Draw another."""
    rerun_if_the_room_switched()
    turn = PLAY_ROUND.get()  # a new turn: a new, empty canvas
    if not _sent(turn):
        _draw(turn)  # a Send that reached the board runs the turn again: the answers take its place
        return
    _show_answers(PLAY_SENT.get())
    st.button(_("Draw another"), type="primary", key=AGAIN.format(turn), width="stretch", on_click=_next_turn)


def _draw(turn: int) -> None:
    """The class asked for, the canvas and Send; Send stores the turn's answers."""
    if PLAY_ASKED.get() is None:  # a new turn, or this person back after a reload
        person = PHONE_ID.get()
        PLAY_ASKED.set(asked_class(person, get_room().sent_since(person, 0)))
    with st.container(key=TURN):
        _draw_parts(turn)


def _draw_parts(turn: int) -> None:
    person, canvas_key = PHONE_ID.get(), DRAW_CANVAS.format(turn, PLAY_CLEARED.get())
    if canvas_key not in st.session_state:  # the canvas mounts now: with this person's draft, if any
        PLAY_DRAFT.set(get_drafts().get(person))
        if (draft := PLAY_DRAFT.get()) is not None:
            PLAY_ASKED.set(draft.asked)  # the class it was drawn for
    draft = PLAY_DRAFT.get()
    asked_part, canvas_part = st.container(key=TURN_ASKED), st.container(key=TURN_CANVAS)
    asked = asked_part.selectbox(
        _("Draw a"),
        range(len(CLASS_NAMES)),
        index=PLAY_ASKED.get(),
        format_func=class_name,
        key=DRAW_CLASS.format(turn),
    )
    asked_part.caption(_("Draw the whole garment with a finger: an outline is filled."))
    with canvas_part:
        canvas = read_canvas(
            canvas_key,
            stroke_width=BRUSH,
            stroke_color="white",
            background_color="black",
            height=CANVAS_SIDE,
            width=CANVAS_SIDE,
            drawing_mode="freedraw",
            initial_drawing=draft.objects if draft else None,
            return_image_data=True,
        )
    pixels, unreadable = canvas_picture(canvas, CANVAS_SIDE)
    objects = checked_drawing(canvas.json_data) if canvas else None
    if pixels is None and draft is not None and objects in (None, draft.objects):  # restored, untouched
        pixels = draft.pixels()
    elif objects and has_strokes(pixels):  # a stroke came: the draft a reload brings back
        kept_now = (canvas_key, asked, len(objects["objects"]))
        if PLAY_DRAFT_KEPT.get() != kept_now:  # once per stroke, not on every rerun (Send's too)
            get_drafts().keep(person, asked, objects, pixels)
            PLAY_DRAFT_KEPT.set(kept_now)
    if unreadable:  # what a crafted client sent
        st.warning(_("That drawing could not be read: draw again."))
    ready = unreadable or has_strokes(pixels)  # Send waits until the strokes have reached the server
    buttons = st.container(horizontal=True, wrap=False, key=TURN_BUTTONS)  # side by side, a phone's too
    buttons.button(_("Clear"), key=CLEAR.format(turn), on_click=_clear, disabled=not ready)
    if buttons.button(_("Send"), type="primary", key=SEND.format(turn), width="stretch", disabled=not ready):
        problem = _send(pixels, asked, turn)
        if problem is None:  # on the board: the turn again, with the answers in the canvas's place
            st.rerun(scope="fragment" if is_fragment_run() else "app")
        else:
            say, why = problem
            say(why)


def _clear() -> None:
    """A new, empty canvas for this turn (the canvas's own toolbar is not there on a phone)."""
    PLAY_CLEARED.set(PLAY_CLEARED.get() + 1)
    get_drafts().drop(PHONE_ID.get())


def _next_turn() -> None:
    """A new turn (a new, empty canvas), asking for a new random class; before the run draws it."""
    PLAY_ROUND.set(PLAY_ROUND.get() + 1)
    PLAY_ASKED.take()  # the next class, drawn for the next drawing


def _sent(turn: int) -> bool:
    sent = PLAY_SENT.get()
    return sent is not None and sent.turn == turn


def _send(pixels, asked: int, turn: int):
    """Send the drawing; None when it went to the board, else (st.error or st.warning, why)."""
    if pixels is None:  # Send is enabled for what came and is no picture: say so
        return st.error, _("That drawing could not be read (not a picture of this canvas): draw again.")
    pairs = classic_models(drawing=True)
    if len(pairs) < 2:
        return st.error, _("The room's models are not ready: ask the presenter.")
    try:
        result = preprocess_drawing(pixels)
    except ImageError:  # strokes too faint to see (what a crafted client may send)
        return st.error, _("Nothing to see in that drawing: draw again, in white.")
    try:
        models = [model for _entry, model in pairs]
        phone, address = PHONE_ID.get(), st.context.ip_address
        answers = send_drawing(
            get_room(), phone, asked, result.pixels, CANVAS_SIDE, models, views=result.inputs, address=address
        )
    except (TooManyDrawings, RoomFull, NotTaken, RoomDatabaseError) as error:
        return st.warning, str(error)
    except ValueError as error:  # a drawing of no class, or the server's limit set to nonsense
        return st.error, _("Not sent: {error}.").format(error=error)
    get_drafts().drop(phone)
    labels = [model_label(entry) for entry, _model in pairs]
    PLAY_SENT.set(SentDrawing(turn, asked, result.pixels, list(zip(labels, answers, strict=True))))
    return None


def _show_answers(sent: SentDrawing) -> None:
    """Your drawing as both networks saw it and what each answered; it is on the board."""
    st.success(_("Sent to the board."))
    row = st.container(horizontal=True, wrap=False, vertical_alignment="center")  # a phone's too
    caption = _("your {garment}, as they saw it").format(garment=class_name(sent.asked))
    row.image(tile(sent.seen, side=112), caption=caption, width=112)
    answers = row.container(key=TURN_ANSWERS)  # beside each other on a phone held landscape
    for label, (answer, confidence) in sent.answers:
        said = _("right: {answer}") if answer == sent.asked else _("wrong: {answer}")
        sure = _("{percent} sure").format(percent=f"{confidence:.0%}")
        answers.metric(
            label, said.format(answer=class_name(answer)), sure, delta_color="off", delta_arrow="off"
        )
