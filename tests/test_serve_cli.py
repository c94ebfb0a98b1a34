"""`newsweave serve` from the command line: help, the missing extra, the host warning, a real
server on loopback."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsweave.cli import main
from newsweave.serve.run import is_loopback
from newsweave.store.ingest import ingest
from tests.conftest import HARBOUR, write_files


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("serve-cli")
    path = folder / "s.db"
    ingest(write_files(folder / "in", HARBOUR), path)
    return str(path)


def test_serve_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--db" in out and "--host" in out and "--port" in out and "read-only" in out


@pytest.mark.parametrize("module", ["fastapi", "uvicorn"])
def test_missing_extra_exits_3_with_the_pip_command(
    module: str, db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    assert main(["serve", "--db", db]) == 3
    err = capsys.readouterr().err
    assert f"'{module}'" in err and "pip install 'newsweave[serve]'" in err


def test_bad_port_and_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    assert exit_.value.code == 2
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 1
    assert "no such database" in capsys.readouterr().err


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.4", False), ("example.org", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_public_host_warns(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert calls[0]["host"] == "0.0.0.0" and calls[0]["port"] == 8123
    assert "warning: serving on 0.0.0.0" in capsys.readouterr().err
    assert main(["serve", "--db", db]) == 0
    assert calls[1]["host"] == "127.0.0.1" and "warning" not in capsys.readouterr().err


def test_the_command_serves_on_loopback(db: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--db", db,
                               "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/api/stories")
                answer = conn.getresponse()
                break
            except ConnectionRefusedError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.1)
        assert answer.status == 200
        (story,) = json.loads(answer.read())["stories"]
        assert story["size"] == 3
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "(read-only) on http://127.0.0.1:" in server.stderr.read()
