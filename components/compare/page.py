"""The Compare page: any stored models side by side (default: the bundled dense and CNN)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.compare.budgets import render_budgets, render_presets
from components.compare.charts import confusion_chart, curves_chart, per_class_chart
from components.compare.gallery import render_gallery
from components.compare.headline import headline
from components.compare.keys import MODELS, NORMALISED, PHOTO_GALLERY, VIEW
from components.compare.projections import render_projections
from components.compare.race import render_race
from components.language import N_, _
from components.model_picker import choose_models, chosen_models, default_models, keep_in_address
from components.photo_lesson import learned_from_real_photos, render_photo_lesson
from components.plain_text import plain
from components.resources import available_test_images, get_store
from components.state import COMPARE_CHOICE, talk_mode
from components.tables import show_table
from fashion_lab.analysis.comparison import row_normalised
from fashion_lab.i18n import LANGUAGES, translations

VIEWS = (N_("Side by side"), N_("Race"))  # the tabs, in English (shown: _())


def _table(entries) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                _("model"): e.name,
                _("architecture"): e.architecture,
                _("parameters"): e.params,
                _("epochs"): e.epochs,
                _("seconds per epoch"): (e.train_seconds or 0) / max(1, e.epochs or 1),
                _("train accuracy"): 100 * (e.history("accuracy") or [float("nan")])[-1],
                _("test accuracy"): 100 * e.test_accuracy,
            }
            for e in entries
        ]
    )


def _views() -> list[str]:
    """The tabs' labels in the shown language. The open tab is kept by its label: one named in
    another language (the language was just switched, or a link was made in it) is renamed here,
    so that it stays open."""
    shown = [_(view) for view in VIEWS]
    named = {
        translations(code).gettext(view): label
        for code in LANGUAGES
        for view, label in zip(VIEWS, shown, strict=True)
    }
    opened = st.session_state.get(VIEW) or st.query_params.get(VIEW)
    if opened in named and opened not in shown:
        st.session_state[VIEW] = named[opened]
    return shown


def render_compare() -> None:
    st.title(_("Compare"))
    side_by_side, race = st.tabs(_views(), key=VIEW, bind="query-params")
    models = get_store().models()
    if side_by_side.open:  # only the open tab's work is done
        with side_by_side:
            _render_side_by_side(models)
    if race.open:
        with race:
            render_race()
        keep_in_address([m.name for m in chosen_models(models, COMPARE_CHOICE)], default_models(models))


def _render_side_by_side(models) -> None:
    if len(models) < 2:
        st.info(_("Two trained models are needed: train them on the Train page (or run `make models`)."))
        return
    talk = talk_mode()
    first, second = st.container(), st.container()
    top, picker = (first, second) if talk else (second, first)  # talk: the message first, on screen
    with picker:
        render_presets(models, MODELS)
        entries = choose_models(MODELS, COMPARE_CHOICE, models)
    if not entries:
        return
    with top:
        if not render_budgets(entries) and len(entries) > 1:
            st.markdown(f"#### {headline(entries)}")
        if learned_from_real_photos(entries):  # the lesson of domain shift, with its numbers
            render_photo_lesson(entries, PHOTO_GALLERY)
        left, right = st.columns(2)
        show_chart(*curves_chart(entries, "val_accuracy", talk), where=left, width="stretch")
        show_chart(*curves_chart(entries, "val_loss", talk), where=right, width="stretch")
    kinds = {_("parameters"): "int", _("seconds per epoch"): "seconds", _("train accuracy"): "percent"}
    show_table(_table(entries), kinds | {_("test accuracy"): "percent"}, _("model"))
    st.subheader(_("Where the mistakes go"))
    normalised = st.toggle(
        _("Share of each true class (row-normalised)"), True, key=NORMALISED, persist_state="session"
    )
    counted = [e for e in entries if e.confusion is not None]
    shown_side_by_side = 2 if talk_mode() else 3  # what fits a 1280 px projector, or a laptop
    matrices = entries[:shown_side_by_side]
    for column, entry in zip(st.columns(len(matrices)), matrices, strict=True):
        if entry.confusion is None:
            column.caption(
                _("{model}: no confusion matrix was stored with this model.").format(model=plain(entry.name))
            )
            continue
        shown = row_normalised(entry.confusion) if normalised else entry.confusion
        show_chart(*confusion_chart(shown, entry, normalised, talk_mode()), where=column)
    if counted:
        show_chart(*per_class_chart(counted), width="stretch")
    if (test_set := available_test_images()) is None:
        return
    render_projections(entries, talk)  # computes only when opened
    if len(entries) >= 2:
        render_gallery(*entries[:2], test_set)
