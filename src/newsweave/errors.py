"""Named errors; the CLI maps each to an exit code and a one-line message."""


class NewsweaveError(Exception):
    """Base class: a problem the user can act on (message is shown as is)."""

    exit_code = 1


class NotFound(NewsweaveError):
    """An id that names nothing (or more than one thing) in the store.

    `what` says so without naming the database file (the web app shows only that)."""

    def __init__(self, what: str, where: object, hint: str = "") -> None:
        super().__init__(f"{what} in {where}{hint}")
        self.what = what


class NothingToDigest(NewsweaveError):
    """No input yielded an article; `digest` still lists every rejection."""

    exit_code = 4

    def __init__(self, message: str, digest: object = None) -> None:
        super().__init__(message)
        self.digest = digest


class MissingExtra(NewsweaveError):
    """An optional dependency is not installed; the message names the pip command."""

    exit_code = 3

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"this feature needs the '{module}' package: pip install 'newsweave[{extra}]'"
        )
