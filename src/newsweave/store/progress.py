"""A rich progress bar for `ingest` on a terminal; a no-op callback otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newsweave.store.ingest import IngestProgress

_LABELS = {"reading": "reading and cleaning", "storing": "storing", "summarising": "summarising"}


@contextmanager
def progress_bar(*, enabled: bool) -> Iterator[IngestProgress | None]:
    """Yield a progress callback drawing on stderr, or None when not `enabled`."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, int] = {}

        def tick(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(_LABELS.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield tick
