"""evaluate: reading benchmark JSONL, truncation, ROUGE, the report."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("rouge_score")

from newsweave.evaluate import format_report, run_eval  # noqa: E402
from newsweave.evaluate.data import read_clusters  # noqa: E402
from newsweave.evaluate.rouge import score, scorer, truncate  # noqa: E402

SENTENCE = "The central bank raised interest rates by half a point to fight inflation."
OTHER = "Markets in Asia fell sharply after the central bank raised interest rates."
RECORD = {
    "id": "c1",
    "documents": [{"text": f"{SENTENCE} {OTHER}"}, {"text": f"{SENTENCE}\nShort line."}],
    "references": [SENTENCE],
}


def _write(path: Path, records: list[dict]) -> Path:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    return path


def test_rouge_of_the_reference_itself_is_one() -> None:
    result = score(scorer(), [SENTENCE], [SENTENCE, SENTENCE], "f1")
    assert result == pytest.approx({m: 1.0 for m in result})


def test_truncate_cuts_the_last_sentence() -> None:
    assert truncate(["a b c", "d e f"], 4) == ["a b c", "d"]
    assert truncate(["a b c"], 3) == ["a b c"]
    assert truncate(["a b"], 10) == ["a b"]


@pytest.mark.parametrize("name", ["set.jsonl", "set.jsonl.gz"])
def test_read_clusters_splits_paragraph_lines_first(tmp_path: Path, name: str) -> None:
    clusters = read_clusters(_write(tmp_path / name, [RECORD, {**RECORD, "id": "c2"}]), limit=1)
    assert [c.id for c in clusters] == ["c1"]
    assert clusters[0].documents == [[SENTENCE, OTHER], [SENTENCE, "Short line."]]


def test_run_eval_scores_and_writes_summaries(tmp_path: Path) -> None:
    data = _write(tmp_path / "set.jsonl", [RECORD])
    seen: list[tuple[int, int]] = []
    out = tmp_path / "summaries.jsonl"
    report = run_eval(
        data,
        words=13,
        measure="recall",
        summaries_out=out,
        progress=lambda k, n: seen.append((k, n)),
    )
    assert report.clusters == 1 and seen == [(1, 1)]
    assert report.rouge["rouge1"] == pytest.approx(100.0)
    assert report.avg_words <= 13 and report.seconds_per_cluster >= 0
    assert json.loads(out.read_text()) == {"id": "c1", "summary": SENTENCE}
    table = format_report(report)
    assert "R-2" in table and "100.00" in table


def test_missing_rouge_score_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from newsweave.errors import MissingExtra

    real_import = builtins.__import__

    def fake_import(name: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if name.startswith("rouge_score"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(MissingExtra, match="newsweave\\[eval\\]"):
        scorer()
