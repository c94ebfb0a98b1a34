"""Compare the sources of one story: agreements, exclusives, conflicts, entities, timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.compare.agreement import LOOSE, agreements, exclusives
from newsweave.compare.conflicts import date_conflicts, name_conflicts, quantity_conflicts
from newsweave.compare.entities import group_names, mentions_in, to_entity
from newsweave.compare.facts import dates_of, facts_of
from newsweave.compare.timeline import timeline
from newsweave.dedup import match_sentences
from newsweave.dedup.align import SentenceMatch
from newsweave.model import Article, Comparison, Sentence

__all__ = ["LOOSE", "compare_story"]

MATCH_THRESHOLD = 0.5


def compare_story(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    matches: Sequence[SentenceMatch] | None = None,
) -> Comparison:
    """Compare the story's canonical `articles` (in reading order) sentence by sentence.

    `matches` (from `match_sentences` at a threshold of at most `LOOSE`, e.g. the pipeline's)
    saves recomputing; matches involving articles not in `articles` are ignored.
    """
    order = [a.id for a in articles]
    everyone = [s for aid in order for s in sentences[aid]]
    loose = match_sentences(everyone, threshold=LOOSE) if matches is None else matches
    matches = [m for m in loose if m.similarity >= MATCH_THRESHOLD]
    published = {a.id: a.published for a in articles}
    dates = [d for s in everyone for d in dates_of(s, published[s.article_id])]
    names = group_names(mentions_in(everyone))
    conflicts = (  # conflicts are between sources: none in a one-article story
        quantity_conflicts([f for s in everyone for f in facts_of(s)], order)
        + date_conflicts(dates, order)
        + name_conflicts(names, order)
        if len(order) > 1 else []
    )
    cited = {(e.article_id, e.sentence_index)
             for c in conflicts if c.kind != "name" for s in c.sides for e in s.evidence}
    return Comparison(
        agreements=tuple(agreements(matches, sentences, order)),
        exclusives=tuple(exclusives(loose, sentences, order, shown=cited)),
        conflicts=tuple(conflicts),
        entities=tuple(to_entity(g, order) for g in names),
        timeline=tuple(timeline(dates, order)),
    )
