"""Charts the back row reads (issue 40, item 7): in talk mode text of 24 px at least and lines of
4 px; training and test curves told apart by dash as well as shade; the classes' colours never a
family's orange or blue."""

from __future__ import annotations

from components.chart_style import chart_config
from components.palette import CLASS_COLOURS, SHADES
from components.train.charts import chart_specs
from fashion_lab.data.fashion_mnist import CLASS_NAMES


def test_talk_mode_text_is_24_px_at_least_and_lines_4_px():
    config = chart_config(talk=True)
    sizes = [
        config["axis"]["labelFontSize"],
        config["axis"]["titleFontSize"],
        config["legend"]["labelFontSize"],
    ]
    sizes += [config["title"]["fontSize"], config["title"]["subtitleFontSize"], config["text"]["fontSize"]]
    assert min(sizes) >= 24 and config["line"]["strokeWidth"] >= 4
    assert config["axis"]["labelLimit"] == 0 and config["legend"]["labelLimit"] == 0  # never cut


def test_training_and_test_curves_differ_by_dash_not_only_shade():
    for architecture in ("dense", "cnn"):
        for metric, spec in chart_specs(10, architecture).items():
            dash = spec["encoding"]["strokeDash"]["scale"]
            dashes = dict(zip(dash["domain"], dash["range"], strict=True))
            assert dashes[metric] != dashes[f"val_{metric}"], (architecture, metric)


def test_the_classes_colours_are_ten_and_none_is_a_familys():
    family = {colour.lower() for shades in SHADES.values() for colour in shades}
    assert len(set(CLASS_COLOURS)) == len(CLASS_NAMES) and not family & {c.lower() for c in CLASS_COLOURS}
