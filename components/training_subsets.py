"""The choices of training images offered by the Train page and the race."""

from components.language import N_

# label -> training images (None: all 60,000). The English label is the widget's value (a
# selectbox's option, kept across languages): show it with format_func=_ (components.language).
SUBSETS = {
    N_("all 60,000 images"): None,
    N_("10,000 images (quick run)"): 10_000,
    N_("3,000 images (demo in seconds)"): 3_000,
}
