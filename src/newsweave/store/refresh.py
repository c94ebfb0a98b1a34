"""Recompute changed stories' digests exactly as `weave` builds a story, and store them.

The digests are built by the engine in partitions of stories (`pipeline.stories_partition`,
the function `weave` uses); each story row, its digest JSON and its full-text entry are then
written in one transaction, which also clears the story's `pending` mark: a story is never
half-written, and a refresh that was cut off is redone by the next ingest.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from newsweave.engine import Engine, chunks
from newsweave.model import Article, Duplicate, Story
from newsweave.pipeline import (
    StoryPartition,
    WeaveConfig,
    copies_by_canonical,
    stories_partition,
    story_engine,
)
from newsweave.render.to_json import story_to_dict
from newsweave.store.codec import ARTICLE_COLUMNS, article_from_row, duplicate_from_row, iso
from newsweave.store.tx import transaction


@dataclass(frozen=True, slots=True)
class _Stored:
    """A story's stored rows: its canonical article ids, its articles and its duplicates."""

    key: int
    canonical: tuple[str, ...]
    articles: tuple[Article, ...]
    duplicates: tuple[Duplicate, ...]


def pending_keys(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT story_key FROM pending ORDER BY story_key")]


def refresh_stories(
    conn: sqlite3.Connection,
    keys: Sequence[int],
    config: WeaveConfig,
    engine: Engine,
    done: Callable[[int], None] = lambda _n: None,
) -> None:
    """Rebuild and store the stories `keys` from their stored articles; `done(n)` after each."""
    waiting: deque[list[_Stored]] = deque()

    def parts(size: int) -> Iterator[StoryPartition]:
        for chunk in chunks(keys, size):
            stored = [_stored(conn, key) for key in chunk]
            waiting.append(stored)
            yield StoryPartition.of(
                [s.canonical for s in stored],
                copies_by_canonical(d for s in stored for d in s.duplicates),
                {a.id: a for s in stored for a in s.articles},
                config,
            )

    n = 0
    with story_engine(engine, len(keys)) as (digests, size):
        for stories in digests.map(stories_partition, parts(size)):
            for stored, story in zip(waiting.popleft(), stories, strict=True):
                with transaction(conn):
                    _write(conn, stored.key, story, stored.articles)
                    conn.execute("DELETE FROM pending WHERE story_key = ?", (stored.key,))
                n += 1
                done(n)


def _stored(conn: sqlite3.Connection, key: int) -> _Stored:
    canonical = conn.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_key = ? AND duplicate_of IS NULL "
        "ORDER BY seq", (key,),
    ).fetchall()
    copies = conn.execute(
        f"SELECT {ARTICLE_COLUMNS}, duplicate_of, similarity, kind FROM articles "
        "WHERE story_key = ? AND duplicate_of IS NOT NULL ORDER BY seq", (key,),
    ).fetchall()
    return _Stored(
        key=key,
        canonical=tuple(r[0] for r in canonical),
        articles=tuple(article_from_row(r[:8]) for r in (*canonical, *copies)),
        duplicates=tuple(duplicate_from_row((r[0], *r[8:])) for r in copies),
    )


def _write(conn: sqlite3.Connection, key: int, story: Story, articles: Sequence[Article]) -> None:
    """The story row (its digest JSON as in `weave`'s digest) and its full-text entry."""
    data = story_to_dict(story, {a.id: a.source for a in articles})
    sources = {a.source or a.input for a in articles}
    conn.execute("DELETE FROM stories WHERE key = ? OR id = ?", (key, story.id))
    conn.execute(
        "INSERT INTO stories (key, id, title, size, duplicates, sources, first_published, "
        "last_published, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, story.id, story.title, len(story.article_ids), len(story.duplicate_ids),
         len(sources), iso(story.first_published), iso(story.last_published),
         json.dumps(data, ensure_ascii=False)),
    )
    conn.execute("DELETE FROM stories_fts WHERE rowid = ?", (key,))
    conn.execute("INSERT INTO stories_fts (rowid, title, summary) VALUES (?, ?, ?)",
                 (key, story.title, " ".join(s.text for s in story.summary)))
