"""Typed, path-aware reading of a parsed TOML table, so a bad data file gets a precise message.

Every accessor knows the file and the key path it is reading, and raises `PolicyDataError` as
`file: a.b[2].c: problem`. `done()` turns any key nobody asked for into an error, so a misspelt
key in the data file is never silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import TypeVar

from triage_desktop.policy.errors import PolicyDataError

T = TypeVar("T")

_TYPE_NAMES = {str: "text", bool: "true or false", int: "a whole number", list: "a list"}


def describe(value: object) -> str:
    """A short, reader-friendly name for the type of a parsed value."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, int | float):
        return "a number"
    return "text"


class TableReader:
    """Reads one table of a data file; remembers which keys were consumed."""

    def __init__(self, data: dict[str, object], source: str, path: str = "") -> None:
        self._data = data
        self._source = source
        self._path = path
        self._seen: set[str] = set()

    def where(self, key: str | None = None) -> str:
        if key is None:
            return self._path or "(top level)"
        return f"{self._path}.{key}" if self._path else key

    def fail(self, key: str | None, problem: str) -> PolicyDataError:
        return PolicyDataError(f"{self._source}: {self.where(key)}: {problem}")

    def _get(self, key: str) -> object:
        self._seen.add(key)
        if key not in self._data:
            raise self.fail(key, "missing")
        return self._data[key]

    def _typed(self, key: str, kind: type[T]) -> T:
        value = self._get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            expected = _TYPE_NAMES.get(kind, kind.__name__)
            raise self.fail(key, f"expected {expected}, found {describe(value)}")
        return value

    def has(self, key: str) -> bool:
        """Whether an optional key is present (it counts as read either way)."""
        self._seen.add(key)
        return key in self._data

    def text(self, key: str, *, allow_empty: bool = False) -> str:
        value = self._typed(key, str).strip()
        if not value and not allow_empty:
            raise self.fail(key, "must not be empty")
        return value

    def flag(self, key: str) -> bool:
        return self._typed(key, bool)

    def number(self, key: str) -> int:
        return self._typed(key, int)

    def day(self, key: str) -> date:
        value = self._get(key)
        if isinstance(value, datetime) or not isinstance(value, date):
            raise self.fail(key, f"expected a date such as 2025-08-01, found {describe(value)}")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._typed(key, list)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{key}[{index}]", "expected non-empty text")
        return tuple(value.strip() for value in values)

    def table(self, key: str) -> TableReader:
        value = self._get(key)
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a table, found {describe(value)}")
        return TableReader(value, self._source, self.where(key))

    def tables(self, key: str, *, optional: bool = False) -> Iterator[TableReader]:
        """Each table of an array of tables (`[[key]]`), in file order."""
        if optional and key not in self._data:
            self._seen.add(key)
            return
        values = self._typed(key, list)
        if not values and not optional:
            raise self.fail(key, "must list at least one entry")
        for index, value in enumerate(values):
            if not isinstance(value, dict):
                raise self.fail(f"{key}[{index}]", f"expected a table, found {describe(value)}")
            yield TableReader(value, self._source, f"{self.where(key)}[{index}]")

    def all_keys(self) -> list[str]:
        """All keys of this table, marking them read (for tables keyed by id)."""
        self._seen.update(self._data)
        return list(self._data)

    def done(self) -> None:
        """Fail on any key that was present but never read: a typo or an unsupported setting."""
        unknown = sorted(set(self._data) - self._seen)
        if unknown:
            raise self.fail(unknown[0], "unknown key")


def unique_ids(reader: TableReader, key: str, ids: list[str]) -> None:
    """Ids in an array of tables must be unique: references to them must be unambiguous."""
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            raise reader.fail(f"{key}[{index}].id", f"duplicate id {ident!r}")
        seen.add(ident)
