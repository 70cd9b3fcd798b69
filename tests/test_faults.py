"""Faults: a bad or killed build never touches the served store; a bad store at start-up
is one clear sentence; SIGTERM lets in-flight requests finish."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest

from server.settings import ROOT
from server.store.build import SCHEMA_VERSION, build_store

from .conftest import SEED
from .live import LiveServer

pytestmark = pytest.mark.slow


def serve(db):
    return subprocess.run(
        [sys.executable, "-m", "server", "serve", "--db", str(db), "--port", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
        check=False,
    )


def test_missing_store_is_one_sentence(tmp_path):
    result = serve(tmp_path / "nothing.sqlite")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "does not exist: build it with `make db`" in result.stderr


def test_corrupt_store_is_one_sentence(tmp_path):
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"this is not a database" * 200)
    result = serve(corrupt)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "cannot be read (file is not a database)" in result.stderr


def test_store_of_another_schema_version_is_refused(tmp_path):
    import sqlite3

    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as db:
        db.execute("CREATE TABLE x (y)")
    result = serve(old)
    assert result.returncode == 1
    assert f"has schema version 0, this server needs {SCHEMA_VERSION}" in result.stderr


def test_read_only_store_is_served(tmp_path, seed_store):
    # The server never writes, so a read-only file (and folder) is a fine store.
    store = tmp_path / "ro" / "store.sqlite"
    store.parent.mkdir()
    shutil.copy(seed_store, store)
    store.chmod(0o444)
    store.parent.chmod(0o555)
    server = LiveServer(store)
    try:
        response = httpx.post(
            server.url + "/graphql", json={"query": '{ country(code: "KZ") { name } }'}
        )
        assert response.json()["data"] == {"country": {"name": "Kazakhstan"}}
    finally:
        server.stop()
        store.parent.chmod(0o755)


def big_seed(tmp_path, events=30_000):
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    with (seed / "events.toml").open("a", encoding="utf-8") as handle:
        for n in range(events):
            handle.write(
                f'\n[[event]]\nslug = "bulk-{n}"\ndate = "1902-02-{1 + n % 28:02d}"\n'
                'added = "2026-11-29"\nupdated = "2026-11-29"\n'
                f'kind = "statement"\ntitle = "Bulk {n}"\nsummary = "Bulk event {n}."\n'
                f'countries = ["KZ"]\nsources = ["wikipedia-abraham-accords"]\n'
            )
    return seed


def test_killed_build_leaves_the_store_untouched(tmp_path, seed_store):
    store = tmp_path / "store.sqlite"
    shutil.copy(seed_store, store)
    before = store.read_bytes()
    seed = big_seed(tmp_path)
    building = subprocess.Popen(
        [sys.executable, "-m", "server", "build-db", "--seed", str(seed), "--db", str(store)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Kill it once it has started writing its temporary file.
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".store.sqlite.*.building")) and time.monotonic() < deadline:
        assert building.poll() is None, "the build finished before it could be killed"
        time.sleep(0.01)
    building.send_signal(signal.SIGKILL)
    building.wait()
    assert store.read_bytes() == before
    # The next build clears the dead build's leftovers and replaces the store.
    report = build_store(SEED, store)
    assert report.events > 100
    assert not list(tmp_path.glob(".store.sqlite.*.building"))


def test_sigterm_lets_in_flight_requests_finish(seed_store):
    server = LiveServer(seed_store)
    results = []
    query = {
        "query": "{ events(first: 100) { edges { node { title countries { name } sources { url } } } } }"
    }

    def client():
        with httpx.Client(timeout=20) as http:
            for _ in range(200):
                try:
                    results.append(http.post(server.url + "/graphql", json=query).status_code)
                except httpx.TransportError:
                    results.append("refused")  # after shutdown began: never a half answer
                    return

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    os.kill(server.process.pid, signal.SIGTERM)
    for thread in threads:
        thread.join(timeout=30)
    assert server.process.wait(timeout=20) == 0, server.log()
    server.stop()
    answered = [r for r in results if r != "refused"]
    assert answered and set(answered) == {200}


def test_two_workers_serve_and_stop_cleanly(seed_store):
    server = LiveServer(seed_store, env={"ACCORDLINE_WORKERS": "2"})
    try:
        for _ in range(4):
            response = httpx.post(
                server.url + "/graphql", json={"query": '{ country(code: "KZ") { name } }'}
            )
            assert response.json()["data"] == {"country": {"name": "Kazakhstan"}}
        # The first worker answers /healthz before the second has started: wait for it.
        deadline = time.monotonic() + 15
        while server.log().count("Application startup complete") < 2:
            assert time.monotonic() < deadline, server.log()
            time.sleep(0.1)
        assert server.log().count("Started server process") == 2
    finally:
        assert server.stop() == 0
