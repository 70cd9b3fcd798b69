"""Files for spreadsheets: every list as .xlsx (read back with openpyxl), the CSV's
?excel=1 variant with a byte-order mark (read back with the csv module), and the printable
dates every tabular file carries, checked against the model's one rule (and the browser's
copy of it)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import subprocess

import openpyxl
import pytest

from server.files import exports
from server.files.exports.column_meanings import MEANINGS
from server.files.exports.rows import COLUMNS, header
from server.model.dates import PartialDate
from server.model.typed_dates import human_date
from server.settings import ROOT

from .test_exports import BY_EVENT, MONTH_EVENT, RECORD, YEAR_EVENT

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LISTS = {
    "timeline": (
        "countries=KZ,IL",
        "query($f: EventFilter) { events(first: 1, filter: $f) { totalCount } }",
        {"f": {"countries": ["KZ", "IL"]}},
        ("events",),
    ),
    "members": (
        "agreement=abraham-accords&asOf=2021-01-01",
        """query { agreement(slug: "abraham-accords") {
             participants(first: 1, asOf: "2021-01-01") { totalCount } } }""",
        {},
        ("agreement", "participants"),
    ),
    "candidates": (
        "agreement=abraham-accords",
        """query { agreement(slug: "abraham-accords") {
             participants(first: 1, role: CANDIDATE) { totalCount } } }""",
        {},
        ("agreement", "participants"),
    ),
    "relations": (
        "country=IL&group=OIC&asOf=2010-01-01",
        "query($f: RelationFilter) { relations(first: 1, filter: $f) { totalCount } }",
        {"f": {"country": "IL", "group": "OIC", "asOf": "2010-01-01"}},
        ("relations",),
    ),
}
DATE_COLUMNS = {  # each list's ISO date columns, with their precision and printed form
    "timeline": ("",),
    "members": ("", "since_"),
    "candidates": ("", "since_"),
    "relations": ("", "established_", "representation_since_"),
}


def printed_by_rule(iso: str, qualifier: str) -> str:
    """What the model's rule prints for a CSV row's date ("" for none)."""
    return human_date(f"by {iso}" if qualifier == "BY" else iso) if iso else ""


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def value(cell) -> str:
    """A cell as the CSV writes it: empty for none."""
    return "" if cell.value is None else str(cell.value)


@pytest.mark.parametrize("list_name", list(LISTS))
async def test_every_list_reads_back_from_xlsx_as_its_csv_with_text_dates_and_links(api, list_name):
    query, count_query, count_variables, path = LISTS[list_name]
    record = (await api.data(RECORD))["record"]
    response = await api.client.get(f"/export/{list_name}.xlsx?{query}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    disposition = response.headers["content-disposition"]
    assert disposition.endswith(f'-{record["contentVersion"]}.xlsx"'), disposition
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    [sheet_name, *_] = book.sheetnames
    assert book.sheetnames == [sheet_name, "Sources", "About"]
    sheet = book[sheet_name]

    # The header row is the CSV's, frozen; one row per item the API counts.
    rows = list(sheet.iter_rows())
    names = [cell.value for cell in rows[0]]
    assert names == header(list_name)
    assert sheet.freeze_panes == "A2"
    data = await api.data(count_query, **count_variables)
    for key in path:
        data = data[key]
    assert len(rows) - 1 == data["totalCount"] > 0

    # Cell for cell the CSV's rows (no formula-like text in the record to tell them apart).
    from_csv = read_csv((await api.client.get(f"/export/{list_name}.csv?{query}")).text)
    assert [[value(cell) for cell in row] for row in rows[1:]] == [
        [row[name] for name in names] for row in from_csv
    ]

    # Dates are text cells at their precision, never Excel dates, printed by the model's rule.
    column = {name: index for index, name in enumerate(names)}
    seen = 0
    for row in rows[1:]:
        for prefix in DATE_COLUMNS[list_name]:
            iso = row[column[f"{prefix}date"]]
            if iso.value is None:
                continue
            seen += 1
            assert iso.data_type == "s" and isinstance(iso.value, str), iso.value
            precision = row[column[f"{prefix}precision"]].value
            assert PartialDate.parse(iso.value).precision == precision.lower()
            qualifier = value(row[column[f"{prefix}qualifier"]])
            assert row[column[f"{prefix}date_printed"]].value == printed_by_rule(
                iso.value, qualifier
            )
    assert seen > 0

    # Permalinks are links to themselves.
    links = [row[column["permalink"]] for row in rows[1:]]
    assert all(cell.hyperlink.target == cell.value for cell in links)
    assert links[0].value.startswith("http://test/")

    # The Sources sheet: one line per source of each row, each with its link.
    sources = list(book["Sources"].iter_rows(values_only=True))
    assert list(sources[0])[:4] == ["row", "permalink", "title", "publisher"]
    per_row = [len(row["sources"].split(" ; ")) if row["sources"] else 0 for row in from_csv]
    assert len(sources) - 1 == sum(per_row) > 0
    url_cells = [row[9] for row in book["Sources"].iter_rows(min_row=2)]
    assert all(cell.hyperlink.target == cell.value.strip() for cell in url_cells)
    first = from_csv[sources[1][0] - 2]  # "row" numbers the row on the first sheet
    assert sources[1][1] == first["permalink"]
    assert sources[1][2] == first["source_titles"].split(" ; ")[0]

    # About: the record, the page, and every column with what it means.
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Record version"] == record["contentVersion"]
    assert about["News read through"].startswith(record["readThrough"])
    assert about["Record updated"] == f"{record['updated']} ({human_date(record['updated'])})"
    assert about["Rows"] == len(rows) - 1
    assert "never an Excel date" in about["Dates"]
    [page] = [row[1] for row in book["About"].iter_rows() if row[0].value == "Page"]
    assert page.value.startswith("http://test/") and page.hyperlink.target == page.value
    for name in names:
        assert about[name] == MEANINGS[list_name][name]


def test_every_column_of_every_list_is_described():
    for list_name, columns in COLUMNS.items():
        missing = [name for name, _ in columns if not MEANINGS[list_name].get(name)]
        assert missing == [], (list_name, missing)


async def test_the_printable_dates_and_source_dates_in_the_csv_follow_the_models_rule(api):
    rows = {
        row["slug"]: row for row in read_csv((await api.client.get("/export/timeline.csv")).text)
    }
    assert rows[BY_EVENT]["date_printed"] == "by 13 Oct 2023"
    assert rows[MONTH_EVENT]["date_printed"] == "Mar 1949"
    assert rows[YEAR_EVENT]["date_printed"] == "1950"
    assert rows["kazakhstan-announces-accords-accession"]["date_printed"] == "6 Nov 2025"
    dated_sources = 0
    for row in rows.values():
        assert row["date_printed"] == printed_by_rule(row["date"], row["qualifier"])
        urls = row["sources"].split(" ; ")
        published = row["source_published"].split(" ; ")
        shown = row["source_published_printed"].split(" ; ")
        assert len(published) == len(shown) == len(urls)  # one entry per source, in order
        for iso, text in zip(published, shown, strict=True):
            dated_sources += bool(iso)
            assert text == (human_date(iso) if iso else "")
    assert dated_sources > 50


async def test_the_json_carries_each_date_printed_beside_its_iso(api):
    body = (await api.client.get("/export/relations.json?country=IL&asOf=2021-01-01")).json()
    dates = []

    def collect(node):
        if isinstance(node, dict):
            if "iso" in node and "precision" in node:
                dates.append(node)
            for item in node.values():
                collect(item)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(body["relations"])
    assert len(dates) > 100
    for when in dates:
        assert list(when)[:2] == ["iso", "printed"]
        assert when["printed"] == printed_by_rule(when["iso"], when["qualifier"])


@pytest.mark.own_apps  # the file must be rendered from the poisoned read
async def test_formula_like_text_stays_text_in_the_xlsx(api, monkeypatch):
    real = exports.read_list

    async def poisoned(app, spec, variables):
        export = await real(app, spec, variables)
        node = {**export.nodes[0], "title": '=HYPERLINK("http://x")', "summary": "+972"}
        return dataclasses.replace(export, nodes=[node, *export.nodes[1:]])

    monkeypatch.setattr(exports, "read_list", poisoned)
    response = await api.client.get("/export/timeline.xlsx?countries=KZ")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Timeline"]
    names = [cell.value for cell in sheet[1]]
    title, summary = (sheet.cell(2, names.index(name) + 1) for name in ("title", "summary"))
    assert (title.data_type, title.value) == ("s", '=HYPERLINK("http://x")')
    assert (summary.data_type, summary.value) == ("s", "+972")


async def test_excel_1_gives_the_same_csv_after_a_byte_order_mark(api):
    version = (await api.data(RECORD))["record"]["contentVersion"]
    plain = await api.client.get("/export/timeline.csv?countries=KZ")
    excel = await api.client.get("/export/timeline.csv?countries=KZ&excel=1")
    assert excel.status_code == 200 and excel.headers["content-type"] == "text/csv; charset=utf-8"
    assert not plain.content.startswith(b"\xef\xbb\xbf")
    assert excel.content == b"\xef\xbb\xbf" + plain.content
    assert read_csv(excel.content.decode("utf-8-sig")) == read_csv(plain.content.decode("utf-8"))
    assert read_csv(excel.content.decode("utf-8-sig"))[0]["record_version"] == version
    assert excel.headers["content-disposition"] == (
        f'attachment; filename="accordline-timeline-KZ-{version}.excel.csv"'
    )
    etag = excel.headers["etag"]
    assert etag != plain.headers["etag"]
    again = await api.client.get(
        "/export/timeline.csv?excel=1&countries=KZ", headers={"if-none-match": etag}
    )
    assert again.status_code == 304 and again.content == b""
    stale = await api.client.get(
        "/export/timeline.csv?excel=1&countries=KZ",
        headers={"if-none-match": plain.headers["etag"]},
    )
    assert stale.status_code == 200 and stale.content == excel.content
    head = await api.client.head("/export/timeline.csv?countries=KZ&excel=1")
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
    off = await api.client.get("/export/timeline.csv?countries=KZ&excel=0")
    assert off.content == plain.content and off.headers["etag"] == plain.headers["etag"]


async def test_the_xlsx_revalidates_and_answers_head(api):
    response = await api.client.get("/export/members.xlsx?agreement=abraham-accords")
    etag = response.headers["etag"]
    again = await api.client.get(
        "/export/members.xlsx?agreement=abraham-accords", headers={"if-none-match": etag}
    )
    assert again.status_code == 304 and again.content == b""
    csv_etag = (await api.client.get("/export/members.csv?agreement=abraham-accords")).headers
    assert csv_etag["etag"] != etag
    head = await api.client.head("/export/members.xlsx?agreement=abraham-accords")
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/export/timeline.csv?excel=maybe", '"maybe" is not a choice'),
        ("/export/timeline.csv?excel=1&excel=0", "Given 2 times"),
        ("/export/timeline.json?excel=1", "only a .csv takes it"),
        ("/export/relations.xlsx?country=IL&excel=1", "only a .csv takes it"),
    ],
)
async def test_a_bad_excel_value_is_refused_naming_it(api, url, words):
    response = await api.client.get(url)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "parameter": "excel"}
    assert '"excel"' in error["message"] and words in error["message"], error["message"]


SAMPLES = ["1992-04-10", "1992-08", "2021", "by 2021-09-14", "by 2023-10", "by 1950", "2025-11-06"]


def test_the_browser_prints_a_date_as_the_model_does():
    """web/format.js's formatDate is the browser's copy of the model's rule: they agree."""
    node = shutil.which("node")
    assert node is not None, "node is not installed"
    dates = []
    for text in SAMPLES:
        when = PartialDate.parse(text)
        dates.append(
            {
                "iso": when.iso,
                "precision": when.precision.upper(),
                "year": when.year,
                "month": when.month,
                "day": when.day,
                "qualifier": when.qualifier.upper(),
            }
        )
    module = (ROOT / "web" / "format.js").as_uri()
    script = (
        f'import {{ formatDate }} from "{module}";\n'
        f"console.log(JSON.stringify({json.dumps(dates)}.map(formatDate)));"
    )
    done = subprocess.run(
        [
            node,
            "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON",
            "--input-type=module",
            "-e",
            script,
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    browser = json.loads(done.stdout)
    assert browser == [human_date(text) for text in SAMPLES]
    assert browser[:4] == ["10 Apr 1992", "Aug 1992", "2021", "by 14 Sep 2021"]


async def test_the_documented_sample_rows_are_the_csvs(api):
    """docs/exports-and-embeds.md shows what a row looks like: it is what the CSV writes."""
    text = (ROOT / "docs" / "exports-and-embeds.md").read_text("utf-8")
    sample = text.split("(some columns only):\n\n```\n", 1)[1].split("```", 1)[0]
    [names, *documented] = list(csv.reader(io.StringIO(sample)))
    assert len(documented) == 3 and "date_printed" in names
    rows = read_csv((await api.client.get("/export/timeline.csv")).text)
    by_title = {row["title"]: row for row in rows}
    for line in documented:
        row = by_title[line[names.index("title")]]
        assert [cell.strip() for cell in line] == [row[name].strip() for name in names]


@pytest.mark.own_apps  # clears the kept files
async def test_a_workbook_is_the_same_bytes_when_written_again(api):
    url = "/export/members.xlsx?agreement=abraham-accords"
    first = await api.client.get(url)
    [endpoint] = [r.app for r in api.app.routes if getattr(r, "path", "") == "/export/{name}"]
    endpoint._rendered.clear()
    again = await api.client.get(url)
    assert endpoint.renders == 2  # written twice, not served from the kept file
    assert again.content == first.content
    built = (await api.data(RECORD))["record"]["builtAt"][:19]
    created = openpyxl.load_workbook(io.BytesIO(first.content)).properties.created
    assert created.isoformat() == built
