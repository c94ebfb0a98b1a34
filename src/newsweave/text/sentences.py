"""Rule-based sentence splitting: regex candidates, then a few decisions about the word before.

Newlines are hard boundaries (paragraphs, bullets). A candidate is `.`, `!`, `?` or an ellipsis,
with any closing quotes/brackets, followed by whitespace. Periods after abbreviations, initials
and acronyms end a sentence only when a typical sentence opener follows.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_NEXT = re.compile(r"\s+[\"'“‘(\[]*(\S)(\S*)")


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# Titles before names: a period after them never ends a sentence.
_TITLES = _words(
    """mr mrs ms dr gen sen rep gov lt col capt sgt maj adm prof rev st hon pres supt cmdr fr
    messrs mme mlle mgr cpl pvt brig gens sens reps vs v"""
)
# Abbreviations that take a number after them ("Dec. 18", "No. 1", "p. 4").
_BEFORE_NUMBER = _words(
    """jan feb mar apr jun jul aug sep sept oct nov dec no nos vol p pp art fig ch sec para ed
    approx est ca"""
)
# Abbreviations that may also end a sentence ("Apple Inc. The company...").
_MAY_END = _words(
    """inc corp ltd co jr sr bros plc llc etc al cf e.g i.e u.s u.n u.k e.u d.c
    ft mt"""
)
# After "a.m."/"p.m." a capitalised word starts a sentence unless it names a day or time zone.
_TIME_OF_DAY = frozenset({"a.m", "p.m"})
_TIME_FOLLOWERS = _words(
    """monday tuesday wednesday thursday friday saturday sunday et est edt ct cst cdt pt pst
    pdt gmt bst utc cet cest msk ist jst local eastern central pacific mountain"""
)
# Words that typically open a sentence; after an abbreviation they signal a boundary.
_OPENERS = _words(
    """the a an he she it they we i you his her its their our this that these those there
    but and or so yet if when while after before as at in on for by from with to of
    one two some many most more no not all each both such what who how why where however
    meanwhile officials police mr mrs ms dr president"""
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of `text`, whitespace stripped, in order."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for cut in _cuts(text, line.start(), line.end()):
            _add(spans, text, start, cut)
            start = cut
        _add(spans, text, start, line.end())
    return spans


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets inside [start, end) just after a sentence-ending mark."""
    cuts = []
    for match in _CANDIDATE.finditer(text, start, end):
        nxt = _NEXT.match(text, match.end(), end)
        if nxt and _ends_here(text, match, nxt, start):
            cuts.append(match.end())
    return cuts


def _ends_here(text: str, mark: re.Match[str], nxt: re.Match[str], line_start: int) -> bool:
    """Whether the mark ends a sentence, given the word before it and the one after."""
    first = nxt.group(1)
    if first.islower():
        return False
    punct = mark.group()
    if punct[0] != "." or punct.startswith(".."):
        return True
    return _after_word(_word_before(text, line_start, mark.start()), first + nxt.group(2))


def _word_before(text: str, line_start: int, end: int) -> str:
    """The lower-cased word ending at `end` (opening quotes and brackets dropped)."""
    start = end
    while start > line_start and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("\"'“‘([").lower()


def _after_word(token: str, following: str) -> bool:
    """Whether a period after `token` (lower-cased) ends the sentence, given the next word."""
    if token in _TITLES:
        return False
    if token in _BEFORE_NUMBER and following[0].isdigit():
        return False
    if token in _TIME_OF_DAY:
        return following.rstrip(".,;:").lower() not in _TIME_FOLLOWERS
    if token in _MAY_END or "." in token:
        return following.strip("\"'“‘").lower() in _OPENERS
    return not (len(token) == 1 and token.isalpha())


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
