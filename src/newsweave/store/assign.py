"""Online story assignment: each group of new canonical articles joins the most similar stored
story (average TF-IDF cosine to its members, as batch average linkage scores a merge) when that
reaches `ClusterConfig.effective_threshold`, or opens a new story.

Candidate stories come from an inverted index of each stored article's top terms (the `terms`
table), never from a scan of the store; articles with known dates further apart than the time
window are never compared.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from newsweave.cluster import ClusterConfig, cluster_articles
from newsweave.cluster.features import article_terms, tfidf_matrix
from newsweave.model import Article
from newsweave.store.codec import when
from newsweave.store.sql import select_in

MAX_CANDIDATE_STORIES = 5
MAX_MEMBERS = 200  # the most recent members of a story that a new group is compared with


@dataclass(frozen=True, slots=True)
class Bag:
    """An article's weighted term counts and its day number (NaN when the date is unknown)."""

    terms: Counter[str]
    day: float


def bag_of(article: Article, cfg: ClusterConfig, stems: dict[str, str]) -> Bag:
    terms = article_terms(article, title_boost=cfg.title_boost, name_boost=cfg.name_boost,
                          max_words=cfg.max_words, stems=stems)
    return Bag(terms, day_number(article.published))


def day_number(published: datetime | None) -> float:
    """Days since the epoch (naive times are UTC, as in batch clustering); NaN when unknown."""
    if published is None:
        return math.nan
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp() / 86_400.0


def top_terms(bag: Bag, n: int) -> list[str]:
    return [t for t, _ in sorted(bag.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def similar_stored(
    conn: sqlite3.Connection, bags: Sequence[Bag], cfg: ClusterConfig
) -> Counter[str]:
    """Stored canonical article id -> how many of the bags' top terms it shares (time window).

    An article's `terms` rows all carry its day, so they are counted per article in SQL."""
    wanted = sorted({t for b in bags for t in top_terms(b, cfg.top_terms)})
    df = dict(select_in(conn, "SELECT term, count(*) FROM terms WHERE term IN ({in_}) "
                              "GROUP BY term", wanted))
    usable = [t for t in wanted if 0 < df.get(t, 0) <= cfg.max_posting]
    rows = list(select_in(conn, "SELECT article_id, day, count(*) FROM terms "
                                "WHERE term IN ({in_}) GROUP BY article_id", usable))
    near = _in_window([b.day for b in bags], [day for _, day, _ in rows], cfg.time_window_days)
    hits: Counter[str] = Counter()
    for (aid, _, n), ok in zip(rows, near.tolist(), strict=True):
        if ok:
            hits[aid] += n
    return hits


def _in_window(days: Sequence[float], stored: Sequence[float | None], window: float) -> np.ndarray:
    """Per stored day: True when it or some date of `days` is unknown, or one is within
    `window` days of it."""
    mine = np.sort(np.asarray(days, dtype=float))
    theirs = np.array([math.nan if d is None else d for d in stored], dtype=float)
    if np.isnan(mine).any():
        return np.ones(len(theirs), dtype=bool)
    if not len(mine):
        return np.isnan(theirs)
    at = np.searchsorted(mine, theirs)
    below = np.abs(mine[np.maximum(at - 1, 0)] - theirs)
    above = np.abs(mine[np.minimum(at, len(mine) - 1)] - theirs)
    return np.isnan(theirs) | (np.minimum(below, above) <= window)


def assign(
    conn: sqlite3.Connection, articles: Sequence[Article], bags: Sequence[Bag],
    cfg: ClusterConfig,
) -> dict[str, int]:
    """Article id -> story key (existing or new) for the new canonical `articles`."""
    where = {a.id: k for k, a in enumerate(articles)}
    next_key = _next_key(conn)
    out: dict[str, int] = {}
    for group in cluster_articles(articles, cfg):
        group_bags = [bags[where[aid]] for aid in group]
        key = _best_story(conn, group_bags, cfg)
        if key is None:
            key, next_key = next_key, next_key + 1
        out.update((aid, key) for aid in group)
    return out


def _next_key(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(story_key) FROM articles").fetchone()
    return (row[0] or 0) + 1


def _best_story(conn: sqlite3.Connection, group: Sequence[Bag], cfg: ClusterConfig) -> int | None:
    hits = similar_stored(conn, group, cfg)
    if not hits:
        return None
    votes: Counter[int] = Counter()
    for aid, key in select_in(conn, "SELECT id, story_key FROM articles WHERE id IN ({in_})",
                              sorted(hits)):
        votes[key] += hits[aid]
    best, best_score = None, cfg.effective_threshold
    for key, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATE_STORIES]:
        score = average_linkage(group, _members(conn, key), cfg)
        if score >= best_score:
            best, best_score = key, score
    return best


def _members(conn: sqlite3.Connection, key: int) -> list[Bag]:
    rows = conn.execute(
        "SELECT terms, published FROM articles WHERE story_key = ? AND duplicate_of IS NULL "
        "ORDER BY seq DESC LIMIT ?", (key, MAX_MEMBERS),
    )
    return [Bag(Counter(json.loads(t)), day_number(when(p))) for t, p in rows]


def average_linkage(group: Sequence[Bag], members: Sequence[Bag], cfg: ClusterConfig) -> float:
    """Mean TF-IDF cosine over all (group, member) pairs; pairs outside the window count 0."""
    if not group or not members:
        return 0.0
    x = tfidf_matrix([b.terms for b in (*group, *members)], cfg.idf_prior_docs)
    cos = (x[: len(group)] @ x[len(group) :].T).toarray()
    gap = np.abs(np.array([[g.day] for g in group]) - np.array([m.day for m in members]))
    cos[gap > cfg.time_window_days] = 0.0
    return float(cos.mean())
