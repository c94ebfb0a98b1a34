"""split_sentences: abbreviations, initials, numbers, quotes, newlines; gold-set floors."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.text.sentences import split_sentences

BENCH = Path(__file__).resolve().parents[1] / "bench" / "sentences.py"


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "sentences",
    [
        ["The U.S. envoy met the U.N. chief on Dec. 18 in New York.", "Talks went well."],
        ["Gen. Smith, Sen. Brooks and Dr. Patel met Mr. Reed at St. Mary’s.", "Nobody spoke."],
        ["Lumora Inc. rose 3.5% after v2.0 shipped.", "Rivals fell."],
        ["Kestrel were No. 1 on Jan. 1 last year.", "They are not now."],
        ["The vote closed at 8 p.m.", "The results came an hour later."],
        ["He arrived at 9 a.m. Tuesday and left at 4 p.m. on Wednesday.", "It was brief."],
        ["John F. Kennedy won in 1960.", "He was 43."],
        ["“They will meet in Paris.”", "He said no more."],
        ["Was it fair?", "Really?!", "Nobody knows."],
        ["He paused... and then went on.", "The crowd waited..."],
        ["Prices fell (by about 2%).", "Traders were relieved."],
        ["Some 1,200 people came.", "300 of them were students."],
    ],
)
def test_splits(sentences: list[str]) -> None:
    assert _sentences(" ".join(sentences)) == sentences


def test_newlines_and_bullets_are_hard_boundaries() -> None:
    text = "• Visit aims to narrow divisions\n• Russia says no agreement\n\nA heading\nBody."
    assert _sentences(text) == ["• Visit aims to narrow divisions", "• Russia says no agreement",
                                "A heading", "Body."]


def test_gold_set_floor() -> None:
    spec = importlib.util.spec_from_file_location("bench_sentences", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    m = bench.evaluate(split_sentences)
    assert m["precision"] >= 0.97 and m["recall"] >= 0.95 and m["exact"] >= 0.95, m


def test_fast_enough() -> None:
    text = " ".join(["The U.S. envoy met Gen. Smith on Dec. 18 at 9 a.m. in Paris."] * 50)
    start = time.perf_counter()
    for _ in range(20):
        split_sentences(text)
    assert (time.perf_counter() - start) / 20 < 0.005


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.?!…”’\"'()\n 1.")), max_size=120))
def test_spans_in_bounds_ordered_stripped(text: str) -> None:
    spans = split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())  # nothing but whitespace is lost
