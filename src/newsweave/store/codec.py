"""Stored rows <-> model objects: articles from their columns, stories from their digest JSON."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from newsweave.model import (
    Agreement,
    Article,
    Citation,
    Comparison,
    Conflict,
    ConflictSide,
    Duplicate,
    Entity,
    Evidence,
    Exclusive,
    Paragraph,
    RemovedLine,
    Story,
    SummarySentence,
    TimelineEvent,
)

ARTICLE_COLUMNS = "id, input, title, source, url, published, paragraphs, removed"


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def paragraphs_json(article: Article) -> str:
    """The paragraphs as `[[text, heading], ...]` (raw offsets are not kept)."""
    return json.dumps([[p.text, p.heading] for p in article.paragraphs], ensure_ascii=False)


def removed_json(article: Article) -> str:
    """The boilerplate lines removed, as `[[text, rule], ...]`."""
    return json.dumps([[r.text, r.rule] for r in article.removed], ensure_ascii=False)


def article_from_row(row: sqlite3.Row | tuple) -> Article:
    """An Article from the `ARTICLE_COLUMNS` of a stored row (no raw text, no offsets)."""
    aid, input_, title, source, url, published, paragraphs, removed = row
    return Article(
        id=aid, input=input_, title=title, source=source, url=url, published=when(published),
        paragraphs=tuple(Paragraph(t, 0, 0, bool(h)) for t, h in json.loads(paragraphs)),
        raw="",
        removed=tuple(RemovedLine(t, 0, 0, rule) for t, rule in json.loads(removed)),
    )


def duplicate_from_row(row: tuple) -> Duplicate:
    """A Duplicate from `(id, duplicate_of, similarity, kind)`."""
    aid, of, similarity, kind = row
    return Duplicate(aid, of, similarity, kind)


def story_from_dict(d: dict[str, Any]) -> Story:
    """The inverse of `render.to_json`'s story dict."""
    return Story(
        id=d["id"],
        article_ids=tuple(d["article_ids"]),
        duplicate_ids=tuple(d["duplicate_ids"]),
        title=d["title"],
        summary=tuple(
            SummarySentence(s["text"], tuple(
                Citation(c["article_id"], c["sentence_index"], c["similarity"])
                for c in s["citations"]
            ))
            for s in d["summary"]
        ),
        first_published=when(d["first_published"]),
        last_published=when(d["last_published"]),
        comparison=_comparison(d["comparison"]) if d.get("comparison") else None,
    )


def _evidence(items: list[dict[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(e["article_id"], e["sentence_index"], e["text"]) for e in items)


def _comparison(d: dict[str, Any]) -> Comparison:
    return Comparison(
        agreements=tuple(
            Agreement(a["text"], _evidence(a["evidence"]), a["sources"]) for a in d["agreements"]
        ),
        exclusives=tuple(Exclusive(e["text"], _evidence(e["evidence"])) for e in d["exclusives"]),
        conflicts=tuple(
            Conflict(
                c["kind"], c["subject"],
                tuple(ConflictSide(s["value"], s["normalized"], _evidence(s["evidence"]))
                      for s in c["sides"]),
                c["strict"], c["note"],
            )
            for c in d["conflicts"]
        ),
        entities=tuple(
            Entity(e["name"], e["kind"], tuple(e["variants"]),
                   tuple((m["article_id"], m["count"]) for m in e["mentions"]))
            for e in d["entities"]
        ),
        timeline=tuple(
            TimelineEvent(t["date"], t["text"], _evidence(t["evidence"])) for t in d["timeline"]
        ),
    )
