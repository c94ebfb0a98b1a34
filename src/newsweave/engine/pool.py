"""The local engine on a small pool of worker processes: the same partition functions, results in
order, for a step with enough independent partitions to share between the cores.

Workers are forked on Linux (no re-import), and each exits once the process that
started it is gone, so that a killed run (`kill -9`) leaves no worker behind. The objects the
parent holds are frozen for the collector while the pool lives (`gc.freeze`): a forked worker's
collections then never write to them, so the corpus a large `weave` holds is not copied page by
page into every worker.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from newsweave.engine.local import LocalEngine

_PARENT_POLL_S = 0.5


class PoolEngine(LocalEngine):
    """`map` over `workers` processes, at most two partitions per worker in flight; `map_group`
    stays in this process."""

    def __init__(self, workers: int) -> None:
        # Forked on Linux (no re-import); elsewhere the platform's default (spawn on macOS,
        # where forking a process that has used system frameworks is unsafe, and on Windows).
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        gc.freeze()
        self.workers = workers
        self._pool = ProcessPoolExecutor(workers, mp_context=context,
                                         initializer=_exit_with, initargs=(os.getpid(),))

    def map(self, fn: Callable[[Any], Any], parts: Iterable[Any]) -> Iterator[Any]:
        pending: deque[Future[Any]] = deque()
        for part in parts:
            pending.append(self._pool.submit(fn, part))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)
        gc.unfreeze()


def _exit_with(parent: int) -> None:
    """In a worker: exit as soon as `parent` is no longer this process's parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
