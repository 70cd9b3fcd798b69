"""What the fuzz tests share: the example budget, a live server and its counting client,
the one check every answer must pass, and the hostile text they draw from.

tests/test_fuzz.py and tests/test_fuzz_cursors.py each serve their module from
``fuzzed_server``; each test runs ``fuzz(weight)``'s FUZZ_EXAMPLES × weight examples.
"""

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from server.store.build import build_store

from .conftest import SEED
from .live import LiveServer

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
KNOWN_CODES = {
    "BAD_USER_INPUT",
    "QUERY_TOO_COMPLEX",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "OPERATION_RESOLUTION_FAILURE",
    "QUERY_TIMEOUT",
    "BAD_REQUEST",
    "PAYLOAD_TOO_LARGE",
    "RESPONSE_TOO_LARGE",
}


def fuzz(weight: float = 1):
    """Hypothesis settings for a test that runs ``weight`` × FUZZ_EXAMPLES examples."""
    return settings(
        max_examples=max(1, int(EXAMPLES * weight)),
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
        ],
    )


class Counting(httpx.Client):
    """The live server's client; counts the requests it sends (`pytest -s` prints it)."""

    sent = 0

    def send(self, request, **kwargs):
        Counting.sent += 1
        return super().send(request, **kwargs)


@contextlib.contextmanager
def fuzzed_server(folder: Path) -> Iterator[httpx.Client]:
    """A live server on a store built from the seed in ``folder``, and a client for it.
    On the way out: how many requests were sent, a clean exit and no traceback logged."""
    store = folder / "store.sqlite"
    build_store(SEED, store)
    server = LiveServer(store)
    before = Counting.sent
    try:
        with Counting(base_url=server.url, timeout=30) as http:
            yield http
    finally:
        print(f"\nfuzz: {Counting.sent - before} requests at FUZZ_EXAMPLES={EXAMPLES}")
        log = server.log()
        assert server.stop() == 0
        assert "Traceback" not in log, log[-5000:]


def assert_well_formed(response: httpx.Response) -> dict:
    """Never a 5xx; always JSON with data, or errors each with a known code."""
    sent = response.request.url.query or response.request.content
    assert response.status_code < 500, f"{response.text}\nfor the request: {sent[:3000]!r}"
    assert response.headers["content-type"].startswith("application/json"), response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    body = response.json()
    assert set(body) <= {"data", "errors", "extensions"}
    assert "data" in body or body.get("errors"), body
    for error in body.get("errors", []):
        assert error["extensions"]["code"] in KNOWN_CODES, error
        assert "Traceback" not in error["message"]
    return body


def post(client, payload: dict, *, raw_surrogates: bool = False) -> httpx.Response:
    """POST ``payload`` as JSON, lone surrogates and all: escaped (what a JSON encoder
    writes) or as their UTF-8-style bytes (what a careless one writes)."""
    if raw_surrogates:
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
    else:
        content = json.dumps(payload).encode()
    return client.post("/graphql", content=content, headers={"content-type": "application/json"})


# Hostile text: filters, search words and cursors draw from it.

text = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    [
        '"',
        "*",
        "AND",
        "OR NOT",
        "NEAR(a b",
        "((",
        ")",
        "a\x00b",
        "x" * 10_000,
        "\u202eRTL\u202c",
        "🕊️ peace",
        "kaz*",
        "^kaz",
        "col:kaz",
        "'; DROP TABLE events; --",
    ]
)
