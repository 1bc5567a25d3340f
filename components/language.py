"""The language this tab shows: the sidebar's 한국어 / English switch, kept in the URL (?lang=ko);
with nothing chosen, the browser's preferred language; on the join page, the room's (the presenter
chooses it on the Room page). Pages write their text as ``_("English")`` (fashion_lab.i18n)."""

from __future__ import annotations

import json

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.state import LANGUAGE, LANGUAGE_CHOSEN, LANGUAGE_SWITCH
from fashion_lab.data.fashion_mnist import class_name
from fashion_lab.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, _, best_language, ngettext, set_language_source

SWITCH_LABEL = "Language / 언어"  # in both: whoever cannot read the page still finds the switch
__all__ = ["N_", "_", "class_name", "ngettext", "said_again", "shown_language"]


def shown_language() -> str:
    """The language of this tab (English outside a script run: a training thread, a test)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return SOURCE_LANGUAGE
    return LANGUAGE.get()


set_language_source(shown_language)


def said_again(text: str | None) -> str | None:
    """A message made elsewhere (a training thread's, in English) in this tab's language, when it
    is one of the catalogue's; anything else as it is."""
    return _(text) if text else text


def settle_language() -> str:
    """Decide this run's language before anything is drawn: ?lang= (a link, a bookmark, the switch
    after a page switch dropped it: put back), else the one chosen earlier, else the browser's."""
    asked = st.query_params.get("lang")
    if asked in LANGUAGES:
        LANGUAGE.set(asked)
        LANGUAGE_CHOSEN.set(True)
    elif not LANGUAGE_CHOSEN.get():
        LANGUAGE.set(best_language(st.context.locale))
    if LANGUAGE_CHOSEN.get():
        st.query_params["lang"] = LANGUAGE.get()
    return LANGUAGE.get()


# Korean breaks lines at spaces, not inside a word (the browser's default breaks between any two
# syllables: "티셔\n츠/탑"); a word too long for its line may still break.
KOREAN_LINES = """<style>
body, body * {word-break: keep-all !important; overflow-wrap: break-word}
</style>"""  # body: tooltips and menus sit outside the app's element; !important: Streamlit's markdown
# sets its own word-break (break-word), which would win


def render_language_style() -> None:
    """What the shown language needs of the page's layout."""
    if shown_language() == "ko":
        st.html(KOREAN_LINES)


def follow_language(language: str) -> None:
    """Show ``language`` from now on (the join page follows the room's)."""
    if language in LANGUAGES:
        LANGUAGE.set(language)


def _switched() -> None:
    chosen = st.session_state.get(LANGUAGE_SWITCH)
    if chosen in LANGUAGES:
        LANGUAGE.set(chosen)
        LANGUAGE_CHOSEN.set(True)
        st.query_params["lang"] = chosen


def render_language_switch() -> None:
    """한국어 / English in the sidebar, each in its own language (found whichever is shown)."""
    st.session_state[LANGUAGE_SWITCH] = LANGUAGE.get()
    st.sidebar.segmented_control(
        SWITCH_LABEL,
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=LANGUAGE_SWITCH,
        on_change=_switched,
        label_visibility="collapsed",
    )


UPLOADER_WORDS = """<style>
[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p {{font-size: 0}}
[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p::after {{
  content: {upload}; font-size: 1rem;
}}
[data-testid=stFileUploaderDropzoneInstructions] span {{font-size: 0}}
[data-testid=stFileUploaderDropzoneInstructions] span::after {{content: {limit}; font-size: 0.875rem}}
</style>"""


def translate_the_uploader(types: list[str]) -> None:
    """Streamlit's file uploader writes its own button and limit in English, and Streamlit has no
    way to change them: shown in another language, CSS writes them over in it."""
    if shown_language() == SOURCE_LANGUAGE:
        return
    limit = _("{size} MB per file · {types}").format(
        size=st.get_option("server.maxUploadSize"),
        types=", ".join(t.upper() for t in types if not (t == "jpeg" and "jpg" in types)),  # as Streamlit
    )
    words = {
        "upload": json.dumps(_("Upload"), ensure_ascii=False),
        "limit": json.dumps(limit, ensure_ascii=False),
    }
    st.html(UPLOADER_WORDS.format(**words))
