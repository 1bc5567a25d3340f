"""How each chosen model does on real phone photos it never trained on (the repository's, scored
ahead by `make models`), what the numbers say, and what the photo model learned from: under a
photo's answers on Classify, and on Compare (issue 41; docs/photos.md)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from components.image_views import tile
from components.language import N_, _, class_name
from components.plain_text import plain, unbroken
from components.resources import precomputed
from components.state import talk_mode

GALLERY_PER_CLASS = 4
GALLERY_TILE = 44  # px: four of a kind side by side in half the answers' column
# What a model learned from: the English kept and compared, shown translated (_())
REAL_PHOTOS = N_("Fashion-MNIST and real phone photos")
DATASET_ONLY = N_("Fashion-MNIST only")


def training_data(entry) -> str:
    """What the model learned from, in a few words (English: _() shows it)."""
    config = entry.meta.get("config") or {}
    if config.get("real_photos"):
        return REAL_PHOTOS
    if config.get("simulated_photos"):
        return N_("Fashion-MNIST and simulated photos")
    if config.get("drawings") or config.get("sketches"):
        return N_("Fashion-MNIST and drawings")
    return DATASET_ONLY


def verdict(without: tuple, with_photos: tuple) -> str:
    """The sentence the two (entry, score) pairs support, whichever way they go; "the same
    network" only when it is."""
    (plain_entry, plain_score), (photo_entry, photo_score) = without, with_photos
    gain = photo_score - plain_score
    same = plain_entry.architecture == photo_entry.architecture
    scores = {"without": f"{plain_score:.0%}", "with_photos": f"{photo_score:.0%}"}
    if gain >= 0.05:
        if same:
            said = _(
                "The same network, other data: studio shots alone get {without} of real phone photos "
                "right; with phone photos among its training images, {with_photos}. A network knows "
                "the pictures it learned from: a t-shirt on a bed is not a studio shot."
            )
        else:
            said = _(
                "Other data: studio shots alone get {without} of real phone photos right; with phone "
                "photos among its training images, {with_photos}. A network knows the pictures it "
                "learned from: a t-shirt on a bed is not a studio shot."
            )
        return unbroken(said.format(**scores))  # "t-shirt" never broken at its hyphen
    return _(
        "Real phone photos in its training moved the score from {without} to {with_photos}: not "
        "enough to say they helped."
    ).format(**scores)


def learned_from_real_photos(entries: list) -> bool:
    return any(training_data(entry) == REAL_PHOTOS for entry in entries)


def render_photo_lesson(entries: list, gallery_key: str) -> None:
    """Each chosen model's balanced accuracy on the repository's photos, when computed ahead; the
    gallery of what the photo model learned from in a closed section keyed ``gallery_key``."""
    ahead = [(entry, values) for entry in entries if (values := precomputed(entry))]
    if not ahead:
        return
    scored = [(entry, values.photo_accuracy) for entry, values in ahead]
    folders = ahead[0][1].photos
    photos = sum(total for _right, total in folders.values())
    lines = [
        _("**{model}** ({learned_from}): **{score}** right").format(
            model=plain(entry.name), learned_from=_(training_data(entry)), score=f"{score:.0%}"
        )
        for entry, score in scored
    ]
    heading = _(
        "On {photos} phone photos none of them trained on ({kinds} kinds of garment, each counted the same):"
    ).format(photos=photos, kinds=len(folders))
    st.markdown(heading + "\n\n" + "\n".join(f"- {line}" for line in lines))
    without = [s for s in scored if training_data(s[0]) == DATASET_ONLY]
    with_photos = [s for s in scored if training_data(s[0]) == REAL_PHOTOS]
    if without and with_photos:  # the same network when there is one
        without.sort(key=lambda pair: pair[0].architecture != with_photos[0][0].architecture)
        st.markdown(f"**{verdict(without[0], with_photos[0])}**")
    if with_photos and not talk_mode():
        _render_gallery(gallery_key)


@st.cache_resource(show_spinner=False)
def _gallery_images() -> list[tuple[int, list, list]]:
    """(class index, real photos' cut-outs, Fashion-MNIST training images) of each class the photos
    show: the first few of each, read-only (the class named where shown: one cache, any language)."""
    from fashion_lab.data.fashion_mnist import load_dataset
    from fashion_lab.data.photo_cutouts import load_cutouts

    cutouts, data = load_cutouts().part(validation=False), load_dataset()
    rows = []
    for label in sorted(set(cutouts.labels.tolist())):
        real = cutouts.views[cutouts.labels == label][:GALLERY_PER_CLASS, 0]
        studio = data.train_images[np.flatnonzero(data.train_labels == label)[:GALLERY_PER_CLASS]]
        tiles = [tile(p, GALLERY_TILE) for p in (*real, *studio)]
        rows.append((int(label), tiles[: len(real)], tiles[len(real) :]))
    return rows


def _render_gallery(key: str) -> None:
    """A closed section; opened, a few training photos of each class beside the dataset's."""
    from fashion_lab.data.fashion_mnist import DatasetError
    from fashion_lab.data.photo_cutouts import CutoutsError

    section = st.expander(_("What the photo model learned from"), key=key, on_change="rerun")
    with section:
        if not section.open:
            return
        try:
            rows = _gallery_images()
        except (DatasetError, CutoutsError) as error:
            st.caption(_("The pictures cannot be shown: {reason}").format(reason=plain(error)))
            return
        photos, studio_shots = st.columns(2)
        photos.caption(_("Real phone photos, as the pipeline cuts them out"))
        studio_shots.caption(_("Fashion-MNIST's studio shots"))
        for label, real, studio in rows:
            photos, studio_shots = st.columns(2)
            name = unbroken(class_name(label))
            photos.image(real, width=GALLERY_TILE, caption=[name] + [""] * (len(real) - 1))
            studio_shots.image(studio, width=GALLERY_TILE)
