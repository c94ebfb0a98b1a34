"""Small SQL helpers: `IN (...)` queries over long value lists, in chunks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

CHUNK = 500


def select_in(
    conn: sqlite3.Connection, sql: str, values: Sequence[Any], chunk: int = CHUNK,
    after: Sequence[Any] = (),
) -> Iterator[tuple]:
    """Rows of `sql`, whose `{in}` is replaced by a placeholder list, for every chunk of values;
    `after` binds the placeholders that follow the list."""
    for lo in range(0, len(values), chunk):
        part = values[lo : lo + chunk]
        yield from conn.execute(sql.format(in_=",".join("?" * len(part))), [*part, *after])
