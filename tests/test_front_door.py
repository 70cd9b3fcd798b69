"""The production front door, tested for real: Debian's nginx (deploy/nginx.conf.template)
in front of two `python -m server serve` replicas on loopback.

Replica A is configured for direct exposure (h11, which limits the header block);
replica B as it would run behind nginx only (httptools, faster, no header limit). Both
share one store file, and nginx's timeouts are short here (2 s) so the tests are quick.
"""

from __future__ import annotations

import select
import shutil
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from deploy.render import FAIL_TIMEOUT, MAX_FAILS
from server.store.build import build_store

from .conftest import SEED
from .live import LiveNginx, LiveServer, free_port, live_nginx, live_server

MAX_AGE = 2  # seconds: ACCORDLINE_HTTP_MAX_AGE for the replicas
CLIENT_TIMEOUT = 2  # seconds: nginx's client_header/body and send timeouts here
KEEP_ALIVE = 2  # seconds: the replicas' timeout_keep_alive
CONCURRENCY = 8  # the replicas' limit_concurrency
ENV = {
    "ACCORDLINE_HTTP_MAX_AGE": str(MAX_AGE),
    "ACCORDLINE_TIMEOUT_KEEP_ALIVE": str(KEEP_ALIVE),
    "ACCORDLINE_LIMIT_CONCURRENCY": str(CONCURRENCY),
}
TRIVIAL = "/graphql?query=" + quote("{ __typename }")
# Real nginx and replicas, with wall-time checks: `make test-ops` (CI runs it too).
pytestmark = pytest.mark.ops
FILES_BURST = 10  # the template's limit_req burst for /export/ and /download/


@dataclass
class FrontDoor:
    nginx: LiveNginx
    direct: LiveServer  # replica A: h11, the limits for a socket facing clients
    fast: LiveServer  # replica B: httptools, only ever behind nginx
    seed: Path  # a copy of seed/ the tests may edit
    db: Path  # the store file both replicas serve


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> FrontDoor:
    root = tmp_path_factory.mktemp("front")
    seed = root / "seed"
    shutil.copytree(SEED, seed)
    db = root / "accordline.sqlite"
    build_store(seed, db)
    with (
        live_server(db, env={**ENV, "ACCORDLINE_HTTP_PARSER": "h11"}) as direct,
        live_server(db, env={**ENV, "ACCORDLINE_HTTP_PARSER": "httptools"}) as fast,
        live_nginx(
            [f"127.0.0.1:{direct.port}", f"127.0.0.1:{fast.port}"],
            client_timeout=f"{CLIENT_TIMEOUT}s",
            env=ENV,
        ) as nginx,
    ):
        yield FrontDoor(nginx, direct, fast, seed, db)


def oversized_header(port: int, size: int = 50 * 1024 * 1024) -> tuple[bytes, float]:
    """Send a GET whose one header is ``size`` bytes, 64 KB at a time, stopping as soon
    as the server answers or hangs up: (the first bytes of the answer, seconds taken)."""
    chunk = b"a" * 65_536
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"GET {TRIVIAL} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ".encode())
        for _ in range(size // len(chunk)):
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            if select.select([sock], [], [], 0.02)[0]:
                break  # an answer (or a close) is waiting
        try:
            answer = sock.recv(4096)
        except ConnectionResetError:
            answer = b""
    return answer, time.monotonic() - started


def from_address(address: str) -> httpx.Client:
    """A client whose connections come from another loopback address: to nginx, another
    client (its per-address limits start afresh)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=5)


def status_of(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1.1 "), answer[:200]
    return int(answer.split()[1])


def assert_answers(base_url: str) -> None:
    started = time.monotonic()
    response = httpx.get(base_url + TRIVIAL, timeout=5)
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"__typename": "Query"}
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("target", ["nginx", "direct"])
def test_a_50_mb_header_is_refused_at_once(front, target):
    server = front.nginx if target == "nginx" else front.direct
    answer, seconds = oversized_header(server.port)
    # nginx: 400 "Request Header Or Cookie Too Large" past one 8 KB buffer;
    # uvicorn/h11: 400 "Invalid HTTP request received." past max_header_bytes (64 KB).
    assert status_of(answer) == 400
    assert seconds < 1
    assert_answers(server.url)


def test_ordinary_headers_pass_nginx(front):
    # A 6 KB cookie is big but legitimate: under one 8 KB buffer, it is answered.
    response = httpx.get(front.nginx.url + TRIVIAL, headers={"cookie": "c=" + "x" * 6000})
    assert response.status_code == 200


def test_unfinished_headers_are_closed_at_the_timeout(front):
    """A slowloris connection is closed by nginx after client_header_timeout."""
    with socket.create_connection(("127.0.0.1", front.nginx.port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        started = time.monotonic()
        answer = sock.recv(4096)  # blocks until nginx gives up on us
        seconds = time.monotonic() - started
    assert answer == b""  # closed without an answer (nginx logs a 408)
    assert CLIENT_TIMEOUT - 0.5 < seconds < CLIENT_TIMEOUT + 1.5
    assert_answers(front.nginx.url)


def test_uvicorn_closes_an_idle_keep_alive_connection(front):
    with socket.create_connection(("127.0.0.1", front.direct.port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert status_of(sock.recv(65536)) == 200
        started = time.monotonic()
        while sock.recv(4096):
            pass  # the rest of the answer, then nothing until uvicorn hangs up
        seconds = time.monotonic() - started
    assert KEEP_ALIVE - 0.5 < seconds < KEEP_ALIVE + 1.5


def test_a_full_replicas_503_reaches_the_client_and_it_stays_in_rotation(front):
    """A 503 is the replica's answer, not a failure: nginx passes it on (with Retry-After,
    which uvicorn's own 503 lacks), neither retries it on the other replica nor counts
    it against the one that sent it, and cached GETs are still served."""
    query = '{ country(code: "IL") { name } }'
    cached = front.nginx.url + "/graphql?query=" + quote(query)
    assert httpx.get(cached).headers["x-cache-status"] == "MISS"
    time.sleep(MAX_AGE + 0.2)  # the entry has expired: a GET now goes upstream
    url = front.direct.url + "/healthz"
    sockets = [
        socket.create_connection(("127.0.0.1", front.direct.port)) for _ in range(CONCURRENCY)
    ]
    try:
        response = httpx.get(url, timeout=5)
        assert response.status_code == 503  # uvicorn's limit_concurrency
        # Round robin keeps choosing A: more 503s than max_fails, so A was never
        # marked down, and each one reached the client instead of being replayed on B.
        through = [
            httpx.post(front.nginx.url + "/graphql", json={"query": "{ __typename }"})
            for _ in range(2 * (MAX_FAILS + 1))
        ]
        statuses = [answer.status_code for answer in through]
        assert sorted(set(statuses)) == [200, 503], statuses
        assert statuses.count(503) >= MAX_FAILS + 1, statuses
        for answer in through:
            if answer.status_code == 503:
                assert answer.headers["retry-after"] == "5"  # added by nginx
            else:
                assert answer.json()["data"] == {"__typename": "Query"}
                assert "retry-after" not in answer.headers
        # The expired entry: refreshed by B, or served stale when A says 503.
        for _ in range(4):
            again = httpx.get(cached)
            assert again.status_code == 200, again.text
            assert again.json()["data"] == {"country": {"name": "Israel"}}
    finally:
        for sock in sockets:
            sock.close()
    deadline = time.monotonic() + 2
    while httpx.get(url, timeout=5).status_code != 200:
        assert time.monotonic() < deadline, "replica A still refusing after its clients left"
        time.sleep(0.05)
    for _ in range(4):  # both replicas answer again through nginx
        through = httpx.post(front.nginx.url + "/graphql", json={"query": "{ __typename }"})
        assert through.status_code == 200, through.text


def test_files_are_rate_limited_per_client_with_a_json_429(front):
    """/export/ and /download/ share one rate per client address (1 a second, 10 more at
    once); past it nginx answers 429 in the app's error shape. Other addresses, and the
    same address's other requests, are unaffected."""
    export = "/export/timeline.csv?countries=KZ"
    with from_address("127.0.0.3") as client:
        answers = [client.get(front.nginx.url + export) for _ in range(FILES_BURST + 4)]
        statuses = [answer.status_code for answer in answers]
        # One at the rate and the whole burst pass at once (a second may free one more).
        assert statuses[: FILES_BURST + 1] == [200] * (FILES_BURST + 1), statuses
        assert 429 in statuses, statuses
        refused = next(answer for answer in answers if answer.status_code == 429)
        assert refused.headers["content-type"] == "application/json"
        assert refused.headers["retry-after"] == "1"
        assert refused.headers["cache-control"] == "no-store"
        assert refused.headers["access-control-allow-origin"] == "*"
        assert refused.json()["errors"][0]["extensions"] == {"code": "RATE_LIMITED"}
        assert (
            "one file from /export/ or /download/ a second"
            in refused.json()["errors"][0]["message"]
        )
        # The same budget covers downloads; the API is not rate limited.
        assert client.get(front.nginx.url + "/download/metadata.json").status_code == 429
        assert client.get(front.nginx.url + TRIVIAL).status_code == 200
    with from_address("127.0.0.4") as other:
        assert other.get(front.nginx.url + export).status_code == 200


def test_pages_the_feed_and_exports_are_cached_by_their_headers(front):
    for path in ("/countries/KZ", "/feed.atom", "/export/timeline.json?countries=IL"):
        first, second = httpx.get(front.nginx.url + path), httpx.get(front.nginx.url + path)
        assert first.status_code == 200, (path, first.text)
        assert (first.headers["x-cache-status"], second.headers["x-cache-status"]) == (
            "MISS",
            "HIT",
        ), path
        assert second.headers["cache-control"] == f"public, max-age={MAX_AGE}", path
        assert second.headers["etag"] == first.headers["etag"], path
        assert second.content == first.content, path
        again = httpx.get(front.nginx.url + path, headers={"if-none-match": first.headers["etag"]})
        assert (again.status_code, again.headers["x-cache-status"]) == (304, "HIT"), path
    # A page is HTML whatever the Accept; another Accept is another entry all the same,
    # so an answer chosen by Accept (GET /graphql: GraphiQL or JSON) is never mixed up.
    as_json = httpx.get(front.nginx.url + "/countries/KZ", headers={"accept": "application/json"})
    assert as_json.headers["x-cache-status"] == "MISS"
    assert as_json.headers["content-type"].startswith("text/html")
    graphiql = httpx.get(front.nginx.url + "/graphql", headers={"accept": "text/html"})
    assert graphiql.headers["content-type"].startswith("text/html")
    assert httpx.get(front.nginx.url + TRIVIAL).json()["data"] == {"__typename": "Query"}


def test_identical_exports_at_once_are_rendered_once(front):
    """proxy_cache_lock: of eight clients asking for one missing export at once, one
    request reaches a replica (MISS); the others wait for it and read its answer (HIT)."""
    url = front.nginx.url + "/export/timeline.ics?countries=KZ,IL"
    with from_address("127.0.0.5") as client, ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: client.get(url, timeout=10), range(8)))
    assert [answer.status_code for answer in answers] == [200] * 8
    caching = sorted(answer.headers["x-cache-status"] for answer in answers)
    assert caching == ["HIT"] * 7 + ["MISS"], caching
    assert len({answer.content for answer in answers}) == 1


def test_nginx_answers_502_in_the_apps_error_shape_when_no_replica_answers():
    with live_nginx([f"127.0.0.1:{free_port()}"], env=ENV, wait_for_upstream=False) as nginx:
        response = httpx.get(nginx.url + TRIVIAL)
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/json"
    assert response.headers["retry-after"] == str(FAIL_TIMEOUT)
    assert response.headers["cache-control"] == "no-store"
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_GATEWAY"}


def test_the_body_limit_is_the_apps_and_keeps_its_error_shape(front):
    url = front.nginx.url + "/graphql"
    padding = 32_768 - len('{"query":"{ __typename }#"}')
    exact = '{"query":"{ __typename }#' + "x" * padding + '"}'
    assert len(exact) == 32_768
    response = httpx.post(url, content=exact, headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    over = httpx.post(url, content=exact + " ", headers={"content-type": "application/json"})
    assert over.status_code == 413
    assert over.headers["content-type"] == "application/json"
    assert over.json() == {
        "errors": [
            {
                "message": "request body is larger than 32768 bytes",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }


def test_a_repeated_get_is_a_cache_hit_and_a_post_never_is(front):
    query = '{ country(code: "KZ") { name } }'
    url = front.nginx.url + "/graphql?query=" + quote(query)
    first, second = httpx.get(url), httpx.get(url)
    assert first.headers["x-cache-status"] == "MISS"
    assert second.headers["x-cache-status"] == "HIT"
    assert second.json() == first.json()
    assert first.json()["data"] == {"country": {"name": "Kazakhstan"}}
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["cache-control"] == f"public, max-age={MAX_AGE}"
    # The app varies on Accept, so another Accept is another entry.
    other = httpx.get(url, headers={"accept": "application/graphql-response+json"})
    assert other.headers["x-cache-status"] == "MISS"
    assert other.headers["content-type"].startswith("application/graphql-response+json")
    # nginx answers a revalidation from its cache with the app's ETag.
    again = httpx.get(url, headers={"if-none-match": first.headers["etag"]})
    assert (again.status_code, again.headers["x-cache-status"]) == (304, "HIT")

    for _ in range(2):
        posted = httpx.post(front.nginx.url + "/graphql", json={"query": query})
        assert posted.json() == first.json()
        assert "x-cache-status" not in posted.headers
        assert posted.headers["cache-control"] == "no-store"


def test_a_rebuilt_store_shows_through_nginx_within_max_age(front):
    query = '{ event(slug: "kazakhstan-israel-diplomatic-relations") { title } }'
    path = "/graphql?query=" + quote(query)
    old_title = "Kazakhstan and Israel establish diplomatic relations"
    new_title = "Kazakhstan and Israel establish relations (rebuilt)"

    def title(base_url: str) -> tuple[str, str | None]:
        response = httpx.get(base_url + path, timeout=5)
        assert response.status_code == 200, response.text
        node = response.json()["data"]["event"]
        return node["title"], response.headers.get("x-cache-status")

    assert title(front.nginx.url) == (old_title, "MISS")
    assert title(front.nginx.url) == (old_title, "HIT")

    events = front.seed / "events.toml"
    text = events.read_text(encoding="utf-8")
    assert text.count(f'title = "{old_title}"') == 1
    events.write_text(text.replace(old_title, new_title), encoding="utf-8")
    build_store(front.seed, front.db)  # a new file renamed onto the served path
    rebuilt = time.monotonic()

    while (seen := title(front.nginx.url))[0] != new_title:
        # Until the entry expires nginx may keep the old answer; never longer.
        assert time.monotonic() - rebuilt < MAX_AGE + 1.5, f"still {seen} through nginx"
        time.sleep(0.1)
    # Both replicas swapped in the new file too (they look at most once a second).
    for replica in (front.direct, front.fast):
        deadline = time.monotonic() + 1.5
        while title(replica.url)[0] != new_title:
            assert time.monotonic() < deadline, f"{replica.url} still serves the old store"
            time.sleep(0.1)
