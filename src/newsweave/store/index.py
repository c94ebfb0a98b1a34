"""The inverted index of the stored canonical articles' top terms (table `terms`: one row per
term of an article, with its day and story), answered from its SQL indexes; document
frequencies and story postings are read once per batch, never per group. And the number of
stored canonical articles carrying each of their clustering terms (table `term_counts`), for
the store's idf.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.store.sql import select_in


def document_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    """How many stored canonical articles are indexed under each of `terms` (absent: none)."""
    return dict(select_in(conn, "SELECT term, count(*) FROM terms WHERE term IN ({in_}) "
                                "GROUP BY term", sorted(set(terms))))


class TermCounts:
    """How many stored canonical articles carry each term (all their clustering terms): what
    batch clustering's idf counts over a batch, counted over the store. Read on demand, cached
    for the life of the object (one batch)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._cache: dict[str, int] = {}
        self.articles: int = conn.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]

    def of(self, terms: Sequence[str]) -> np.ndarray:
        """The count of each of `terms` (0: in no stored article)."""
        missing = sorted({t for t in terms if t not in self._cache})
        if missing:
            self._cache.update(dict.fromkeys(missing, 0))
            self._cache.update(select_in(self._conn, "SELECT term, articles FROM term_counts "
                                                     "WHERE term IN ({in_})", missing))
        return np.array([self._cache[t] for t in terms], dtype=np.int64)


def count_terms(conn: sqlite3.Connection, bags: Iterable[Iterable[str]]) -> None:
    """Add the terms of newly stored canonical articles (one term collection each) to
    `term_counts`."""
    counts = Counter(t for bag in bags for t in set(bag))
    conn.executemany("INSERT INTO term_counts (term, articles) VALUES (?, ?) ON CONFLICT(term) "
                     "DO UPDATE SET articles = articles + excluded.articles",
                     sorted(counts.items()))


@dataclass(frozen=True, slots=True)
class StoryPostings:
    """Per term, the story key and the day (NaN: unknown) of each article indexed under it."""

    stories: dict[str, np.ndarray]
    days: dict[str, np.ndarray]

    @classmethod
    def read(cls, conn: sqlite3.Connection, terms: Iterable[str]) -> StoryPostings:
        rows: dict[str, tuple[list[int], list[float | None]]] = {}
        for term, key, day in select_in(conn, "SELECT term, story_key, day FROM terms "
                                              "WHERE term IN ({in_})", sorted(set(terms))):
            keys, days = rows.setdefault(term, ([], []))
            keys.append(key)
            days.append(day)
        return cls({t: np.array(k, dtype=np.int64) for t, (k, _) in rows.items()},
                   {t: np.array(d, dtype=float) for t, (_, d) in rows.items()})

    def of(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(story keys, days) of every posting of `terms`, concatenated."""
        found = [t for t in terms if t in self.stories]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return (np.concatenate([self.stories[t] for t in found]),
                np.concatenate([self.days[t] for t in found]))


def indexed_terms(
    conn: sqlite3.Connection, article_ids: Iterable[str]
) -> dict[str, tuple[int, frozenset[str]]]:
    """Per stored canonical article: its first row number (the order it was indexed in) and the
    terms it is indexed under."""
    rows: dict[str, list[tuple[int, str]]] = {}
    sql = "SELECT article_id, rowid, term FROM terms WHERE article_id IN ({in_})"
    for aid, rowid, term in select_in(conn, sql, sorted(set(article_ids))):
        rows.setdefault(aid, []).append((rowid, term))
    return {aid: (min(r for r, _ in found), frozenset(t for _, t in found))
            for aid, found in rows.items()}


def sharing(conn: sqlite3.Connection, terms: Sequence[str], at_least: int) -> list[str]:
    """The stored canonical articles indexed under at least `at_least` of `terms` (counted in
    SQL, from the index alone)."""
    rows = conn.execute(f"SELECT article_id FROM terms WHERE term IN ({','.join('?' * len(terms))})"
                        " GROUP BY article_id HAVING count(*) >= ?", [*terms, at_least])
    return [r[0] for r in rows]
