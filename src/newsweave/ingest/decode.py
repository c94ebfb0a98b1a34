"""Bytes to text: byte-order marks, then strict UTF-8, then a guessed legacy encoding.

Anything not read as UTF-8 comes with a note ("decoded as cp1252") for the user.
"""

from __future__ import annotations

import codecs

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Real Western text in cp1252 has few accented letters; text in another single-byte
# encoding read as cp1252 is mostly accented "letters" (e.g. Cyrillic cp1251).
_MAX_NON_ASCII_LETTERS = 0.3


def bom_encoding(head: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when `head` starts with a byte-order mark."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return None


def bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for BOM-less UTF-16 of mostly Latin text (NULs every other byte)."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.7 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.7 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of `data` and a note naming the encoding when it was not UTF-8."""
    found = bom_encoding(data)
    if found:
        encoding, skip = found
        text = data[skip:].decode(encoding, errors="replace")
        return text, None if encoding == "utf-8" else f"decoded as {encoding}"
    utf16 = bomless_utf16(data[:4096])
    if utf16:
        return data.decode(utf16, errors="replace"), f"decoded as {utf16}"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    encoding = legacy_encoding(data)
    return data.decode(encoding, errors="replace"), f"decoded as {encoding}"


def legacy_encoding(data: bytes) -> str:
    """cp1252 when it reads plausibly, else charset-normalizer's guess, else latin-1."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausibly_western(text):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return best.encoding
    return "cp1252" if text is not None else "latin-1"


def decode_line(line: bytes) -> tuple[str, str | None]:
    """One line of a streamed file: UTF-8, else cp1252 (else latin-1), with a note."""
    try:
        return line.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return line.decode("cp1252"), "decoded as cp1252"
    except UnicodeDecodeError:
        return line.decode("latin-1"), "decoded as latin-1"


def _plausibly_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for c in letters if not c.isascii())
    return non_ascii <= _MAX_NON_ASCII_LETTERS * len(letters)
