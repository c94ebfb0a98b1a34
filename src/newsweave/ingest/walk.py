"""The files behind the paths a user names.

A folder is read recursively, entries sorted by name, so runs are repeatable. Inside folders,
names starting with a dot (".git", ".DS_Store", ".env") are skipped, as git and ls do; a file or
folder named explicitly is always read, dot or not.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

from newsweave.model import Rejected

EMPTY_FOLDER = "empty folder: no article files"


def os_reason(error: OSError) -> str:
    """A short, lower-case reason for a failed file-system call."""
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    return (error.strerror or type(error).__name__).lower()


def expand(path: str) -> Iterator[str | Rejected]:
    """`path` itself when it is a file, else the files of the folder; Rejected when unreadable."""
    try:
        info = os.stat(path)
    except OSError as error:
        yield Rejected(path, os_reason(error))
        return
    if not stat.S_ISDIR(info.st_mode):
        yield path
        return
    found = False
    for item in _walk(path, frozenset({(info.st_dev, info.st_ino)})):
        found = True
        yield item
    if not found:
        yield Rejected(path, EMPTY_FOLDER)


def _walk(folder: str, ancestors: frozenset[tuple[int, int]]) -> Iterator[str | Rejected]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as error:
        yield Rejected(folder, os_reason(error))
        return
    for entry in entries:
        try:
            info = entry.stat()
        except OSError as error:
            yield Rejected(entry.path, os_reason(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in ancestors:
                yield Rejected(entry.path, "folder link loops back to a parent folder")
            else:
                yield from _walk(entry.path, ancestors | {key})
        elif stat.S_ISREG(info.st_mode):
            yield entry.path
        else:
            yield Rejected(entry.path, "not a regular file")
