"""The read side of the store: story list, one story's digest, full-text search (FTS5, bm25)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from newsweave.errors import NotFound
from newsweave.model import Accounting, Article, Digest, Duplicate
from newsweave.store.codec import (
    ARTICLE_COLUMNS,
    article_from_row,
    duplicate_from_row,
    story_from_dict,
    when,
)
from newsweave.store.db import connect, connect_read_only, default_path
from newsweave.store.sql import select_in

Sort = Literal["newest", "biggest"]
_ORDER = {  # each one an index (schema migration 2): change both together
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
class StoredArticle:
    """One stored article, with the story it belongs to and what it duplicates (if anything)."""

    article: Article
    story_id: str | None
    story_title: str | None
    duplicate: Duplicate | None


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
    """A newsweave database opened for reading: `Store(path)` or `Store.open(path)`.

    `read_only=True` opens it so that nothing can be written (and nothing is migrated).
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        if read_only:
            self._conn = connect_read_only(self.path)
        else:
            self._conn = connect(self.path, create=False)

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False
             ) -> Store:
        return cls(path, read_only=read_only)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def stories(
        self, limit: int | None = None, sort: Sort = "newest", offset: int = 0
    ) -> list[StoryInfo]:
        """Stored stories, newest (last article) or biggest first, skipping the first `offset`."""
        if sort not in _ORDER:
            raise ValueError(f"sort must be one of {', '.join(_ORDER)}, not {sort!r}")
        rows = self._conn.execute(
            "SELECT id, title, size, duplicates, sources, first_published, last_published "
            f"FROM stories ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [StoryInfo(*r[:5], when(r[5]), when(r[6])) for r in rows]

    def count_stories(self) -> int:
        return self._conn.execute("SELECT count(*) FROM stories").fetchone()[0]

    def count_articles(self) -> int:
        """Stored articles, duplicates included."""
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def story(self, story_id: str) -> Digest:
        """A one-story Digest (story, its articles, its duplicates); `story_id` may be a prefix."""
        rows = self._conn.execute("SELECT digest FROM stories WHERE id = ?",
                                  (story_id,)).fetchall()
        if not rows and story_id:  # a prefix: the ids in [prefix, prefix + U+FFFF), indexed
            rows = self._conn.execute(
                "SELECT digest FROM stories WHERE id >= ? AND id < ? LIMIT 2",
                (story_id, story_id + "\uffff"),
            ).fetchall()
        if len(rows) != 1:
            problem = "is ambiguous" if rows else "does not exist"
            raise NotFound(f"story {story_id!r} {problem}", self.path,
                           " (see 'newsweave stories')")
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

    def article(self, article_id: str) -> StoredArticle:
        """One stored article by its full id, with its story and what it duplicates."""
        row = self._conn.execute(
            f"SELECT {', '.join('a.' + c for c in ARTICLE_COLUMNS.split(', '))}, "
            "a.duplicate_of, a.similarity, a.kind, s.id, s.title FROM articles a "
            "LEFT JOIN stories s ON s.key = a.story_key WHERE a.id = ?", (article_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"article {article_id!r} does not exist", self.path)
        duplicate = duplicate_from_row((article_id, *row[8:11])) if row[8] else None
        return StoredArticle(article_from_row(row[:8]), row[11], row[12], duplicate)

    def _ranked(self, fts: str, key: str, column: int, match: str, limit: int,
                marks: tuple[str, str]) -> list[tuple[Any, str, float]]:
        """(key, snippet of `column`, bm25 score) of the best `limit` rows of table `fts`
        matching `match`, best first."""
        return self._conn.execute(
            f"SELECT {key}, snippet({fts}, {column}, ?, ?, '…', 12), bm25({fts}) AS score "
            f"FROM {fts} WHERE {fts} MATCH ? ORDER BY score LIMIT ?",
            (*marks, match, limit),
        ).fetchall()

    def search(self, query: str, limit: int = 10, marks: tuple[str, str] = ("[", "]")
               ) -> list[Hit]:
        """Stories, then articles, matching every word of `query`: up to `limit` of each, best
        (bm25) first (the two tables' scores are not comparable, so they are not interleaved).
        Snippets enclose the matches in `marks`."""
        match = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
        if not match:
            return []
        # The best `limit` matches first, then their rows by key: SQLite joins a ranked FTS
        # subquery to the tables ten times slower than these two steps take.
        stories = self._ranked("stories_fts", "rowid", 1, match, limit, marks)
        story_rows = {r[0]: r[1:] for r in select_in(
            self._conn, "SELECT key, id, title FROM stories WHERE key IN ({in_})",
            [key for key, _, _ in stories])}
        articles = self._ranked("articles_fts", "article_id", 2, match, limit, marks)
        article_rows = {r[0]: r[1:] for r in select_in(
            self._conn, "SELECT a.id, a.title, s.id FROM articles a "
                        "LEFT JOIN stories s ON s.key = a.story_key WHERE a.id IN ({in_})",
            [aid for aid, _, _ in articles])}
        return [
            *(Hit("story", sid, title, snippet, score, sid)
              for key, snippet, score in stories if key in story_rows
              for sid, title in [story_rows[key]]),
            *(Hit("article", aid, title, snippet, score, story_id)
              for aid, snippet, score in articles if aid in article_rows
              for title, story_id in [article_rows[aid]]),
        ]
