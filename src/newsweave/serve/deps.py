"""The request's store: one read-only connection per request, closed after it."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from newsweave.store.queries import Store


def store(request: Request) -> Iterator[Store]:
    """The app's store (`app.state.db_path`), opened read-only for this request only:
    sqlite3 connections are not shared between the threads that serve requests."""
    opened = Store(request.app.state.db_path, read_only=True)
    try:
        yield opened
    finally:
        opened.close()
