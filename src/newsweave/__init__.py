"""newsweave: many news articles in, a few trustworthy cited stories out.

    >>> import newsweave
    >>> digest = newsweave.weave("examples/")
    >>> newsweave.digest_to_dict(digest)["accounting"]

Names are imported on first use, so `import newsweave` (and the CLI's --help) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "weave": "newsweave.pipeline",
    "WeaveConfig": "newsweave.pipeline",
    "Budget": "newsweave.summarize",
    "ClusterConfig": "newsweave.cluster",
    "Digest": "newsweave.model",
    "digest_to_dict": "newsweave.render.to_json",
    "render_json": "newsweave.render.to_json",
    "render_markdown": "newsweave.render.to_markdown",
    "render_html": "newsweave.render.to_html",
    "NewsweaveError": "newsweave.errors",
    "NothingToDigest": "newsweave.errors",
    "ingest_articles": "newsweave.store.ingest",
    "IngestReport": "newsweave.store.ingest",
    "Store": "newsweave.store.queries",
    "write_store_report": "newsweave.store.report",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'newsweave' has no attribute {name!r}")
