"""The app's two languages (English, the source, and Korean), through gettext catalogues.

Every string a person reads is written in English inside ``_()`` (``ngettext()`` where it counts
something, ``N_()`` where it is a constant translated when shown). ``pybabel`` extracts them into
fashion_lab/i18n/locale/messages.pot and each language's catalogue, ``<lang>/LC_MESSAGES/
fashion_lab.po``, compiled to ``.mo`` beside it (tools/translations.py; docs/languages.md says how
to add a language). Which language ``_()`` answers in comes from the language source: the
Streamlit app sets one that reads the browser tab's choice (components/language.py); the CLI
reads the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), as gettext programs do.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "ko": "한국어"}  # code -> the language's own name (the switch shows it)
SOURCE_LANGUAGE = "en"  # the msgids' language: it needs no catalogue
DOMAIN = "fashion_lab"
LOCALE_DIR = Path(__file__).parent / "locale"

_language_source: Callable[[], str] | None = None
_spoken: ContextVar[str | None] = ContextVar("spoken", default=None)  # speaking()'s, in this thread


def N_(message: str) -> str:
    """``message`` unchanged: marks a constant for the catalogue; ``_()`` translates it when shown."""
    return message


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English, and any language without one: the source)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


def set_language_source(source: Callable[[], str] | None) -> None:
    """Where ``_()`` learns the language to answer in (None: the environment's)."""
    global _language_source
    _language_source = source


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within: ``_()`` answers in ``language`` in this thread (a training thread writing a tab's
    live feed has no tab of its own to ask)."""
    token = _spoken.set(language)
    try:
        yield
    finally:
        _spoken.reset(token)


def current_language() -> str:
    """The language of what is being shown now: speaking()'s, the source's, or the environment's."""
    if (spoken := _spoken.get()) is not None:
        return spoken
    if _language_source is not None:
        return _language_source()
    return environment_language()


def environment_language() -> str:
    """The first of our languages that LANGUAGE, LC_ALL, LC_MESSAGES or LANG names (gettext's
    order), English if none does: ``ko_KR.UTF-8`` is Korean."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return best_language(value.replace(":", ","))
    return SOURCE_LANGUAGE


def best_language(preferences: str | None) -> str:
    """The first of our languages in a list of preferences ("ko-KR,ko;q=0.9,en-US", a browser's
    Accept-Language or navigator.language, or "ko_KR.UTF-8"), by their order; English if none."""
    for item in (preferences or "").split(","):
        code = item.split(";")[0].strip().replace("_", "-").split("-")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def _(message: str) -> str:
    """``message`` in the current language."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message for ``count``, in the current language (Korean has one)."""
    return translations(current_language()).ngettext(singular, plural, count)
