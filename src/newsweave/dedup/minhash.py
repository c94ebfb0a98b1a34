"""MinHash signatures over word shingles, and LSH banding with parameters derived from a threshold.

Hashing is stable across processes (CRC32 of words, seeded multiply-shift permutations), so the
same input and `seed` always give the same signatures.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsweave.text.tokens import words

SHINGLE_WORDS = 5
_EMPTY = np.iinfo(np.uint32).max
_CHUNK = 1 << 15  # shingles hashed per block: bounds memory at a few * _CHUNK * num_perm * 8 bytes


@dataclass(frozen=True, slots=True)
class LshParams:
    """`bands` bands of `rows` signature rows each (bands * rows <= num_perm)."""

    bands: int
    rows: int


def shingles(text: str, vocab: dict[str, int], k: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 64-bit hashes of the k-word shingles of `text` (one shingle if shorter).

    `vocab` caches word -> CRC32 across calls; pass the same dict for a whole corpus.
    """
    ids = [vocab[w] if w in vocab else vocab.setdefault(w, _crc(w)) for w in words(text)]
    if not ids:
        return np.empty(0, dtype=np.uint64)
    tok = np.asarray(ids, dtype=np.uint64)
    k = min(k, len(tok))
    n = len(tok) - k + 1
    out = np.zeros(n, dtype=np.uint64)
    for i in range(k):  # polynomial hash of each window; uint64 arithmetic wraps
        out = out * np.uint64(0x100000001B3) + tok[i : i + n]
    return np.unique(out)


def _crc(word: str) -> int:
    return zlib.crc32(word.encode())


def signatures(sets: Sequence[np.ndarray], num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """(len(sets), num_perm) uint32 MinHash signatures; an empty set gets all-max values."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    sig = np.full((len(sets), num_perm), _EMPTY, dtype=np.uint32)
    for rows, flat, starts in _blocks(sets):
        x = (flat ^ (flat >> np.uint64(32))) & np.uint64(0xFFFFFFFF)  # fold to 32-bit keys
        hashed = ((x[:, None] * a + b) >> np.uint64(32)).astype(np.uint32)  # multiply-add-shift
        sig[rows] = np.minimum.reduceat(hashed, starts, axis=0)
    return sig


def _blocks(sets: Sequence[np.ndarray]) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(row ids, concatenated shingles, start offsets) of runs of non-empty sets, ~_CHUNK each."""
    rows: list[int] = []
    size = 0
    for i, s in enumerate(sets):
        if len(s):
            rows.append(i)
            size += len(s)
        if rows and (size >= _CHUNK or i == len(sets) - 1):
            parts = [sets[r] for r in rows]
            starts = np.cumsum([0] + [len(p) for p in parts[:-1]])
            yield np.asarray(rows), np.concatenate(parts), starts
            rows, size = [], 0


@lru_cache(maxsize=64)
def optimal_params(threshold: float, num_perm: int) -> LshParams:
    """Bands/rows minimising false-positive + false-negative area of the LSH S-curve.

    The same criterion as datasketch's `_optimal_param` (equal weights), integrated on a grid.
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
    b, r = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]).T
    s = np.linspace(0.0, 1.0, 2001)
    p = 1.0 - (1.0 - s[None, :] ** r[:, None]) ** b[:, None]  # P(candidate | Jaccard s)
    below = s <= threshold
    fp = np.trapezoid(np.where(below, p, 0.0), s, axis=1)
    fn = np.trapezoid(np.where(below, 0.0, 1.0 - p), s, axis=1)
    best = int(np.argmin(fp + fn))
    return LshParams(int(b[best]), int(r[best]))


def band_keys(sig: np.ndarray, params: LshParams, seed: int = 1) -> np.ndarray:
    """(bands, len(sig)) uint64 keys: rows equal in a band have equal keys in that band."""
    if params.bands * params.rows > sig.shape[1]:
        raise ValueError(f"{params} needs more than {sig.shape[1]} permutations")
    mult = np.random.default_rng(seed).integers(1, 2**63, size=params.rows, dtype=np.uint64)
    keys = np.empty((params.bands, len(sig)), dtype=np.uint64)
    for band in range(params.bands):
        block = sig[:, band * params.rows : (band + 1) * params.rows].astype(np.uint64)
        keys[band] = (block * mult).sum(axis=1)
    return keys


def live_rows(sig: np.ndarray) -> np.ndarray:
    """Rows of `sig` with a signature (an empty shingle set never pairs)."""
    return np.flatnonzero(sig[:, 0] != _EMPTY)


def candidate_pairs(sig: np.ndarray, params: LshParams, seed: int = 1) -> np.ndarray:
    """Unique (i, j), i < j, rows of `sig` sharing at least one band; empty rows never pair."""
    live = live_rows(sig)
    keys = band_keys(sig[live], params, seed)
    pairs = [np.empty((0, 2), dtype=np.int64)]
    pairs.extend(bucket_pairs(live, band) for band in keys)
    return np.unique(np.concatenate(pairs), axis=0)


def bucket_pairs(ids: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """All pairs of `ids` whose `keys` are equal, as sorted (i, j) rows."""
    order = np.argsort(keys, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(keys[order]) != 0])
    sizes = np.diff(np.r_[starts, len(keys)])
    out = []
    for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
        group = ids[order[start : start + size]]
        i, j = np.triu_indices(size, 1)
        out.append(np.sort(np.stack([group[i], group[j]], axis=1), axis=1))
    return np.concatenate(out) if out else np.empty((0, 2), dtype=np.int64)
