"""The digest as JSON, schema `newsweave.digest/1` (docs/json-schema.md, digest.schema.json).

Versioning: fields may be added within a schema version; renaming, removing or changing the
meaning of a field bumps the number after the slash.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newsweave import __version__
from newsweave.model import Article, Digest, Story, SummarySentence
from newsweave.render.comparison import comparison_to_dict

SCHEMA = "newsweave.digest/1"


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    """A plain, JSON-ready dict of the digest."""
    sources = {a.id: a.source for a in digest.articles}
    return {
        "schema": SCHEMA,
        "generator": f"newsweave {__version__}",
        "articles": [article_to_dict(a) for a in digest.articles],
        "stories": [story_to_dict(s, sources) for s in digest.stories],
        "duplicates": [
            {
                "article_id": d.article_id,
                "duplicate_of": d.duplicate_of,
                "similarity": round(d.similarity, 3),
                "kind": d.kind,
            }
            for d in digest.duplicates
        ],
        "shared_passages": [
            {
                "article_id": p.article_id,
                "other_id": p.other_id,
                "sentence_pairs": [list(pair) for pair in p.sentence_pairs],
                "similarity": round(p.similarity, 3),
            }
            for p in digest.passages
        ],
        "rejected": [{"path": r.path, "reason": r.reason} for r in digest.rejected],
        "warnings": [{"path": w.path, "message": w.message} for w in digest.warnings],
        "accounting": {
            "inputs": digest.accounting.inputs,
            "in_stories": digest.accounting.in_stories,
            "duplicates": digest.accounting.duplicates,
            "rejected": digest.accounting.rejected,
        },
    }


def render_json(digest: Digest) -> str:
    """One JSON object, pretty-printed, UTF-8 characters kept."""
    return json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2) + "\n"


def article_to_dict(a: Article) -> dict[str, Any]:
    """An article's metadata as in the digest's `articles` list (no text)."""
    return {
        "id": a.id,
        "title": a.title,
        "source": a.source,
        "input": a.input,
        "url": a.url,
        "published": _iso(a.published),
        "words": a.n_words,
        "boilerplate_removed": len(a.removed),
    }


def story_to_dict(s: Story, sources: Mapping[str, str]) -> dict[str, Any]:
    """One story as in the digest's `stories` list; `sources` maps article ids to outlets."""
    return {
        "id": s.id,
        "title": s.title,
        "article_ids": list(s.article_ids),
        "duplicate_ids": list(s.duplicate_ids),
        "first_published": _iso(s.first_published),
        "last_published": _iso(s.last_published),
        "summary": [_sentence(x, sources) for x in s.summary],
        "comparison": comparison_to_dict(s.comparison) if s.comparison else None,
    }


def _sentence(x: SummarySentence, sources: Mapping[str, str]) -> dict[str, Any]:
    return {
        "text": x.text,
        "citations": [
            {
                "article_id": c.article_id,
                "source": sources.get(c.article_id, ""),
                "sentence_index": c.sentence_index,
                "similarity": c.similarity,
            }
            for c in x.citations
        ],
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
