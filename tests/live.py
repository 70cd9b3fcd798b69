"""A real server in a subprocess on a free loopback port, for load, fault and client
tests; and Node, to drive it with real JavaScript clients (tests/js)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from server.settings import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def live_server(db: Path, *, env: dict | None = None) -> Iterator[LiveServer]:
    """A LiveServer for the length of a ``with`` block."""
    server = LiveServer(db, env=env)
    try:
        yield server
    finally:
        server.stop()


class LiveServer:
    def __init__(self, db: Path, *, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server",
                "serve",
                "--db",
                str(db),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            cwd=ROOT,
            env={**os.environ, "ACCORDLINE_ACCESS_LOG": "0", **(env or {})},
            # A file, not a pipe: a pipe nobody reads fills up and stalls the server.
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited early:\n{self.log()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"server not ready in {timeout}s:\n{self.log()}")

    def log(self) -> str:
        self._log.seek(0)
        return self._log.read()

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1])

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.process.returncode


@contextlib.contextmanager
def live_nginx(
    upstreams: list[str],
    *,
    client_timeout: str = "10s",
    env: dict | None = None,
    wait_for_upstream: bool = True,
) -> Iterator[LiveNginx]:
    """Debian's nginx with deploy/nginx.conf.template, for the length of a ``with`` block."""
    nginx = LiveNginx(
        upstreams, client_timeout=client_timeout, env=env, wait_for_upstream=wait_for_upstream
    )
    try:
        yield nginx
    finally:
        nginx.stop()


class LiveNginx:
    """nginx in the foreground from a temp prefix (pid, temp dirs and cache inside it),
    configured by ``python -m deploy.render`` exactly as deploy/README.md says.

    ``env`` is the ACCORDLINE_* environment the replicas were given: the renderer reads
    the body limit and keep-alive from it. It is ready when /healthz answers 200 through
    it, or, with ``wait_for_upstream=False`` (no replica on purpose), any answer at all.
    """

    def __init__(
        self,
        upstreams: list[str],
        *,
        client_timeout: str,
        env: dict | None = None,
        wait_for_upstream: bool = True,
    ):
        binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
        if binary is None:
            raise AssertionError(
                "nginx is not installed: the front-door tests need Debian's nginx "
                "(`make test` installs it when run as root; else: sudo apt-get install nginx)"
            )
        self.prefix = Path(tempfile.mkdtemp(prefix="accordline-nginx-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        conf = self.prefix / "nginx.conf"
        render = [sys.executable, "-m", "deploy.render", "--listen", f"127.0.0.1:{self.port}"]
        render += [arg for up in upstreams for arg in ("--upstream", up)]
        render += ["--client-timeout", client_timeout, "--output", str(conf)]
        if os.geteuid() == 0:
            # Workers would otherwise drop to `nobody` and could not write the cache.
            render += ["--user", "root"]
        done = subprocess.run(
            render, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True
        )
        if done.returncode != 0:
            shutil.rmtree(self.prefix)
            raise AssertionError(f"deploy.render failed:\n{done.stderr}")
        self._log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [binary, "-p", f"{self.prefix}/", "-e", "stderr", "-c", str(conf)]
            + ["-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        self._wait_until_ready(wait_for_upstream)

    def _wait_until_ready(self, wait_for_upstream: bool, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log()
                self.stop()
                raise AssertionError(f"nginx exited early:\n{log}")
            try:
                status = httpx.get(self.url + "/healthz", timeout=1).status_code
                if status == 200 or not wait_for_upstream:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        log = self.log()
        self.stop()
        raise AssertionError(f"nginx not ready in {timeout}s:\n{log}")

    def log(self) -> str:
        self._log.seek(0)
        return self._log.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self._log.closed:
            self._log.close()
        shutil.rmtree(self.prefix, ignore_errors=True)


JS = ROOT / "tests" / "js"


def run_node(script: str, *args: str, timeout: float = 120) -> object:
    """Run ``tests/js/<script>`` with Node and return the JSON it prints.

    The packages come from tests/js/package-lock.json (``make install`` runs ``npm ci``
    there); this installs nothing itself.
    """
    if not (JS / "node_modules").is_dir():
        raise AssertionError(f"{JS}/node_modules is missing: run `make install` (npm ci there)")
    node = shutil.which("node")
    if node is None:
        raise AssertionError("node is not installed: the HTTP client tests need Node 18+")
    done = subprocess.run(
        [node, script, *args], cwd=JS, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise AssertionError(f"node {script} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)
