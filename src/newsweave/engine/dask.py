"""The Dask engine: the same partition functions on a dask.distributed cluster.

`dask.distributed` is imported when the engine is made (extra `[dask]`). Without a scheduler
address a LocalCluster of one single-threaded worker process per core is started (and closed
with the engine); its workers run without Dask's statistical profiler (sampling every task's
stack costs them about a tenth of their CPU time). Every task is retried `retries` times by Dask
before the run fails.
"""

from __future__ import annotations

import os
import zlib
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from newsweave.errors import MissingExtra, NewsweaveError

RETRIES = 2


class DaskEngine:
    """Partitions as Dask tasks; `map_group` hash-partitions the keyed records (a shuffle)."""

    name = "dask"
    partition_size = 1000

    def __init__(
        self,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        processes: bool = True,
        retries: int = RETRIES,
    ) -> None:
        try:
            import dask
            from dask.distributed import Client, LocalCluster
        except ImportError as error:
            raise MissingExtra("dask", "dask") from error
        if scheduler and workers:
            raise ValueError("--workers sizes a local cluster; leave it out with --scheduler")
        self.retries = retries
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self._cluster = LocalCluster(
                        n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                        processes=processes, dashboard_address=":0",
                    )
                self.client = Client(self._cluster)
        except OSError as error:
            raise NewsweaveError(f"cannot reach the Dask scheduler {scheduler}: {error}") from error
        self.buckets = max(1, len(self.client.scheduler_info()["workers"]))

    def map(self, fn: Callable[[Any], Any], parts: Iterable[Any]) -> Iterator[Any]:
        """Results in order; at most two partitions per worker are in flight (or held here)."""
        window = 2 * self.buckets + 1
        pending: deque[Any] = deque()
        for part in parts:
            pending.append(self.client.submit(fn, part, retries=self.retries, pure=False))
            if len(pending) >= window:
                yield _take(pending.popleft())
        while pending:
            yield _take(pending.popleft())

    def map_group(
        self,
        emit: Callable[[Any], Iterable[tuple[Hashable, Any]]],
        parts: Iterable[Any],
        reduce: Callable[[Any, list[Any]], Iterable[Any]],
    ) -> list[Any]:
        n = self.buckets
        submit = self.client.submit
        split = self.client.map(_split, list(parts), emit=emit, buckets=n,
                                retries=self.retries, pure=False)
        pieces = [[submit(_pick, s, b, pure=False) for s in split] for b in range(n)]
        reduced = [submit(_reduce_bucket, reduce, *p, retries=self.retries, pure=False)
                   for p in pieces]
        keyed = [item for bucket in self.client.gather(reduced) for item in bucket]
        keyed.sort(key=lambda item: item[0])
        return [out for _key, outs in keyed for out in outs]

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _take(future: Any) -> Any:
    result = future.result()
    future.release()
    return result


def _bucket(key: Hashable, buckets: int) -> int:
    """A bucket stable across processes (Python's str hash is salted per process)."""
    return zlib.crc32(repr(key).encode()) % buckets


def _split(part: Any, *, emit: Callable, buckets: int) -> list[list[tuple[Hashable, Any]]]:
    out: list[list[tuple[Hashable, Any]]] = [[] for _ in range(buckets)]
    for key, value in emit(part):
        out[_bucket(key, buckets)].append((key, value))
    return out


def _pick(split: list[list[Any]], bucket: int) -> list[Any]:
    return split[bucket]


def _reduce_bucket(reduce: Callable, *pieces: list[tuple[Hashable, Any]]) -> list[tuple]:
    groups: dict[Any, list[Any]] = {}
    for piece in pieces:
        for key, value in piece:
            groups.setdefault(key, []).append(value)
    return [(key, list(reduce(key, groups[key]))) for key in groups]
