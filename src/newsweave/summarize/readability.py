"""What a reader needs: no dangling openers, no fragments, no near-duplicate pairs."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsweave.text.tokens import fold, words

# Openings that lean on the sentence before ("He said...", "But...", "This insistence...").
_DANGLING = re.compile(
    r"^(?:he|she|it|they|them|his|her|its|their|him|theirs|this|that|these|those|there|then|"
    r"but|and|or|so|yet|also|however|still|meanwhile|moreover|furthermore|nevertheless|"
    r"nonetheless|instead|otherwise|thus|hence|therefore|besides|later|afterwards?|such|both|"
    r"another|other|others|too|either|neither|here|in addition|as a result|at the same time|"
    r"on the other hand|in turn|even so|for (?:his|her|their|its) part|by contrast|"
    r"in contrast|after that|the same)\b"
)
_QUOTE = re.compile(r'["“”]')
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")


def dangling(text: str) -> bool:
    """Whether the sentence opens with a reference to something said before it."""
    return bool(_DANGLING.match(" ".join(words(text)[:4])))


def fragment(text: str, min_words: int) -> bool:
    """A heading, a cut-off line, a quote fragment, or too short to stand alone."""
    folded = fold(text).strip()
    if len(folded.split()) < min_words or not _TERMINAL.search(folded):
        return True
    if folded.startswith(("'", "(", "-")) or _stray_quote(text.strip()):
        return True
    return folded.endswith(":") or text.isupper()


def _stray_quote(text: str) -> bool:
    """The sentence's first quote mark closes a quote opened before it ('we will win," he
    said.'): a quote fragment. A quote opened here may run on into the next sentence.
    A straight quote closes when it follows a non-space character."""
    m = _QUOTE.search(text)
    if m is None:
        return False
    mark, i = m.group(), m.start()
    return mark == "”" or (mark == '"' and i > 0 and not text[i - 1].isspace())


def near_duplicate_pairs(
    terms: Sequence[frozenset[str]], threshold: float
) -> list[tuple[int, int]]:
    """Pairs (a < b) of sentences whose content terms overlap (Jaccard) at least `threshold`.

    Overlaps are counted from the sentences sharing each term (no matrix product: a story's few
    dozen sentences would pay a threaded BLAS call's overhead many times over)."""
    n = len(terms)
    sizes = np.array([len(t) for t in terms], dtype=np.int64)
    if threshold <= 0:
        return [(a, b) for a in range(n) for b in range(a + 1, n) if sizes[a] + sizes[b] > 0]
    vocabulary: dict[str, int] = {}
    rows = np.array([i for i, t in enumerate(terms) for _ in t], dtype=np.int64)
    cols = np.array([vocabulary.setdefault(w, len(vocabulary)) for t in terms for w in t],
                    dtype=np.int64)
    order = np.lexsort((rows, cols))
    row, col = rows[order], cols[order]
    firsts, seconds = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for gap in range(1, len(col)):  # entries `gap` apart in one term's run: a sentence pair
        same = col[gap:] == col[:-gap]
        if not same.any():
            break
        firsts.append(row[:-gap][same])
        seconds.append(row[gap:][same])
    codes, overlap = np.unique(np.concatenate(firsts) * n + np.concatenate(seconds),
                               return_counts=True)
    a, b = codes // max(n, 1), codes % max(n, 1)
    similar = overlap >= threshold * (sizes[a] + sizes[b] - overlap)
    return [(int(x), int(y)) for x, y in zip(a[similar], b[similar], strict=True)]
