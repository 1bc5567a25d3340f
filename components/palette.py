"""One colour per model family on every chart: dense networks in oranges, CNNs in blues, several
models of one family in shades of its colour; legends show whole names."""

from __future__ import annotations

from fashion_lab.models.registry import is_convolutional

SHADES = {  # by family, the first model of a family takes the first shade
    False: ["#e6550d", "#fdae6b", "#a63603", "#fd8d3c"],  # dense: oranges
    True: ["#1f5fa8", "#6baed6", "#08306b", "#4292c6"],  # convolutional: blues
}
CONFUSION_SCHEMES = {False: "oranges", True: "blues"}
# The ten classes (Fashion-MNIST's order) in colours that are neither a family's orange nor its
# blue, so that a chart of classes never reads as dense against CNN
CLASS_COLOURS = [
    "#1b9e77",  # T-shirt/top: teal
    "#7570b3",  # Trouser: purple
    "#e7298a",  # Pullover: magenta
    "#66a61e",  # Dress: green
    "#e6ab02",  # Coat: mustard
    "#a6761d",  # Sandal: brown
    "#666666",  # Shirt: grey
    "#d62728",  # Sneaker: red
    "#bcbd22",  # Bag: olive
    "#f781bf",  # Ankle boot: pink
]


def family_colour(architecture: str, shade: int = 0) -> str:
    shades = SHADES[is_convolutional(architecture)]
    return shades[shade % len(shades)]


def model_colours(models: list[tuple[str, str]]) -> dict[str, str]:
    """``{label: colour}`` for (label, architecture) pairs, in order: shades within a family."""
    seen = {False: 0, True: 0}
    colours = {}
    for label, architecture in models:
        family = is_convolutional(architecture)
        colours[label] = family_colour(architecture, seen[family])
        seen[family] += 1
    return colours


def colour_encoding(models: list[tuple[str, str]], field: str = "model") -> dict:
    """A Vega-Lite colour channel giving each model its colour, its legend below, names whole."""
    colours = model_colours(models)
    return {
        "field": field,
        "type": "nominal",
        "scale": {"domain": list(colours), "range": list(colours.values())},
        "legend": {"orient": "bottom", "labelLimit": 0, "title": None, "columns": 2},
    }
