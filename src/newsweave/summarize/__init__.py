"""Extractive multi-document summaries: concept coverage under a word budget.

`summarize` picks whole sentences covering the most weighted concepts (stemmed bigrams shared by
several documents, favouring those stated early, and the story's topic words; see `concepts`):
greedy by weight per word, then swaps while coverage grows, or the exact ILP on request
(`select`). Readability constraints (`readability`): no dangling opener unless the sentence
before it in its document is picked too, no fragment, heading or stray quote, no near-duplicate
pair. Picks come back in reading order: by position in their article (leads first), then
document order (earliest first); a sentence that leans on another follows it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from newsweave.summarize.concepts import (
    Concept,
    ConceptWeights,
    concept_weights,
    content_stems,
    sentence_concepts,
    tokenize,
    topic_words,
)
from newsweave.summarize.readability import dangling, fragment, near_duplicate_pairs
from newsweave.summarize.select import Problem, solve

Pick = tuple[int, int]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Budget:
    """At most `words` whitespace words and at most `sentences` sentences (None: no limit)."""

    words: int | None = 120
    sentences: int | None = None


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    """Knobs of `summarize`; defaults tuned on DUC 2006 and Multi-News validation."""

    readable: bool = True  # dangling-opener and fragment rules
    min_words: int = 8  # shorter sentences are never picked
    redundancy: float = 0.5  # content-term Jaccard at which two sentences are near-duplicates
    concepts: ConceptWeights = field(default_factory=ConceptWeights)
    max_candidates: int = 80  # the densest sentences (concept weight per word) go to the ILP
    node_limit: int = 0  # >0: also solve the exact ILP within this many branch-and-bound nodes


@dataclass(frozen=True, slots=True)
class _Cluster:
    """Sentences flattened in reading order, with their concepts and the concept weights."""

    keys: list[Pick]
    texts: list[str]
    lengths: list[int]
    tokens: list[list[tuple[str, str]]]
    concepts: list[frozenset[Concept]]
    weights: dict[Concept, float]
    topics: frozenset[str]


def summarize(
    documents: Sequence[Sequence[str]],
    budget: Budget,
    *,
    eligible: Sequence[Sequence[bool]] | None = None,
    config: SummaryConfig | None = None,
) -> list[Pick]:
    """(document index, sentence index) of the chosen sentences, in reading order."""
    config = config or SummaryConfig()
    return _pick(_analyse(documents, config), budget, eligible, config)


def summarize_to_cut(
    documents: Sequence[Sequence[str]], words: int, config: SummaryConfig | None = None
) -> tuple[list[Pick], Pick | None]:
    """`summarize` within `words` words, and the sentence to append and cut at `words` words.

    For benchmarks that cut summaries at a word count (the peers fill to it and cut): the extra
    sentence is the unpicked one whose first words add the most uncovered concept weight.
    """
    config = config or SummaryConfig()
    cluster = _analyse(documents, config)
    picks = _pick(cluster, Budget(words=words), None, config)
    room = words - sum(len(documents[d][i].split()) for d, i in picks)
    return picks, _tail(cluster, picks, room) if room > 0 else None


def _pick(
    cluster: _Cluster,
    budget: Budget,
    eligible: Sequence[Sequence[bool]] | None,
    config: SummaryConfig,
) -> list[Pick]:
    candidates = _candidates(cluster, eligible, budget, config)
    if not candidates:
        return []
    ids = {c: i for i, c in enumerate(cluster.weights)}
    problem = Problem(
        lengths=[cluster.lengths[k] for k in candidates],
        concepts=[sorted(ids[c] for c in cluster.concepts[k] if c in ids) for k in candidates],
        weights=np.array(list(cluster.weights.values()), dtype=float),
        words=budget.words if budget.words is not None else sum(cluster.lengths),
        sentences=budget.sentences if budget.sentences is not None else len(candidates),
        exclusive=near_duplicate_pairs(
            [content_stems(cluster.tokens[k]) for k in candidates], config.redundancy
        ),
        requires=_requires(cluster, candidates, config),
    )
    chosen = solve(problem, config.node_limit)
    key = [cluster.keys[k] for k in candidates]
    leans = {key[j]: key[p] for j, p in (problem.requires or {}).items() if j in chosen}
    return _reading_order([key[j] for j in chosen], leans)


def _reading_order(picked: list[Pick], leans: dict[Pick, Pick]) -> list[Pick]:
    """Inverted pyramid: sentences earliest in their article first (a lead before any detail),
    ties in document order; a sentence that leans on another comes right after it."""
    follower = {lead: p for p, lead in leans.items()}
    out: list[Pick] = []
    for head in sorted((p for p in picked if p not in leans), key=lambda p: (p[1], p[0])):
        p: Pick | None = head
        while p is not None:
            out.append(p)
            p = follower.get(p)
    return out


def _tail(cluster: _Cluster, picks: Sequence[Pick], words: int) -> Pick | None:
    picked = {cluster.keys.index(p) for p in picks}
    covered = set().union(*(cluster.concepts[k] for k in picked))
    best, best_gain = None, 0.0
    for k, text in enumerate(cluster.texts):
        if k in picked:
            continue
        head = cluster.concepts[k]
        if cluster.lengths[k] > words:
            head = sentence_concepts(tokenize([" ".join(text.split()[:words])])[0], cluster.topics)
        gain = math.fsum(cluster.weights.get(c, 0.0) for c in head - covered)
        if gain > best_gain:
            best, best_gain = cluster.keys[k], gain
    return best


def _analyse(documents: Sequence[Sequence[str]], config: SummaryConfig) -> _Cluster:
    keys = [(d, i) for d, doc in enumerate(documents) for i in range(len(doc))]
    texts = [documents[d][i] for d, i in keys]
    tokens = tokenize(texts)
    topics = topic_words(_per_document(keys, tokens, len(documents)), config.concepts)
    concepts = [sentence_concepts(t, topics) for t in tokens]
    per_doc = _per_document(keys, concepts, len(documents))
    return _Cluster(
        keys=keys,
        texts=texts,
        lengths=[len(t.split()) for t in texts],
        tokens=tokens,
        concepts=concepts,
        weights=concept_weights(per_doc, config.concepts),
        topics=topics,
    )


def _per_document(keys: Sequence[Pick], items: Sequence[T], n: int) -> list[list[T]]:
    """`items` (one per sentence, in `keys` order) grouped by document."""
    out: list[list[T]] = [[] for _ in range(n)]
    for (d, _), item in zip(keys, items, strict=True):
        out[d].append(item)
    return out


def _candidates(
    cluster: _Cluster,
    eligible: Sequence[Sequence[bool]] | None,
    budget: Budget,
    config: SummaryConfig,
) -> list[int]:
    """Pickable sentences in reading order: eligible, long enough, within the budget, carrying
    a concept, no fragment; the `max_candidates` densest; leaning ones only with their lead."""
    limit = budget.words if budget.words is not None else float("inf")
    pickable = [
        k
        for k, (d, i) in enumerate(cluster.keys)
        if (eligible is None or eligible[d][i])
        and config.min_words <= cluster.lengths[k] <= limit
        and any(c in cluster.weights for c in cluster.concepts[k])
        and not (config.readable and fragment(cluster.texts[k], config.min_words))
    ]
    return _with_leads(cluster, _densest(cluster, pickable, config.max_candidates), config)


def _densest(cluster: _Cluster, candidates: list[int], n: int) -> list[int]:
    """The `n` candidates with the most concept weight per word, in reading order."""
    if len(candidates) <= n:
        return candidates
    density = {
        k: math.fsum(cluster.weights.get(c, 0.0) for c in cluster.concepts[k])
        / cluster.lengths[k]
        for k in candidates
    }
    top = set(sorted(candidates, key=lambda k: (-density[k], k))[:n])
    return [k for k in candidates if k in top]


def _with_leads(cluster: _Cluster, candidates: list[int], config: SummaryConfig) -> list[int]:
    """Candidates without the dangling ones whose preceding sentence is not a candidate."""
    if not config.readable:
        return candidates
    kept: list[int] = []
    for k in candidates:
        lead = k - 1 if k and cluster.keys[k - 1][0] == cluster.keys[k][0] else None
        if not dangling(cluster.texts[k]) or (kept and kept[-1] == lead):
            kept.append(k)
    return kept


def _requires(cluster: _Cluster, candidates: list[int], config: SummaryConfig) -> dict[int, int]:
    """Dangling candidate -> the candidate just before it (always there: see `_with_leads`)."""
    if not config.readable:
        return {}
    return {j: j - 1 for j, k in enumerate(candidates) if dangling(cluster.texts[k])}
