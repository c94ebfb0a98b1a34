"""The ingest step: files, folders and standard input to RawDocument | Rejected.

See `read_inputs` (in `read.py`); folder walking rules (sorted, dotfiles skipped) are in
`walk.py`, one module per input format beside them.
"""

from __future__ import annotations

from newsweave.ingest.read import read_inputs

__all__ = ["read_inputs"]
