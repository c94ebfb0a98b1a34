"""The JSON API under /api: story list, one story's digest, articles, search, health."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from newsweave.render.to_json import article_to_dict, digest_to_dict
from newsweave.serve.deps import store
from newsweave.store.queries import Hit, Sort, Store, StoryInfo

router = APIRouter()
StoreDep = Annotated[Store, Depends(store)]
MAX_LIMIT = 200
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such id (or an ambiguous prefix): `{\"detail\": reason}`"}}


class StoryList(BaseModel):
    """One page of the story list: `stories[i]` is story number `offset + i + 1` of `total`."""

    total: int
    offset: int
    limit: int
    sort: Sort
    stories: list[StoryInfo]


class DuplicateOf(BaseModel):
    article_id: str
    similarity: float
    kind: str


class ArticleOut(BaseModel):
    """An article's metadata (as in a digest's `articles`), cleaned text, story and original."""

    article: dict[str, Any]
    paragraphs: list[str]
    story_id: str | None
    duplicate_of: DuplicateOf | None


@router.get("/healthz", tags=["health"])
def healthz(db: StoreDep) -> dict[str, Any]:
    """The store answers: its counts."""
    return {"status": "ok", "stories": db.count_stories(), "articles": db.count_articles()}


@router.get("/api/stories", tags=["api"])
def api_stories(
    db: StoreDep,
    sort: Literal["newest", "biggest"] = "newest",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> StoryList:
    """Stored stories, newest (latest article) or biggest first, a page at a time."""
    return StoryList(total=db.count_stories(), offset=offset, limit=limit, sort=sort,
                     stories=db.stories(limit, sort, offset))


@router.get("/api/stories/{story_id}", tags=["api"], responses=NOT_FOUND)
def api_story(db: StoreDep, story_id: str) -> dict[str, Any]:
    """One story as a `newsweave.digest/1` document (its articles and duplicates included);
    a unique prefix of the id works too."""
    return digest_to_dict(db.story(story_id))


@router.get("/api/articles/{article_id}", tags=["api"], responses=NOT_FOUND)
def api_article(db: StoreDep, article_id: str) -> ArticleOut:
    """One stored article by its full id."""
    found = db.article(article_id)
    dup = found.duplicate
    return ArticleOut(
        article=article_to_dict(found.article),
        paragraphs=[p.text for p in found.article.paragraphs],
        story_id=found.story_id,
        duplicate_of=DuplicateOf(article_id=dup.duplicate_of, similarity=dup.similarity,
                                 kind=dup.kind) if dup else None,
    )


@router.get("/api/search", tags=["api"])
def api_search(
    db: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words, all required")],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
) -> list[Hit]:
    """Stories, then articles, containing every word of `q`, best (bm25) first, up to `limit`
    of each; matches are in [brackets] in the snippets."""
    return db.search(q, limit)

