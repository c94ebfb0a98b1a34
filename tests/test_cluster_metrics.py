"""Clustering metrics against hand-computed values."""

from __future__ import annotations

import math

import pytest

from newsweave.cluster.metrics import ari, bcubed, labels_from_groups, nmi

# pred {0,1} {2,3,4}; gold {0,1,2} {3,4}: contingency [[2, 0], [1, 2]].
PRED = [0, 0, 1, 1, 1]
GOLD = ["a", "a", "a", "b", "b"]


def test_bcubed_by_hand() -> None:
    b = bcubed(PRED, GOLD)
    # precision per item: 1, 1, 1/3, 2/3, 2/3; recall per item: 2/3, 2/3, 1/3, 1, 1
    assert b.precision == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)
    assert b.recall == pytest.approx((4 / 3 + 1 / 3 + 2) / 5)
    assert b.f1 == pytest.approx(11 / 15)


def test_ari_by_hand() -> None:
    # index 2, row pairs 1+3, column pairs 3+1, expected 16/10, max 4
    assert ari(PRED, GOLD) == pytest.approx((2 - 1.6) / (4 - 1.6))


def test_nmi_by_hand() -> None:
    mi = 0.4 * math.log(5 / 3) + 0.2 * math.log(5 / 9) + 0.4 * math.log(5 / 3)
    h = -(0.4 * math.log(0.4) + 0.6 * math.log(0.6))
    assert nmi(PRED, GOLD) == pytest.approx(mi / h)


def test_perfect_and_label_names_do_not_matter() -> None:
    assert bcubed(["x", "x", "y"], [7, 7, 9]).f1 == 1.0
    assert nmi(["x", "x", "y"], [7, 7, 9]) == pytest.approx(1.0)
    assert ari(["x", "x", "y"], [7, 7, 9]) == pytest.approx(1.0)


def test_all_singletons_against_one_cluster() -> None:
    b = bcubed([0, 1, 2, 3], [0, 0, 0, 0])
    assert (b.precision, b.recall) == (1.0, 0.25)
    assert nmi([0, 1, 2, 3], [0, 0, 0, 0]) == 0.0


def test_labels_from_groups_and_length_check() -> None:
    assert labels_from_groups([["b", "c"], ["a"]], ["a", "b", "c"]) == [1, 0, 0]
    with pytest.raises(ValueError):
        bcubed([0, 1], [0])
