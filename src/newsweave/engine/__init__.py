"""Engines: where the steps run. `local` (in-process, the reference) or `dask` (dask.distributed).

A step never knows its engine. It is a plain function over one partition, handed to
`Engine.map` (ordered results, one per partition), or an emit/reduce pair handed to
`Engine.map_group` (records keyed in each partition, shuffled so equal keys meet, reduced per key
in key order). Both engines run the same functions, so their results are identical; partition
sizes only change where the work happens.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import ParamSpec, Protocol, TypeVar

from newsweave.engine.local import LocalEngine

T = TypeVar("T")
R = TypeVar("R")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

P = ParamSpec("P")

ENGINES = ("local", "dask")


class Engine(Protocol):
    """Runs partition functions; both methods keep the order of `parts`."""

    name: str
    partition_size: int

    def map(self, fn: Callable[[T], R], parts: Iterable[T]) -> Iterator[R]: ...

    def map_group(
        self,
        emit: Callable[[T], Iterable[tuple[K, V]]],
        parts: Iterable[T],
        reduce: Callable[[K, list[V]], Iterable[R]],
    ) -> list[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *_exc: object) -> None: ...


def one_blas_thread(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` with BLAS limited to one thread while it runs. The steps multiply small matrices
    (a story's sentences), where a threaded BLAS spends more CPU than it saves (2,000-article
    story build: 5.3 -> 4.5 CPU-s); parallelism comes from partitions. Dask's local workers
    are started with one BLAS thread for the same reason."""

    @functools.wraps(fn)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1, user_api="blas"):
            return fn(*args, **kwargs)

    return limited


def make_engine(
    name: str = "local", *, scheduler: str | None = None, workers: int | None = None
) -> Engine:
    """`local`, or `dask` on the cluster at `scheduler` (else a LocalCluster of `workers`)."""
    if name == "local":
        if scheduler or workers:
            raise ValueError("--scheduler and --workers need --engine dask")
        return LocalEngine()
    if name == "dask":
        from newsweave.engine.dask import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` cut into consecutive runs of `size` (the last may be shorter)."""
    if size < 1:
        raise ValueError(f"partition size must be positive, got {size}")
    return [items[lo : lo + size] for lo in range(0, len(items), size)]


__all__ = ["ENGINES", "Engine", "LocalEngine", "chunks", "make_engine"]
