"""Guessing from the first bytes of an input: binary or not, and which text format."""

from __future__ import annotations

import re

from newsweave.ingest.decode import bom_encoding, bomless_utf16

HEAD_BYTES = 65536
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "GZIP"),
    (b"BZh", "BZIP2"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"ID3", "MP3"),
    (b"OggS", "Ogg"),
    (b"RIFF", "RIFF media"),
    (b"SQLite format 3", "SQLite"),
)
_ASCII_MAGICS = frozenset((b"MZ", b"BZh", b"ID3", b"RIFF", b"OggS"))
_CONTROLS = [bytes([b]) for b in range(32) if b not in b"\t\n\r\f\v\b\x1b"]
_MAX_CONTROL_SHARE = 0.05
_HTML = re.compile(
    r"(<!--.*?-->\s*|<\?xml[^>]*>\s*)*"
    r"<(!doctype\s+html|html|head|body|title|meta|article|div|p)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_JSON_LINES = re.compile(r"}\s*\n\s*{")


def binary_reason(head: bytes) -> str | None:
    """Why `head` (the first bytes of an input) is not text, or None when it looks like text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic) and not _magic_is_text(head, magic):
            return f"binary file (looks like {kind})"
    if head[4:8] == b"ftyp":
        return "binary file (looks like MP4 video)"
    if bom_encoding(head) or bomless_utf16(head):
        return None
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    if _control_share(head) > _MAX_CONTROL_SHARE:
        return "binary file (many control characters)"
    return None


def _magic_is_text(head: bytes, magic: bytes) -> bool:
    """Short ASCII magics ("MZ", "BZh", "ID3") that may just begin a line of prose."""
    if magic not in _ASCII_MAGICS:
        return False
    return b"\x00" not in head and _control_share(head) == 0


def _control_share(head: bytes) -> float:
    controls = sum(head.count(byte) for byte in _CONTROLS)
    return controls / max(len(head), 1)


def sniff_format(head: bytes) -> str:
    """'html', 'json', 'jsonl' or 'txt' for an input of unknown type, from its first bytes."""
    text = _head_text(head).lstrip("\ufeff \t\r\n")
    if _HTML.match(text):
        return "html"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return "jsonl" if _JSON_LINES.search(text) else "json"
    return "txt"


def _head_text(head: bytes) -> str:
    """A lenient decoding of the first bytes (which may end inside a character)."""
    found = bom_encoding(head)
    if found:
        return head[found[1] :].decode(found[0], errors="ignore")
    encoding = bomless_utf16(head) or "utf-8"
    return head.decode(encoding, errors="ignore")
