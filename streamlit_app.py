"""Fashion-MNIST Lab: why convolutional networks beat dense networks on images."""

import streamlit as st

from components.classify.page import render_classify
from components.compare.page import render_compare
from components.inside.page import render_inside
from components.language import N_, _, render_language_style, render_language_switch, settle_language
from components.learned.page import render_learned
from components.models.page import render_models
from components.resources import remove_store_leftovers
from components.room.page import render_room
from components.room.play import render_play
from components.runtime_fixes import (
    keep_keras_session,
    load_keras_in_background,
    read_unreadable_widget_values_as_none,
)
from components.talk_mode import render_talk_switch, talk_mode_asked
from components.train.page import render_train
from components.training_jobs import start_training_backend
from components.training_status import render_training_status

keep_keras_session()
read_unreadable_widget_values_as_none()

settle_language()  # before any text: the page titles below are in it
talk = talk_mode_asked()  # a projector: the pages in a bar on top, the sidebar folded away
st.set_page_config(
    page_title="Fashion-MNIST Lab",
    page_icon="👕",
    layout="wide",
    initial_sidebar_state="collapsed" if talk else "auto",
)
remove_store_leftovers()

PAGES = [  # (render function, title, material icon, url path)
    (render_train, N_("Train"), "model_training", "train"),
    (render_inside, N_("Inside the CNN"), "biotech", "inside"),
    (render_learned, N_("How they learned"), "timeline", "learned"),
    (render_classify, N_("Classify"), "draw", "classify"),
    (render_compare, N_("Compare"), "compare", "compare"),
    (render_models, N_("Models"), "inventory_2", "models"),
    (render_room, N_("Room"), "groups", "room"),
]
navigation = st.navigation(
    [
        st.Page(render, title=_(title), icon=f":material/{icon}:", url_path=path, default=index == 0)
        for index, (render, title, icon, path) in enumerate(PAGES)
    ]
    + [st.Page(render_play, title=_("Join"), icon=":material/draw:", url_path="play", visibility="hidden")],
    position="top" if talk else "sidebar",
)
if navigation.url_path != "play":  # the phones' page has no sidebar, and speaks the room's language
    render_language_style()
    render_language_switch()
    render_talk_switch()
if navigation.url_path not in ("", "play"):  # the Train page (the default, at "/") shows the run itself
    with st.sidebar:
        render_training_status()
navigation.run()
load_keras_in_background()
start_training_backend()
