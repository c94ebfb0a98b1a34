"""Duplicates (exact, near, rewrite), canonical choice, LSH parameters, shared passages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from newsweave.dedup import LshParams, find_duplicates, optimal_params
from newsweave.dedup.minhash import shingles, signatures
from newsweave.model import Article, Paragraph, Sentence

BODY = [
    "The harbour authority said on Monday that the eastern bridge would stay closed for about "
    "three weeks while engineers inspect cracks found in two of its steel supports.",
    "The crossing carries roughly ninety thousand vehicles a day and is the main link between the "
    "port district and the northern suburbs.",
    "Inspectors first noticed the damage during a routine survey last Thursday and ordered the "
    "deck cleared within hours.",
    "City officials also announced extra ferry services and a temporary bus lane along the "
    "western embankment to ease congestion.",
    "The mayor told reporters that safety came first and that the closure would not be lifted "
    "until every support had been tested.",
    "Local businesses near the southern ramp warned that a long closure could cost them a large "
    "share of their seasonal trade.",
    "The bridge opened in 1974 and was last strengthened during a major refurbishment completed "
    "eleven years ago.",
    "Engineers plan to use ultrasonic scanners and core samples to measure how far the cracks "
    "extend into the welded joints.",
    "A spokesperson for the transport ministry said the government would cover the cost of the "
    "emergency repairs.",
    "Opposition councillors demanded an independent review of maintenance records going back "
    "more than a decade.",
    "Traffic on the ring road rose sharply on Tuesday morning as drivers searched for "
    "alternative routes into the centre.",
    "Police urged commuters to leave earlier and to use public transport wherever possible "
    "during the coming weeks.",
    "The authority said it would publish daily updates on the inspection on its website and "
    "through its social media accounts.",
    "Freight operators said delays at the port had already added several hours to delivery "
    "times for perishable goods.",
    "Residents of the northern suburbs described queues stretching for kilometres along the "
    "approach roads at dawn.",
    "The harbour authority added that a second crossing planned for the next decade could be "
    "brought forward if funding were found.",
]
OTHER_SAME_TOPIC = [
    "Long queues formed at ferry terminals on Tuesday after the sudden shutdown of the eastern "
    "bridge left thousands of commuters stranded.",
    "Many passengers said they had waited more than an hour to board boats that were already "
    "packed beyond their usual capacity.",
    "Shop owners near the waterfront reported a sharp fall in customers since the crossing was "
    "sealed off by police.",
    "Engineering experts interviewed by this newspaper questioned whether cracks of this kind "
    "could have gone unnoticed for years.",
    "The regional government has promised compensation for traders but has not said how much "
    "money would be available.",
    "Cyclists were allowed to use a narrow service path beneath the deck until officials closed "
    "it late on Monday evening.",
    "Schools in the northern suburbs told parents to expect pupils to arrive late for the rest "
    "of the month.",
    "Taxi drivers said fares had doubled because of the long detours through the western "
    "districts and the ring road.",
]
SPIN = {"and": "&", "about": "approximately", "also": "moreover", "said": "stated",
        "large": "big", "main": "principal", "demanded": "called for", "cost": "price"}


def spin(text: str) -> str:
    return re.sub(r"\b\w+\b", lambda m: SPIN.get(m.group(0), m.group(0)), text)


def article(aid: str, paragraphs: list[str], published: datetime | None = None) -> Article:
    paras = tuple(Paragraph(p, 0, len(p)) for p in paragraphs)
    text = "\n\n".join(paragraphs)
    return Article(id=aid, input=aid, title=aid, source="test", url="", published=published,
                   paragraphs=paras, raw=text)


def split(a: Article) -> list[Sentence]:
    out, start = [], 0
    for k, part in enumerate(p for p in re.split(r"(?<=\.)\s+", a.text) if p):
        out.append(Sentence(a.id, k, part, start, start + len(part)))
        start += len(part) + 1
    return out


def run(articles: list[Article], **kwargs: object):  # noqa: ANN201 - test helper
    return find_duplicates(articles, {a.id: split(a) for a in articles}, **kwargs)


def kinds(articles: list[Article], **kwargs: object) -> dict[str, tuple[str, str]]:
    return {d.article_id: (d.duplicate_of, d.kind) for d in run(articles, **kwargs)[0]}


ORIGINAL = article("orig", ["By Jane Doe, Harbour Times", *BODY])
UNRELATED = article("other", OTHER_SAME_TOPIC)


def test_exact_after_folding_and_whitespace() -> None:
    copy = article("copy", ["BY JANE DOE,   Harbour Times", *BODY])
    dups, _ = run([ORIGINAL, copy])
    assert [(d.article_id, d.duplicate_of, d.kind, d.similarity) for d in dups] == [
        ("copy", "orig", "exact", 1.0)
    ]


def test_near_copy_with_new_boilerplate_and_edit() -> None:
    body = list(BODY)
    body[4] = body[4].replace("safety came first", "public safety came first")
    near = article("near", ["Staff and agencies", *body])
    dups, _ = run([ORIGINAL, near, UNRELATED])
    assert [(d.article_id, d.duplicate_of, d.kind) for d in dups] == [("near", "orig", "near")]
    assert dups[0].similarity >= 0.8


def test_spun_rewrite() -> None:
    spun = article("spun", [spin(p) for p in BODY])
    assert kinds([ORIGINAL, spun, UNRELATED]) == {"spun": ("orig", "rewrite")}


def test_same_topic_not_flagged() -> None:
    dups, passages = run([ORIGINAL, UNRELATED])
    assert dups == [] and passages == []


def test_five_identical() -> None:
    copies = [article(f"c{k}", BODY) for k in range(5)]
    dups, _ = run(copies)
    assert sorted(d.article_id for d in dups) == ["c1", "c2", "c3", "c4"]
    assert {d.duplicate_of for d in dups} == {"c0"}
    assert {d.kind for d in dups} == {"exact"}


def test_canonical_is_most_complete_then_earliest_then_first() -> None:
    early, late = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 2, tzinfo=UTC)
    short = article("short", BODY[:-1], early)
    full = article("full", BODY, late)
    assert kinds([short, full]) == {"short": ("full", "near")}
    a, b = article("a", BODY, late), article("b", BODY, early)
    assert kinds([a, b]) == {"a": ("b", "exact")}
    assert kinds([article("x", BODY), article("y", BODY)]) == {"y": ("x", "exact")}


def test_members_of_merged_groups_point_to_one_canonical() -> None:
    spun = article("spun", [spin(p) for p in BODY])
    spun_copy = article("spun2", [spin(p) for p in BODY])
    result = kinds([spun, ORIGINAL, spun_copy])
    assert result == {"spun": ("orig", "rewrite"), "spun2": ("orig", "rewrite")}


def test_shared_passage_between_distinct_articles() -> None:
    mixed = article("mixed", [*OTHER_SAME_TOPIC, BODY[0], BODY[7]])
    dups, passages = run([ORIGINAL, mixed])
    assert dups == []
    assert [(p.article_id, p.other_id, p.sentence_pairs) for p in passages] == [
        ("orig", "mixed", ((0, 8), (7, 9)))  # the byline joins sentence 0
    ]
    assert passages[0].similarity == pytest.approx(1.0)


def test_deterministic_with_seed() -> None:
    arts = [ORIGINAL, article("n", ["Wire report", *BODY]), UNRELATED]
    assert run(arts, seed=7) == run(arts, seed=7)
    sets = [shingles(a.text, {}) for a in arts]
    assert np.array_equal(signatures(sets, 64, seed=3), signatures(sets, 64, seed=3))
    assert not np.array_equal(signatures(sets, 64, seed=3), signatures(sets, 64, seed=4))


def _reference_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's `_optimal_param` (scipy quad, equal weights), written out."""
    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = quad(lambda s, b=b, r=r: 1 - (1 - s**r) ** b, 0.0, threshold)[0]
            fn = quad(lambda s, b=b, r=r: (1 - s**r) ** b, threshold, 1.0)[0]
            if fp + fn < best:
                best, opt = fp + fn, (b, r)
    return opt


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.5, 128), (0.8, 128), (0.9, 64)])
def test_lsh_params_derived(threshold: float, num_perm: int) -> None:
    params = optimal_params(threshold, num_perm)
    assert (params.bands, params.rows) == _reference_params(threshold, num_perm)
    assert params.bands * params.rows <= num_perm


def test_lsh_override_and_validation() -> None:
    near = article("n", ["Wire report", *BODY])
    assert kinds([ORIGINAL, near], lsh=LshParams(bands=16, rows=8)) == {"n": ("orig", "near")}
    with pytest.raises(ValueError):
        run([ORIGINAL, near], lsh=LshParams(bands=20, rows=8))
    with pytest.raises(ValueError):
        optimal_params(1.0, 128)
    with pytest.raises(ValueError):
        run([ORIGINAL, ORIGINAL])


SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason=f"no seed articles at {SHARED}/seeds")
def test_seeds_share_passages_but_are_not_duplicates() -> None:
    seeds = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        seeds.append(article(path.name[:3], paras))
    dups, passages = run(seeds)
    assert dups == []
    shared = {(p.article_id, p.other_id): p for p in passages}
    assert ("000", "002") in shared
    assert len(shared["000", "002"].sentence_pairs) >= 3


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["full", "spun", "head", "other"]), st.booleans()),
                min_size=1, max_size=6))
def test_duplicates_point_to_canonicals(spec: list[tuple[str, bool]]) -> None:
    bodies = {"full": BODY, "spun": [spin(p) for p in BODY], "head": BODY[:12],
              "other": OTHER_SAME_TOPIC}
    arts = [article(f"a{k}", (["Byline"] if byline else []) + bodies[name])
            for k, (name, byline) in enumerate(spec)]
    dups, passages = run(arts)
    duplicate_ids = {d.article_id for d in dups}
    assert len(duplicate_ids) == len(dups)
    for d in dups:
        assert d.duplicate_of not in duplicate_ids and d.duplicate_of != d.article_id
        assert 0.0 <= d.similarity <= 1.0
    for p in passages:
        assert not {p.article_id, p.other_id} & duplicate_ids
    sig = signatures([shingles(a.text, {}) for a in arts], 128, seed=1)
    assert run(arts, signatures=sig) == (dups, passages)  # the caller's signatures: same result
