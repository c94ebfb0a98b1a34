"""Counts of a labelled-set check (true/false positives, false negatives) and what they give.

Shared by the scorers of labelled sets (`clean.labels` for boilerplate lines, `compare.scoring`
for conflicts and exclusives), so precision, recall and summing are defined once.
"""

from __future__ import annotations

from dataclasses import astuple
from typing import Any, Self


class Counts:
    """Mixin for frozen dataclasses whose fields are counts, the first three tp, fp, fn."""

    __slots__ = ()
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was found."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was there to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def __add__(self, other: Self) -> Self:
        """Field by field."""
        mine: Any = self
        return type(self)(*(a + b for a, b in zip(astuple(mine), astuple(other), strict=True)))
