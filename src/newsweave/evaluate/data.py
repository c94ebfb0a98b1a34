"""Benchmark clusters from the shared JSONL format (plain or gzipped)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsweave.text.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class BenchCluster:
    """One benchmark cluster: documents as sentences, and the human references."""

    id: str
    documents: list[list[str]]
    references: list[str]


def read_clusters(path: str | Path, limit: int | None = None) -> list[BenchCluster]:
    """The first `limit` clusters (all when None) of a benchmark JSONL file."""
    out = []
    for record in _records(Path(path)):
        if limit is not None and len(out) >= limit:
            break
        out.append(
            BenchCluster(
                id=str(record["id"]),
                documents=[s for d in record["documents"] if (s := sentences(d["text"]))],
                references=list(record["references"]),
            )
        )
    return out


def sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph lines first."""
    return [line[a:b].strip() for line in text.splitlines() for a, b in split_sentences(line)]


def _records(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
