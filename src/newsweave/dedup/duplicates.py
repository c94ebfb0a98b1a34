"""Duplicate articles (exact, near, rewrite) and passages shared by non-duplicate articles.

Stages, each on the survivors of the last so copies are compared once:
1. exact: identical folded, whitespace-normalised text;
2. near: MinHash LSH over 5-word shingles, verified by the exact shingle Jaccard;
3. rewrite: most sentences of the shorter article matched in the other (`match_sentences`).
The same sentence matches give the shared passages between articles that stay distinct.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from newsweave.dedup.align import MIN_CONTENT_WORDS, SentenceMatch, match_sentences
from newsweave.dedup.bands import LshSpec, near_candidates
from newsweave.dedup.groups import Edge, UnionFind, canonical, duplicates
from newsweave.dedup.minhash import LshParams, candidate_pairs, shingles
from newsweave.engine import Engine, LocalEngine
from newsweave.model import Article, Duplicate, Sentence, SharedPassage
from newsweave.text.tokens import STOPWORDS, fold, sentence_words

REWRITE_LENGTH_RATIO = 0.5  # a rewrite has at least half the words of the article it repeats
MIN_SHARED_SENTENCES = 2

Links = dict[tuple[int, int], list[tuple[int, int, float]]]


def find_duplicates(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    near_threshold: float = 0.8,
    rewrite_threshold: float = 0.6,
    num_perm: int = 128,
    seed: int = 1,
    lsh: LshParams | None = None,
    sentence_threshold: float = 0.5,
    engine: Engine | None = None,
    signatures: np.ndarray | None = None,
) -> tuple[list[Duplicate], list[SharedPassage]]:
    """Duplicates (in input order) and shared passages (by input order of the pair).

    `lsh` overrides the bands/rows derived from `near_threshold` and `num_perm`. `engine` runs
    the MinHash band shuffle (default: in this process); the result does not depend on it.
    `signatures`: the articles' MinHash signatures (`minhash.signatures` rows with `num_perm`
    and `seed`) when the caller already has them; they are then banded here, not recomputed.
    """
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("article ids must be unique")
    if signatures is not None and signatures.shape != (len(articles), num_perm):
        raise ValueError(f"signatures must be {len(articles)} x {num_perm}")
    uf = UnionFind(len(articles))
    edges: list[Edge] = []
    reps = _exact(articles, uf, edges)
    spec = LshSpec.derive(near_threshold, num_perm, seed, lsh)
    if signatures is None:
        pairs = near_candidates([articles[r].text for r in reps], spec, engine or LocalEngine())
    else:
        pairs = candidate_pairs(signatures[reps], spec.params, spec.seed)
    reps = _near(articles, reps, pairs.tolist(), uf, edges, spec.threshold)
    sents = [s for r in reps for s in sentences.get(articles[r].id, ())]
    links = _links(match_sentences(sents, threshold=sentence_threshold), ids)
    _rewrites(articles, sentences, links, uf, edges, rewrite_threshold)
    dups = duplicates(articles, uf, edges)
    return dups, _passages(articles, links, {d.article_id for d in dups})


def _exact(articles: Sequence[Article], uf: UnionFind, edges: list[Edge]) -> list[int]:
    """Merge identical texts; return the most complete member of each distinct text."""
    by_text: dict[str, list[int]] = {}
    for k, a in enumerate(articles):
        by_text.setdefault(" ".join(fold(a.text).split()), []).append(k)
    reps = []
    for members in by_text.values():
        rep = canonical(articles, members)
        for m in members:
            if m != rep:
                uf.union(m, rep)
                edges.append(Edge(rep, m, 1.0, "exact"))
        reps.append(rep)
    return sorted(reps)


def _near(
    articles: Sequence[Article],
    reps: list[int],
    pairs: list[list[int]],
    uf: UnionFind,
    edges: list[Edge],
    threshold: float,
) -> list[int]:
    """Merge the LSH candidate `pairs` (positions in `reps`) whose shingle Jaccard >= threshold;
    return the new representatives."""
    vocab: dict[str, int] = {}
    paired = sorted({k for pair in pairs for k in pair})
    sets = {k: shingles(articles[reps[k]].text, vocab) for k in paired}
    for x, y in pairs:
        both = len(np.intersect1d(sets[x], sets[y], assume_unique=True))
        jaccard = both / (len(sets[x]) + len(sets[y]) - both)
        if jaccard >= threshold:
            uf.union(reps[x], reps[y])
            edges.append(Edge(reps[x], reps[y], jaccard, "near"))
    groups: dict[int, list[int]] = {}
    for r in reps:
        groups.setdefault(uf.find(r), []).append(r)
    return sorted(canonical(articles, g) for g in groups.values())


def _links(matches: Sequence[SentenceMatch], ids: Sequence[str]) -> Links:
    """One-to-one sentence pairs per article pair (greedy by similarity), keyed by positions."""
    position = {a: k for k, a in enumerate(ids)}
    used: set[tuple[str, int]] = set()
    links: Links = {}
    for m in sorted(matches, key=lambda m: (-m.similarity, m.a, m.b)):
        a, b = (m.a, m.b) if position[m.a[0]] <= position[m.b[0]] else (m.b, m.a)
        pair = (position[a[0]], position[b[0]])
        if (pair, a) not in used and (pair, b) not in used:
            used.update({(pair, a), (pair, b)})
            links.setdefault(pair, []).append((a[1], b[1], m.similarity))
    return links


def _rewrites(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    links: Links,
    uf: UnionFind,
    edges: list[Edge],
    threshold: float,
) -> None:
    """Merge pairs of comparable length where >= threshold of the shorter's sentences match."""
    countables: dict[int, int] = {}
    lengths: dict[int, int] = {}
    for (x, y), pairs in sorted(links.items()):
        for k in (x, y):
            if k not in lengths:
                lengths[k] = articles[k].n_words
        sizes = sorted((lengths[x], lengths[y]))
        if uf.find(x) == uf.find(y) or sizes[0] < REWRITE_LENGTH_RATIO * sizes[1]:
            continue
        for k in (x, y):
            if k not in countables:
                countables[k] = _countable(sentences.get(articles[k].id, ()))
        countable = min(countables[x], countables[y])
        coverage = min(1.0, len(pairs) / countable) if countable else 0.0
        if coverage >= threshold:
            uf.union(x, y)
            edges.append(Edge(x, y, coverage, "rewrite"))


def _countable(sentences: Sequence[Sentence]) -> int:
    """Sentences long enough to be matched (distinct non-stop words, as an unstemmed proxy)."""
    return sum(
        len({w for w in sentence_words(s.text) if w not in STOPWORDS}) >= MIN_CONTENT_WORDS
        for s in sentences
    )


def _passages(
    articles: Sequence[Article], links: Links, duplicate_ids: set[str]
) -> list[SharedPassage]:
    """Article pairs, neither a duplicate, sharing at least `MIN_SHARED_SENTENCES` sentences."""
    out = []
    for (x, y), pairs in sorted(links.items()):
        a, b = articles[x].id, articles[y].id
        if len(pairs) >= MIN_SHARED_SENTENCES and not {a, b} & duplicate_ids:
            sentence_pairs = tuple(sorted((i, j) for i, j, _ in pairs))
            mean = sum(s for _, _, s in pairs) / len(pairs)
            out.append(SharedPassage(a, b, sentence_pairs, mean))
    return out
