"""/export/…: each list page's rows as CSV, JSON, TimelineJS JSON and iCalendar, taking
the page's own query parameters (refused parameters and the kept files:
test_export_requests.py)."""

from __future__ import annotations

import csv
import html
import io
from datetime import date, datetime, timedelta

import icalendar
import pytest

from server.files.exports.lists import EXPORT_QUERIES, ordered_members

from .helpers import walk
from .timelinejs_format import assert_valid, problems

# The tests share the run's apps (own_apps where one needs an empty file cache).
pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]

COUNT = "query Count($filter: EventFilter) { events(first: 1, filter: $filter) { totalCount } }"
RECORD = "{ record { contentVersion updated readThrough builtAt } }"
BY_EVENT = "saudi-israel-normalization-talks-paused"  # "by 13 Oct 2023"
YEAR_EVENT = "il-tr-relations-established-1950"  # known to the year: 1950
MONTH_EVENT = "il-tr-recognized-1949-03"  # known to the month: March 1949


def unprinted(value):
    """A JSON export's nodes without the ``printed`` it adds to each date: the API's answer
    (the printed dates themselves: test_exports_spreadsheets.py)."""
    if isinstance(value, list):
        return [unprinted(item) for item in value]
    if isinstance(value, dict):
        return {key: unprinted(item) for key, item in value.items() if key != "printed"}
    return value


def _csv(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.text, newline="")))


@pytest.mark.parametrize(
    ("query", "event_filter"),
    [
        ("countries=KZ&from=2020", {"countries": ["KZ"], "from": "2020"}),
        ("countries=Kazakhstan&from=2020", {"countries": ["KZ"], "from": "2020"}),
        ("agreement=abraham-accords", {"agreement": "abraham-accords"}),
        (
            "kind=relations_severed&kind=RELATIONS_SUSPENDED",
            {"kinds": ["RELATIONS_SEVERED", "RELATIONS_SUSPENDED"]},
        ),
        ("countries=kaz,Israel&order=desc", {"countries": ["KZ", "IL"]}),
        ("q=embassy&to=2000", {"search": "embassy", "to": "2000"}),
        ("", {}),
    ],
)
async def test_timeline_csv_has_a_row_per_event_the_api_counts(api, query, event_filter):
    rows = _csv(await api.client.get(f"/export/timeline.csv?{query}"))
    expected = (await api.data(COUNT, filter=event_filter))["events"]["totalCount"]
    assert expected > 0
    assert len(rows) == expected


async def test_timeline_csv_rows_carry_record_dates_precision_sources_and_permalinks(api):
    record = (await api.data(RECORD))["record"]
    rows = {row["slug"]: row for row in _csv(await api.client.get("/export/timeline.csv"))}
    assert {row["record_version"] for row in rows.values()} == {record["contentVersion"]}
    assert {row["record_updated"] for row in rows.values()} == {record["updated"]}
    by = rows[BY_EVENT]
    assert (by["date"], by["precision"], by["qualifier"]) == ("2023-10-13", "DAY", "BY")
    year = rows[YEAR_EVENT]
    assert (year["date"], year["precision"], year["qualifier"]) == ("1950", "YEAR", "")
    assert rows[MONTH_EVENT]["precision"] == "MONTH"
    kz = rows["kazakhstan-announces-accords-accession"]
    assert kz["permalink"] == "http://test/events/kazakhstan-announces-accords-accession"
    assert "Kazakhstan" in kz["countries"].split(" ; ")
    assert kz["sources"] and all(url.startswith("http") for url in kz["sources"].split(" ; "))
    assert len(kz["sources"].split(" ; ")) == len(kz["source_titles"].split(" ; "))
    assert all(row["sources"] for row in rows.values())  # every fact on record is sourced


async def test_timeline_json_is_the_apis_answer(api):
    body = (await api.client.get("/export/timeline.json?countries=KZ&order=desc")).json()
    variables = {"filter": {"countries": ["KZ"]}, "order": "DESC"}
    expected = await walk(api, EXPORT_QUERIES["timeline"].query, ("events",), **variables)
    assert unprinted(body["events"]) == expected
    assert body["count"] == len(expected) > 5
    assert body["filter"] == variables
    assert body["record"] == (await api.data(RECORD))["record"]


async def test_a_country_resolves_by_code_name_or_accents_alike(api):
    by_code = await api.client.get("/export/timeline.csv?countries=TR")
    for spelling in ("TUR", "tr", "Türkiye", "turkiye", " TURKIYE "):
        other = await api.client.get("/export/timeline.csv", params={"countries": spelling})
        assert other.text == by_code.text, spelling
        assert other.headers["etag"] == by_code.headers["etag"]  # the same parsed filter


async def test_timelinejs_validates_and_keeps_each_date_as_known(api):
    response = await api.client.get("/export/timeline.timelinejs.json")
    assert response.status_code == 200
    document = response.json()
    assert_valid(document)
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert len(slides) == (await api.data(COUNT))["events"]["totalCount"]
    assert slides[YEAR_EVENT]["start_date"] == {"year": 1950}
    assert slides[MONTH_EVENT]["start_date"] == {"year": 1949, "month": 3}
    assert slides[BY_EVENT]["start_date"] == {
        "year": 2023,
        "month": 10,
        "day": 13,
        "display_date": "by 13 Oct 2023",
    }
    version = (await api.data(RECORD))["record"]["contentVersion"]
    assert version in document["title"]["text"]["text"]


async def test_timelinejs_escapes_the_records_text_and_links_its_sources(api):
    event = (
        await api.data(
            '{ event(slug: "kazakhstan-mfa-confirms-accession") { title sources { url } } }'
        )
    )["event"]
    assert "'" in event["title"]  # "Kazakhstan's foreign ministry …"
    document = (await api.client.get("/export/timeline.timelinejs.json?countries=KZ")).json()
    [slide] = [
        s for s in document["events"] if s["unique_id"] == "kazakhstan-mfa-confirms-accession"
    ]
    assert slide["text"]["headline"] == html.escape(event["title"])
    for source in event["sources"]:
        assert f'<a href="{html.escape(source["url"])}">' in slide["text"]["text"]


@pytest.mark.parametrize(
    ("document", "wrong"),
    [
        ({"events": [{"start_date": {"month": 3}}]}, '"year" is a required property'),
        ({"events": [{"start_date": {"year": "nineteen fifty"}}]}, "year"),
        ({"events": [{"start_date": {"year": 1950, "day": 3}}]}, '"month" is a required property'),
        ({"events": [{"start_date": {"year": 1950, "month": 13}}]}, "month"),
        ({"events": [{"text": {"headline": "no date"}}]}, '"start_date" is a required property'),
        ({"events": [{"startdate": {"year": 1950}, "start_date": {"year": 1950}}]}, "startdate"),
        ({"slides": []}, '"events" is a required property'),
        (
            {"events": [{"start_date": {"year": 1}, "unique_id": "a"}] * 2},
            "'a' is used twice",
        ),
    ],
)
def test_the_timelinejs_validator_refuses_what_the_format_does_not_allow(document, wrong):
    found = problems(document)
    assert found and any(wrong in problem for problem in found), found


def test_the_timelinejs_validator_accepts_the_formats_own_shapes():
    document = {
        "title": {"text": {"headline": "A title slide needs no date"}},
        "events": [
            {"start_date": {"year": "2012"}, "text": {"headline": "A numeric string year"}},
            {"start_date": {"year": -500, "month": 1, "day": 31, "display_date": "c. 500 BCE"}},
        ],
        "scale": "human",
    }
    assert problems(document) == []


async def test_icalendar_parses_back_with_one_event_per_row_and_the_documented_precision(api):
    record = (await api.data(RECORD))["record"]
    response = await api.client.get("/export/timeline.ics")
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-ACCORDLINE-VERSION"]) == record["contentVersion"]
    assert str(calendar["X-ACCORDLINE-UPDATED"]) == record["updated"]
    assert str(calendar["X-WR-CALNAME"]) == "accordline timeline"
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == (await api.data(COUNT))["events"]["totalCount"]
    built = datetime.fromisoformat(record["builtAt"].replace("Z", "+00:00"))
    assert {e.decoded("DTSTAMP") for e in events.values()} == {built}

    day = events["kazakhstan-announces-accords-accession@accordline"]
    assert day.decoded("DTSTART") == date(2025, 11, 6)  # a date: an all-day event
    assert not isinstance(day.decoded("DTSTART"), datetime)
    assert day.decoded("DTEND") == date(2025, 11, 6) + timedelta(days=1)
    assert str(day["SUMMARY"]) == "Kazakhstan announces it will join the Abraham Accords"
    assert str(day["URL"]) == "http://test/events/kazakhstan-announces-accords-accession"
    assert "Sources:" in str(day["DESCRIPTION"])

    year = events[f"{YEAR_EVENT}@accordline"]
    assert (year.decoded("DTSTART"), year.decoded("DTEND")) == (date(1950, 1, 1), date(1951, 1, 1))
    assert str(year["SUMMARY"]).endswith("(1950)")
    assert str(year["DESCRIPTION"]).startswith("Date known to the year: 1950.")
    assert str(year["TRANSP"]) == "TRANSPARENT"

    month = events[f"{MONTH_EVENT}@accordline"]
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (
        date(1949, 3, 1),
        date(1949, 4, 1),
    )
    assert str(month["SUMMARY"]).endswith("(Mar 1949)")

    by = events[f"{BY_EVENT}@accordline"]
    assert by.decoded("DTSTART") == date(2023, 10, 13)
    assert str(by["SUMMARY"]).endswith("(by 13 Oct 2023)")
    assert str(by["DESCRIPTION"]).startswith("Known only to have happened by 13 Oct 2023.")

    again = await api.client.get("/export/timeline.ics")
    assert again.content == response.content  # reproducible: no "now" in the file


async def test_members_as_of_a_day(api):
    rows = _csv(
        await api.client.get("/export/members.csv?agreement=abraham-accords&asOf=2020-12-31")
    )
    assert {(r["country_code"], r["role"], r["status"]) for r in rows} == {
        ("BH", "PARTY", "SIGNED"),
        ("IL", "PARTY", "SIGNED"),
        ("MA", "PARTY", "SIGNED"),
        ("SD", "PARTY", "ANNOUNCED"),
        ("AE", "PARTY", "SIGNED"),
        ("US", "BROKER", "SIGNED"),
    }
    assert {(r["agreement"], r["as_of"]) for r in rows} == {("abraham-accords", "2020-12-31")}
    assert all(r["date"] and r["precision"] and r["sources"] for r in rows)
    now = _csv(await api.client.get("/export/members.csv?agreement=abraham-accords"))
    assert "KZ" in {r["country_code"] for r in now} and len(now) > len(rows)

    body = (
        await api.client.get("/export/members.json?agreement=abraham-accords&asOf=2020-12-31")
    ).json()
    expected = await walk(
        api,
        EXPORT_QUERIES["members"].query,
        ("agreement", "participants"),
        slug="abraham-accords",
        asOf="2020-12-31",
    )
    # The page's order (joining order: server/files/exports/lists.py ordered_members).
    assert unprinted(body["members"]) == ordered_members(expected)
    assert body["agreement"] == {"slug": "abraham-accords", "name": "Abraham Accords"}


async def test_a_groups_relations_with_a_country_on_a_day(api):
    query = "country=IL&group=OIC&asOf=2010-01-01"
    rows = _csv(await api.client.get(f"/export/relations.csv?{query}"))
    relation_filter = {"country": "IL", "group": "OIC", "asOf": "2010-01-01"}
    expected = await walk(
        api, EXPORT_QUERIES["relations"].query, ("relations",), filter=relation_filter
    )
    assert len(rows) == len(expected) > 50  # every OIC member on that day
    assert [r["state"] for r in rows] == [node["state"] for node in expected]
    assert {"FULL", "NONE_EVER", "UNKNOWN", "SEVERED"} <= {r["state"] for r in rows}
    assert {r["country_code"] for r in rows} == {"IL"}
    assert {r["as_of"] for r in rows} == {"2010-01-01"}
    unknown = [r for r in rows if r["state"] == "UNKNOWN"]
    assert all(r["sources"] == "" and r["date"] == "" for r in unknown)  # nothing on record
    known = [r for r in rows if r["state"] not in ("UNKNOWN",)]
    assert all(r["sources"] for r in known)
    # Each relation's one address: the other country first, Israel second.
    assert rows[0]["permalink"].startswith("http://test/relations/")
    assert rows[0]["permalink"].endswith("/IL")

    body = (await api.client.get(f"/export/relations.json?{query}")).json()
    assert unprinted(body["relations"]) == expected and body["count"] == len(expected)

    states = _csv(await api.client.get(f"/export/relations.csv?{query}&states=FULL,SEVERED"))
    assert {r["state"] for r in states} == {"FULL", "SEVERED"}
    assert len(states) == sum(node["state"] in ("FULL", "SEVERED") for node in expected)


async def test_files_are_attachments_named_by_the_record_version_and_revalidate(api):
    version = (await api.data(RECORD))["record"]["contentVersion"]
    for name, media_type in [
        ("timeline.csv", "text/csv; charset=utf-8"),
        ("timeline.json", "application/json"),
        ("timeline.timelinejs.json", "application/json"),
        ("timeline.ics", "text/calendar; charset=utf-8"),
    ]:
        response = await api.client.get(f"/export/{name}?countries=KZ")
        assert response.headers["content-type"] == media_type
        stem, _, ext = name.partition(".")
        assert response.headers["content-disposition"] == (
            f'attachment; filename="accordline-{stem}-KZ-{version}.{ext}"'
        )
        etag = response.headers["etag"]
        assert response.headers["cache-control"].startswith("public")
        again = await api.client.get(
            f"/export/{name}?countries=KZ", headers={"if-none-match": etag}
        )
        assert again.status_code == 304 and again.content == b""
        other = await api.client.get(f"/export/{name}?countries=IL")
        assert other.headers["etag"] != etag  # another filter, another file
    head = await api.client.head("/export/timeline.csv?countries=KZ")
    assert head.status_code == 200 and head.content == b""


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("timeline.csv?countries=Kazakhstan&from=2020", "timeline-KZ-from-2020"),
        (
            "timeline.ics?kind=relations_severed&q=Gaza%20%2F%20war",
            "timeline-RELATIONS-SEVERED-search-Gaza-war",
        ),
        (
            "members.csv?agreement=abraham-accords&asOf=2020-12-31",
            "members-abraham-accords-2020-12-31",
        ),
        ("relations.json?country=il&group=OIC&asOf=2010-01-01", "relations-IL-OIC-2010-01-01"),
    ],
)
async def test_a_files_name_says_what_it_holds(api, query, name):
    """Two files saved from one record version are told apart by what they hold."""
    version = (await api.data(RECORD))["record"]["contentVersion"]
    response = await api.client.get(f"/export/{query}")
    ext = query.split("?")[0].partition(".")[2]
    assert response.headers["content-disposition"] == (
        f'attachment; filename="accordline-{name}-{version}.{ext}"'
    )
