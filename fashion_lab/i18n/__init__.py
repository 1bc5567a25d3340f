"""The app's languages: gettext catalogues, which language to speak, the Korean font."""

from fashion_lab.i18n.languages import (
    DOMAIN,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    SOURCE_LANGUAGE,
    _,
    best_language,
    current_language,
    environment_language,
    ngettext,
    set_language_source,
    speaking,
    translations,
)

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "SOURCE_LANGUAGE",
    "N_",
    "_",
    "best_language",
    "current_language",
    "environment_language",
    "ngettext",
    "set_language_source",
    "speaking",
    "translations",
]
