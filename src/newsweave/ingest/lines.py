"""Decoded lines of a streamed file (JSONL, CSV), read one at a time with a length cap."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from typing import AnyStr, BinaryIO

from newsweave.ingest.decode import bom_encoding, bomless_utf16, decode_line

_CHUNK = 1 << 20


class Lines:
    """Iterate decoded lines; `take()` then tells how the lines read since the last call went.

    Lines longer than `limit` are skipped (read in chunks, never held whole) and come out as
    a bare newline, with `take()` reporting them as oversize.
    """

    def __init__(self, stream: BinaryIO, head: bytes, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._wide = _wide_encoding(head)
        self._note: str | None = None
        self._oversize = False

    def take(self) -> tuple[str | None, bool]:
        """(decoding note, whether a line was too long) for the lines read since the last call."""
        result = self._note, self._oversize
        self._note, self._oversize = None, False
        return result

    def __iter__(self) -> Iterator[str]:
        if not self._wide:
            for number, line in enumerate(self._capped(self._stream.readline, b"\n")):
                text, note = decode_line(line if number else line.removeprefix(codecs.BOM_UTF8))
                self._note = self._note or note
                yield text
            return
        reader = io.TextIOWrapper(self._stream, encoding=self._wide, errors="replace", newline="")
        try:
            for text in self._capped(reader.readline, "\n"):
                self._note = f"decoded as {self._wide}"
                yield text
        finally:
            reader.detach()  # leave the caller's stream open

    def _capped(self, readline: Callable[[int], AnyStr], newline: AnyStr) -> Iterator[AnyStr]:
        while line := readline(self._limit + 1):
            if len(line) > self._limit and not line.endswith(newline):
                while (rest := readline(_CHUNK)) and not rest.endswith(newline):
                    pass
                self._oversize = True
                line = newline
            yield line


def _wide_encoding(head: bytes) -> str | None:
    """The codec for UTF-16/32 input (the BOM is consumed by the codec), else None."""
    found = bom_encoding(head)
    if found and found[0] != "utf-8":
        return found[0].rsplit("-", 1)[0]
    return bomless_utf16(head)
