"""Sentence alignment: which sentences of one article another carries verbatim or near-verbatim.

Similarity of two sentences is the larger of
- the mean containment of their content terms and of their content-term bigrams (stemmed, stop
  words dropped: robust to spinning such as "and" -> "&", "about" -> "approximately"; the bigrams
  ask for the same order, so sentences merely naming the same people score low), and
- the Jaccard similarity of their folded word bigrams (verbatim copies with light edits),
and 0 when their content lengths differ by more than a factor 1 / `MIN_LENGTH_RATIO`.
Candidate pairs come from an inverted index over each sentence's rarest terms (prefix filtering),
so no all-pairs comparison is made. Each feature set is kept as sorted keys `row * width +
feature`; a pair's overlap is counted by looking row i's keys up in row j (few pairs: a story)
or by sparse row products (many pairs: the corpus-wide rewrite stage).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsweave.model import Sentence
from newsweave.text.tokens import STOPWORDS, sentence_words, stem

MIN_CONTENT_WORDS = 5
MIN_LENGTH_RATIO = 0.5
_SHARED_PREFIX_TERMS = 2
_MAX_KEY_DF = 300  # terms in more sentences are never index keys (bounds the candidate pairs)
_BLOCK_ROWS = 8192  # rows whose co-occurrence counts are held at once (bounds the memory)
_SPARSE_PAIRS = 1_000  # from this many pairs on, sparse row products are faster (measured)


@dataclass(frozen=True, slots=True)
class SentenceMatch:
    """Sentence `a` and sentence `b`, each `(article_id, sentence index)`, of different articles."""

    a: tuple[str, int]
    b: tuple[str, int]
    similarity: float


@dataclass(frozen=True, slots=True)
class _Rows:
    """A binary sentence x feature incidence: the sorted distinct keys row * width + feature."""

    keys: np.ndarray
    sizes: np.ndarray  # features per row
    width: int

    @property
    def starts(self) -> np.ndarray:
        """Where each row's keys begin."""
        return np.cumsum(self.sizes) - self.sizes

    def matrix(self) -> sparse.csr_matrix:
        indptr = np.concatenate([[0], np.cumsum(self.sizes)])
        features = self.keys % self.width if self.width else self.keys
        return sparse.csr_matrix(
            (np.ones(len(self.keys), dtype=np.int32), features, indptr),
            shape=(len(self.sizes), self.width),
        )


@dataclass(frozen=True, slots=True)
class _Table:
    """Sentence x feature incidences: content terms, content-term bigrams, word bigrams."""

    terms: _Rows
    term_pairs: _Rows
    bigrams: _Rows


def similarity(a: str, b: str) -> float:
    """Symmetric similarity in [0, 1] of two sentences (see the module docstring)."""
    return float(_score(_table([a, b]), np.array([0]), np.array([1]))[0])


def match_sentences(
    sentences: Sequence[Sentence], *, threshold: float = 0.5
) -> list[SentenceMatch]:
    """Pairs of sentences of different articles with similarity >= `threshold`.

    Sentences with fewer than `MIN_CONTENT_WORDS` content terms are skipped. Within a match, `a` is
    the sentence given first; matches are in input order of (a, b).
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    articles = {a: k for k, a in enumerate(dict.fromkeys(s.article_id for s in sentences))}
    if len(articles) < 2:  # one article's sentences: no pair to find (most stories of a feed)
        return []
    table = _table([s.text for s in sentences])
    owner = np.array([articles[s.article_id] for s in sentences], dtype=np.int64)
    i, j = _candidates(table.terms, threshold)
    i, j = i[owner[i] != owner[j]], j[owner[i] != owner[j]]
    sim = _score(table, i, j)
    keep = np.flatnonzero(sim >= threshold)
    keep = keep[np.lexsort((j[keep], i[keep]))]
    where = [(s.article_id, s.index) for s in sentences]
    return [
        SentenceMatch(where[a], where[b], s)
        for a, b, s in zip(i[keep].tolist(), j[keep].tolist(), sim[keep].tolist(), strict=True)
    ]


def _table(texts: Sequence[str]) -> _Table:
    """Tokenise every text once into one flat id array, then build the feature matrices."""
    vocab: dict[str, int] = {}
    flat: list[int] = []
    lengths: list[int] = []
    for text in texts:
        toks = sentence_words(text)
        flat.extend(vocab.setdefault(w, len(vocab)) for w in toks)
        lengths.append(len(toks))
    tok = np.asarray(flat, dtype=np.int64)
    row = np.repeat(np.arange(len(texts)), lengths)
    stems = {w: stem(w) for w in vocab if w not in STOPWORDS}
    stem_ids = {s: k for k, s in enumerate(dict.fromkeys(stems.values()))}
    term_of = np.array([stem_ids[stems[w]] if w in stems else -1 for w in vocab], dtype=np.int64)
    term = term_of[tok] if len(tok) else tok
    content = term >= 0
    n = len(texts)
    return _Table(
        _incidence(row[content], term[content], n),
        _incidence(*_adjacent(row[content], term[content]), n),
        _incidence(*_adjacent(row, tok), n),
    )


def _adjacent(row: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, bigram key) for consecutive ids within the same row."""
    same = row[1:] == row[:-1]
    keys = ids[:-1][same] * (int(ids.max(initial=0)) + 1) + ids[1:][same]
    return row[1:][same], keys


def _incidence(row: np.ndarray, keys: np.ndarray, n: int) -> _Rows:
    """The incidence of n rows; features are the distinct `keys`, numbered densely."""
    cols, col = np.unique(keys, return_inverse=True)
    width = len(cols)
    found = np.sort(row * width + col.reshape(-1))
    found = found[np.concatenate([[True], found[1:] != found[:-1]])] if len(found) else found
    return _Rows(found, np.bincount(found // max(width, 1), minlength=n), width)


def _score(table: _Table, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Similarity of sentence pairs (i[k], j[k]), vectorised."""
    n_terms = table.terms.sizes
    short = np.minimum(n_terms[i], n_terms[j])
    guard = (short > 0) & (short >= MIN_LENGTH_RATIO * np.maximum(n_terms[i], n_terms[j]))
    content = (_containment(table.terms, i, j) + _containment(table.term_pairs, i, j)) / 2
    return np.where(guard, np.maximum(content, _jaccard(table.bigrams, i, j)), 0.0)


def _overlap(m: _Rows, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, ...]:
    """|A & B|, |A|, |B| for the rows i, j: each feature of row i looked up in row j (scipy's
    row products instead for many pairs: fewer passes over the data, more fixed cost)."""
    a, b = m.sizes[i], m.sizes[j]
    if len(i) > _SPARSE_PAIRS:
        x = m.matrix()
        return np.asarray(x[i].multiply(x[j]).sum(axis=1)).reshape(-1), a, b
    pair = np.repeat(np.arange(len(i)), a)
    if not len(pair):
        return np.zeros(len(i)), a, b
    entry = np.arange(len(pair)) + np.repeat(m.starts[i] - (np.cumsum(a) - a), a)
    wanted = m.keys[entry] + np.repeat((j - i) * m.width, a)
    at = np.minimum(np.searchsorted(m.keys, wanted), len(m.keys) - 1)
    return np.bincount(pair, weights=m.keys[at] == wanted, minlength=len(i)), a, b


def _containment(m: _Rows, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    both, a, b = _overlap(m, i, j)
    return np.divide(both, np.minimum(a, b), out=np.zeros(len(i)), where=np.minimum(a, b) > 0)


def _jaccard(m: _Rows, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    both, a, b = _overlap(m, i, j)
    union = a + b - both
    return np.divide(both, union, out=np.zeros(len(i)), where=union > 0)


def _candidates(rows: _Rows, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Rows (i < j) sharing at least `k` terms of their prefixes of rarest terms.

    Prefix filtering: under one global rarity order, two sets sharing `o >= k` terms share their
    first `k` common terms within the first `len - o + k` terms of each. `o` is at least
    `threshold` times the smaller set, which the length guard bounds by each set's own length.
    Rows with fewer than `MIN_CONTENT_WORDS` terms get no prefix; terms in one sentence or in more
    than `_MAX_KEY_DF` are dropped from prefixes (the latter trades a little recall for scale).
    """
    k = min(_SHARED_PREFIX_TERMS, math.ceil(threshold * MIN_CONTENT_WORDS))
    terms = rows.matrix()
    sizes = rows.sizes
    need = np.ceil(threshold * np.maximum(MIN_CONTENT_WORDS, MIN_LENGTH_RATIO * sizes))
    limit = np.where(sizes >= MIN_CONTENT_WORDS, sizes - need + k, 0)
    row = np.repeat(np.arange(terms.shape[0]), sizes)
    df = np.bincount(terms.indices[limit[row] > 0], minlength=terms.shape[1])
    rank = np.empty(len(df), dtype=np.int64)
    rank[np.lexsort((np.arange(len(df)), df))] = np.arange(len(df))
    order = np.lexsort((rank[terms.indices], row))
    position = np.arange(len(order)) - terms.indptr[row]
    key_df = df[terms.indices[order]]
    pick = order[(position < limit[row]) & (key_df > 1) & (key_df <= _MAX_KEY_DF)]
    prefix = sparse.csr_matrix(
        (np.ones(len(pick), dtype=np.int32), (row[pick], terms.indices[pick])), shape=terms.shape
    )
    return _shared_at_least(prefix, k)


def _shared_at_least(prefix: sparse.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j) of a binary matrix sharing at least `k` columns, sorted by (i, j).

    Counted `_BLOCK_ROWS` rows at a time against the rows after them: most co-occurring pairs
    share a single column, so the whole product would hold far more pairs than are kept.
    """
    after = prefix.T.tocsc()
    found_i, found_j = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for lo in range(0, prefix.shape[0], _BLOCK_ROWS):
        counts = (prefix[lo : lo + _BLOCK_ROWS] @ after[:, lo:]).tocoo()
        hit = (counts.data >= k) & (counts.col > counts.row)
        i, j = counts.row[hit].astype(np.int64) + lo, counts.col[hit].astype(np.int64) + lo
        order = np.lexsort((j, i))
        found_i.append(i[order])
        found_j.append(j[order])
    return np.concatenate(found_i), np.concatenate(found_j)
