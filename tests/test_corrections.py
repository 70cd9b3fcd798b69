"""/corrections: a reader's report of an error is kept apart from the record, bounded,
rate-limited, refused from other sites, and listed by `python -m server corrections`."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import os
import sqlite3
import subprocess
import sys

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.settings import ROOT, Settings, SettingsError
from server.site.correction_file import Correction, CorrectionFile

pytestmark = pytest.mark.anyio

REPORT = {
    "permalink": "/relations/MA/IL",
    "shown": "Aug 1992 Relations established High confidence",
    "message": "The source says September 1992.\nSee the ministry's page.",
    "contact": "reader@example.org",
}


@contextlib.asynccontextmanager
async def site(settings: Settings, **changes):
    """The app over the test store, its reports in their own file; a client on it."""
    app = create_app(dataclasses.replace(settings, **changes))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app, client=("192.0.2.1", 4000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            client.asgi, client.state = manager.app, app.state
            yield client


def listing(path, *options: str) -> subprocess.CompletedProcess:
    """`python -m server corrections` as the maintainers run it."""
    env = {**os.environ, "ACCORDLINE_CORRECTIONS_DB": str(path)}
    return subprocess.run(
        [sys.executable, "-m", "server", "corrections", *options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_refused(response: httpx.Response, status: int, code: str, words: str) -> None:
    assert response.status_code == status, response.text
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == code
    assert words in error["message"]
    # The app's security headers on a refusal too.
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_a_report_is_kept_and_listed_by_the_command_newest_first(settings, tmp_path):
    kept = tmp_path / "reports" / "corrections.sqlite"
    async with site(settings, corrections_db=kept) as client:
        first = await client.post("/corrections", json=REPORT)
        assert first.status_code == 201, first.text
        assert first.headers["cache-control"] == "no-store"
        assert first.headers["x-frame-options"] == "DENY"
        assert first.json()["message"].endswith("Nothing you sent is published.")
        # A form, from this site's own page, naming the page by its full address.
        form = {"permalink": "http://test/events/kz-joins?x=1#top", "message": "Wrong day"}
        headers = {"origin": "http://test", "sec-fetch-site": "same-origin"}
        second = await client.post("/corrections", data=form, headers=headers)
        assert second.status_code == 201, second.text
        version = client.state.db.content_version
    assert kept.exists() and kept != settings.db

    result = listing(kept, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["permalink"] for row in rows] == ["/events/kz-joins?x=1#top", "/relations/MA/IL"]
    assert rows[1] == {
        "received": first.json()["received"],
        "permalink": REPORT["permalink"],
        "shown": REPORT["shown"],
        "message": REPORT["message"],
        "contact": REPORT["contact"],
        "recordVersion": version,
    }
    assert rows[0]["shown"] == "" and rows[0]["contact"] == ""

    table = list(csv.reader(io.StringIO(listing(kept, "--csv").stdout)))
    assert table[0] == [
        "Received",
        "Permalink",
        "The page showed",
        "Message",
        "Contact",
        "Record version",
    ]
    assert table[2][1:5] == [
        REPORT["permalink"],
        REPORT["shown"],
        REPORT["message"],
        "reader@example.org",
    ]

    text = listing(kept).stdout
    assert text.index("/events/kz-joins") < text.index("/relations/MA/IL")
    assert "  Message: The source says September 1992.\n    See the ministry's page." in text
    assert text.endswith(f"2 report(s) in {kept}\n")

    day = first.json()["received"][:10]
    assert len(json.loads(listing(kept, "--json", "--since", day).stdout)) == 2
    assert json.loads(listing(kept, "--json", "--since", "2999-01-01").stdout) == []
    bad = listing(kept, "--since", "yesterday")
    assert bad.returncode == 2
    assert bad.stderr == "corrections: --since 'yesterday' is not a day (expected YYYY-MM-DD)\n"
    empty = listing(tmp_path / "none.sqlite")
    assert empty.returncode == 0 and empty.stdout.startswith("No reports received")
    assert not (tmp_path / "none.sqlite").exists()  # reading never creates the file


async def test_reports_sit_beside_the_store_by_default_and_never_in_it(settings, tmp_path):
    assert settings.corrections_path == settings.db.parent / "corrections.sqlite"
    with pytest.raises(SettingsError, match="names the record's store"):
        Settings.from_env(
            {"ACCORDLINE_DB": "/tmp/a.sqlite", "ACCORDLINE_CORRECTIONS_DB": "/tmp/a.sqlite"}
        )
    chosen = Settings.from_env(
        {"ACCORDLINE_CORRECTIONS": "off", "ACCORDLINE_CORRECTIONS_DB": "/srv/r.sqlite"}
    )
    assert (chosen.corrections, str(chosen.corrections_path)) == (False, "/srv/r.sqlite")


async def test_the_file_is_append_only(tmp_path):
    file = CorrectionFile(tmp_path / "c.sqlite", max_bytes=1_000_000)
    file.add(
        Correction.now(permalink="/about", shown="", message="m", contact="", record_version="v")
    )
    with sqlite3.connect(tmp_path / "c.sqlite") as connection:
        for statement in ("UPDATE correction SET message = 'x'", "DELETE FROM correction"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
    assert [c.message for c in file.list()] == ["m"]


async def test_a_client_sends_a_few_reports_per_window(settings, tmp_path):
    kept = tmp_path / "c.sqlite"
    async with site(settings, corrections_db=kept, corrections_per_client=2) as client:
        for _ in range(2):
            assert (await client.post("/corrections", json=REPORT)).status_code == 201
        refused = await client.post("/corrections", json=REPORT)
        assert_refused(
            refused,
            429,
            "RATE_LIMITED",
            "this client has already sent 2 report(s) in the last 600 s",
        )
        assert 1 <= int(refused.headers["retry-after"]) <= 600
        # Another client is not held back by this one.
        other = httpx.ASGITransport(app=client.asgi, client=("192.0.2.2", 4000))
        async with httpx.AsyncClient(transport=other, base_url="http://test") as second:
            assert (await second.post("/corrections", json=REPORT)).status_code == 201
    assert len(CorrectionFile(kept, 0).list()) == 3


async def test_the_file_is_bounded(settings, tmp_path):
    kept = tmp_path / "c.sqlite"
    bound = 24_576  # six pages: the schema and a few reports of 2,000 characters
    big = {**REPORT, "message": "x" * 2000, "shown": "y" * 2000}
    statuses = []
    async with site(settings, corrections_db=kept, corrections_max_bytes=bound) as client:
        for _ in range(12):
            statuses.append((await client.post("/corrections", json=big)).status_code)
            if statuses[-1] != 201:
                break
        full = await client.post("/corrections", json=REPORT)
    assert statuses[0] == 201 and statuses[-1] == 507, statuses
    assert_refused(full, 507, "CORRECTIONS_FULL", "the corrections store is full")
    assert kept.stat().st_size <= bound
    assert len(CorrectionFile(kept, 0).list()) == statuses.count(201)


async def test_turned_off_the_site_takes_no_report_and_says_so(settings, tmp_path):
    kept = tmp_path / "c.sqlite"
    async with site(settings, corrections=False, corrections_db=kept) as client:
        refused = await client.post("/corrections", json=REPORT)
        about = await client.get("/corrections")
    assert_refused(
        refused, 404, "CORRECTIONS_OFF", "its operator has turned the corrections form off"
    )
    assert about.json() == {"enabled": False, "message": refused.json()["errors"][0]["message"]}
    assert not kept.exists()


@pytest.mark.parametrize(
    ("permalink", "words"),
    [
        ("/nowhere/at/all", "is not a page of this site"),
        ("https://elsewhere.example/relations/MA/IL", "is not an address on this site"),
        ("//elsewhere.example/relations/MA/IL", "is not an address on this site"),
        ("javascript:alert(1)", "is not an address on this site"),
        ("relations/MA/IL", "is not a page of this site"),
        ("", "the field 'permalink' is required"),
        ("/" + "a" * 1000, "over its limit of 1000"),
    ],
)
async def test_a_permalink_must_be_a_page_of_this_site(settings, tmp_path, permalink, words):
    kept = tmp_path / "c.sqlite"
    async with site(settings, corrections_db=kept) as client:
        response = await client.post("/corrections", json={**REPORT, "permalink": permalink})
    assert_refused(response, 400, "BAD_USER_INPUT", words)
    assert CorrectionFile(kept, 0).list() == []


@pytest.mark.parametrize(
    ("body", "headers", "status", "code", "words"),
    [
        ({**REPORT, "message": "  "}, {}, 400, "BAD_USER_INPUT", "'message' is required"),
        ({**REPORT, "message": "a\x00b"}, {}, 400, "BAD_USER_INPUT", "(U+0000 at position 2)"),
        ({**REPORT, "contact": "x\ufffe"}, {}, 400, "BAD_USER_INPUT", "U+FFFE"),
        ({**REPORT, "message": 12}, {}, 400, "BAD_USER_INPUT", "must be text, not int"),
        ({**REPORT, "message": "m" * 2001}, {}, 400, "BAD_USER_INPUT", "has 2001 characters"),
        ({**REPORT, "contact": "c" * 201}, {}, 400, "BAD_USER_INPUT", "over its limit of 200"),
        ({**REPORT, "url": "x"}, {}, 400, "BAD_USER_INPUT", "unknown field 'url'"),
        ("[1]", {"content-type": "application/json"}, 400, "BAD_USER_INPUT", "one JSON object"),
        ("{", {"content-type": "application/json"}, 400, "BAD_USER_INPUT", "not valid JSON"),
        ("x", {"content-type": "text/plain"}, 415, "UNSUPPORTED_MEDIA_TYPE", "not text/plain"),
        (
            "m=" + "x" * 30_000,
            {"content-type": "application/x-www-form-urlencoded"},
            413,
            "PAYLOAD_TOO_LARGE",
            "larger than 24576 bytes",
        ),
        (
            REPORT,
            {"origin": "https://elsewhere.example"},
            403,
            "FORBIDDEN_ORIGIN",
            "from https://elsewhere.example",
        ),
        (REPORT, {"origin": "null"}, 403, "FORBIDDEN_ORIGIN", "this site's own pages"),
        (
            REPORT,
            {"sec-fetch-site": "cross-site"},
            403,
            "FORBIDDEN_ORIGIN",
            "this site's own pages",
        ),
        (REPORT, {"sec-fetch-site": "same-site"}, 403, "FORBIDDEN_ORIGIN", "this site's own pages"),
    ],
)
async def test_what_is_not_a_plain_report_from_this_site_is_refused(
    settings, tmp_path, body, headers, status, code, words
):
    kept = tmp_path / "c.sqlite"
    async with site(settings, corrections_db=kept) as client:
        if isinstance(body, dict):
            response = await client.post("/corrections", json=body, headers=headers)
        else:
            response = await client.post("/corrections", content=body, headers=headers)
        put = await client.put("/corrections", json=REPORT)
    assert_refused(response, status, code, words)
    assert CorrectionFile(kept, 0).list() == []
    assert_refused(put, 405, "METHOD_NOT_ALLOWED", "PUT is not supported at this address")
    assert put.headers["allow"] == "GET, HEAD, POST"


async def test_the_pages_learn_whether_reports_are_taken(settings, tmp_path):
    async with site(settings, corrections_db=tmp_path / "c.sqlite") as client:
        answer = await client.get("/corrections")
    assert answer.status_code == 200
    assert answer.json() == {
        "enabled": True,
        "limits": {"permalink": 1000, "shown": 2000, "message": 2000, "contact": 200},
    }
    assert answer.headers["x-content-type-options"] == "nosniff"


async def test_a_spreadsheet_does_not_run_a_readers_text(tmp_path):
    file = CorrectionFile(tmp_path / "c.sqlite", max_bytes=1_000_000)
    formula = '=HYPERLINK("https://elsewhere.example","x")'
    file.add(
        Correction.now(
            permalink="/about", shown="", message=formula, contact="@me", record_version="v"
        )
    )
    rows = list(csv.reader(io.StringIO(listing(tmp_path / "c.sqlite", "--csv").stdout)))
    assert rows[1][3:5] == ["'" + formula, "'@me"]
