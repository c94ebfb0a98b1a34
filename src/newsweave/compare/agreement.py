"""Agreements and exclusives from near-verbatim sentence matches (`dedup.match_sentences`).

Sources are counted as distinct canonical articles of the story: a duplicate article is not a
second source, and matches naming articles outside the story (duplicates included) are ignored.
A sentence is exclusive when it carries content (`MIN_TERMS` content terms or more), matches no
sentence of another article even loosely (`LOOSE` similarity), is not a side of a conflict, and
the story has 2+ articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from newsweave.compare.evidence import cite, pair_groups
from newsweave.dedup.align import SentenceMatch
from newsweave.model import Agreement, Exclusive, Sentence
from newsweave.text.tokens import content_terms

MIN_TERMS = 5
LOOSE = 0.3


def agreements(matches: Sequence[SentenceMatch], sentences: Mapping[str, Sequence[Sentence]],
               order: Sequence[str]) -> list[Agreement]:
    """Groups of matched sentences from 2+ articles, most sources first, then reading order."""
    out = []
    for group in pair_groups((m.a, m.b) for m in _within(matches, order)):
        evidence = cite((sentences[aid][i] for aid, i in group), order)
        n = len({e.article_id for e in evidence})
        if n >= 2:
            out.append(Agreement(evidence[0].text, evidence, n))
    rank = {aid: k for k, aid in enumerate(order)}
    return sorted(out, key=lambda a: (-a.sources, rank[a.evidence[0].article_id],
                                      a.evidence[0].sentence_index))


def exclusives(loose: Sequence[SentenceMatch], sentences: Mapping[str, Sequence[Sentence]],
               order: Sequence[str], *, shown: Set[tuple[str, int]] = frozenset()
               ) -> list[Exclusive]:
    """Contentful sentences no other article carries, given matches at similarity >= `LOOSE`.

    Sentences in `shown` (those a conflict already cites) are left out.
    """
    if len(order) < 2:
        return []
    shared = {key for m in _within(loose, order) for key in (m.a, m.b)} | set(shown)
    everyone = [s for aid in order for s in sentences[aid]]
    return [Exclusive(s.text, cite([s], order)) for s in everyone
            if (s.article_id, s.index) not in shared and len(content_terms(s.text)) >= MIN_TERMS]


def _within(matches: Sequence[SentenceMatch], order: Sequence[str]) -> list[SentenceMatch]:
    ids = set(order)
    return [m for m in matches if m.a[0] in ids and m.b[0] in ids and m.a[0] != m.b[0]]
