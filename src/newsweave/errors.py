"""Named errors; the CLI maps each to an exit code and a one-line message."""


class NewsweaveError(Exception):
    """Base class: a problem the user can act on (message is shown as is)."""

    exit_code = 1


class NothingToDigest(NewsweaveError):
    """No input yielded an article."""

    exit_code = 2


class MissingExtra(NewsweaveError):
    """An optional dependency is not installed; the message names the pip command."""

    exit_code = 3

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"this feature needs the '{module}' package: pip install 'newsweave[{extra}]'"
        )
