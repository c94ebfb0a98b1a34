"""Markup and whitespace normalisation: the only rewriting the cleaner does to kept text."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->")
# A tag cut in half by the scraper: "p>" at the start of a line, "</p" at its end.
_LEADING_FRAGMENT = re.compile(r"^\s*/?(?:p|br|div|span|li|em|strong|b|i|a)\s*/?>", re.I)
_TRAILING_FRAGMENT = re.compile(r"</?(?:p|br|div|span|li|em|strong|b|i|a)\s*$", re.I)
_SPACE = re.compile(r"\s+")


def strip_markup(line: str) -> str:
    """One line without HTML tags (or halves of tags at its ends), entities decoded."""
    line = _LEADING_FRAGMENT.sub(" ", line)
    line = _TRAILING_FRAGMENT.sub(" ", line)
    return html.unescape(_TAG.sub(" ", line))


def collapse(text: str) -> str:
    """Runs of whitespace to one space, stripped."""
    return _SPACE.sub(" ", text).strip()


def normalise(raw: str) -> str:
    """Kept text for a raw span: markup removed line by line, whitespace collapsed."""
    return collapse(" ".join(strip_markup(line) for line in raw.split("\n")))


def has_markup(line: str) -> bool:
    """Whether the line carries tags, tag halves or entities."""
    return strip_markup(line) != line
