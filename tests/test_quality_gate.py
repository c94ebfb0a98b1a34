"""Quality gate: ROUGE floors on a small fixed subset of the dev sets (never the test sets).

Floors sit a little under what the default summarizer measured when they were pinned; a drop
below one means a change made summaries worse. The full figures come from `bench/quality`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("rouge_score")

from newsweave.evaluate import run_eval  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# (data file, clusters, words, measure) -> floors in ROUGE points.
GATES = {
    ("duc2006/test.jsonl", 5, 250, "recall"): (36.5, 8.2),
    ("multinews/validation.jsonl.gz", 20, 260, "f1"): (44.5, 13.6),
}


@pytest.mark.parametrize(("gate", "floors"), GATES.items(), ids=lambda g: str(g[0]))
def test_rouge_floors(gate: tuple[str, int, int, str], floors: tuple[float, float]) -> None:
    data, clusters, words, measure = gate
    path = SHARED / "data" / data
    if not path.exists():
        pytest.skip(f"benchmark data not found at {path} (the team's shared folder is absent)")
    report = run_eval(path, words=words, measure=measure, limit=clusters)  # type: ignore[arg-type]
    assert report.clusters == clusters
    assert report.rouge["rouge1"] >= floors[0]
    assert report.rouge["rouge2"] >= floors[1]
