"""Dated events in order: every resolved date of the story, with the sentences that state it.

Year-known dates come first in date order, then dates whose year is unknown (an undated
article's "Dec. 18") by month and day; unresolved weekdays are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.compare.evidence import cite
from newsweave.compare.facts import DateFact
from newsweave.model import TimelineEvent


def timeline(dates: Sequence[DateFact], order: Sequence[str]) -> list[TimelineEvent]:
    """One event per distinct date, its text taken from the first source in reading order."""
    by_date: dict[str, list[DateFact]] = {}
    for d in dates:
        if d.mention.iso:
            by_date.setdefault(d.mention.iso, []).append(d)
    events = []
    for iso, found in by_date.items():
        evidence = cite((d.sentence for d in found), order)
        events.append((_sort_key(found[0]), TimelineEvent(iso, evidence[0].text, evidence)))
    return [e for _, e in sorted(events, key=lambda pair: pair[0])]


def _sort_key(d: DateFact) -> tuple[bool, str]:
    m = d.mention
    return (not m.year_known, m.start.isoformat()[5:] if not m.year_known else m.iso)  # type: ignore[union-attr]
