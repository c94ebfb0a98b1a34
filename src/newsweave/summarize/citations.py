"""Citations: every article that carries a summary sentence, verbatim or near-verbatim."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from newsweave.dedup.align import SentenceMatch
from newsweave.model import Article, Citation, Sentence, SummarySentence

_LATEST = datetime.max.replace(tzinfo=UTC)

SentenceKey = tuple[str, int]


def carriers_index(matches: Sequence[SentenceMatch]) -> dict[SentenceKey, dict[SentenceKey, float]]:
    """For each sentence, the sentences of other articles that carry it, with their similarity."""
    index: dict[SentenceKey, dict[SentenceKey, float]] = defaultdict(dict)
    for m in matches:
        index[m.a][m.b] = max(m.similarity, index[m.a].get(m.b, 0.0))
        index[m.b][m.a] = max(m.similarity, index[m.b].get(m.a, 0.0))
    return index


def cite(
    picked: Sequence[Sentence],
    carriers: Mapping[SentenceKey, Mapping[SentenceKey, float]],
    articles: Mapping[str, Article],
) -> tuple[SummarySentence, ...]:
    """Summary sentences with citations: the article the text is taken from first, then every
    other carrier (best-matching sentence per article), earliest published, then most complete."""
    out = []
    for sentence in picked:
        best: dict[str, tuple[int, float]] = {}
        for (article_id, index), similarity in carriers.get(_key(sentence), {}).items():
            if article_id != sentence.article_id and similarity > best.get(article_id, (0, 0.0))[1]:
                best[article_id] = (index, similarity)
        others = sorted(best, key=lambda aid: _citation_order(articles[aid]))
        citations = (Citation(sentence.article_id, sentence.index, 1.0),) + tuple(
            Citation(aid, best[aid][0], round(best[aid][1], 3)) for aid in others
        )
        out.append(SummarySentence(text=sentence.text, citations=citations))
    return tuple(out)


def _key(sentence: Sentence) -> SentenceKey:
    return (sentence.article_id, sentence.index)


def _citation_order(article: Article) -> tuple[datetime, int]:
    return (article.published or _LATEST, -article.n_words)
