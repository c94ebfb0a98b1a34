"""Article -> sparse TF-IDF vector over stemmed content terms.

Title terms and name-like tokens (capitalised mid-sentence, or containing a digit) count extra;
tf is sublinear, idf is smoothed over the batch, rows are L2-normalised.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from newsweave.model import Article
from newsweave.text.tokens import STOPWORDS, fold, stem, words

# A capitalised word inside a sentence: after a space that follows a word, comma or semicolon.
_NAME = re.compile(r"(?<=[^\W_,;] |[,;] )[A-Z][^\W_]*(?:['’.-][^\W_]+)*")


def name_words(text: str) -> frozenset[str]:
    """Folded words written with a capital inside a sentence: names, places, organisations."""
    return frozenset(fold(m.group()) for m in _NAME.finditer(text))


def _weighted_terms(
    text: str, names: frozenset[str], boost: float, stems: dict[str, str], limit: int
) -> Counter[str]:
    counts: Counter[str] = Counter()
    for w, n in Counter(words(text)[:limit]).items():
        if w in STOPWORDS or len(w) < 2:
            continue
        s = stems.get(w)
        if s is None:
            s = stems[w] = stem(w)
        counts[s] += n * (boost if w in names or any(map(str.isdigit, w)) else 1.0)
    return counts


def article_terms(
    article: Article, *, title_boost: float, name_boost: float, max_words: int,
    stems: dict[str, str],
) -> Counter[str]:
    """Weighted term counts of one article: body (first `max_words` words) plus boosted title."""
    body = article.text
    names = name_words(article.title + "\n" + body)
    counts = _weighted_terms(body, names, name_boost, stems, max_words)
    for term, n in _weighted_terms(article.title, names, name_boost, stems, max_words).items():
        counts[term] += title_boost * n
    return counts


def tfidf_matrix(bags: Sequence[Counter[str]], prior_docs: int) -> sparse.csr_matrix:
    """Rows of L2-normalised (1 + log tf) * idf, columns = terms of the batch.

    idf counts `prior_docs` imaginary background articles lacking the term, so in a small batch
    about one event the shared terms are not discounted to nothing.
    """
    x, _ = term_matrix(bags)
    return weigh(x, idf(np.bincount(x.indices, minlength=x.shape[1]), len(bags), prior_docs))


def term_matrix(bags: Sequence[Counter[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Rows of sublinear term frequencies (1 + log tf), and the term of each column."""
    vocab: dict[str, int] = {}
    indptr, indices, counts = [0], [], []
    for bag in bags:
        indices.extend([vocab.setdefault(term, len(vocab)) for term in bag])
        counts.extend(bag.values())
        indptr.append(len(indices))
    # each distinct count's weight once, by math.log as ever (weighted counts take few values)
    distinct, which = np.unique(np.asarray(counts, dtype=np.float64), return_inverse=True)
    weights = np.array([1.0 + math.log(n) if n >= 1 else n for n in distinct.tolist()])
    x = sparse.csr_matrix(
        (weights[which.reshape(-1)].astype(np.float32), np.asarray(indices, dtype=np.int32),
         indptr),
        shape=(len(bags), len(vocab)),
    )
    return x, list(vocab)


def idf(df: np.ndarray, docs: int, prior_docs: int) -> np.ndarray:
    """Smoothed idf of terms found in `df` of `docs` articles (plus `prior_docs` lacking them)."""
    return np.log((1.0 + prior_docs + docs) / (1.0 + df)) + 1.0


def weigh(x: sparse.csr_matrix, weights: np.ndarray) -> sparse.csr_matrix:
    """Columns scaled by `weights`, rows L2-normalised (an empty row stays empty)."""
    x = x @ sparse.diags(weights.astype(np.float32))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ x)
