"""A labels.csv as people save one, by hand or from a spreadsheet: read bounded, row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from fashion_lab.i18n import _


def csv_rows(path: Path, columns: tuple[str, ...], most_bytes: int) -> Iterator[dict[str, str]]:
    """Each row of the CSV file at ``path`` as {column: its text, stripped}, for ``columns``;
    utf-8 with or without a spreadsheet's byte-order mark. ValueError in words when the file is
    larger than ``most_bytes``, lacks one of ``columns`` or breaks CSV's rules (a field over csv's
    limit of 131,072 characters), UnicodeDecodeError (one too) when it is not UTF-8."""
    if path.stat().st_size > most_bytes:
        raise ValueError(_("it is larger than {bytes} bytes").format(bytes=f"{most_bytes:,}"))
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        try:
            if not set(columns) <= set(reader.fieldnames or ()):
                raise ValueError(_("its columns are not {columns}").format(columns=",".join(columns)))
            for row in reader:
                yield {key: (row[key] or "").strip() for key in columns}
        except csv.Error as error:
            too_long = "field limit" in str(error)
            raise ValueError(_("a field is too long") if too_long else str(error)) from None
