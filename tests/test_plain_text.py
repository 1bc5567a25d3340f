"""Text from outside shown as it is: what Streamlit's Markdown would read is escaped."""

from __future__ import annotations

import string

import pytest

from components.plain_text import LIMIT, WORD_JOINER, plain, unbroken


def test_every_ascii_punctuation_is_escaped_and_letters_are_not():
    escaped = plain(string.punctuation).replace(WORD_JOINER, "")
    assert escaped == "".join("\\" + ch for ch in string.punctuation)
    assert plain("Trousers 2 x") == "Trousers 2 x"


@pytest.mark.parametrize(
    "address", ["http://127.0.0.1:9/t.png", "www.example.com", "_www.example.com", "me@example.com"]
)
def test_addresses_are_broken_where_autolinks_would_start(address):
    shown = plain(address)
    assert address not in shown.replace("\\", "")  # the escapes alone would leave the address whole
    assert shown.replace(WORD_JOINER, "").replace("\\", "") == address


def test_control_characters_cannot_break_the_line_and_long_text_is_cut():
    assert plain("a\nb\tc") == "a\N{REPLACEMENT CHARACTER}b\N{REPLACEMENT CHARACTER}c"
    long = plain("x" * 10_000)
    assert len(long) == LIMIT and long.endswith("\N{HORIZONTAL ELLIPSIS}")


def test_a_class_name_gets_no_place_to_break_and_reads_the_same():
    shown = unbroken("T-shirt/top")
    assert shown == f"T-{WORD_JOINER}shirt/{WORD_JOINER}top"
    assert shown.replace(WORD_JOINER, "") == "T-shirt/top" and unbroken("Ankle boot") == "Ankle boot"
