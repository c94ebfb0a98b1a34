"""cluster_articles: articles -> story groups of article ids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from newsweave.cluster.candidates import candidate_pairs, pair_cosines
from newsweave.cluster.config import ClusterConfig
from newsweave.cluster.features import article_terms, tfidf_matrix
from newsweave.cluster.fragments import attach_fragments
from newsweave.cluster.linkage import average_linkage
from newsweave.cluster.templates import template_rows
from newsweave.model import Article


def day_number(published: datetime | None) -> float:
    """Days since the epoch (naive times are UTC); NaN when the date is unknown."""
    if published is None:
        return float("nan")
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp() / 86_400.0


def _within_window(days: np.ndarray, i: np.ndarray, j: np.ndarray, window: float) -> np.ndarray:
    """True where either date is unknown or the two dates are at most `window` days apart."""
    gap = np.abs(days[i] - days[j])
    return np.isnan(gap) | (gap <= window)


def article_bags(articles: Sequence[Article], cfg: ClusterConfig) -> list[Counter[str]]:
    """The weighted terms of each article (independent of the batch: computable per partition)."""
    stems: dict[str, str] = {}
    return [
        article_terms(
            a, title_boost=cfg.title_boost, name_boost=cfg.name_boost,
            max_words=cfg.max_words, stems=stems,
        )
        for a in articles
    ]


def similarity_graph(
    articles: Sequence[Article], cfg: ClusterConfig, bags: Sequence[Counter[str]] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges (i, j, cosine) between blocked candidate pairs inside the time window; articles in
    a template family (see `templates`) keep no edge.

    `bags`: the articles' `article_bags`, when already computed (else computed here).
    """
    if bags is None:
        bags = article_bags(articles, cfg)
    x = tfidf_matrix(bags, cfg.idf_prior_docs)
    i, j = candidate_pairs(x, cfg.top_terms, cfg.max_posting)
    days = np.array([day_number(a.published) for a in articles])
    keep = _within_window(days, i, j, cfg.time_window_days)
    i, j = i[keep], j[keep]
    sim = pair_cosines(x, i, j)
    template = template_rows(len(articles), i, j, sim, cfg.copy_cosine, cfg.max_copies)
    keep = (sim >= cfg.min_edge) & ~template[i] & ~template[j]
    return i[keep], j[keep], sim[keep]


def cluster_articles(
    articles: Sequence[Article],
    config: ClusterConfig | None = None,
    *,
    bags: Sequence[Counter[str]] | None = None,
) -> list[list[str]]:
    """Group articles into stories; every id appears in exactly one group.

    Groups are ordered by their earliest member's input position, members in input order.
    `bags` (the articles' `article_bags`, computed elsewhere) spares computing them here.
    """
    cfg = config or ClusterConfig()
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("article ids must be unique")
    if len(articles) < 2:
        return [[i] for i in ids]
    i, j, sim = similarity_graph(articles, cfg, bags)
    groups = average_linkage(len(ids), i, j, sim, cfg.effective_threshold)
    groups = attach_fragments(len(ids), i, j, sim, groups, cfg.fragment_size,
                              cfg.fragment_share, cfg.min_edge)
    groups.sort(key=lambda g: g[0])
    return [[ids[k] for k in g] for g in groups]
