"""summarize invariants on generated clusters (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.summarize import Budget, summarize, summarize_to_cut

from .test_summarize import assert_reading_order

WORDS = "bank rates rose fell markets asia tokyo inflation minister vote court fire city".split()
OPENERS = ["The", "He", "But", "Officials", "However,", "It", "Markets"]

sentence = st.builds(
    lambda opener, body: f"{opener} {' '.join(body)}.",
    st.sampled_from(OPENERS),
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=18),
)
documents = st.lists(st.lists(sentence, max_size=6), max_size=4)


@settings(max_examples=60, deadline=None)
@given(documents, st.integers(min_value=1, max_value=120), st.randoms(use_true_random=False))
def test_invariants(docs: list[list[str]], words: int, rnd) -> None:  # noqa: ANN001
    eligible = [[rnd.random() > 0.2 for _ in doc] for doc in docs]
    picks = summarize(docs, Budget(words=words), eligible=eligible)
    assert_reading_order(picks, docs)
    assert sum(len(docs[d][i].split()) for d, i in picks) <= words
    assert all(eligible[d][i] for d, i in picks)
    assert summarize(docs, Budget(words=words), eligible=eligible) == picks


@settings(max_examples=30, deadline=None)
@given(documents, st.integers(min_value=1, max_value=120))
def test_cut_tail_is_an_unpicked_sentence(docs: list[list[str]], words: int) -> None:
    picks, tail = summarize_to_cut(docs, words)
    assert picks == summarize(docs, Budget(words=words))
    if tail is not None:
        assert tail not in picks and 0 <= tail[1] < len(docs[tail[0]])
