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
    """Pairs (a < b) of sentences whose content terms overlap (Jaccard) at least `threshold`."""
    vocabulary: dict[str, int] = {}
    rows = [i for i, t in enumerate(terms) for _ in t]
    cols = [vocabulary.setdefault(w, len(vocabulary)) for t in terms for w in t]
    m = np.zeros((len(terms), len(vocabulary)), dtype=np.float64)  # few sentences: dense
    m[rows, cols] = 1.0
    overlap = m @ m.T
    sizes = np.diag(overlap)
    union = sizes[:, None] + sizes[None, :] - overlap
    similar = np.triu(overlap >= threshold * union, k=1) & (union > 0)
    return [(int(a), int(b)) for a, b in zip(*np.nonzero(similar), strict=True)]
