"""dedup step: exact, near and rewrite duplicates, and sentences shared across articles."""

from __future__ import annotations

from newsweave.dedup.align import SentenceMatch, match_sentences, similarity
from newsweave.dedup.duplicates import find_duplicates
from newsweave.dedup.minhash import LshParams, optimal_params

__all__ = [
    "LshParams",
    "SentenceMatch",
    "find_duplicates",
    "match_sentences",
    "optimal_params",
    "similarity",
]
