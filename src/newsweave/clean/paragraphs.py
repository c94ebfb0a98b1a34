"""Kept lines into paragraphs: blank lines and removed lines separate, hard wraps join."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.clean.boilerplate import ends_sentence
from newsweave.clean.lines import Line
from newsweave.clean.markup import normalise
from newsweave.model import Paragraph

_WRAP_CHARS = range(40, 101)  # hard-wrapped lines are ~60-80 characters
_HEADING_MAX_WORDS = 30


def paragraphs(raw: str, blocks: Sequence[Sequence[Line]]) -> list[Paragraph]:
    """Paragraphs of blocks of adjacent kept lines, spans into `raw`."""
    out: list[Paragraph] = []
    for block in blocks:
        for group in _groups(block):
            start, end = group[0].start, group[-1].end
            text = normalise(raw[start:end])
            out.append(Paragraph(text, start, end, heading=_is_heading(group, text)))
    return out


def _groups(block: Sequence[Line]) -> list[list[Line]]:
    """Consecutive lines of one block joined where the text was hard-wrapped."""
    groups: list[list[Line]] = []
    for line in block:
        if groups and _continues(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _continues(prev: Line, line: Line) -> bool:
    wrapped = len(prev.text) in _WRAP_CHARS and not ends_sentence(prev.text)
    return wrapped and not prev.bullet and not line.bullet


def _is_heading(group: Sequence[Line], text: str) -> bool:
    """Bullets, subheadings and decks: lines that are not sentences."""
    if group[0].bullet:
        return True
    return not ends_sentence(text) and len(text.split()) <= _HEADING_MAX_WORDS
