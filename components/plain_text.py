"""Text from outside (file and folder names, error messages) shown as it is, never as Markdown.

Streamlit renders the body of st.error, st.warning, st.markdown and friends as Markdown: a file
named ``![t](http://host/track.png).png`` became an image that every viewer's browser fetched.
Backslash escapes stop images, links, emphasis, LaTeX and Streamlit's directives; addresses are
turned into links after the escapes are read (GitHub's autolinks), so an invisible word joiner
after each ':' and '@' and after "www" keeps them text.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; ':' also starts Streamlit's
# directives (:red[...], :material/icon:) and '$' its LaTeX.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_AUTOLINK_STARTS = re.compile(r"[:@]|www(?=\.)", re.IGNORECASE)  # http://, user@host, www. (even _www.)
WORD_JOINER = "\N{WORD JOINER}"
_BREAKS_AFTER = re.compile(r"[-/]")  # where a browser may break a line inside a word
LIMIT = 500  # characters of one name or message shown


def plain(text: object, limit: int = LIMIT) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it as it is, on one line, at most
    ``limit`` characters (longer is cut with an ellipsis)."""
    line = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in str(text))
    if len(line) > limit:
        line = line[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"
    line = _AUTOLINK_STARTS.sub(lambda match: match.group(0) + WORD_JOINER, line)
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", line)


def unbroken(name: str) -> str:
    """``name`` (a class's, as in "T-shirt/top") that a line never breaks inside: a word joiner
    after each '-' and '/', where a browser would otherwise break it ("T-/shirt/top" in a
    caption under a tile)."""
    return _BREAKS_AFTER.sub(lambda match: match.group(0) + WORD_JOINER, name)
