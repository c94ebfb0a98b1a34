"""Recompute a changed story's digest exactly as `weave` builds a story, and store it.

The story row, its digest JSON and its full-text entry are written in one transaction, which
also clears the story's `pending` mark: a story is never half-written, and a refresh that was
cut off is redone by the next ingest.
"""

from __future__ import annotations

import json
import sqlite3

from newsweave.model import Digest, Story
from newsweave.pipeline import WeaveConfig, build_story, copies_by_canonical
from newsweave.render.to_json import digest_to_dict
from newsweave.store.codec import ARTICLE_COLUMNS, article_from_row, duplicate_from_row, iso
from newsweave.store.tx import transaction
from newsweave.text.segment import sentences_of


def pending_keys(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT story_key FROM pending ORDER BY story_key")]


def refresh_story(conn: sqlite3.Connection, key: int, config: WeaveConfig) -> None:
    """Rebuild and store story `key` from its stored articles, in one transaction."""
    with transaction(conn):
        digest = story_digest(conn, key, config)
        _write(conn, key, digest)
        conn.execute("DELETE FROM pending WHERE story_key = ?", (key,))


def story_digest(conn: sqlite3.Connection, key: int, config: WeaveConfig) -> Digest:
    """A one-story Digest: the story, its articles and its duplicates."""
    canonical = conn.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_key = ? AND duplicate_of IS NULL "
        "ORDER BY seq", (key,),
    ).fetchall()
    copies = conn.execute(
        f"SELECT {ARTICLE_COLUMNS}, duplicate_of, similarity, kind FROM articles "
        "WHERE story_key = ? AND duplicate_of IS NOT NULL ORDER BY seq", (key,),
    ).fetchall()
    articles = [article_from_row(r[:8]) for r in (*canonical, *copies)]
    duplicates = [duplicate_from_row((r[0], *r[8:])) for r in copies]
    by_id = {a.id: a for a in articles}
    sentences = {a.id: sentences_of(a) for a in articles}
    story = build_story([r[0] for r in canonical], copies_by_canonical(duplicates), by_id,
                        sentences, config)
    return Digest(articles=tuple(articles), stories=(story,), duplicates=tuple(duplicates),
                  rejected=())


def _write(conn: sqlite3.Connection, key: int, digest: Digest) -> None:
    data = digest_to_dict(digest)["stories"][0]
    story: Story = digest.stories[0]
    sources = {a.source or a.input for a in digest.articles}
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
