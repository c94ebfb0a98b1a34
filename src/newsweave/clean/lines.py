"""Raw text into lines with offsets: the unit the boilerplate rules judge."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.clean.markup import normalise

_BULLET = re.compile(r"[•·▪◦‣●■□➢►]\s*|[-*–]\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank raw line: [start, end) of its content in the raw text, normalised text.

    `start` skips indentation and a bullet marker; `line_start` keeps the bullet.
    """

    line_start: int
    start: int
    end: int
    text: str
    bullet: bool


def raw_lines(raw: str) -> list[Line | None]:
    """Every line of `raw` in order; None for blank ones. Markup-only lines have empty text."""
    out: list[Line | None] = []
    offset = 0
    for piece in raw.split("\n"):
        out.append(_line(raw, offset, offset + len(piece)))
        offset += len(piece) + 1
    return out


def _line(raw: str, start: int, end: int) -> Line | None:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    bullet = _BULLET.match(raw, start, end)
    content = bullet.end() if bullet and bullet.end() < end else start
    return Line(start, content, end, normalise(raw[content:end]), content != start)
