"""CSV and TSV files: a header row naming the fields (same aliases as JSON), one article a row.

Rows are read one at a time; a row's name is `path#<id column or 1-based row number>`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from newsweave.ingest.lines import Lines
from newsweave.ingest.records import ALIASES, megabytes, record_id, to_document
from newsweave.model import RawDocument, Rejected

# csv's limit is process-wide: set it on every call (never below csv's default) so that a
# file reads the same whatever was read before.
CSV_DEFAULT_FIELD_LIMIT = 131_072


def read_csv(
    name: str, stream: BinaryIO, head: bytes, max_bytes: int, fmt: str
) -> Iterator[RawDocument | Rejected]:
    """The articles of a CSV (`fmt` "csv") or tab-separated (`fmt` "tsv") stream."""
    csv.field_size_limit(max(max_bytes + 1, CSV_DEFAULT_FIELD_LIMIT))
    lines = Lines(stream, head, max_bytes)
    rows = _rows(csv.reader(lines, delimiter="\t" if fmt == "tsv" else ","))
    first = next(rows, [])
    lines.take()
    if isinstance(first, csv.Error):
        yield Rejected(name, f"invalid CSV header: {first}")
        return
    header = [column.strip().lower() for column in first]
    if not set(header) & set(ALIASES["text"]):
        looked_for = ", ".join(ALIASES["text"])
        yield Rejected(name, f"no text column in the header (looked for: {looked_for})")
        return
    number = 0
    for row in rows:
        note, oversize = lines.take()
        if isinstance(row, list) and not any(cell.strip() for cell in row) and not oversize:
            continue
        number += 1
        if isinstance(row, csv.Error):
            reason = f"invalid CSV row: {row}; the rest of the file was not read"
            yield Rejected(f"{name}#{number}", reason)
            return
        record = dict(zip(header, row, strict=False))
        label = f"{name}#{record_id(record, number)}"
        if oversize:
            yield Rejected(label, f"record too large: over {megabytes(max_bytes)}")
        else:
            yield to_document(record, label, fmt, max_bytes, (note,) if note else ())
    if not number:
        yield Rejected(name, "no rows after the header")


def _rows(rows: Iterator[list[str]]) -> Iterator[list[str] | csv.Error]:
    """The rows, then the error that ends them if the CSV is malformed."""
    try:
        yield from rows
    except csv.Error as error:
        yield error
