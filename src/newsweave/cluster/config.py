"""Clustering settings; the similarity threshold is derived from a target precision."""

from __future__ import annotations

from dataclasses import dataclass

# B-cubed precision of average linkage at each threshold, measured on Multi-News *validation*
# (all documents pooled, boilerplate pages dropped; `bench/clustering.py --calibrate`).
# Gold there splits some events over several clusters, so these precisions are lower bounds.
CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.10, 0.573), (0.14, 0.732), (0.18, 0.834), (0.20, 0.870), (0.22, 0.897),
    (0.26, 0.937), (0.30, 0.961), (0.34, 0.975), (0.40, 0.987),
)


def threshold_for_precision(target: float) -> float:
    """The lowest calibrated threshold whose precision reaches `target` (interpolated)."""
    if not 0.0 < target < 1.0:
        raise ValueError(f"target_precision must be in (0, 1), got {target}")
    prev_t, prev_p = CALIBRATION[0]
    if target <= prev_p:
        return prev_t
    for t, p in CALIBRATION[1:]:
        if target <= p:
            return prev_t + (t - prev_t) * (target - prev_p) / (p - prev_p)
        prev_t, prev_p = t, p
    return prev_t


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """How articles are grouped into stories.

    threshold: minimum average-linkage cosine to merge; None = derived from `target_precision`
    through CALIBRATION (0.87, the F1-best point on the calibration set, gives 0.20).
    time_window_days: articles with known dates further apart than this are never linked.
    top_terms / max_posting: blocking (each article indexed under its `top_terms` heaviest
    terms; terms shared by more than `max_posting` articles do not make candidates).
    copy_cosine / max_copies: a text carried by more than `max_copies` articles (linked by
    cosines of at least `copy_cosine`) is a template; those articles join no story. The largest
    family of copies that all belong to one story in the tuning sets (ECB+ odd topics,
    Multi-News validation) has 3 articles.
    fragment_size / fragment_share: a group of at most `fragment_size` articles left by the
    linkage joins the larger story that gets at least `fragment_share` of its link weight
    (see `fragments`; 0 turns this off). Chosen on ECB+ odd topics, GoogleNews-TS even stories
    and Multi-News validation.
    """

    threshold: float | None = None
    target_precision: float = 0.87
    time_window_days: float = 3.0
    title_boost: float = 2.0
    name_boost: float = 3.0
    max_words: int = 1000
    top_terms: int = 20
    max_posting: int = 500
    min_edge: float = 0.05
    idf_prior_docs: int = 200
    copy_cosine: float = 0.9
    max_copies: int = 5
    fragment_size: int = 6
    fragment_share: float = 0.2

    def __post_init__(self) -> None:
        if self.threshold is not None and not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.time_window_days <= 0:
            raise ValueError(f"time_window_days must be > 0, got {self.time_window_days}")
        if self.top_terms < 1 or self.max_posting < 2 or self.max_words < 1:
            raise ValueError("top_terms >= 1, max_posting >= 2 and max_words >= 1 are required")
        if not 0.0 < self.copy_cosine <= 1.0 or self.max_copies < 1:
            raise ValueError("copy_cosine must be in (0, 1] and max_copies >= 1")
        if self.fragment_size < 0 or not 0.0 < self.fragment_share <= 1.0:
            raise ValueError("fragment_size must be >= 0 and fragment_share in (0, 1]")

    @property
    def effective_threshold(self) -> float:
        """The threshold in use: the override, or the one derived from the target precision."""
        if self.threshold is not None:
            return self.threshold
        return threshold_for_precision(self.target_precision)
