"""Reading seed files: TOML documents, and one record's fields with a problem for each
bad one (naming the file, the record and the field), collected in a shared list."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

from server.model.attribution import Acknowledgement, consistent, outsiders
from server.model.dates import PRECISIONS, InvalidDate, PartialDate
from server.model.words import values
from server.store.seed.records import NOT_ATTRIBUTED, Attribution, Freshness


class Record:
    """One table of a seed file, read field by field; problems go to a shared list."""

    def __init__(self, problems: list[str], where: str, table: object):
        self.problems = problems
        self.where = where
        self.table = table if isinstance(table, dict) else {}
        self.seen: set[str] = set()
        if not isinstance(table, dict):
            self.fail(f"is not a table (got {type(table).__name__})")

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.where}: {message}")

    def get(self, name: str, required: bool):
        self.seen.add(name)
        if name not in self.table:
            if required:
                self.fail(f'field "{name}" is missing')
            return None
        return self.table[name]

    def text(self, name: str, *, required: bool = True, pattern: re.Pattern | None = None):
        value = self.get(name, required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f'field "{name}" must be a non-empty string (got {value!r})')
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.fail(f'field "{name}": "{value}" must be lowercase words joined by "-"')
            return None
        return value.strip()

    def choice(self, name: str, allowed: tuple[str, ...]):
        value = self.text(name)
        if value is not None and value not in allowed:
            self.fail(f'field "{name}": "{value}" is not one of {", ".join(allowed)}')
            return None
        return value

    def date(
        self,
        name: str,
        *,
        required: bool = True,
        bounds: bool = True,
        precision_required: bool = False,
    ):
        if precision_required and "precision" not in self.table:
            self.fail('field "precision" is missing (year, month or day: what the sources support)')
        value = self.text(name, required=required)
        if value is None:
            return None
        try:
            parsed = PartialDate.parse(value, bounds=bounds)
        except InvalidDate as error:
            self.fail(f"{name} {error}")
            return None
        # A writer may state the precision a source supports; the date may not claim more
        # (a month-precise fact written as a day is refused, not silently kept).
        if "precision" in self.table:
            precision = self.choice("precision", PRECISIONS)
            if precision and PRECISIONS.index(parsed.precision) > PRECISIONS.index(precision):
                self.fail(
                    f'{name} "{value}" is more precise than its stated precision "{precision}"'
                    " (an inflated precision: write only what the sources support)"
                )
        return parsed

    def freshness(self) -> Freshness | None:
        """``added`` and ``updated`` (days, YYYY-MM-DD) and the optional ``change`` note:
        added on or before updated, neither after today."""
        days = {}
        for name in ("added", "updated"):
            value = self.text(name)
            if value is None:
                continue
            try:
                days[name] = date.fromisoformat(value) if len(value) == 10 else None
            except ValueError:
                days[name] = None
            if days[name] is None:
                self.fail(f'field "{name}": "{value}" is not a day (YYYY-MM-DD)')
        change = self.text("change", required=False)
        added, updated = days.get("added"), days.get("updated")
        if added is None or updated is None:
            return None
        today = datetime.now(UTC).date()
        if updated > added and change is None:
            self.fail('field "change" is missing: say what changed on the update')
        if added > updated:
            self.fail(f"added {added} is after updated {updated}")
        elif updated > today:
            self.fail(f"updated {updated} is in the future (today is {today})")
        return Freshness(added, updated, change)

    def strings(self, name: str, *, required: bool = True, at_least: int = 0):
        value = self.get(name, required)
        if value is None:
            return () if not required else None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f'field "{name}" must be a list of strings (got {value!r})')
            return None
        if len(value) < at_least:
            self.fail(
                f'field "{name}" needs at least {at_least} entr{"y" if at_least == 1 else "ies"}'
            )
            return None
        if len(set(value)) != len(value):
            self.fail(f'field "{name}" lists the same value twice')
            return None
        return tuple(value)

    def attribution(self, parties: tuple[str, ...]) -> Attribution:
        """``stated_by``, ``acknowledged`` and ``attribution_note`` (all optional): a
        government outside ``parties`` needs the note, and the two must agree."""
        stated = self.strings("stated_by", required=False) or ()
        acknowledged = None
        if "acknowledged" in self.table:
            acknowledged = self.choice("acknowledged", values(Acknowledgement))
        note = self.text("attribution_note", required=False)
        if not stated and acknowledged is None and note is None:
            return NOT_ATTRIBUTED
        if acknowledged is not None:
            problem = consistent(stated, Acknowledgement(acknowledged))
            if problem:
                self.fail(f'field "acknowledged": {problem}')
        outside = outsiders(stated, parties) if parties else []
        if outside and note is None:
            self.fail(
                f'field "stated_by" names {", ".join(outside)}, outside the step\'s parties '
                f'({", ".join(parties)}): say why in "attribution_note"'
            )
        return Attribution(stated, acknowledged, note)

    def tables(self, name: str):
        value = self.get(name, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f'field "{name}" must be a list of tables')
            return []
        return value

    def check_unknown_fields(self) -> None:
        for name in sorted(set(self.table) - self.seen):
            self.fail(f'field "{name}" is not a known field (a typo?)')


def _load(path: Path, problems: list[str], why: str | None = None) -> dict | None:
    """One seed file as a TOML document, or None with a problem saying why it is not."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        problems.append(f"{path}: file is missing" + (f" ({why})" if why else ""))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(f"{path}: not valid TOML ({error})")
    return None


def read_toml(path: Path, key: str, problems: list[str]) -> list:
    return read_document(path, (key,), problems)[key]


def read_document(path: Path, keys: tuple[str, ...], problems: list[str]) -> dict[str, list]:
    """The arrays of tables ``[[key]]`` of one file, for each key (empty when absent)."""
    empty = {key: [] for key in keys}
    document = _load(path, problems)
    if document is None:
        return empty
    extra = sorted(set(document) - set(keys))
    if extra:
        expected = ", ".join(f"[[{key}]]" for key in keys)
        problems.append(f'{path}: unexpected top-level key "{extra[0]}" (expected {expected})')
    found = {}
    for key in keys:
        records = document.get(key, [])
        if not isinstance(records, list):
            problems.append(f"{path}: {key} must be written as [[{key}]] tables")
            records = []
        found[key] = records
    return found


def read_record(seed_dir: Path, problems: list[str]) -> date | None:
    """``read_through`` of seed/record.toml: the last day of news the record has read (a
    fact dated later cannot be on record, and the footer, the API and the exports say it)."""
    path = seed_dir / "record.toml"
    document = _load(path, problems, "it says how far the news was read")
    if document is None:
        return None
    record = Record(problems, str(path), document)
    text = record.text("read_through")
    record.text("how", required=False)
    record.check_unknown_fields()
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        record.fail(f'field "read_through": "{text}" is not a day (YYYY-MM-DD)')
        return None
    if day > datetime.now(UTC).date():
        record.fail(f'field "read_through": {day} is in the future')
    return day
