"""Plain-text and JSON listings of stored stories and search hits (the CLI's output)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TextIO

from newsweave.store.codec import iso
from newsweave.store.queries import Hit, StoryInfo


def print_stories(stories: list[StoryInfo], file: TextIO, *, as_json: bool) -> None:
    """One line per story (id, articles + duplicates, sources, span, headline), or JSON."""
    if as_json:
        rows = [asdict(s) | {"first_published": iso(s.first_published),
                             "last_published": iso(s.last_published)} for s in stories]
        file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for s in stories:
        size = f"{s.size}+{s.duplicates}" if s.duplicates else str(s.size)
        file.write(f"{s.id}  {size:>6} art  {s.sources:>3} src  {_span(s):<23}  {s.title}\n")


def _span(s: StoryInfo) -> str:
    if not s.first_published or not s.last_published:
        return "undated"
    first, last = s.first_published.date().isoformat(), s.last_published.date().isoformat()
    return first if first == last else f"{first}..{last}"


def print_hits(hits: list[Hit], file: TextIO, *, as_json: bool) -> None:
    """Search hits: kind, id, title and snippet (matches in [brackets]), or JSON."""
    if as_json:
        file.write(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2) + "\n")
        return
    for h in hits:
        where = f" (story {h.story_id})" if h.kind == "article" and h.story_id else ""
        file.write(f"{h.kind:<7} {h.id}{where}  {h.title}\n        {' '.join(h.snippet.split())}\n")
