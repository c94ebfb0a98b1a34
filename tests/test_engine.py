"""Engines: the Dask engine gives exactly the local digest; shards, resume, missing extra."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
from dataclasses import replace

import pytest

import newsweave
from newsweave import ingest_articles, pipeline
from newsweave.cli import main
from newsweave.engine import LocalEngine, make_engine
from newsweave.errors import MissingExtra, NewsweaveError
from newsweave.render.to_json import digest_to_dict

from .conftest import EXAMPLES, HARBOUR, SHARED, make_stories, write_files

MULTINEWS = SHARED / "data" / "multinews" / "test.jsonl"
requires_multinews = pytest.mark.skipif(
    not MULTINEWS.is_file(), reason=f"the team's shared data is absent ({MULTINEWS})"
)
dask = pytest.importorskip("dask.distributed", reason="newsweave[dask] is not installed")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, small partitions so every step runs as several tasks."""
    with make_engine("dask", workers=2) as engine:
        engine.partition_size = 150
        yield engine


@pytest.fixture
def small_partitions(monkeypatch):
    monkeypatch.setattr(pipeline, "PARTITION_BYTES", 200_000)
    monkeypatch.setattr(pipeline, "STORIES_PER_PARTITION", 7)


def mixed_set(folder, clusters: int = 450):
    """Multi-News events (about 1,200 articles) in three JSONL shards and a text folder, with
    planted exact and near copies, spread over dates so the time window matters."""
    records = []
    with open(MULTINEWS, encoding="utf-8") as file:
        for e, line in zip(range(clusters), file, strict=False):
            for k, d in enumerate(json.loads(line)["documents"]):
                records.append({"id": f"e{e}d{k}", "title": d["text"][:60], "text": d["text"],
                                "source": f"outlet{k}",
                                "published": f"2025-{1 + e % 12:02d}-{1 + e % 27:02d}"})
    for k, r in enumerate(records[:300:10]):
        copy = dict(r, id=f"copy{k}", source="syndicator")
        if k % 2:
            copy["text"] = "By staff reporter. " + r["text"]
        records.append(copy)
    folder.mkdir(parents=True)
    third = len(records) // 3
    for s in range(3):
        with open(folder / f"part-{s}.jsonl", "w", encoding="utf-8") as file:
            for r in records[s * third : (s + 1) * third if s < 2 else None]:
                file.write(json.dumps(r) + "\n")
    write_files(folder / "texts", HARBOUR)
    return folder


def test_dask_digest_of_examples_is_the_local_digest(cluster):
    local = digest_to_dict(newsweave.weave(EXAMPLES))
    assert digest_to_dict(newsweave.weave(EXAMPLES, engine=cluster)) == local


@requires_multinews
def test_dask_digest_of_a_mixed_set_is_the_local_digest(tmp_path, cluster, small_partitions):
    folder = mixed_set(tmp_path / "mixed")
    local = newsweave.weave(folder)
    assert len(local.stories) > 300 and len(local.duplicates) >= 30
    assert digest_to_dict(newsweave.weave(folder, engine=cluster)) == digest_to_dict(local)


def test_map_group_shuffles_equal_keys_together_in_key_order(cluster):
    parts = [[(k % 7, k) for k in range(lo, lo + 50)] for lo in range(0, 200, 50)]
    emit = list.__iter__
    local = LocalEngine().map_group(emit, parts, _summed)
    assert cluster.map_group(emit, parts, _summed) == local
    assert local == [(key, sum(range(key, 200, 7))) for key in range(7)]


def _summed(key, values):
    return [(key, sum(values))]


def test_ingest_with_dask_stores_what_local_stores(tmp_path, cluster):
    from newsweave.store.queries import Store

    folder = write_files(tmp_path / "in", HARBOUR)
    for name, engine in (("local", None), ("dask", cluster)):
        newsweave.ingest_articles([folder, EXAMPLES], tmp_path / f"{name}.db", engine=engine)
    with Store(tmp_path / "local.db") as a, Store(tmp_path / "dask.db") as b:
        listed = a.stories(None, "newest")
        assert listed == b.stories(None, "newest")
        assert len(listed) > 1  # the digests below were built by the cluster's workers
        assert [a.story(s.id) for s in listed] == [b.story(s.id) for s in listed]


def test_cli_dask_engine_prints_the_local_json(tmp_path, capsys):
    assert main(["weave", str(EXAMPLES), "--json", "-q"]) == 0
    local = capsys.readouterr().out
    assert main(["weave", str(EXAMPLES), "--json", "-q", "--engine", "dask",
                 "--workers", "1"]) == 0
    assert capsys.readouterr().out == local


def test_stdin_needs_the_local_engine(cluster):
    with pytest.raises(NewsweaveError, match="standard input"):
        newsweave.weave("-", engine=cluster)


def test_missing_dask_is_exit_3_with_the_pip_command(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(MissingExtra, match=r"pip install 'newsweave\[dask\]'"):
        make_engine("dask")
    assert main(["weave", str(EXAMPLES), "--engine", "dask"]) == 3
    assert "pip install 'newsweave[dask]'" in capsys.readouterr().err


def test_scheduler_needs_the_dask_engine(capsys):
    assert main(["weave", str(EXAMPLES), "--scheduler", "tcp://127.0.0.1:8786"]) == 1
    assert "need --engine dask" in capsys.readouterr().err


def two_stories(tmp_path):
    return [write_files(tmp_path / "harbour", HARBOUR), EXAMPLES]


def test_weave_builds_many_stories_on_a_pool_with_the_same_digest(tmp_path, monkeypatch):
    make_stories(tmp_path / "feed", 6 * (pipeline.POOL_STORIES + 4), pipeline.POOL_STORIES + 4)
    pools = []

    class Counted(pipeline.PoolEngine):
        def __init__(self, workers: int) -> None:
            pools.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(pipeline, "PoolEngine", Counted)
    pooled = newsweave.weave(tmp_path / "feed")
    assert len(pooled.stories) == pipeline.POOL_STORIES + 4
    if (os.cpu_count() or 1) > 1:
        assert pools, "the stories were not built on the pool"
    monkeypatch.setattr(pipeline, "POOL_STORIES", sys.maxsize)
    alone = newsweave.weave(tmp_path / "feed")
    assert digest_to_dict(pooled) == digest_to_dict(alone)
    assert len(pools) <= 1


@pytest.fixture
def counted_pools(monkeypatch) -> list[int]:
    """The worker counts of the pools started (the pool itself as in a real run)."""
    pools: list[int] = []

    class Counted(pipeline.PoolEngine):
        def __init__(self, workers: int) -> None:
            pools.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(pipeline, "PoolEngine", Counted)
    return pools


def feed_with_bad_inputs(folder):
    """Forty dated articles about eight stories, an empty file, a binary one, a copy and a file
    with a warning, spread over the partitions."""
    make_stories(folder, 40, 8)
    (folder / "0005.txt").write_bytes(b"")
    (folder / "0017.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "0033.txt").write_bytes((folder / "0002.txt").read_bytes())
    (folder / "0021.note").write_text("A note\n\n" + (folder / "0013.txt").read_text().split(
        "\n\n", 1)[1] + " An unknown extension gets a warning.\n")
    return folder


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the pool needs two cores")
def test_weave_reads_the_inputs_on_a_pool_in_order_with_the_same_digest(
    tmp_path, monkeypatch, counted_pools
):
    feed = feed_with_bad_inputs(tmp_path / "feed")
    monkeypatch.setattr(pipeline, "POOL_READ_FILES", 3)
    monkeypatch.setattr(pipeline, "POOL_STORIES", sys.maxsize)
    pooled = newsweave.weave(feed)
    assert counted_pools, "the inputs were not read on the pool"
    monkeypatch.setattr(pipeline, "POOL_WORKERS", 1)
    alone = newsweave.weave(feed)
    assert len(counted_pools) == 1
    assert digest_to_dict(pooled) == digest_to_dict(alone)
    assert [r.path for r in pooled.rejected] == [str(feed / "0005.txt"), str(feed / "0017.txt")]
    assert pooled.warnings and pooled.warnings == alone.warnings


def test_standard_input_is_never_read_on_a_pool(tmp_path, monkeypatch, counted_pools):
    feed = feed_with_bad_inputs(tmp_path / "feed")
    monkeypatch.setattr(pipeline, "POOL_READ_FILES", 1)
    stdin = io.BytesIO(b"Title from stdin\n\nA harbour crane collapsed on Monday in Arlen, and "
                       b"officials said the port would stay closed for the week.\n")
    digest = newsweave.weave(["-", feed], stdin=stdin)
    assert not counted_pools
    assert "-" in {a.input for a in digest.articles} and digest.accounting.inputs == 42


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the pool needs two cores")
def test_ingest_reads_and_prepares_on_a_pool_with_the_same_store(
    tmp_path, monkeypatch, counted_pools
):
    feed = feed_with_bad_inputs(tmp_path / "feed")
    monkeypatch.setattr(pipeline, "POOL_READ_FILES", 3)
    pooled = ingest_articles(feed, tmp_path / "pooled.db", batch_size=7)
    assert counted_pools, "the inputs were not read on the pool"
    monkeypatch.setattr(pipeline, "POOL_WORKERS", 1)
    alone = ingest_articles(feed, tmp_path / "alone.db", batch_size=7)
    assert len(counted_pools) <= 2  # reading, and the digests of 16 or more stories
    assert replace(pooled, seconds=0) == replace(alone, seconds=0)
    assert pooled.balanced and len(pooled.rejected) == 2 and pooled.duplicates >= 1
    assert _rows(tmp_path / "pooled.db") == _rows(tmp_path / "alone.db")


def _rows(db) -> dict[str, list]:
    """Every row of the store's tables (the full-text tables aside), sorted."""
    with sqlite3.connect(db) as conn:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
            "AND name NOT LIKE 'sqlite%'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}


def test_out_dir_holds_every_story_as_jsonl_shards(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "STORIES_PER_PARTITION", 1)
    digest = newsweave.weave(two_stories(tmp_path), out_dir=tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["complete"] and manifest["accounting"]["inputs"] == 10
    lines = [json.loads(line) for s in manifest["shards"]
             for line in (tmp_path / "out" / s["file"]).read_text().splitlines()]
    assert lines == digest_to_dict(digest)["stories"]
    duplicates = (tmp_path / "out" / "duplicates.jsonl").read_text().splitlines()
    assert [json.loads(d) for d in duplicates] == digest_to_dict(digest)["duplicates"]


def test_rerun_skips_the_partitions_already_finished(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "STORIES_PER_PARTITION", 1)
    paths, out = two_stories(tmp_path), tmp_path / "out"
    whole = digest_to_dict(newsweave.weave(paths, out_dir=out))
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["shards"] = manifest["shards"][:1]  # as if killed after the first shard
    del manifest["complete"]
    (out / "manifest.json").write_text(json.dumps(manifest))
    built = []
    real = pipeline.stories_partition
    monkeypatch.setattr(pipeline, "stories_partition", lambda p: built.append(p) or real(p))
    monkeypatch.setattr(pipeline, "find_duplicates", None)  # the plan is loaded, not redone
    assert digest_to_dict(newsweave.weave(paths, out_dir=out)) == whole
    assert len(built) == 1
    assert json.loads((out / "manifest.json").read_text())["complete"]


def test_rerun_on_other_articles_redoes_the_plan(tmp_path):
    out = tmp_path / "out"
    newsweave.weave(EXAMPLES, out_dir=out)
    harbour = write_files(tmp_path / "harbour", HARBOUR)
    fresh = digest_to_dict(newsweave.weave(harbour))
    assert digest_to_dict(newsweave.weave(harbour, out_dir=out)) == fresh


def test_out_dir_of_other_settings_is_refused(tmp_path):
    newsweave.weave(EXAMPLES, out_dir=tmp_path / "out")
    config = newsweave.WeaveConfig(near_threshold=0.9)
    with pytest.raises(NewsweaveError, match="other settings"):
        newsweave.weave(EXAMPLES, config, out_dir=tmp_path / "out")


def test_steps_run_with_one_blas_thread() -> None:
    """`weave` and `ingest` limit BLAS to one thread while they run, and restore it after."""
    import numpy  # noqa: F401 - loads the BLAS library this test inspects
    from threadpoolctl import threadpool_info

    from newsweave.engine import one_blas_thread

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    assert before
    assert one_blas_thread(blas_threads)() == [1] * len(before)
    assert blas_threads() == before
