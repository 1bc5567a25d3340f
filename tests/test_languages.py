"""The catalogues: every string the app shows is in each language's, translated, compiled; no
string reaches a page unmarked; the Korean font has every character the catalogue uses."""

from __future__ import annotations

import ast
import gettext
import io
import re
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from fashion_lab.i18n import LANGUAGES, best_language, environment_language, translations
from fashion_lab.i18n.fonts import KOREAN_FONT
from tools.translations import ROOT, TRANSLATED, catalogue_path, messages_in, untranslated

# What the web font is asked for (.streamlit/config.toml's unicodeRange): Hangul, CJK punctuation
HANGUL = re.compile("[\u1100-\u11ff\u3000-\u303f\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
# The calls that put their text on a page: the first argument (or a list of them), label=, help=...
SHOWN_BY = {
    "title", "header", "subheader", "caption", "markdown", "text", "write", "button", "toggle",
    "checkbox", "radio", "selectbox", "multiselect", "slider", "select_slider", "number_input",
    "text_input", "text_area", "file_uploader", "info", "warning", "error", "success", "toast",
    "expander", "metric", "download_button", "segmented_control", "pills", "tabs", "progress",
    "popover", "form_submit_button", "Page", "status", "spinner", "link_button", "page_link",
}  # fmt: skip
SHOWN_KEYWORDS = {"label", "help", "placeholder", "caption", "title", "text", "body"}
UI_SOURCES = [ROOT / "streamlit_app.py", *sorted((ROOT / "components").rglob("*.py"))]


def catalogue(language: str):
    with open(catalogue_path(language), "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_the_app_marks_is_translated(language):
    missing = untranslated(language)
    where = catalogue_path(language).relative_to(ROOT)
    assert not missing, (
        f"{len(missing)} strings lack a {language} translation (run python -m tools.translations, "
        f"then translate them in {where}): {missing[:10]}"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_the_source_catalogue(language):
    """The .mo the app reads says what the .po says (python -m tools.translations compiles it)."""
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(language))
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with open(catalogue_path(language, "mo"), "rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == fresh._catalog, "the .mo is stale: run python -m tools.translations"


def fields(text: str) -> set[str]:
    """The names of ``text``'s str.format fields; ValueError for a stray brace, as .format() raises."""
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language):
    """A {name} left out, misspelt or added, or a stray brace, would raise or show a wrong number."""
    wrong = []
    for message in catalogue(language):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            try:
                if fields(string) != fields(sources[-1]):
                    wrong.append((sources[0], string))
            except ValueError as error:
                wrong.append((sources[0], f"{string} ({error})"))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("text", ["{count} drawings}", "{count drawings", "{count} {total}"])
def test_the_placeholder_check_finds_a_broken_translation(text):
    with pytest.raises((ValueError, AssertionError)):
        assert fields(text) == {"count"}


def unmarked_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of every literal text a Streamlit call shows that is not inside _()."""

    def is_text(node) -> bool:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return bool(re.search(r"[A-Za-z]{2}", node.value)) and not node.value.lstrip().startswith("<")
        if isinstance(node, ast.JoinedStr):
            return any(is_text(part) for part in node.values if isinstance(part, ast.Constant))
        if isinstance(node, ast.List | ast.Tuple):
            return any(is_text(item) for item in node.elts)
        return False

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SHOWN_BY:
            shown = node.args[:1] + [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
            found += [(node.lineno, ast.unparse(arg)[:70]) for arg in shown if is_text(arg)]
    return found


def test_no_page_shows_a_text_the_catalogue_does_not_have():
    unmarked = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in UI_SOURCES
        for line, text in unmarked_texts(path.read_text())
    ]
    assert not unmarked, "wrap these in _() (fashion_lab/i18n):\n" + "\n".join(unmarked)


@pytest.mark.parametrize(
    "line, unmarked",
    [
        ('st.button("Send")', True),
        ('st.sidebar.caption(f"{n} drawings so far")', True),
        ('col.toggle(_("Talk mode"), help="Large text")', True),
        ('st.tabs(["Draw", _("Guess")])', True),
        ('st.button(_("Send"))', False),
        ('st.caption(_("{n} drawings").format(n=n))', False),
        ('st.markdown("<style>p {color: red}</style>")', False),
        ('st.metric(f"{name} ({kind})", value)', False),
    ],
)
def test_the_check_finds_unmarked_texts(line, unmarked):
    assert bool(unmarked_texts(line)) is unmarked


def test_the_catalogue_holds_the_class_names_and_the_pages():
    korean = translations("ko")
    assert korean.gettext("Ankle boot") == "앵클 부츠"
    assert korean.gettext("T-shirt/top") == "티셔츠/탑"
    assert korean.gettext("Inside the CNN") == "CNN 들여다보기"
    assert translations("en").gettext("Ankle boot") == "Ankle boot"
    assert "Ankle boot" in messages_in(["fashion_lab/data"])  # marked N_() where it is a constant


@pytest.mark.parametrize(
    "preferences, language",
    [
        ("ko-KR,ko;q=0.9,en-US;q=0.8", "ko"),
        ("en-GB,ko;q=0.5", "en"),
        ("de-DE,ko;q=0.5", "ko"),
        ("ko", "ko"),
        ("ko_KR.UTF-8", "ko"),
        ("fr-FR", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_preferred_language_is_the_first_we_have(preferences, language):
    assert best_language(preferences) == language


def test_the_cli_speaks_the_environments_language(monkeypatch):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert environment_language() == "en"
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert environment_language() == "ko"
    monkeypatch.setenv("LANGUAGE", "en_US:ko")
    assert environment_language() == "en"


@pytest.mark.parametrize(
    "font",
    [
        KOREAN_FONT,
        ROOT / "static/fonts/NotoSansKR-Regular.woff2",
        ROOT / "static/fonts/NotoSansKR-Bold.woff2",
    ],
)
def test_the_korean_font_has_every_character_the_catalogue_uses(font: Path):
    has = set(TTFont(font)["cmap"].getBestCmap())
    text = "".join(catalogue_path(language).read_text("utf-8") for language in TRANSLATED)
    used = set(HANGUL.findall(text))
    lacking = sorted(c for c in used if ord(c) not in has)
    assert not lacking, f"{font.name} lacks {''.join(lacking)!r}: run python -m tools.korean_font"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_app_finds_each_compiled_catalogue(language):
    """A language whose .mo is missing would show English without a word (gettext's fallback)."""
    assert isinstance(translations(language), gettext.GNUTranslations)
    assert LANGUAGES[language] and translations(language).gettext("Compare") != "Compare"
