"""The catalogues: extract every ``_()``/``ngettext()``/``N_()`` string of the app into
fashion_lab/i18n/locale/messages.pot, bring each language's .po up to date with it, compile the .mo
files the app reads (Babel's pybabel, run from here so that the paths and options are one).

    python -m tools.translations            # extract, update, compile
    python -m tools.translations missing    # the msgids some catalogue lacks (exit 1 if any)
    python -m tools.translations missing --json F.json PATH...  # the msgids in PATH not in F.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from fashion_lab.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["streamlit_app.py", "components", "fashion_lab"]  # tools/ and tests/ show nobody anything
TEMPLATE = LOCALE_DIR / "messages.pot"
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def catalogue_path(language: str, suffix: str = "po") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


def source_files(paths: list[str] | None = None) -> list[Path]:
    found = []
    for name in paths or SOURCES:
        path = ROOT / name
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [file for file in found if ".venv" not in file.parts]


def messages_in(paths: list[str] | None = None) -> dict[str, tuple[str, str]]:
    """msgid -> (file:line, plural msgid or "") of every marked string in ``paths``."""
    found = {}
    for file in source_files(paths):
        for line, message, _comments, _context in extract_from_file("python", file, DEFAULT_KEYWORDS):
            singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, "")
            if singular:
                found.setdefault(singular, (f"{file.relative_to(ROOT)}:{line}", plural))
    return found


def pybabel(*arguments: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *arguments])


def extract_update_compile() -> None:
    pybabel(
        "extract", "--no-location", "--sort-output", "--omit-header", "--no-wrap",
        "-o", str(TEMPLATE), *(str(ROOT / name) for name in SOURCES),
    )  # fmt: skip
    for language in TRANSLATED:
        command = "update" if catalogue_path(language).exists() else "init"
        pybabel(
            command, "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", language,
            "--no-wrap", *(["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []),
        )  # fmt: skip
    pybabel("compile", "-d", str(LOCALE_DIR), "-D", DOMAIN, "--statistics")


def untranslated(language: str) -> list[str]:
    """The app's msgids that ``language``'s catalogue lacks, leaves empty or marks fuzzy."""
    with open(catalogue_path(language), "rb") as handle:
        catalogue = read_po(handle)
    missing = []
    for msgid in messages_in():
        entry = catalogue.get(msgid)
        strings = entry.string if entry is not None else None
        if entry is None or entry.fuzzy or not all(strings if isinstance(strings, tuple) else [strings]):
            missing.append(msgid)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", nargs="?", default="all", choices=["all", "missing"])
    parser.add_argument("--json", help="with missing: a {msgid: translation} file to check PATHs against")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_intermixed_args(argv)
    if args.action == "all":
        extract_update_compile()
        return 0
    if args.json:
        have = json.loads(Path(args.json).read_text())
        missing = [m for m in messages_in(args.paths or None) if not have.get(m)]
    else:
        missing = [f"{language}: {m}" for language in TRANSLATED for m in untranslated(language)]
    print("\n".join(missing) or "nothing missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
