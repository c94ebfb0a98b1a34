"""Concepts: stemmed content-word bigrams, weighted by how many documents carry them.

Gillick & Favre (2009): a concept is a bigram of stems that is not made of two stop words; its
weight is its document frequency, plus a bonus for documents that state it early (the lead of a
news article carries its main facts). Rare concepts are pruned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.text.tokens import STOPWORDS, stem, words

Concept = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ConceptWeights:
    """How concepts are weighted and pruned."""

    position_bonus: float = 1.0  # a document's vote is 1 + bonus / (1 + first sentence index)
    min_df: int | None = None  # None: derived from the number of documents
    max_concepts: int = 600


def sentence_concepts(text: str) -> frozenset[Concept]:
    """The bigram concepts of one sentence."""
    tokens = words(text)
    stems = [stem(w) for w in tokens]
    return frozenset(
        (stems[i], stems[i + 1])
        for i in range(len(tokens) - 1)
        if not (tokens[i] in STOPWORDS and tokens[i + 1] in STOPWORDS)
    )


def derived_min_df(n_documents: int) -> int:
    """Document-frequency floor: 1 for two documents, growing slowly with the cluster's size."""
    return max(1, min(4, round(n_documents / 4)))


def concept_weights(
    concepts: Sequence[Sequence[frozenset[Concept]]], settings: ConceptWeights
) -> dict[Concept, float]:
    """Weight of every kept concept, from the concept sets of each document's sentences."""
    first_seen: dict[Concept, dict[int, int]] = defaultdict(dict)
    for d, doc in enumerate(concepts):
        for i, sentence in enumerate(doc):
            for c in sentence:
                first_seen[c].setdefault(d, i)
    floor = settings.min_df or derived_min_df(len(concepts))
    weights = {
        c: sum(1.0 + settings.position_bonus / (1 + i) for i in seen.values())
        for c, seen in first_seen.items()
        if len(seen) >= floor
    }
    if len(weights) > settings.max_concepts:
        kept = sorted(weights, key=lambda c: (-weights[c], c))[: settings.max_concepts]
        weights = {c: weights[c] for c in kept}
    return weights
