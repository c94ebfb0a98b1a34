"""The read side of the store: story list, one story's digest, full-text search (FTS5, bm25)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from newsweave.errors import NewsweaveError
from newsweave.model import Accounting, Digest
from newsweave.store.codec import (
    ARTICLE_COLUMNS,
    article_from_row,
    duplicate_from_row,
    story_from_dict,
    when,
)
from newsweave.store.db import connect, default_path
from newsweave.store.sql import select_in

Sort = Literal["newest", "biggest"]
_ORDER = {
    "newest": "last_published IS NULL, last_published DESC, key DESC",
    "biggest": "size + duplicates DESC, sources DESC, key",
}


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """One line of the story list."""

    id: str
    title: str
    size: int
    duplicates: int
    sources: int
    first_published: datetime | None
    last_published: datetime | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: an article or a story, its bm25 rank (lower is better) and a snippet."""

    kind: Literal["article", "story"]
    id: str
    title: str
    snippet: str
    rank: float
    story_id: str | None


class Store:
    """A newsweave database opened for reading: `Store(path)` or `Store.open(path)`."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._conn = connect(self.path, create=False)

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Store:
        return cls(path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def stories(self, limit: int | None = None, sort: Sort = "newest") -> list[StoryInfo]:
        """Stored stories, newest (last article) or biggest first."""
        rows = self._conn.execute(
            "SELECT id, title, size, duplicates, sources, first_published, last_published "
            f"FROM stories ORDER BY {_ORDER[sort]} LIMIT ?", (-1 if limit is None else limit,),
        )
        return [StoryInfo(*r[:5], when(r[5]), when(r[6])) for r in rows]

    def story(self, story_id: str) -> Digest:
        """A one-story Digest (story, its articles, its duplicates); `story_id` may be a prefix."""
        rows = self._conn.execute(
            "SELECT digest FROM stories WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
            (story_id, _like_prefix(story_id)),
        ).fetchall()
        if len(rows) != 1:
            problem = "is ambiguous" if rows else "does not exist"
            raise NewsweaveError(f"story {story_id!r} {problem} in {self.path} "
                                 "(see 'newsweave stories')")
        story = story_from_dict(json.loads(rows[0][0]))
        ids = [*story.article_ids, *story.duplicate_ids]
        found = {r[0]: r for r in select_in(
            self._conn, f"SELECT {ARTICLE_COLUMNS}, duplicate_of, similarity, kind "
                        "FROM articles WHERE id IN ({in_})", ids)}
        return Digest(
            articles=tuple(article_from_row(found[i][:8]) for i in ids),
            stories=(story,),
            duplicates=tuple(duplicate_from_row((i, *found[i][8:])) for i in story.duplicate_ids),
            rejected=(),
            accounting=Accounting(len(ids), len(story.article_ids), len(story.duplicate_ids), 0),
        )

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Stories, then articles, matching every word of `query`: up to `limit` of each, best
        (bm25) first (the two tables' scores are not comparable, so they are not interleaved)."""
        match = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
        if not match:
            return []
        articles = self._conn.execute(
            "SELECT 'article', f.article_id, a.title, snippet(articles_fts, 2, '[', ']', '…', 12),"
            " bm25(articles_fts), s.id FROM articles_fts f JOIN articles a ON a.id = f.article_id"
            " LEFT JOIN stories s ON s.key = a.story_key"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?", (match, limit),
        )
        stories = self._conn.execute(
            "SELECT 'story', s.id, s.title, snippet(stories_fts, 1, '[', ']', '…', 12),"
            " bm25(stories_fts), s.id FROM stories_fts f JOIN stories s ON s.key = f.rowid"
            " WHERE stories_fts MATCH ? ORDER BY bm25(stories_fts) LIMIT ?", (match, limit),
        )
        return [Hit(*r) for r in (*stories, *articles)]


def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"

