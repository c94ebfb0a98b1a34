"""Story clustering: tiny stories mixed, time windows, dates missing, invariants, seeds."""

from __future__ import annotations

import math
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster import ClusterConfig, cluster_articles
from newsweave.cluster.features import term_matrix
from newsweave.model import Article, Paragraph

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
DAY = datetime(2024, 3, 4, 9, tzinfo=UTC)


def art(aid: str, title: str, text: str, published: datetime | None = None) -> Article:
    return Article(id=aid, input=aid, title=title, source="", url="", published=published,
                   paragraphs=(Paragraph(text, 0, len(text)),), raw=text)


CRANE = [
    art("crane1", "Crane collapse halts work at Port Elden",
        "A container crane collapsed at Port Elden on Monday, injuring two dock workers. "
        "Harbour master Lena Ostrova said the crane boom failed during a routine lift."),
    art("crane2", "Two hurt as crane falls at Elden port",
        "Two dock workers were injured when a container crane collapsed at Port Elden. "
        "Lena Ostrova said the boom failed; the union wants the crane model withdrawn."),
    art("crane3", "Port Elden crane failure: inspectors called in",
        "Inspectors will examine the collapsed crane at Port Elden and its maintenance records. "
        "The two injured dock workers are in Elden General Hospital."),
]
FLOOD = [
    art("flood1", "River Marr floods Tolby after storm",
        "The River Marr burst its banks in Tolby overnight, flooding 300 homes. "
        "Mayor Ida Brenn opened the Tolby school gym as a shelter for evacuated families."),
    art("flood2", "Hundreds of homes flooded in Tolby",
        "Some 300 homes in Tolby were flooded when the River Marr overflowed after the storm. "
        "Ida Brenn said evacuated families can stay in the school gym."),
    art("flood3", "Tolby flood: clean-up begins as River Marr recedes",
        "Water levels on the River Marr fell on Wednesday and Tolby residents began the clean-up "
        "of flooded homes, mayor Ida Brenn said."),
]
CHESS = [
    art("chess1", "Okafor wins Valdris chess open",
        "Grandmaster Nia Okafor won the Valdris Open chess tournament with a final-round win "
        "over Piotr Laska, finishing on 7.5 points."),
    art("chess2", "Nia Okafor takes Valdris Open title",
        "Nia Okafor beat Piotr Laska in the last round to take the Valdris Open chess title "
        "with 7.5 points from nine games."),
    art("chess3", "Valdris Open: Okafor edges Laska in final round",
        "In the final round of the Valdris Open, Okafor defeated Laska, securing the chess "
        "tournament with 7.5 points."),
]
MIXED = [CRANE[0], FLOOD[0], CHESS[0], FLOOD[1], CRANE[1], CHESS[1], CHESS[2], CRANE[2], FLOOD[2]]


def as_sets(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


def test_three_mixed_stories_are_recovered() -> None:
    groups = cluster_articles(MIXED)
    assert as_sets(groups) == {frozenset(a.id for a in s) for s in (CRANE, FLOOD, CHESS)}


def test_groups_ordered_by_first_member_and_members_in_input_order() -> None:
    groups = cluster_articles(MIXED)
    assert [g[0] for g in groups] == ["crane1", "flood1", "chess1"]
    assert groups[0] == ["crane1", "crane2", "crane3"]


def test_every_id_in_exactly_one_group() -> None:
    groups = cluster_articles(MIXED, ClusterConfig(threshold=0.9))
    flat = [a for g in groups for a in g]
    assert sorted(flat) == sorted(a.id for a in MIXED)


def test_deterministic() -> None:
    assert cluster_articles(MIXED) == cluster_articles(list(MIXED))


def test_empty_and_single() -> None:
    assert cluster_articles([]) == []
    assert cluster_articles([CRANE[0]]) == [["crane1"]]


def test_duplicate_ids_rejected() -> None:
    with pytest.raises(ValueError, match="unique"):
        cluster_articles([CRANE[0], CRANE[0]])


def _dated(articles: list[Article], when: datetime, suffix: str) -> list[Article]:
    return [art(a.id + suffix, a.title, a.paragraphs[0].text, when + timedelta(hours=k))
            for k, a in enumerate(articles)]


def test_similar_events_days_apart_are_different_stories() -> None:
    first = _dated(FLOOD, DAY, "-march")
    second = _dated(FLOOD, DAY + timedelta(days=10), "-later")
    groups = cluster_articles(first + second)
    assert as_sets(groups) == {frozenset(a.id for a in first), frozenset(a.id for a in second)}


def test_same_articles_without_dates_merge() -> None:
    first = _dated(FLOOD, DAY, "-march")
    second = _dated(FLOOD, DAY + timedelta(days=10), "-later")
    groups = cluster_articles(first + second, ClusterConfig(time_window_days=30))
    assert len(groups) == 1


def test_dates_missing_on_some_articles() -> None:
    mixed = [*_dated(CRANE[:2], DAY, ""), CRANE[2], *_dated(CHESS, DAY, ""), *FLOOD]
    assert as_sets(cluster_articles(mixed)) == {
        frozenset(a.id for a in s) for s in (CRANE, FLOOD, CHESS)
    }


def test_config_validation_and_derived_threshold() -> None:
    assert ClusterConfig(threshold=0.4).effective_threshold == 0.4
    strict = ClusterConfig(target_precision=0.97).effective_threshold
    assert strict > ClusterConfig().effective_threshold
    with pytest.raises(ValueError):
        ClusterConfig(threshold=0.0)
    with pytest.raises(ValueError):
        ClusterConfig(target_precision=1.0).effective_threshold  # noqa: B018


def _seed_articles() -> list[Article]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        body = body.strip()
        out.append(art(path.stem, title.strip(), body))
    return out


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the team's shared folder is absent ({SEEDS})")
def test_seed_articles_are_one_story() -> None:
    seeds = _seed_articles()
    assert len(seeds) == 5
    assert cluster_articles(seeds) == [[a.id for a in seeds]]


def test_template_family_joins_no_story() -> None:
    notice = ("These crawls are part of an effort to archive pages as they are created and "
              "archive the pages that they refer to, so that links keep working.")
    pages = [art(f"archive{k}", "", notice) for k in range(6)]
    groups = cluster_articles([*CRANE, *pages])
    assert frozenset(a.id for a in CRANE) in as_sets(groups)
    assert all(len(g) == 1 for g in groups if g[0].startswith("archive"))
    assert len(groups) == 7


def test_a_few_copies_still_cluster() -> None:
    copies = [art(f"copy{k}", CRANE[0].title, CRANE[0].paragraphs[0].text) for k in range(3)]
    groups = cluster_articles([*CRANE, *copies])
    assert as_sets(groups) == {frozenset(a.id for a in (*CRANE, *copies))}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(
    st.sampled_from("abcdefghij"),
    st.one_of(st.integers(1, 40), st.sampled_from([0.5, 1.5, 2.25, 3.0]),
              st.floats(0.01, 1e6, allow_nan=False)),
    max_size=8), max_size=6))
def test_term_matrix_weighs_each_count_as_one_plus_its_log(bags):
    x, terms = term_matrix([Counter(b) for b in bags])
    assert x.shape == (len(bags), len(terms)) and x.dtype == np.float32
    assert len(set(terms)) == len(terms)
    for row, bag in enumerate(bags):
        got = {terms[c]: v for c, v in zip(x[row].indices, x[row].data, strict=True)}
        want = {t: np.float32(1.0 + math.log(n) if n >= 1 else n) for t, n in bag.items()}
        assert got == want
