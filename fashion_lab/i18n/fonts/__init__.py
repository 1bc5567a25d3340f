"""The Korean font the app draws Hangul with in the pictures it writes (the browser gets its web
font from static/fonts: .streamlit/config.toml). tools/korean_font.py makes both."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import ImageFont

KOREAN_FONT = Path(__file__).parent / "NotoSansKR-Regular.otf"  # Latin and Hangul both


@cache
def picture_font(size: int) -> ImageFont.FreeTypeFont:
    """The font for text in a PNG, at ``size`` pixels: it has Latin and Hangul alike."""
    return ImageFont.truetype(str(KOREAN_FONT), size)
