"""Near-duplicate candidates as a keyed shuffle: each partition emits its MinHash band keys,
one array record per band; records are grouped by band, so that the articles sharing a band key
meet wherever they were read.

Everything the stages must agree on (threshold, permutations, seed, bands x rows) is one frozen,
validated `LshSpec` handed to every stage, never a convention between them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.dedup.minhash import (
    LshParams,
    band_keys,
    bucket_pairs,
    live_rows,
    optimal_params,
    shingles,
    signatures,
)
from newsweave.engine import Engine, chunks

BandRecords = tuple[np.ndarray, np.ndarray]  # article positions and their keys in one band


@dataclass(frozen=True, slots=True)
class LshSpec:
    """MinHash LSH settings shared by the signature, banding and verification stages."""

    threshold: float
    num_perm: int
    seed: int
    bands: int
    rows: int

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {self.threshold}")
        if self.bands < 1 or self.rows < 1 or self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"{self.bands} bands x {self.rows} rows do not fit {self.num_perm} permutations"
            )

    @classmethod
    def derive(
        cls, threshold: float, num_perm: int, seed: int, override: LshParams | None = None
    ) -> LshSpec:
        """Bands and rows from the threshold (`optimal_params`) unless `override` names them."""
        params = override or optimal_params(threshold, num_perm)
        return cls(threshold, num_perm, seed, params.bands, params.rows)

    @property
    def params(self) -> LshParams:
        return LshParams(self.bands, self.rows)


def near_candidates(texts: Sequence[str], spec: LshSpec, engine: Engine) -> np.ndarray:
    """Unique sorted (i, j), i < j, positions in `texts` sharing a MinHash band."""
    parts = [(spec, lo, part) for lo, part in _offsets(texts, engine.partition_size)]
    pairs = engine.map_group(band_records, parts, band_pairs)
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(pairs), axis=0)


def _offsets(texts: Sequence[str], size: int) -> Iterator[tuple[int, Sequence[str]]]:
    for k, part in enumerate(chunks(texts, size)):
        yield k * size, part


def band_records(part: tuple[LshSpec, int, Sequence[str]]) -> Iterator[tuple[int, BandRecords]]:
    """(band, (positions, keys)) of the partition's articles that have shingles: one record per
    band, so the shuffle moves arrays, not an object per article and band."""
    spec, offset, texts = part
    vocab: dict[str, int] = {}
    sig = signatures([shingles(t, vocab) for t in texts], spec.num_perm, spec.seed)
    live = live_rows(sig)
    keys = band_keys(sig[live], spec.params, spec.seed)
    positions = live.astype(np.int64) + offset
    for band, row in enumerate(keys):
        yield band, (positions, row)


def band_pairs(_band: int, records: list[BandRecords]) -> list[np.ndarray]:
    """Every pair of articles sharing a key in this band, from all partitions' records."""
    ids = np.concatenate([p for p, _ in records])
    keys = np.concatenate([k for _, k in records])
    return [bucket_pairs(ids, keys)]
