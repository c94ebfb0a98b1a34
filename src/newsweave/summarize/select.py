"""Choose sentences that cover the most concept weight within a budget: an ILP, greedy fallback.

maximise  sum_i w_i c_i
s.t.      sum_j len_j s_j <= words,  sum_j s_j <= sentences,
          c_i <= sum_{j contains i} s_j          (a concept counts once, if some pick carries it)
          s_a + s_b <= 1                          (near-duplicate pairs)
          s_j <= s_p                              (j leans on p: picked only with p)
solved with HiGHS (`scipy.optimize.milp`) under a time limit; greedy if no solution comes back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp


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


def solve(problem: Problem, time_limit: float) -> list[int]:
    """Indices of the chosen candidates (ILP, or greedy if the solver returns nothing)."""
    if not problem.lengths or not len(problem.weights):
        return []
    n, m = len(problem.lengths), len(problem.weights)
    objective = np.concatenate([np.zeros(n), -problem.weights])
    result = milp(
        objective,
        constraints=_constraints(problem, n, m),
        integrality=np.ones(n + m),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit},
    )
    if result.x is None:
        return greedy(problem)
    return [j for j in range(n) if result.x[j] > 0.5]


def _constraints(problem: Problem, n: int, m: int) -> list[LinearConstraint]:
    budget = np.zeros((2, n + m))
    budget[0, :n] = problem.lengths
    budget[1, :n] = 1
    out = [LinearConstraint(budget, -np.inf, [problem.words, problem.sentences])]
    rows = [i for j, cs in enumerate(problem.concepts) for i in cs]
    cols = [j for j, cs in enumerate(problem.concepts) for _ in cs]
    cover = sparse.hstack(
        [-sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(m, n)), sparse.eye(m)]
    )
    out.append(LinearConstraint(cover, -np.inf, 0))
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
            shape=(len(pairs), n + m),
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


def _clashes(j: int, chosen: Sequence[int], problem: Problem) -> bool:
    return any((a == j and b in chosen) or (b == j and a in chosen) for a, b in problem.exclusive)
