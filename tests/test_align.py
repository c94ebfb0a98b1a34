"""Sentence alignment: verbatim, edited and spun copies match; same-topic sentences do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.dedup.align import SentenceMatch, match_sentences, similarity
from newsweave.model import Sentence

WIRE = (
    "The harbour authority said on Monday that the eastern bridge would stay closed for about "
    "three weeks while engineers inspect cracks found in two of its steel supports"
)
EDITED = (
    "The harbour authority said Monday the eastern bridge will stay closed for about three weeks "
    "while engineers inspect the cracks found in two of its steel supports"
)
SPUN = (
    "The harbour authority said on Monday that the eastern bridge would moreover stay closed for "
    "approximately three weeks while engineers inspect cracks & faults found in two of its steel "
    "supports"
)
SAME_TOPIC = (
    "Commuters crowded onto ferries across the harbour as the closure of the eastern bridge "
    "entered its second day, with officials warning of weeks of disruption"
)
TITLE = "Eastern bridge closed for three weeks"


def sents(article_id: str, *texts: str) -> list[Sentence]:
    out, start = [], 0
    for k, text in enumerate(texts):
        out.append(Sentence(article_id, k, text, start, start + len(text)))
        start += len(text) + 2
    return out


def pairs(matches: list[SentenceMatch]) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    return {(m.a, m.b) for m in matches}


@pytest.mark.parametrize("other", [WIRE, EDITED, SPUN])
def test_copies_match(other: str) -> None:
    matches = match_sentences(sents("a", SAME_TOPIC, WIRE) + sents("b", other))
    assert pairs(matches) == {(("a", 1), ("b", 0))}
    assert 0.5 <= matches[0].similarity <= 1.0


def test_verbatim_scores_one() -> None:
    assert similarity(WIRE, WIRE) == pytest.approx(1.0)


def test_same_topic_does_not_match() -> None:
    assert match_sentences(sents("a", WIRE) + sents("b", SAME_TOPIC)) == []
    assert similarity(WIRE, SAME_TOPIC) < 0.5


def test_length_guard_short_inside_long() -> None:
    assert similarity(TITLE, WIRE + " " + SAME_TOPIC) == 0.0


def test_short_sentences_skipped() -> None:
    short = "Bridge closed for weeks"
    assert match_sentences(sents("a", short) + sents("b", short)) == []


def test_only_across_articles() -> None:
    assert match_sentences(sents("a", WIRE, WIRE)) == []


def test_order_of_pairs_follows_input() -> None:
    matches = match_sentences(sents("b", EDITED) + sents("a", SAME_TOPIC, WIRE))
    assert pairs(matches) == {(("b", 0), ("a", 1))}


def test_threshold_validated() -> None:
    with pytest.raises(ValueError):
        match_sentences([], threshold=0.0)


POOL = [WIRE, EDITED, SPUN, SAME_TOPIC, TITLE, "Officials said repairs could cost millions"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(POOL)), max_size=8))
def test_matches_symmetric_and_bounded(items: list[tuple[str, str]]) -> None:
    sentences = [Sentence(a, k, text, 0, len(text)) for k, (a, text) in enumerate(items)]
    forward = {frozenset((m.a, m.b)): m.similarity for m in match_sentences(sentences)}
    backward = {frozenset((m.a, m.b)): m.similarity for m in match_sentences(sentences[::-1])}
    assert forward.keys() == backward.keys()
    for key, sim in forward.items():
        assert 0.0 <= sim <= 1.0
        assert backward[key] == pytest.approx(sim)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(POOL), st.sampled_from(POOL))
def test_similarity_symmetric(a: str, b: str) -> None:
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity(a, b) == pytest.approx(similarity(b, a))


def test_both_overlap_kernels_give_the_same_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Few pairs are counted by key lookups, many by sparse row products: same answer."""
    from pathlib import Path

    import newsweave.dedup.align as align

    seeds = sorted(Path(__file__).parent.parent.joinpath("examples").glob("*.txt"))
    everyone = [
        Sentence(p.stem, k, line, 0, len(line))
        for p in seeds
        for k, line in enumerate(x for x in p.read_text(errors="replace").splitlines() if x.strip())
    ]
    everyone += sents("wire", WIRE, SAME_TOPIC) + sents("copy", EDITED, SPUN)
    monkeypatch.setattr(align, "_SPARSE_PAIRS", 10**9)
    by_keys = match_sentences(everyone, threshold=0.3)
    monkeypatch.setattr(align, "_SPARSE_PAIRS", 0)
    assert match_sentences(everyone, threshold=0.3) == by_keys
    assert len(by_keys) >= 3
