"""The README stays a short front door and the docs hold together: every relative link and picture
resolves (its #anchor to a heading), every docs page is linked, and each page says what it covers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
INDEX = DOCS / "README.md"
MAX_README_LINES = 250
PAGES = (
    "README.md",
    "setup.md",
    "pages.md",
    "talk-and-room.md",
    "ray-class.md",
    "models.md",
    "image-pipeline.md",
    "photos.md",
    "confidence.md",
    "cli.md",
    "performance.md",
    "architecture.md",
    "security.md",
)

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[(?:[^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def markdown_files() -> list[Path]:
    return [README, *sorted(DOCS.rglob("*.md"))]


def prose(text: str) -> str:
    """The text outside code: fenced blocks and inline code hold examples, not links or headings."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def links(text: str) -> list[str]:
    """The targets of every markdown link and picture, ``[text](target)`` and ``![alt](target)``."""
    return LINK.findall(prose(text))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: the text shown, lowercase, punctuation dropped, spaces as -."""
    shown = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading: its text
    return re.sub(r"[^\w\- ]", "", shown.lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    """The anchors of a page's headings; a repeated heading gets -1, -2, ... as on GitHub."""
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(FENCE.sub("", text)):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def broken_links(path: Path, root: Path = ROOT) -> list[str]:
    """Each relative link of ``path`` that leads to no file in the repository, or to no heading."""
    text = path.read_text(encoding="utf-8")
    broken = []
    for target in links(text):
        if not target or SCHEME.match(target):
            continue  # another site: not checked here (no network)
        file_part, _, anchor = target.partition("#")
        where = (path.parent / file_part).resolve() if file_part else path
        if not where.is_relative_to(root.resolve()) or not where.exists():
            broken.append(f"{target}: no such file")
        elif anchor and where.suffix == ".md" and anchor not in anchors(where.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading with the anchor #{anchor}")
    return broken


def linked_pages(path: Path) -> set[Path]:
    """The files that ``path`` links to, resolved."""
    return {
        (path.parent / target.partition("#")[0]).resolve()
        for target in links(path.read_text(encoding="utf-8"))
        if target.partition("#")[0] and not SCHEME.match(target)
    }


def test_the_checker_finds_a_missing_file_a_missing_anchor_and_skips_code(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Other\n\n## What `make bench` measures: all\n")
    page.write_text(
        "# Page\n\n[fine](other.md#what-make-bench-measures-all) ![pic](gone.png)\n"
        "[no anchor](other.md#nowhere) [here](#page) [site](https://example.com/x)\n"
        "`[in code](missing.md)`\n```\n[in a block](missing.md)\n# not a heading\n```\n"
    )
    assert broken_links(page, tmp_path) == [
        "gone.png: no such file",
        "other.md#nowhere: no heading with the anchor #nowhere",
    ]
    assert anchors(page.read_text()) == {"page"}


def test_the_slug_is_githubs():
    assert slug("Guess 10: the room against the models") == "guess-10-the-room-against-the-models"
    assert slug('Confidence and "not sure"') == "confidence-and-not-sure"
    assert anchors("# A\n## A\n## A\n") == {"a", "a-1", "a-2"}


def test_the_readme_is_short():
    lines = len(README.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_README_LINES, f"README.md has {lines} lines; move detail into docs/"


@pytest.mark.parametrize("page", PAGES)
def test_the_docs_pages_exist(page):
    assert (DOCS / page).is_file()


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_picture_resolves(path):
    assert broken_links(path) == []


def test_every_docs_page_is_linked_from_the_readme_or_the_index():
    linked = linked_pages(README) | linked_pages(INDEX)
    unlinked = [str(p.relative_to(ROOT)) for p in DOCS.rglob("*.md") if p.resolve() not in linked]
    assert unlinked == []


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_docs_page_starts_with_a_title_and_what_it_covers(path):
    title, *rest = path.read_text(encoding="utf-8").splitlines()
    first = next((line for line in rest if line.strip()), "")
    assert title.startswith("# "), "a page starts with its title"
    assert first[:1].isalnum(), f"then a line saying what it covers, not {first[:40]!r}"
