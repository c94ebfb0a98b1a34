"""Start the web app with uvicorn; a missing `[serve]` extra is a `MissingExtra` error."""

from __future__ import annotations

import ipaddress
import os
import sys
from importlib import import_module
from pathlib import Path

from newsweave.errors import MissingExtra
from newsweave.store.db import default_path

LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def require_extra() -> None:
    """Raise `MissingExtra` (exit 3, with the pip command) unless FastAPI and uvicorn import."""
    for module in ("fastapi", "uvicorn"):
        try:
            import_module(module)
        except ImportError:
            raise MissingExtra(module, "serve") from None


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: a server only this machine can reach."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db: str | os.PathLike[str] | None = None, host: str = "127.0.0.1",
          port: int = 8000) -> None:
    """Serve the store `db` (default: `$NEWSWEAVE_DB`, ./newsweave.db) until interrupted."""
    require_extra()
    import uvicorn

    from newsweave.serve.app import create_app

    path = Path(db) if db is not None else default_path()
    app = create_app(path)
    if not is_loopback(host):
        print(f"newsweave: warning: serving on {host}, reachable from other machines; the app "
              "has no authentication", file=sys.stderr)
    print(f"newsweave: serving {path} (read-only) on http://{_url_host(host)}:{port}/ "
          "(Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
