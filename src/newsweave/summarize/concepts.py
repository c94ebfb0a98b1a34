"""Concepts: bigrams and topic words of light stems, weighted by how many documents carry them.

Gillick & Favre (2009): a concept is a bigram that is not made of two stop words; its weight is
the number of documents carrying it, each vote raised for documents stating it early (a news
article's lead carries its main facts). Concepts fewer documents carry than a floor are pruned.

A topic word is a content word most documents carry ("Assad", "opposition" in a story about
Syria talks): it counts as a concept of its own. Bigrams miss a fact the sources state in their
own words ("must step down", "demand that Assad leave"); the words they share still mark it as
the story's, wherever it stands in the articles. Its weight does not grow with the number of
documents, as bigram votes do: topic words matter in a small story, where bigram votes are few,
and fade in a large one, where they are many.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from newsweave.text.tokens import STOPWORDS, sentence_words

Concept = tuple[str, ...]  # a bigram (two stems) or a topic word (one stem)
Token = tuple[str, str]  # (word, light stem)


@dataclass(frozen=True, slots=True)
class ConceptWeights:
    """How concepts are weighted and pruned."""

    position_bonus: float = 1.0  # a document's vote: 1 + bonus / (1 + first sentence index)
    min_df: int | None = None  # None: derived from the number of documents
    max_concepts: int = 600  # the heaviest bigrams are kept
    topic_share: float = 0.75  # a topic word: a content word at least this share of documents
    topic_weight: float = 16.0  # (and 2 or more) carry; weight: this x the share squared


def tokenize(texts: Sequence[str]) -> list[list[Token]]:
    """(word, light stem) pairs of each text."""
    return [[(w, light_stem(w)) for w in sentence_words(text)] for text in texts]


@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """Inflections off ("rates", "rated", "rating" -> "rat"). Summaries scored as well with it
    as with Porter's stemmer on the dev sets, at a fraction of the cost (Porter dominated)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def sentence_concepts(
    tokens: Sequence[Token], topics: AbstractSet[str] = frozenset()
) -> frozenset[Concept]:
    """The concepts of one tokenized sentence: its bigrams and the `topics` words it carries."""
    bigrams = (
        (a[1], b[1])
        for a, b in zip(tokens, tokens[1:], strict=False)
        if not (a[0] in STOPWORDS and b[0] in STOPWORDS)
    )
    return frozenset((*bigrams, *((s,) for w, s in tokens if s in topics and w not in STOPWORDS)))


def topic_words(
    documents: Sequence[Sequence[Sequence[Token]]], settings: ConceptWeights
) -> frozenset[str]:
    """Stems of the content words that at least `topic_share` of the documents (and 2) carry."""
    if settings.topic_weight <= 0:
        return frozenset()
    floor = max(2, math.ceil(settings.topic_share * len(documents)))
    carried = Counter(s for doc in documents for s in frozenset().union(*map(content_stems, doc)))
    return frozenset(s for s, n in carried.items() if n >= floor and s.isalpha())


def content_stems(tokens: Sequence[Token]) -> frozenset[str]:
    """Stems of the sentence's content words (for redundancy checks)."""
    return frozenset(s for w, s in tokens if w not in STOPWORDS)


def derived_min_df(n_documents: int) -> int:
    """Document-frequency floor: 1 up to five documents, then about a quarter of them, at most 4."""
    return max(1, min(4, round(n_documents / 4)))


def concept_weights(
    concepts: Sequence[Sequence[frozenset[Concept]]], settings: ConceptWeights
) -> dict[Concept, float]:
    """Weight of every kept concept, from the concept sets of each document's sentences: a
    bigram's votes, a topic word's `topic_weight` x (share of documents carrying it) squared."""
    bonus = settings.position_bonus
    votes: dict[Concept, list[float]] = {}
    for doc in concepts:
        first: dict[Concept, int] = {}
        for i in range(len(doc) - 1, -1, -1):  # backwards: the earliest sentence writes last
            first.update(dict.fromkeys(doc[i], i))
        for c, i in first.items():
            votes.setdefault(c, []).append(1.0 + bonus / (1 + i))
    n = len(concepts)
    floor = settings.min_df or derived_min_df(n)
    weights = {c: sum(v) for c, v in votes.items() if len(c) == 2 and len(v) >= floor}
    kept = weights if len(weights) <= settings.max_concepts else (
        sorted(weights, key=lambda c: (-weights[c], c))[: settings.max_concepts])
    topics = {  # n > 0 whenever there is a vote
        c: settings.topic_weight * (len(v) / n) ** 2 for c, v in votes.items() if len(c) == 1
    }
    weights = {c: weights[c] for c in kept} | topics
    return {c: weights[c] for c in sorted(weights)}  # one order whatever the hash seed
