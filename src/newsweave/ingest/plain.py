"""Plain text and Markdown articles.

The first non-empty line is the title (a leading `#` is dropped in Markdown). Header lines right
after it (`Source: X`, `Date: ...` / `Published: ...`, `URL: ...`, `By Jane Doe`; blank lines
and Markdown emphasis allowed) fill the matching fields and are cut from the text; the rest of
the file is the text, exactly as decoded. A first line longer than a headline is body, not title.
"""

from __future__ import annotations

import re

from newsweave.ingest.dates import parse_date
from newsweave.model import RawDocument, Rejected

MAX_TITLE_CHARS = 300
_HEADER = re.compile(r"(source|date|published|url|link|author)\s*:\s*(\S.*)", re.IGNORECASE)
_BYLINE = re.compile(r"by\s+(\S.*)", re.IGNORECASE)
_NAME_JOINERS = frozenset(("and", "&", "de", "da", "del", "der", "van", "von", "la", "le", "al"))
_UNDERLINE = re.compile(r"\s*(=+|-+)\s*")


def read_plain(name: str, text: str, fmt: str, notes: tuple[str, ...]) -> RawDocument | Rejected:
    """The article in a .txt/.md file (or text on standard input)."""
    lines = text.splitlines(keepends=True)
    starts = _line_starts(lines)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Rejected(name, "no text (only whitespace)")
    title = _title(lines[first], fmt)
    if len(title) > MAX_TITLE_CHARS:
        return RawDocument(name, text[starts[first] :], format=fmt, notes=notes)
    headers, body = _headers(lines, first + 1)
    if body >= len(lines):
        return Rejected(name, "no text after the title")
    date = headers.get("date") or headers.get("published", "")
    published = parse_date(date)
    if date and published is None:
        notes = (*notes, f"could not parse the date {date!r}")
    return RawDocument(
        input=name,
        text=text[starts[body] :],
        title=title,
        source=headers.get("source", ""),
        url=headers.get("url") or headers.get("link", ""),
        published=published,
        format=fmt,
        notes=notes,
    )


def _line_starts(lines: list[str]) -> list[int]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line)
    return starts


def _title(line: str, fmt: str) -> str:
    title = line.strip()
    if fmt == "md":
        title = title.strip("#").strip()
    return title


def _headers(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """Header fields found from line `start` on, and the index of the first body line."""
    headers: dict[str, str] = {}
    index = start
    if index < len(lines) and _UNDERLINE.fullmatch(lines[index]):
        index += 1
    while index < len(lines):
        line = _unemphasised(lines[index])
        field = _header_field(line) if line else ("", "")
        if field is None:
            break
        key, value = field
        if key:
            headers.setdefault(key, value)
        index += 1
    return headers, index


def _header_field(line: str) -> tuple[str, str] | None:
    """(key, value) when `line` is a header line, else None."""
    match = _HEADER.fullmatch(line)
    if match:
        key = match[1].lower()
        return ("by" if key == "author" else key), match[2].strip()
    match = _BYLINE.fullmatch(line)
    if match and _looks_like_names(match[1]):
        return "by", match[1].strip()
    return None


def _looks_like_names(text: str) -> bool:
    """'Jane Doe and John Roe, Reuters' yes; 'the time the sun rose' no."""
    words = text.replace(",", " ").split()
    if not words or len(words) > 8 or text.rstrip().endswith((".", "!", "?", ":")):
        return False
    return all(w[0].isupper() or w.lower() in _NAME_JOINERS for w in words)


def _unemphasised(line: str) -> str:
    """The line without Markdown emphasis: `**Source:** AP` reads as `Source: AP`."""
    return line.replace("*", "").strip().strip("_").strip()
