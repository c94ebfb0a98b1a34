"""Extractive multi-document summaries: concept coverage under a word budget.

`summarize` picks whole sentences covering the most weighted concepts (stemmed bigrams shared by
several documents, favouring those stated early; see `concepts`) with an ILP (`select`), under
readability constraints (`readability`): no dangling opener unless the sentence before it in its
document is picked too, no fragments or headings, no near-duplicate pair. The picks come back in
reading order: document order (earliest first), then position in the document, so a sentence and
the one it leans on always stand together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsweave.summarize.concepts import ConceptWeights, concept_weights, sentence_concepts
from newsweave.summarize.readability import dangling, fragment, near_duplicate_pairs, term_set
from newsweave.summarize.select import Problem, solve

Pick = tuple[int, int]


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
    time_limit: float = 2.0  # seconds for the ILP before the greedy fallback


@dataclass(frozen=True, slots=True)
class _Cluster:
    """Sentences flattened in reading order, with their concepts and the concept weights."""

    keys: list[Pick]
    texts: list[str]
    lengths: list[int]
    concepts: list[frozenset]
    weights: dict


def summarize(
    documents: Sequence[Sequence[str]],
    budget: Budget,
    *,
    eligible: Sequence[Sequence[bool]] | None = None,
    config: SummaryConfig | None = None,
) -> list[Pick]:
    """(document index, sentence index) of the chosen sentences, in reading order."""
    config = config or SummaryConfig()
    cluster = _analyse(documents, config)
    candidates = _candidates(cluster, eligible, budget, config)
    if not candidates:
        return []
    ids = {c: i for i, c in enumerate(cluster.weights)}
    problem = Problem(
        lengths=[cluster.lengths[k] for k in candidates],
        concepts=[[ids[c] for c in cluster.concepts[k] if c in ids] for k in candidates],
        weights=np.array(list(cluster.weights.values()), dtype=float),
        words=budget.words if budget.words is not None else sum(cluster.lengths),
        sentences=budget.sentences if budget.sentences is not None else len(candidates),
        exclusive=near_duplicate_pairs(
            [term_set(cluster.texts[k]) for k in candidates], config.redundancy
        ),
        requires=_requires(cluster, candidates, config),
    )
    return sorted(cluster.keys[candidates[j]] for j in solve(problem, config.time_limit))


def best_tail(
    documents: Sequence[Sequence[str]],
    picks: Sequence[Pick],
    words: int,
    config: SummaryConfig | None = None,
) -> Pick | None:
    """The unpicked sentence whose first `words` words add the most uncovered concept weight.

    For benchmarks that cut a summary at a word count: it fills the room whole sentences leave.
    """
    config = config or SummaryConfig()
    cluster = _analyse(documents, config)
    covered = set().union(*(cluster.concepts[cluster.keys.index(p)] for p in picks))
    best, best_gain = None, 0.0
    for key, text in zip(cluster.keys, cluster.texts, strict=True):
        if key in picks:
            continue
        head = sentence_concepts(" ".join(text.split()[:words]))
        gain = sum(cluster.weights.get(c, 0.0) for c in head - covered)
        if gain > best_gain:
            best, best_gain = key, gain
    return best


def _analyse(documents: Sequence[Sequence[str]], config: SummaryConfig) -> _Cluster:
    keys = [(d, i) for d, doc in enumerate(documents) for i in range(len(doc))]
    texts = [documents[d][i] for d, i in keys]
    per_doc = [[sentence_concepts(s) for s in doc] for doc in documents]
    return _Cluster(
        keys=keys,
        texts=texts,
        lengths=[len(t.split()) for t in texts],
        concepts=[c for doc in per_doc for c in doc],
        weights=concept_weights(per_doc, config.concepts),
    )


def _candidates(
    cluster: _Cluster,
    eligible: Sequence[Sequence[bool]] | None,
    budget: Budget,
    config: SummaryConfig,
) -> list[int]:
    """Pickable sentences; a dangling one only if the sentence before it is pickable too."""
    limit = budget.words if budget.words is not None else float("inf")
    kept: list[int] = []
    for k, (d, i) in enumerate(cluster.keys):
        text = cluster.texts[k]
        if (
            (eligible is None or eligible[d][i])
            and config.min_words <= cluster.lengths[k] <= limit
            and any(c in cluster.weights for c in cluster.concepts[k])
            and not (config.readable and fragment(text, config.min_words))
            and not (
                config.readable and dangling(text) and (not kept or kept[-1] != k - 1 or i == 0)
            )
        ):
            kept.append(k)
    return kept


def _requires(cluster: _Cluster, candidates: list[int], config: SummaryConfig) -> dict[int, int]:
    """Dangling candidate -> the candidate just before it (always there: see `_candidates`)."""
    if not config.readable:
        return {}
    return {j: j - 1 for j, k in enumerate(candidates) if dangling(cluster.texts[k])}
