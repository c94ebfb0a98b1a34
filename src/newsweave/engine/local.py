"""The local engine: every partition in this process, in order. The reference semantics."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any


class LocalEngine:
    """In-process; `map` is lazy, so a consumer can stream partition by partition."""

    name = "local"
    partition_size = 2000

    def map(self, fn: Callable[[Any], Any], parts: Iterable[Any]) -> Iterator[Any]:
        return map(fn, parts)

    def map_group(
        self,
        emit: Callable[[Any], Iterable[tuple[Hashable, Any]]],
        parts: Iterable[Any],
        reduce: Callable[[Any, list[Any]], Iterable[Any]],
    ) -> list[Any]:
        groups: dict[Any, list[Any]] = {}
        for part in parts:
            for key, value in emit(part):
                groups.setdefault(key, []).append(value)
        return [out for key in sorted(groups) for out in reduce(key, groups[key])]

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
