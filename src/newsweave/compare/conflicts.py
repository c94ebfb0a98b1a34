"""Conflicts: one subject, different values in different sources, after normalisation.

- figures and durations: facts with matching subjects whose stated values differ; `strict`
  when two of them cannot both hold (their qualified ranges are disjoint: "5 years" vs
  "4.5 years"), not strict when the ranges overlap ("more than 250,000" vs "about 300,000");
- dates: resolved dates of the same occasion that cannot be the same day (an unresolved
  weekday of an undated article is never compared);
- names: one person or place spelled differently (merged, never strict).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import TypeVar

from newsweave.compare.entities import Mention, NameGroup
from newsweave.compare.evidence import cite, linked_groups
from newsweave.compare.facts import DateFact, Fact, same_occasion, same_subject
from newsweave.compare.names import differ_in_spelling, name_tokens
from newsweave.model import Conflict, ConflictSide

T = TypeVar("T", Fact, DateFact, Mention)


def quantity_conflicts(facts: Sequence[Fact], order: Sequence[str]) -> list[Conflict]:
    """Figure and duration conflicts among the facts of the story's articles."""
    out = []
    for group in linked_groups(facts, same_subject, _subject_keys):
        differing = [(a, b) for a, b in combinations(group, 2)
                     if a.sentence.article_id != b.sentence.article_id
                     and not math.isclose(a.quantity.value, b.quantity.value, rel_tol=1e-6)]
        if differing:
            out.append(_quantity_conflict(group, differing, order))
    return out


def date_conflicts(dates: Sequence[DateFact], order: Sequence[str]) -> list[Conflict]:
    """Dates of one occasion, in different sources, that cannot be the same day."""
    resolved = [d for d in dates if d.mention.iso]
    out = []
    for group in linked_groups(resolved, same_occasion, lambda d: d.context):
        clash = [(a, b) for a, b in combinations(group, 2)
                 if a.sentence.article_id != b.sentence.article_id
                 and a.mention.same_as(b.mention) is False]
        if clash:
            involved = {id(x) for pair in clash for x in pair}
            kept = [d for d in group if id(d) in involved]
            sides = _sides(kept, lambda d: d.mention.iso, lambda d: d.mention.text, order)
            shown = " vs ".join(s.normalized for s in sides)
            out.append(Conflict("date", kept[0].subject, sides, True,
                                f"{shown}: different days for the same occasion"))
    return out


def name_conflicts(groups: Sequence[NameGroup], order: Sequence[str]) -> list[Conflict]:
    """Spelling variants of one name used by different sources (merged, not two people)."""
    out = []
    for g in groups:
        spellings = {m.surface for m in g.mentions if len(name_tokens(m.surface)) > 1}
        if not any(differ_in_spelling(a, b) for a, b in combinations(sorted(spellings), 2)):
            continue
        full = [m for m in g.mentions if m.surface in spellings]
        if len({m.sentence.article_id for m in full}) < 2:
            continue
        sides = _sides(full, lambda m: " ".join(name_tokens(m.surface)), lambda m: m.surface,
                       order)
        if len(sides) > 1:
            shown = " / ".join(s.value for s in sides)
            out.append(Conflict("name", g.name, sides, False,
                                f"{shown}: spellings of one {g.kind}, merged"))
    return out


def _subject_keys(fact: Fact) -> list[tuple[str, str, str]]:
    """Keys any fact of the same subject shares (see `same_subject`): a verb, first or last noun."""
    unit, nouns = fact.quantity.unit, fact.nouns
    ends = [(unit, "first", nouns[0]), (unit, "last", nouns[-1])] if nouns else []
    if fact.kind == "duration":
        return ends[1:]
    return [*ends, *((unit, "verb", v) for v in fact.verbs)]


def _quantity_conflict(group: list[Fact], differing: list[tuple[Fact, Fact]],
                       order: Sequence[str]) -> Conflict:
    strict = any(_disjoint(a, b) for a, b in differing)
    sides = _sides(group, lambda f: f.quantity.normalized, lambda f: f.quantity.text, order)
    shown = " vs ".join(s.normalized for s in sides)
    note = (f"{shown}: cannot all be right" if strict
            else f"{shown}: differ, but the stated ranges overlap, so no strict contradiction")
    return Conflict(group[0].kind, _subject(group), sides, strict, note)  # type: ignore[arg-type]


def _disjoint(a: Fact, b: Fact) -> bool:
    (lo1, hi1), (lo2, hi2) = a.quantity.bounds, b.quantity.bounds
    return hi1 < lo2 or hi2 < lo1


def _subject(group: Sequence[Fact]) -> str:
    return max((f.subject for f in group), key=lambda s: (s.count(" … "), -len(s)))


def _sides(items: Iterable[T], key: Callable[[T], str], written: Callable[[T], str],
           order: Sequence[str]) -> tuple[ConflictSide, ...]:
    """One side per normalised value, in reading order of its first source."""
    by_key: dict[str, list[T]] = {}
    for item in items:
        by_key.setdefault(key(item), []).append(item)
    sides = [ConflictSide(written(xs[0]), k, cite((x.sentence for x in xs), order))
             for k, xs in by_key.items()]
    rank = {aid: i for i, aid in enumerate(order)}
    return tuple(sorted(sides, key=lambda s: (rank.get(s.evidence[0].article_id, 0),
                                              s.evidence[0].sentence_index)))
