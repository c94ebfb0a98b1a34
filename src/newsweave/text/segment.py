"""Articles into sentences: body paragraphs only (headings are never summarised or cited)."""

from __future__ import annotations

from newsweave.model import PARAGRAPH_SEPARATOR, Article, Sentence
from newsweave.text.sentences import split_sentences


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """Sentences of the article's body paragraphs, with spans into `Article.text`."""
    out: list[Sentence] = []
    offset = 0
    for paragraph in article.paragraphs:
        if not paragraph.heading:
            for start, end in split_sentences(paragraph.text):
                out.append(
                    Sentence(
                        article_id=article.id,
                        index=len(out),
                        text=paragraph.text[start:end],
                        start=offset + start,
                        end=offset + end,
                    )
                )
        offset += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
    return tuple(out)
