"""Opening (and creating) a store: WAL, foreign keys, migrations, clear errors for bad files."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from newsweave.errors import NewsweaveError
from newsweave.store.schema import APPLICATION_ID, MIGRATIONS, migrate

ENV_VAR = "NEWSWEAVE_DB"
DEFAULT_NAME = "newsweave.db"


def default_path() -> Path:
    """`$NEWSWEAVE_DB` if set, else `./newsweave.db`."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_NAME)


def connect(
    path: str | os.PathLike[str] | None = None, *, create: bool = True
) -> sqlite3.Connection:
    """An autocommit connection to a migrated store at `path` (default: `default_path()`)."""
    where = Path(path) if path is not None else default_path()
    if not create and not where.exists():
        raise NewsweaveError(f"{where}: no such database (run 'newsweave ingest' first)")
    try:
        conn = sqlite3.connect(where, isolation_level=None, timeout=30.0)
    except sqlite3.Error as error:
        raise NewsweaveError(f"cannot open {where}: {error}") from error

    def prepare() -> None:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        _check_foreign(conn, where)
        migrate(conn, str(where))

    return _prepared(conn, where, prepare)


def connect_read_only(path: str | os.PathLike[str] | None = None) -> sqlite3.Connection:
    """A connection that cannot write (`mode=ro`, `query_only`) to an existing, current store.

    Nothing is migrated: a store at an older schema version is refused (any command that
    opens it with `connect` upgrades it). Safe to use while an ingest writes (WAL). The
    connection may be handed from thread to thread (a web request's), but used by one thread
    at a time.
    """
    where = Path(path) if path is not None else default_path()
    if not where.is_file():
        raise NewsweaveError(f"{where}: no such database (run 'newsweave ingest' first)")
    try:
        conn = sqlite3.connect(f"{where.resolve().as_uri()}?mode=ro", uri=True,
                               check_same_thread=False, timeout=30.0)
    except sqlite3.Error as error:
        raise NewsweaveError(f"cannot open {where}: {error}") from error

    def prepare() -> None:
        conn.execute("PRAGMA query_only = ON")
        _check_foreign(conn, where)
        _check_current(conn, where)

    return _prepared(conn, where, prepare)


def _prepared(
    conn: sqlite3.Connection, where: Path, prepare: Callable[[], None]
) -> sqlite3.Connection:
    """`conn` after `prepare()`; closed, with a one-line error, when that fails."""
    try:
        prepare()
    except sqlite3.DatabaseError as error:
        conn.close()
        raise NewsweaveError(f"{where} is not a newsweave database: {error}") from error
    except NewsweaveError:
        conn.close()
        raise
    return conn


def _check_current(conn: sqlite3.Connection, where: Path) -> None:
    """Refuse to read a store whose schema is not this newsweave's (without migrating it)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise NewsweaveError(f"{where} has schema version {version}, newer than this newsweave "
                             f"knows ({len(MIGRATIONS)}); upgrade newsweave")
    if version < len(MIGRATIONS):
        raise NewsweaveError(f"{where} has schema version {version}, older than this newsweave "
                             f"({len(MIGRATIONS)}); any other newsweave command upgrades it, e.g. "
                             f"'newsweave stories --db {where}'")


def _check_foreign(conn: sqlite3.Connection, where: Path) -> None:
    """Refuse a SQLite file some other program made (tables, but not ours)."""
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app != APPLICATION_ID and (version or tables):
        raise NewsweaveError(f"{where} is not a newsweave database: it holds other tables")
