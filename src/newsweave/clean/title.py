"""The title line, and an outlet name standing alone above it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.clean.boilerplate import ends_sentence, line_rule
from newsweave.clean.lines import Line
from newsweave.text.tokens import fold

_OUTLET_NAMES = """news times post international daily herald journal tribune press media network
    online today wire gazette telegraph guardian observer review world chronicle express agency tv
    radio echo mail star sun standard independent monitor insider weekly magazine broadcasting
    channel bulletin courier dispatch record register sentinel examiner inquirer mirror globe
    reporter ledger"""
_OUTLET_WORDS = frozenset(_OUTLET_NAMES.split())
_DOMAIN = re.compile(r"^[\w.-]+\.(?:com|org|net|info|news|co\.uk|com\.au|in|io)$", re.I)
_SMALL = frozenset({"&", "and", "of", "the"})


@dataclass(frozen=True, slots=True)
class Head:
    """What the top of an article turned out to be: indexes into its non-blank lines."""

    title: str = ""
    title_index: int | None = None
    outlet: str = ""
    outlet_index: int | None = None


def find_head(given_title: str, lines: Sequence[Line]) -> Head:
    """Title and outlet from the given title (may be empty) and the first non-blank lines."""
    first = lines[0].text if lines else ""
    second = lines[1].text if len(lines) > 1 else ""
    if given_title:
        if is_outlet(given_title) and is_headline(first):
            return Head(first, 0, given_title.strip(), None)
        if first and fold(first) == fold(given_title.strip()):
            return Head(given_title.strip(), 0)
        return Head(given_title.strip())
    if is_outlet(first) and is_headline(second) and len(lines) > 2:
        return Head(second, 1, first, 0)
    if is_headline(first) and len(lines) > 1:
        return Head(first, 0)
    return Head()


def is_outlet(text: str) -> bool:
    """A short capitalised name with a newspaper-ish word ("Citizens International") or a domain."""
    if _DOMAIN.match(text.strip()):
        return True
    tokens = text.split()
    if not 1 <= len(tokens) <= 4 or ends_sentence(text):
        return False
    capitalised = all(t[0].isupper() or t.lower() in _SMALL for t in tokens)
    return capitalised and any(t.lower() in _OUTLET_WORDS for t in tokens)


def is_headline(text: str) -> bool:
    """A line that reads like a title: 3-25 words, no closing full stop, not boilerplate."""
    n = len(text.split())
    return 3 <= n <= 25 and not text.rstrip().endswith(".") and line_rule(text) is None
