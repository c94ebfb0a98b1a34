"""The HTML pages: story list, search, story (the report's rendering), article."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsweave.render.to_html import render_html
from newsweave.serve.deps import store
from newsweave.serve.html import (
    MARKS,
    article_page,
    search_page,
    site_nav,
    story_list_page,
)
from newsweave.store.queries import Store

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
StoreDep = Annotated[Store, Depends(store)]
SEARCH_LIMIT = 20


@router.get("/")
def story_list(
    request: Request,
    db: StoreDep,
    sort: Literal["newest", "biggest"] = "newest",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> str:
    size = request.app.state.page_size
    return story_list_page(db.stories(size, sort, (page - 1) * size), total=db.count_stories(),
                           sort=sort, page_no=page, per_page=size)


@router.get("/search")
def search(db: StoreDep, q: Annotated[str, Query(max_length=500)] = "") -> str:
    return search_page(q, db.search(q, SEARCH_LIMIT, MARKS))


@router.get("/stories/{story_id}")
def story(db: StoreDep, story_id: str) -> str:
    digest = db.story(story_id)
    return render_html(digest, title=digest.stories[0].title, nav=site_nav())


@router.get("/articles/{article_id}")
def article(db: StoreDep, article_id: str) -> str:
    return article_page(db.article(article_id))
