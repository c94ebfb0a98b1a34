"""Fragments left by average linkage join the larger story they lean on (batch and store)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsweave.cluster import ClusterConfig, cluster_articles
from newsweave.cluster.fragments import attach_fragments
from newsweave.pipeline import WeaveConfig
from newsweave.store.ingest import ingest
from newsweave.store.queries import Store
from tests.conftest import write_files
from tests.test_cluster import MIXED, art

MARATHON = [
    ("Brenmoor marathon draws record field", "A record 14,000 runners started the Brenmoor City "
     "Marathon on Sunday morning under clear skies, organisers said."),
    ("Kenyan runner wins Brenmoor marathon", "Joseph Kiptanui won the Brenmoor City Marathon in "
     "two hours and six minutes, the fastest time on the course."),
    ("Brenmoor marathon: women's race goes to Adeyemi", "Grace Adeyemi won the women's race at "
     "the Brenmoor City Marathon, pulling clear of the field after 30 kilometres."),
    ("Heat sends marathon runners to medical tents", "Medical teams treated 120 runners for "
     "exhaustion at the Brenmoor City Marathon as the afternoon heat rose."),
    ("Charity runners raise funds at Brenmoor marathon", "Charity runners at the Brenmoor City "
     "Marathon raised money for the children's hospital, the organisers said."),
    ("Brenmoor marathon course praised by runners", "Runners praised the flat Brenmoor City "
     "Marathon course along the river, and organisers want to keep it next year."),
    ("Local club runners shine at city marathon", "Members of the Brenmoor Harriers running club "
     "finished the City Marathon in record numbers on Sunday."),
    ("Brenmoor marathon: wheelchair race won by Lind", "Erik Lind won the wheelchair race at the "
     "Brenmoor City Marathon, a day of records for the organisers."),
]
# Shares a few words with the marathon reports (average cosine ~0.1, under the 0.2 threshold).
STRAY = ("Buses diverted on Sunday", "City buses took diversions on Sunday morning while "
         "streets were closed for the runners; services returned to normal by evening.")
OFF = ClusterConfig(fragment_size=0)


def edges(pairs: dict[tuple[int, int], float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    i, j = (np.array(x) for x in zip(*pairs, strict=True))
    return i, j, np.array(list(pairs.values()))


def test_a_straggler_joins_the_broad_story_it_leans_on() -> None:
    articles = [art(f"run{k}", t, x) for k, (t, x) in enumerate(MARATHON)]
    articles += [art("stray", *STRAY), *MIXED]
    stories = {frozenset(g) for g in cluster_articles(articles)}
    marathon = frozenset(a.id for a in articles[:9])
    assert marathon in stories
    alone = {frozenset(g) for g in cluster_articles(articles, OFF)}
    assert frozenset({"stray"}) in alone and marathon - {"stray"} in alone
    assert stories - {marathon} == alone - {marathon - {"stray"}, frozenset({"stray"})}


def test_most_of_the_link_weight_decides_among_large_stories() -> None:
    big_a, big_b = list(range(0, 4)), list(range(4, 8))
    i, j, sim = edges({(8, 0): 0.3, (8, 1): 0.3, (8, 4): 0.9})
    groups = attach_fragments(9, i, j, sim, [big_a, big_b, [8]], size=1, share=0.2, floor=0.05)
    # to A: 0.6 over 4 pairs (0.15), to B: 0.9 over 4 pairs (0.225): B has the higher average
    assert sorted(groups) == [big_a, [4, 5, 6, 7, 8]]


def test_a_fragment_whose_links_spread_stays_alone() -> None:
    stories = [list(range(k * 3, k * 3 + 3)) for k in range(6)]  # six stories of 3
    i, j, sim = edges({(18, k * 3): 0.3 for k in range(6)})  # 1/6 of its weight to each
    groups = attach_fragments(19, i, j, sim, [*stories, [18]], size=2, share=0.2, floor=0.05)
    assert [18] in groups and len(groups) == 7


def test_weak_average_links_and_fragment_targets_are_not_enough() -> None:
    big = list(range(10))
    i, j, sim = edges({(10, 0): 0.3, (11, 12): 0.9})
    groups = attach_fragments(13, i, j, sim, [big, [10], [11], [12]], size=1, share=0.2,
                              floor=0.05)
    assert len(groups) == 4  # 0.3 over 10 pairs is under the floor; 11 and 12 are both fragments


def test_rounds_repeat_while_something_moves() -> None:
    big, small, tiny = list(range(6)), [6, 7, 8], [9]
    # tiny sends 1/7 of its weight to big at first; once small has joined big, all of it
    i, j, sim = edges({(6, 0): 0.9, (7, 1): 0.9, (8, 2): 0.9, (9, 0): 0.1, (9, 6): 0.6})
    groups = attach_fragments(10, i, j, sim, [big, small, tiny], size=3, share=0.2, floor=0.01)
    assert groups == [list(range(10))]


def test_off_and_no_edges_change_nothing() -> None:
    groups = [[0, 1], [2]]
    i, j, sim = edges({(0, 2): 0.5})
    assert attach_fragments(3, i, j, sim, groups, size=0, share=0.2, floor=0.05) == groups
    empty = np.array([], dtype=np.int64)
    assert attach_fragments(3, empty, empty, np.array([]), groups, 1, 0.2, 0.05) == groups


def _files(items: list[tuple[str, str]], prefix: str) -> dict[str, str]:
    return {f"{prefix}{k}.txt": f"{title}\n\n{text}" for k, (title, text) in enumerate(items)}


def test_the_store_attaches_a_straggler_as_batch_does(tmp_path: Path) -> None:
    others = [(a.title, a.paragraphs[0].text) for a in MIXED]
    first = write_files(tmp_path / "one", {**_files(MARATHON, "run"), **_files(others, "x")})
    later = write_files(tmp_path / "two", _files([STRAY], "stray"))
    sizes = {}
    for name, cfg in (("on", ClusterConfig()), ("off", OFF)):
        db = tmp_path / f"{name}.db"
        ingest(first, db, WeaveConfig(cluster=cfg))
        ingest(later, db, WeaveConfig(cluster=cfg))
        with Store(db) as store:
            sizes[name] = sorted(s.size for s in store.stories())
    assert sizes["on"][-1] == 9 and 1 not in sizes["on"]
    assert sizes["off"][-1] == 8 and sizes["off"][0] == 1
    assert sizes["on"][:-1] == sizes["off"][1:-1]  # the other stories are as they were
