"""Make the Korean font the app ships: Noto Sans CJK KR (SIL Open Font License 1.1, Debian's
fonts-noto-cjk), cut down to what Korean text needs, so that it is small enough to keep in the
repository and serve with the app (no CDN):

- the 2,350 Hangul syllables of KS X 1001 (the everyday set) and every character of the
  catalogues (tests/test_languages.py fails if a translation uses one the font lacks: rerun this),
- compatibility jamo, CJK punctuation, Latin and the punctuation the app's texts use.

    apt-get install fonts-noto-cjk && .venv/bin/python -m tools.korean_font

Writes fashion_lab/i18n/fonts/NotoSansKR-Regular.otf (PNGs: PIL, matplotlib) and
static/fonts/NotoSansKR-{Regular,Bold}.woff2 (the browser: .streamlit/config.toml's fontFaces).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset

from fashion_lab.i18n import LOCALE_DIR
from fashion_lab.i18n.fonts import KOREAN_FONT

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc"
KOREAN_IN_COLLECTION = 1  # the collection's fonts: JP, KR, SC, TC, HK, then the Mono ones
WEB_FONTS = ROOT / "static" / "fonts"
RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x203A), (0x2190, 0x2193), (0x3000, 0x301F)]
RANGES += [(0x3131, 0x318E)]  # Hangul compatibility jamo: ㄱ ... ㅣ


def everyday_hangul() -> set[str]:
    """KS X 1001's Hangul syllables: the EUC-KR codes 0xB0A1-0xC8FE."""
    found = set()
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(bytes([lead, trail]).decode("euc-kr"))
            except UnicodeDecodeError:
                continue
    return found


def catalogue_characters() -> set[str]:
    return set().union(*(set(path.read_text("utf-8")) for path in LOCALE_DIR.rglob("*.po")))


def code_points() -> set[int]:
    wanted = {ord(c) for c in everyday_hangul() | catalogue_characters() if c.isprintable()}
    return wanted | {point for low, high in RANGES for point in range(low, high + 1)}


def cut(weight: str, flavor: str | None, out: Path) -> None:
    options = subset.Options()
    options.flavor, options.font_number = flavor, KOREAN_IN_COLLECTION
    options.layout_features, options.name_IDs, options.notdef_outline = ["*"], ["*"], True
    font = subset.load_font(SOURCE.format(weight=weight), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points())
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(out), options)
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size / 1024:.0f} KiB")


def main() -> None:
    cut("Regular", None, KOREAN_FONT)
    for weight in ("Regular", "Bold"):
        cut(weight, "woff2", WEB_FONTS / f"NotoSansKR-{weight}.woff2")


if __name__ == "__main__":
    main()
