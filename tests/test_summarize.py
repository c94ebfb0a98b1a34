"""summarize: budget, whole sentences, reading order, eligibility, readability, determinism."""

from __future__ import annotations

import pytest

from newsweave.summarize import Budget, SummaryConfig, _reading_order, summarize
from newsweave.summarize.concepts import (
    ConceptWeights,
    concept_weights,
    sentence_concepts,
    tokenize,
    topic_words,
)
from newsweave.summarize.readability import dangling, fragment, near_duplicate_pairs

DOCS = [
    [
        "The central bank raised interest rates by half a point on Tuesday to fight inflation.",
        "He said the rise in interest rates would slow borrowing across the whole economy.",
        "Markets in Asia fell sharply after the central bank raised interest rates.",
        "Analysts had expected the central bank to wait until the spring meeting.",
    ],
    [
        "On Tuesday the central bank raised interest rates by half a point to fight inflation.",
        "Markets in Asia fell sharply after the decision, with Tokyo shares down three percent.",
        "Exporters warned that the stronger currency would hurt their sales abroad this year.",
        "However, the finance minister welcomed the rise in interest rates as overdue.",
    ],
    [
        "Inflation reached its highest level in a decade last month, official figures showed.",
        "The central bank raised interest rates by half a point to fight that inflation.",
        "Tokyo shares fell three percent as markets in Asia reacted to the decision.",
    ],
]


def _words(picks: list[tuple[int, int]], docs: list[list[str]] = DOCS) -> int:
    return sum(len(docs[d][i].split()) for d, i in picks)


@pytest.mark.parametrize("words", [10, 20, 35, 60, 1000])
def test_budget_respected_with_whole_sentences(words: int) -> None:
    picks = summarize(DOCS, Budget(words=words))
    assert _words(picks) <= words
    assert all(0 <= i < len(DOCS[d]) for d, i in picks)


def test_sentence_budget() -> None:
    assert len(summarize(DOCS, Budget(words=None, sentences=2))) <= 2
    assert summarize(DOCS, Budget(words=None, sentences=2))


def assert_reading_order(picks: list[tuple[int, int]], docs: list[list[str]]) -> None:
    """No repeats; a dangling pick right after the sentence it leans on; the others by position
    in their article (leads first), then document."""
    assert len(set(picks)) == len(picks)
    for k, (d, i) in enumerate(picks):
        if dangling(docs[d][i]):
            assert k > 0 and picks[k - 1] == (d, i - 1)
    heads = [(d, i) for d, i in picks if not dangling(docs[d][i])]
    assert heads == sorted(heads, key=lambda p: (p[1], p[0]))


def test_reading_order_and_no_repeats() -> None:
    picks = summarize(DOCS, Budget(words=80))
    assert_reading_order(picks, DOCS)
    assert picks[0][1] == 0  # a lead opens the summary


def test_reading_order_keeps_leaning_chains_together() -> None:
    picked = [(1, 2), (0, 3), (0, 0), (0, 2), (1, 0), (0, 4)]
    leans = {(0, 3): (0, 2), (0, 4): (0, 3)}  # (0, 2) <- (0, 3) <- (0, 4)
    assert _reading_order(picked, leans) == [(0, 0), (1, 0), (0, 2), (0, 3), (0, 4), (1, 2)]


def test_picks_what_documents_share() -> None:
    picks = summarize(DOCS, Budget(words=20))
    assert any("central bank raised interest rates" in DOCS[d][i] for d, i in picks)


LEAD = "The city council approved the new harbour budget on Monday after a long debate."
MAYOR = "The mayor toured the old ferry terminal by boat before the vote."
HARBOUR_DOCS = [
    [LEAD, MAYOR, "Dockers want Maren removed from his job running operations."],
    [LEAD, MAYOR, "Separately, union members insisted that Maren resign at once."],
    [LEAD, "Maren should quit, union officials told reporters on Monday."],
    [LEAD, "Union members say Maren must go before contract talks."],
]


def test_a_fact_most_documents_state_in_their_own_words_is_covered() -> None:
    """No bigram is shared by the four ways of saying Maren must go, but every document names
    Maren (a topic word): that beats a detail two documents share verbatim."""
    def second_pick(config: SummaryConfig) -> str:
        (lead, other) = summarize(HARBOUR_DOCS, Budget(words=28), config=config)
        assert HARBOUR_DOCS[lead[0]][lead[1]] == LEAD
        return HARBOUR_DOCS[other[0]][other[1]]

    assert "Maren" in second_pick(SummaryConfig())
    assert second_pick(SummaryConfig(concepts=ConceptWeights(topic_weight=0))) == MAYOR


def test_topic_words_and_their_weight() -> None:
    docs = [tokenize(d) for d in HARBOUR_DOCS]
    topics = topic_words(docs, ConceptWeights())  # at least 3 of the 4 documents
    assert {"maren", "union", "council", "harbour", "budget"} <= topics
    assert not topics & {"mayor", "the", "on", "docker"}
    weights = concept_weights(
        [[sentence_concepts(t, topics) for t in d] for d in docs], ConceptWeights()
    )
    assert weights[("maren",)] == 16.0 and weights[("union",)] == 16.0 * (3 / 4) ** 2
    assert topic_words(docs[:2], ConceptWeights()) >= {"mayor", "maren"}  # 2 documents: both


def test_eligibility_honoured() -> None:
    eligible = [[i != 0 for i in range(len(doc))] for doc in DOCS]
    picks = summarize(DOCS, Budget(words=200), eligible=eligible)
    assert picks and all(i != 0 for _, i in picks)


def test_dangling_opener_only_after_its_predecessor() -> None:
    for words in (20, 40, 80, 200):
        picks = summarize(DOCS, Budget(words=words))
        for d, i in picks:
            if dangling(DOCS[d][i]):
                assert (d, i - 1) in picks


def test_near_duplicates_never_both_picked() -> None:
    picks = summarize(DOCS, Budget(words=200))
    assert not ((0, 0) in picks and (1, 0) in picks)


def test_deterministic() -> None:
    runs = {tuple(summarize(DOCS, Budget(words=w))) for w in (50,) for _ in range(3)}
    assert len(runs) == 1


@pytest.mark.parametrize("docs", [[], [[]], [[], []]])
def test_empty_inputs(docs: list[list[str]]) -> None:
    assert summarize(docs, Budget(words=50)) == []


def test_one_document_and_one_sentence() -> None:
    one = [DOCS[0]]
    assert _words(summarize(one, Budget(words=40)), one) <= 40
    single = [[DOCS[0][0]]]
    assert summarize(single, Budget(words=40)) == [(0, 0)]
    assert summarize(single, Budget(words=5)) == []


def test_exact_ilp_agrees_with_budget() -> None:
    config = SummaryConfig(node_limit=500)
    picks = summarize(DOCS, Budget(words=45), config=config)
    assert picks and _words(picks) <= 45


def test_not_readable_allows_dangling_openers() -> None:
    eligible = [[i == 3 for i in range(len(doc))] for doc in DOCS]
    config = SummaryConfig(readable=False)
    assert (1, 3) in summarize(DOCS, Budget(words=200), eligible=eligible, config=config)
    assert (1, 3) not in summarize(DOCS, Budget(words=200), eligible=eligible)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said the plan would fail.", True),
        ("This insistence angered the opposition.", True),
        ("But the vote went ahead anyway.", True),
        ("However, the court disagreed.", True),
        ("It was the third attempt this year.", True),
        ("They left before dawn.", True),
        ("The official said the plan would fail.", False),
        ("Theresa May said the plan would fail.", False),
    ],
)
def test_dangling(text: str, expected: bool) -> None:
    assert dangling(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council approved the new budget on Monday night.", False),
        ("BREAKING NEWS FROM THE CAPITAL TODAY AND TOMORROW.", True),
        ("The council approved the new budget on Monday and", True),
        ('we will never give up on this fight," he said on Monday.', True),
        ('He said: "We will never give up on this fight, whatever it takes.', False),
        ("Short one.", True),
        ("Here is what we know so far about the fire:", True),
    ],
)
def test_fragment(text: str, expected: bool) -> None:
    assert fragment(text, min_words=8) is expected


def test_near_duplicate_pairs() -> None:
    terms = [frozenset("a b c d".split()), frozenset("a b c e".split()), frozenset("x y".split())]
    assert near_duplicate_pairs(terms, 0.5) == [(0, 1)]
    assert near_duplicate_pairs([], 0.5) == []
