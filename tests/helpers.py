"""Small helpers shared by the tests."""

from __future__ import annotations

import functools


def nodes(connection: dict) -> list:
    """The nodes of one page of a connection, in order."""
    return [edge["node"] for edge in connection["edges"]]


async def walk(api, query: str, path: tuple[str, ...], **variables) -> list:
    """Every node of a connection, page by page (first: 100), in order."""
    found, after = [], None
    while True:
        data = await api.data(query, first=100, after=after, **variables)
        for key in path:
            data = data[key]
        found += nodes(data)
        if not data["pageInfo"]["hasNextPage"]:
            return found
        after = data["pageInfo"]["endCursor"]


@functools.cache
def record():
    """The seed as the build reads it, with the timeline it makes: the tests' expectations
    come from the data files, never from copies of them."""
    from server.settings import ROOT
    from server.store.seed import load_seed, relation_events, representation_events

    seed = load_seed(ROOT / "seed")
    timeline = list(seed.events) + [event for _, _, event in relation_events(seed)]
    return seed, timeline + [event for _, event in representation_events(seed)]


def look_for_the_store_on_every_request(monkeypatch, app) -> None:
    """The app looks for a rebuilt store at most once a second (``refresh_if_due``): make
    its requests look every time, so a test sees a rebuild at once, never waiting a second."""
    db = app.state.db
    monkeypatch.setattr(db, "refresh_if_due", functools.partial(db.refresh_if_due, interval=0))


def http_scope(method: str, path: str, query_string: bytes = b"", headers=(), **extra) -> dict:
    """An ASGI HTTP scope for driving the app directly (to control receive and send)."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query_string,
        "root_path": "",
        "headers": list(headers),
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
        **extra,
    }


def slow_renderer(monkeypatch, fmt: str, started, release) -> None:
    """Make exports in ``fmt`` render in a worker thread that sets ``started`` and waits
    for ``release`` (threading.Events) before writing the file."""
    import types

    from server.files import exports

    real = exports.FORMATS[fmt]

    def render(context):
        started.set()
        release.wait(timeout=10)
        return real.render(context)

    monkeypatch.setitem(
        exports.FORMATS, fmt, types.SimpleNamespace(render=render, MEDIA_TYPE=real.MEDIA_TYPE)
    )
