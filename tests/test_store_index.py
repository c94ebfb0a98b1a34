"""The store's term index: rewrite candidates and candidate stories against brute force."""

from __future__ import annotations

import math
import random
from collections import Counter
from pathlib import Path

import pytest

from newsweave.cluster import ClusterConfig
from newsweave.store.assign import (
    Bag,
    GroupVectors,
    StoryVectors,
    candidate_stories,
    story_cosines,
    top_terms,
)
from newsweave.store.db import connect
from newsweave.store.dedupe import REWRITE_CANDIDATES, REWRITE_TERMS, rewrite_candidates
from newsweave.store.index import StoryPostings, TermCounts, count_terms, document_frequencies

VOCAB = [f"t{k:02d}" for k in range(30)]


def _store(path: Path, rng: random.Random, n: int = 60):
    """A store whose `terms` table indexes `n` articles under 12 random terms each."""
    conn = connect(path)
    rows = []
    for k in range(n):
        day = None if rng.random() < 0.2 else 100.0 + rng.randrange(20)
        rows += [(t, f"a{k:03d}", day, k % 9) for t in rng.sample(VOCAB, 12)]
    conn.executemany("INSERT INTO terms (term, article_id, day, story_key) VALUES (?, ?, ?, ?)",
                     rows)
    return conn, rows


@pytest.mark.parametrize("seed", range(5))
def test_rewrite_candidates_are_those_of_counting_every_posting(tmp_path: Path, seed: int
                                                                ) -> None:
    rng = random.Random(seed)
    conn, rows = _store(tmp_path / "s.db", rng)
    postings: dict[str, list[str]] = {}
    for term, aid, _, _ in rows:
        postings.setdefault(term, []).append(aid)
    tops = [rng.sample(VOCAB, rng.choice([4, 6, REWRITE_TERMS])) for _ in range(40)]
    expected: set[str] = set()
    for top in tops:  # every posting of every term counted, ties in posting order
        hits = Counter(aid for t in top for aid in postings.get(t, ()))
        expected.update(aid for aid, n in hits.most_common(REWRITE_CANDIDATES)
                        if n > REWRITE_TERMS // 2)
    df = document_frequencies(conn, VOCAB)
    assert expected and rewrite_candidates(conn, tops, df) == sorted(expected)
    conn.close()


@pytest.mark.parametrize("seed", range(5))
def test_candidate_stories_count_the_usable_postings_in_the_window(tmp_path: Path, seed: int
                                                                   ) -> None:
    rng = random.Random(seed)
    conn, rows = _store(tmp_path / "s.db", rng)
    cfg = ClusterConfig(top_terms=6, max_posting=28, time_window_days=2.0)
    df = document_frequencies(conn, VOCAB)
    postings = StoryPostings.read(conn, VOCAB)
    for _ in range(20):
        days = [math.nan if rng.random() < 0.1 else 100.0 + rng.randrange(20) for _ in range(2)]
        bags = [Bag(Counter({t: rng.random() for t in rng.sample(VOCAB, 8)}), d) for d in days]
        wanted = {t for b in bags for t in top_terms(b, cfg.top_terms)
                  if df.get(t, 0) <= cfg.max_posting}
        votes = Counter(key for term, _, day, key in rows if term in wanted and (
            day is None or any(math.isnan(d) or abs(day - d) <= 2.0 for d in days)))
        best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        total = sum(votes.values())
        assert candidate_stories(postings, bags, df, cfg) == [
            (key, pytest.approx(n / total)) for key, n in best]
    conn.close()


def test_term_counts_read_what_count_terms_added(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    count_terms(conn, [["harbour", "crane"], ["harbour", "harbour", "strike"]])
    count_terms(conn, [["strike"]])
    counts = TermCounts(conn)
    assert counts.of(["harbour", "strike", "crane", "unseen"]).tolist() == [2, 2, 1, 0]


def test_a_storys_own_terms_are_weighed_by_the_stores_idf(tmp_path: Path) -> None:
    """Counted over a story's members alone, the terms every member shares look common and a
    new article that shares them scores low; counted over a store where only this story
    carries them, they weigh as much as in batch clustering."""
    rng = random.Random(3)
    shared = ["swift", "gala", "london", "centrepoint"]

    def bag() -> Bag:
        own = {f"w{rng.randrange(10**6)}": 1 for _ in range(5)}
        return Bag(Counter({**dict.fromkeys(shared, 1), **own}), float("nan"))

    members, group = [bag() for _ in range(30)], [bag()]
    cfg = ClusterConfig()

    def score(counts: TermCounts) -> float:
        return float(story_cosines(GroupVectors.of(group, counts, cfg),
                                   StoryVectors.of(members, counts), cfg).mean())

    conn = connect(tmp_path / "s.db")
    count_terms(conn, [b.terms for b in members])
    counts = TermCounts(conn)
    counts.articles = len(members)  # the counts are what is tested, not the articles table
    alone = score(counts)
    count_terms(conn, [[f"other{k}", f"x{k % 50}"] for k in range(3000)])
    counts = TermCounts(conn)
    counts.articles = len(members) + 3000
    in_store = score(counts)
    assert alone < cfg.effective_threshold <= in_store


@pytest.mark.parametrize("seed", range(5))
def test_story_cosines_are_the_tfidf_cosines_of_all_pairs(tmp_path: Path, seed: int) -> None:
    """Against the formula computed pair by pair: (1 + log tf) * idf over the store and the
    group, L2-normalised, pairs further apart than the window count 0."""
    rng = random.Random(seed)
    cfg = ClusterConfig()

    def bag() -> Bag:
        size = rng.randint(0, 12)
        terms = Counter({rng.choice(VOCAB): rng.choice([1, 2, 3.5]) for _ in range(size)})
        return Bag(terms, rng.choice([math.nan, float(rng.randint(0, 8))]))

    members, group = [bag() for _ in range(rng.randint(1, 12))], [bag() for _ in range(3)]
    conn = connect(tmp_path / "s.db")
    count_terms(conn, [[rng.choice(VOCAB) for _ in range(5)] for _ in range(40)])
    counts = TermCounts(conn)
    docs = counts.articles + len(group)
    stored = dict(zip(VOCAB, counts.of(VOCAB).tolist(), strict=True))

    def vector(b: Bag) -> dict[str, float]:
        v = {}
        for t, n in b.terms.items():
            carriers = stored[t] + sum(t in g.terms for g in group)
            idf = math.log((1 + cfg.idf_prior_docs + docs) / (1 + carriers)) + 1
            v[t] = (1 + math.log(n)) * idf
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        return {t: w / norm for t, w in v.items()}

    def cosine(a: Bag, b: Bag) -> float:
        if abs(a.day - b.day) > cfg.time_window_days:
            return 0.0
        va, vb = vector(a), vector(b)
        return sum(w * vb.get(t, 0.0) for t, w in va.items())

    expected = [[cosine(g, m) for m in members] for g in group]
    got = story_cosines(GroupVectors.of(group, counts, cfg), StoryVectors.of(members, counts),
                        cfg)
    assert got.tolist() == [pytest.approx(row, abs=1e-6) for row in expected]
