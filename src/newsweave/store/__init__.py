"""The embedded store (stdlib sqlite3): incremental ingest into stories, queries, full-text search.

`schema.py` migrations, `db.py` opening, `tx.py` transactions, `codec.py` rows <-> model objects,
`ingest.py` the incremental job (`write.py` one batch, with its online steps `dedupe.py` and
`assign.py`; `refresh.py` the story digests), `queries.py` the read side (`Store`), `show.py`
and `progress.py` the CLI's listings and progress bar, `report.py` the stories as HTML pages.
"""
