"""`read_inputs`: every path (file, folder, or `-` for standard input) to RawDocuments/Rejected.

The reader is chosen by file extension; inputs with an unknown extension, and standard input,
are recognised by their first bytes (HTML, JSON, JSON Lines, else plain text). Binary files are
rejected. JSONL/CSV/TSV are streamed record by record; other files are read whole, up to
`max_file_bytes`.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import BinaryIO

from newsweave.ingest.csv_rows import read_csv
from newsweave.ingest.decode import decode
from newsweave.ingest.html_page import read_html
from newsweave.ingest.json_records import read_json, read_jsonl
from newsweave.ingest.plain import read_plain
from newsweave.ingest.records import megabytes
from newsweave.ingest.sniff import HEAD_BYTES, binary_reason, sniff_format
from newsweave.ingest.walk import expand, os_reason
from newsweave.ingest.warc import is_warc, read_warc
from newsweave.model import RawDocument, Rejected

Item = RawDocument | Rejected
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}
STREAMED = frozenset(("jsonl", "csv", "tsv"))


def read_inputs(
    paths: Sequence[str | os.PathLike[str]],
    *,
    stdin: BinaryIO | None = None,
    max_file_bytes: int = 20_000_000,
) -> Iterator[RawDocument | Rejected]:
    """Every article in `paths`, in order; each input ends as RawDocument(s) or a Rejected.

    Never raises on bad input and never prints.
    """
    for path in paths:
        name = os.fspath(path)
        if name == "-":
            yield from _read_stdin(stdin, max_file_bytes)
            continue
        for item in expand(name):
            if isinstance(item, Rejected):
                yield item
            else:
                yield from _read_file(item, max_file_bytes)


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> Iterator[Item]:
    if stdin is None:
        if sys.stdin is None:
            yield Rejected("-", "no standard input")
            return
        stdin = sys.stdin.buffer
    try:
        yield from _read_stream("-", stdin, None, max_bytes)
    except OSError as error:
        yield Rejected("-", f"read error: {os_reason(error)}")


def _read_file(path: str, max_bytes: int) -> Iterator[Item]:
    try:
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            if size == 0:
                yield Rejected(path, "empty file")
                return
            if is_warc(path):
                yield from read_warc(path, stream, max_bytes)
                return
            extension = os.path.splitext(path)[1].lower()
            yield from _read_stream(path, stream, extension, max_bytes, size)
    except OSError as error:
        yield Rejected(path, os_reason(error))


def _read_stream(
    name: str, stream: BinaryIO, extension: str | None, max_bytes: int, size: int | None = None
) -> Iterator[Item]:
    """Sniff the first bytes, then hand the whole stream to the reader of its format.

    `extension` is None for standard input, whose format is always recognised by content;
    `size` is known for regular files, which are rejected unread when too large to read whole.
    """
    fmt = FORMATS.get(extension or "")
    if fmt and _too_large_to_read(fmt, size, max_bytes):
        yield Rejected(name, _too_large(megabytes(size or 0), max_bytes))
        return
    start = stream.tell() if stream.seekable() else None
    head = stream.read(HEAD_BYTES)
    if not head:
        yield Rejected(name, "empty file" if name != "-" else "empty input")
        return
    reason = binary_reason(head)
    if reason:
        yield Rejected(name, reason)
        return
    notes: tuple[str, ...] = ()
    if fmt is None:
        fmt = sniff_format(head)
        notes = (_unknown_note(extension, fmt),) if extension is not None else ()
        if _too_large_to_read(fmt, size, max_bytes):
            yield Rejected(name, _too_large(megabytes(size or 0), max_bytes))
            return
    whole = _rewound(stream, head, start)
    if fmt == "jsonl":
        yield from _with_notes(read_jsonl(name, whole, head, max_bytes), notes)
    elif fmt in STREAMED:
        yield from read_csv(name, whole, head, max_bytes, fmt)
    else:
        yield from _read_whole(name, whole, fmt, max_bytes, notes)


def _too_large_to_read(fmt: str, size: int | None, max_bytes: int) -> bool:
    return fmt not in STREAMED and size is not None and size > max_bytes


def _unknown_note(extension: str, fmt: str) -> str:
    kind = f"unknown file extension '{extension}'" if extension else "no file extension"
    return f"{kind}: read as {fmt} (recognised by its content)"


def _read_whole(
    name: str, stream: BinaryIO, fmt: str, max_bytes: int, notes: tuple[str, ...]
) -> Iterator[Item]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Rejected(name, _too_large(f"over {megabytes(max_bytes)}", max_bytes))
        return
    text, note = decode(data)
    notes = (*notes, note) if note else notes
    if fmt == "html":
        yield read_html(name, text, notes)
    elif fmt == "json":
        yield from read_json(name, text, notes, max_bytes)
    else:
        yield read_plain(name, text, fmt, notes)


def _rewound(stream: BinaryIO, head: bytes, start: int | None) -> BinaryIO:
    """`stream` from `start` again: sought back, or replaying `head` when it can't seek."""
    if start is not None:
        stream.seek(start)
        return stream
    return io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)


def _too_large(size: str, max_bytes: int) -> str:
    return f"file too large: {size} (limit {megabytes(max_bytes)}, max_file_bytes={max_bytes})"


def _with_notes(items: Iterator[Item], notes: tuple[str, ...]) -> Iterator[Item]:
    for item in items:
        if notes and isinstance(item, RawDocument):
            item = replace(item, notes=(*notes, *item.notes))
        yield item


class _Prefixed(io.RawIOBase):
    """A raw stream that replays bytes already read (`prefix`) before reading on from `stream`.

    Closing it leaves `stream` open (standard input stays usable)."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._prefix[: len(buffer)] or self._stream.read(len(buffer))
        self._prefix = self._prefix[len(data) :]
        buffer[: len(data)] = data
        return len(data)
