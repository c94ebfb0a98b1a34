"""Choose sentences that cover the most concept weight within a budget.

Default: greedy by uncovered weight per word, then local search (swap one pick for another, or
add one, while coverage grows): on the dev sets as good as the exact ILP and ~10x faster.
On request (node_limit > 0) the exact ILP (Gillick & Favre 2009) is also solved with HiGHS
(`scipy.optimize.milp`, deterministic node limit) and kept when it covers more:
maximise  sum_i w_i c_i
s.t.      sum_j len_j s_j <= words,  sum_j s_j <= sentences,
          c_i <= sum_{j contains i} s_j          (a concept counts once, if some pick carries it)
          s_a + s_b <= 1                          (near-duplicate pairs)
          s_j <= s_p                              (j leans on p: picked only with p)
A concept only one candidate carries is folded into that sentence's objective.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    from scipy.optimize import LinearConstraint


@dataclass(frozen=True, slots=True)
class Problem:
    """Candidates (by position in these lists), their concepts and the constraints."""

    lengths: Sequence[int]
    concepts: Sequence[Sequence[int]]  # concept ids per candidate
    weights: np.ndarray  # weight per concept id
    words: int
    sentences: int
    exclusive: Sequence[tuple[int, int]] = ()
    requires: Mapping[int, int] | None = None  # candidate -> candidate it needs
    partners: Mapping[int, frozenset[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        partners: dict[int, set[int]] = {}
        for a, b in self.exclusive:
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
        object.__setattr__(self, "partners", {j: frozenset(p) for j, p in partners.items()})

    def coverage(self, chosen: Sequence[int]) -> float:
        """Total weight of the concepts the chosen candidates carry."""
        return math.fsum(self.weights[i] for i in {i for j in chosen for i in self.concepts[j]})


def solve(problem: Problem, node_limit: int) -> list[int]:
    """Indices of the chosen candidates: the ILP's answer, or greedy's when that is as good."""
    fallback = improve(problem, greedy(problem))
    if node_limit <= 0 or not problem.lengths or not len(problem.weights):
        return fallback
    chosen = _ilp(problem, node_limit)
    if chosen is None or problem.coverage(chosen) <= problem.coverage(fallback):
        return fallback
    return chosen


def _ilp(problem: Problem, node_limit: int) -> list[int] | None:
    from scipy.optimize import Bounds, milp  # only when asked for: a slow import

    n = len(problem.lengths)
    carriers = Counter(i for cs in problem.concepts for i in cs)
    shared = sorted(i for i, k in carriers.items() if k > 1)
    column = {i: n + c for c, i in enumerate(shared)}
    objective = np.zeros(n + len(shared))
    for j, cs in enumerate(problem.concepts):
        objective[j] -= sum(problem.weights[i] for i in cs if carriers[i] == 1)
    objective[n:] = -problem.weights[shared]
    result = milp(
        objective,
        constraints=_constraints(problem, column),
        integrality=np.ones(len(objective)),
        bounds=Bounds(0, 1),
        options={"node_limit": node_limit, "presolve": True},
    )
    return None if result.x is None else [j for j in range(n) if result.x[j] > 0.5]


def _constraints(problem: Problem, column: Mapping[int, int]) -> list[LinearConstraint]:
    from scipy.optimize import LinearConstraint
    n, size = len(problem.lengths), len(problem.lengths) + len(column)
    budget = np.zeros((2, size))
    budget[0, :n] = problem.lengths
    budget[1, :n] = 1
    out = [LinearConstraint(budget, -np.inf, [problem.words, problem.sentences])]
    rows = [column[i] - n for j, cs in enumerate(problem.concepts) for i in cs if i in column]
    cols = [j for j, cs in enumerate(problem.concepts) for i in cs if i in column]
    if column:
        carried = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(column), n))
        out.append(LinearConstraint(sparse.hstack([-carried, sparse.eye(len(column))]), -np.inf, 0))
    pairs = [(a, b, 1.0) for a, b in problem.exclusive]
    pairs += [(j, p, -1.0) for j, p in (problem.requires or {}).items()]
    if pairs:
        k = np.arange(len(pairs))
        a, b, sign = (np.array(x) for x in zip(*pairs, strict=True))
        links = sparse.csr_matrix(
            (
                np.concatenate([np.ones(len(pairs)), sign]),
                (np.concatenate([k, k]), np.concatenate([a, b])),
            ),
            shape=(len(pairs), size),
        )
        out.append(LinearConstraint(links, -np.inf, np.where(sign > 0, 1.0, 0.0)))
    return out


def greedy(problem: Problem) -> list[int]:
    """Best uncovered weight per word first, within the budget and the pair constraints."""
    covered: set[int] = set()
    chosen: list[int] = []
    words = 0
    requires = problem.requires or {}
    while len(chosen) < problem.sentences:
        best, best_gain = -1, 0.0
        for j, cs in enumerate(problem.concepts):
            if j in chosen or words + problem.lengths[j] > problem.words:
                continue
            if (j in requires and requires[j] not in chosen) or _clashes(j, chosen, problem):
                continue
            gain = sum(problem.weights[i] for i in cs if i not in covered) / problem.lengths[j]
            if gain > best_gain:
                best, best_gain = j, gain
        if best < 0:
            return chosen
        chosen.append(best)
        covered.update(problem.concepts[best])
        words += problem.lengths[best]
    return chosen


def improve(problem: Problem, chosen: list[int]) -> list[int]:
    """Local search: swap one pick for another (or add one) while that covers more weight."""
    if not chosen:
        return chosen
    n, m = len(problem.lengths), len(problem.weights)
    carries = np.zeros((n, m), dtype=np.int8)
    for j, cs in enumerate(problem.concepts):
        carries[j, list(cs)] = 1
    lengths = np.asarray(problem.lengths)
    chosen = list(chosen)
    for _ in range(len(chosen) + 2):
        move = _best_move(problem, carries, lengths, chosen)
        if move is None:
            return chosen
        out, into = move
        chosen = sorted(([j for j in chosen if j != out]) + [into])
    return chosen


def _best_move(
    problem: Problem, carries: np.ndarray, lengths: np.ndarray, chosen: list[int]
) -> tuple[int, int] | None:
    counts = carries[chosen].sum(axis=0)
    current = float(problem.weights @ (counts > 0))
    words = int(lengths[chosen].sum())
    best, best_value = None, current + 1e-9
    picked = np.zeros(len(lengths), dtype=bool)
    picked[chosen] = True
    for out in [-1, *chosen]:
        base = counts - carries[out] if out >= 0 else counts
        room = problem.words - words + (lengths[out] if out >= 0 else 0)
        if out < 0 and len(chosen) >= problem.sentences:
            continue
        values = ((base[None, :] + carries) > 0) @ problem.weights
        values[(lengths > room) | picked] = -1
        for k in np.argsort(-values, kind="stable")[:5]:
            rest = [j for j in chosen if j != out]
            if values[k] > best_value and _allowed(int(k), rest, problem):
                best, best_value = (out, int(k)), float(values[k])
                break
    return best


def _allowed(k: int, rest: list[int], problem: Problem) -> bool:
    requires = problem.requires or {}
    if k in requires and requires[k] not in rest:
        return False
    if any(requires.get(j) not in (None, *rest, k) for j in rest):
        return False
    return not _clashes(k, rest, problem)


def _clashes(j: int, chosen: Sequence[int], problem: Problem) -> bool:
    partners = problem.partners.get(j)
    return partners is not None and not partners.isdisjoint(chosen)
