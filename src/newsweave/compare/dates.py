"""Dates in text, absolute ("Dec. 18", "December 11, 2015", "March 2011") or relative ("Tuesday",
"yesterday", "next week"), resolved against the article's publication date when it is known.

A relative date of an article with no publication date stays unresolved (`start` is None): it
can be neither compared with other dates nor placed on a timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_MONTH_WORDS = ("january february march april may june july august september october november "
                "december")
MONTHS = {m[:3]: i + 1 for i, m in enumerate(_MONTH_WORDS.split())}
MONTH_NAMES = frozenset(_MONTH_WORDS.split())
_DAY_WORDS = "monday tuesday wednesday thursday friday saturday sunday"
WEEKDAYS = {d: i for i, d in enumerate(_DAY_WORDS.split())}
_MONTH = (r"(january|february|march|april|may|june|july|august|september|october|november"
          r"|december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\.)")
_ABSOLUTE = re.compile(
    rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+(\d{{4}}))?"
    rf"|\b(?:in\s+){_MONTH}\s+(\d{{4}})\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:(next|last|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:'s)?\b|\b(today|yesterday|tomorrow)\b|\b(next|last|this)\s+(week|month)\b",
    re.IGNORECASE,
)
FUTURE_WINDOW = 60  # characters before a weekday searched for a future-tense marker
_FUTURE = re.compile(r"\b(will|would|shall|next|plans?|planned|planning|due|scheduled|set to|"
                     r"expected|is to|are to|wants)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written, its span in the sentence, and the days it can mean.

    `start`/`end` (inclusive) are None when unresolved; `year_known` is False for "Dec. 18" in
    an undated article (then the year is a placeholder and only month and day count).
    """

    text: str
    begin: int
    stop: int
    start: date | None
    end: date | None
    year_known: bool = True

    @property
    def iso(self) -> str:
        """`2015-12-18`, `--12-18` (no year), `2011-03` (a month), `` (unresolved)."""
        if self.start is None or self.end is None:
            return ""
        if self.start != self.end:
            same_month = (self.start.year, self.start.month) == (self.end.year, self.end.month)
            if same_month and self.start.day == 1 and (self.end + timedelta(1)).day == 1:
                return f"{self.start:%Y-%m}"
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        return self.start.isoformat() if self.year_known else f"--{self.start:%m-%d}"

    def same_as(self, other: DateMention) -> bool | None:
        """Whether both can mean the same day; None when they cannot be compared."""
        if None in (self.start, other.start, self.end, other.end):
            return None
        if self.year_known and other.year_known:
            return self.start <= other.end and other.start <= self.end  # type: ignore[operator]
        days = (self.start.month, self.start.day) == (other.start.month, other.start.day)  # type: ignore[union-attr]
        return days and self.start == self.end and other.start == other.end


def date_mentions(text: str, published: datetime | None) -> list[DateMention]:
    """Every date in `text`, in order, resolved against `published` where needed."""
    found = [_absolute(m, published) for m in _ABSOLUTE.finditer(text)]
    taken = [(d.begin, d.stop) for d in found if d is not None]
    for m in _RELATIVE.finditer(text):
        if not any(b < m.end() and m.start() < e for b, e in taken):
            found.append(_relative(m, text, published))
    return sorted((d for d in found if d is not None), key=lambda d: d.begin)


def _absolute(m: re.Match[str], published: datetime | None) -> DateMention | None:
    g = m.groups()
    if g[0]:
        month, day, year = g[0], g[1], g[2]
    elif g[4]:
        month, day, year = g[4], g[3], g[5]
    else:
        return _month_of(m, g[6], int(g[7]))
    known = year is not None or published is not None
    y = int(year) if year else (published.year if published else 2000)
    try:
        day_ = date(y, MONTHS[month.lower()[:3]], int(day))
    except ValueError:
        return None
    return DateMention(m.group(), m.start(), m.end(), day_, day_, known)


def _month_of(m: re.Match[str], month: str, year: int) -> DateMention:
    begin = m.start() + m.group().lower().index(month.lower()[:3])
    span = _month_span(date(year, MONTHS[month.lower()[:3]], 1))
    return DateMention(m.group()[begin - m.start():], begin, m.end(), *span)


def _month_span(first: date) -> tuple[date, date]:
    """The first and last day of `first`'s month."""
    return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _relative(m: re.Match[str], sentence: str, published: datetime | None) -> DateMention:
    text = m.group()
    if published is None:
        return DateMention(text, m.start(), m.end(), None, None)
    today = published.date()
    modifier, weekday, word, period_mod, period = (x.lower() if x else x for x in m.groups())
    if word:
        day = today + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[word])
        return DateMention(text, m.start(), m.end(), day, day)
    if weekday:
        lead = sentence[max(0, m.start() - FUTURE_WINDOW):m.start()]
        future = modifier == "next" or (modifier != "last" and bool(_FUTURE.search(lead)))
        day = _weekday(today, WEEKDAYS[weekday], future)
        return DateMention(text, m.start(), m.end(), day, day)
    shift = {"next": 1, "last": -1, "this": 0}[period_mod]
    if period == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
        return DateMention(text, m.start(), m.end(), monday, monday + timedelta(days=6))
    months = today.year * 12 + today.month - 1 + shift
    span = _month_span(date(months // 12, months % 12 + 1, 1))
    return DateMention(text, m.start(), m.end(), *span)


def _weekday(today: date, weekday: int, future: bool) -> date:
    """The nearest such weekday on or after (future) or on or before `today`."""
    if future:
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    return today - timedelta(days=(today.weekday() - weekday) % 7)
