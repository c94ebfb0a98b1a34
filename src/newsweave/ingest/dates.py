"""Publication dates from the forms news files use, with the standard library only.

Accepted: ISO 8601 ("2015-12-11", "2015-12-11T10:00:00Z"), RFC 2822 ("Fri, 11 Dec 2015 10:00:00
GMT"), and written dates ("December 11, 2015", "Dec. 11, 2015", "Friday, 11 December 2015",
optionally followed by a time such as "10:30 a.m."). The result is always timezone-aware:
naive times are taken as UTC, bare dates as 00:00 UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?"
_WRITTEN = (
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
)


def parse_date(value: str) -> datetime | None:
    """An aware datetime for `value`, or None when it is not a date this module understands."""
    value = value.strip()
    if not value:
        return None
    for parse in (_iso, _written, _rfc2822):
        parsed = parse(value)
        if parsed is not None:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("/", "-"))
    except ValueError:
        return None


def _rfc2822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _written(value: str) -> datetime | None:
    for pattern in _WRITTEN:
        match = pattern.fullmatch(value)
        if match and match["month"].lower() in _MONTHS:
            return _build(match)
    return None


def _build(match: re.Match[str]) -> datetime | None:
    hour = int(match["hour"] or 0)
    ampm = (match["ampm"] or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        return datetime(
            int(match["year"]),
            _MONTHS[match["month"].lower()],
            int(match["day"]),
            hour,
            int(match["minute"] or 0),
        )
    except ValueError:
        return None
