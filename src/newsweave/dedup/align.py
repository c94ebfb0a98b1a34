"""Sentence alignment: which sentences of one article another carries verbatim or near-verbatim.

Similarity of two sentences is the larger of the containment of their content terms (stemmed,
stop words dropped: robust to spinning such as "and" -> "&", "about" -> "approximately") and the
Jaccard similarity of their folded word bigrams (robust to light edits), and 0 when their content
lengths differ by more than `MIN_LENGTH_RATIO`. Candidate pairs come from an inverted index over
each sentence's rarest terms (prefix filtering), so no all-pairs comparison is made.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsweave.model import Sentence
from newsweave.text.tokens import STOPWORDS, stem, words

MIN_CONTENT_WORDS = 5
MIN_LENGTH_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class SentenceMatch:
    """Sentence `a` and sentence `b`, each `(article_id, sentence index)`, of different articles."""

    a: tuple[str, int]
    b: tuple[str, int]
    similarity: float


@dataclass(frozen=True, slots=True)
class Profile:
    """The terms a sentence is compared by."""

    terms: frozenset[str]
    bigrams: frozenset[tuple[str, str]]


def profile(text: str, stems: dict[str, str] | None = None) -> Profile:
    """Content terms and word bigrams of `text`; `stems` memoises stemming across calls."""
    memo = {} if stems is None else stems
    toks = words(text)
    terms = frozenset(
        memo[w] if w in memo else memo.setdefault(w, stem(w)) for w in toks if w not in STOPWORDS
    )
    return Profile(terms, frozenset(zip(toks, toks[1:], strict=False)))


def similarity(p: Profile, q: Profile) -> float:
    """Symmetric similarity in [0, 1]: max(content containment, bigram Jaccard), length-guarded."""
    short, long = sorted((len(p.terms), len(q.terms)))
    if short == 0 or short < MIN_LENGTH_RATIO * long:
        return 0.0
    containment = len(p.terms & q.terms) / short
    union = len(p.bigrams | q.bigrams)
    jaccard = len(p.bigrams & q.bigrams) / union if union else 0.0
    return max(containment, jaccard)


def match_sentences(
    sentences: Sequence[Sentence], *, threshold: float = 0.5
) -> list[SentenceMatch]:
    """Pairs of sentences of different articles with similarity >= `threshold`.

    Sentences with fewer than `MIN_CONTENT_WORDS` content terms are skipped. Within a match, `a` is
    the sentence given first; matches are in input order of (a, b).
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    stems: dict[str, str] = {}
    profiled = [(s, profile(s.text, stems)) for s in sentences]
    kept = [(s, p) for s, p in profiled if len(p.terms) >= MIN_CONTENT_WORDS]
    matches = []
    for i, j in _candidates([p.terms for _, p in kept], threshold):
        (s, p), (t, q) = kept[i], kept[j]
        if s.article_id != t.article_id and (sim := similarity(p, q)) >= threshold:
            matches.append(SentenceMatch((s.article_id, s.index), (t.article_id, t.index), sim))
    return matches


def _candidates(term_sets: Sequence[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Sorted pairs (i < j) whose prefixes of rarest terms intersect.

    Two sets whose overlap reaches `threshold` times the smaller (and whose sizes pass the length
    guard) share a term within both prefixes, under one global rarity order.
    """
    df: dict[str, int] = {}
    for terms in term_sets:
        for t in terms:
            df[t] = df.get(t, 0) + 1
    ids = {t: k for k, t in enumerate(sorted(df, key=lambda t: (df[t], t)))}
    shared = sum(1 for n in df.values() if n == 1)  # ids below this are in one sentence only
    rows, cols = [], []
    for i, terms in enumerate(term_sets):
        ranked = sorted(ids[t] for t in terms)
        need = math.ceil(threshold * max(MIN_CONTENT_WORDS, MIN_LENGTH_RATIO * len(ranked)))
        prefix = [t for t in ranked[: len(ranked) - need + 1] if t >= shared]
        rows.extend([i] * len(prefix))
        cols.extend(prefix)
    incidence = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(term_sets), len(ids))
    )
    pairs = sparse.triu(incidence @ incidence.T, k=1).tocoo()
    return sorted(zip(pairs.row.tolist(), pairs.col.tolist(), strict=True))
