"""The import contract, version 1: a Support and Report export (CSV or JSON Lines) to cases.

Pure: bytes in; validated reports, or every problem, out. Each problem names the row, the field
and what was expected. Nothing here touches the disk or the vault: the caller reads the file once
into memory (at most MAX_FILE_BYTES) and hands over the bytes, so no copy is ever written.
pydantic checks each row's fields; the rules across fields (contact details only when not
anonymous, closed_at with status closed, one row per source id, codes through the mapping)
follow in plain Python. The contract is documented in docs/import.md: change both together, and
bump SCHEMA_VERSION for anything a producer would have to change.

pydantic is imported on first use, so the first window does not pay for it.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from triage_desktop.cases.model import (
    CATALOGUE_ID_MAX,
    MAX_LIST_ITEMS,
    CaseDetails,
    CaseStatus,
    Location,
    LocationKind,
    Reporter,
    ReporterStatus,
    ReportSource,
)
from triage_desktop.cases.origin import (
    CONNECTION_STATUS,
    SOURCE_ID_MAX,
    ImportedReport,
    OnBehalfOf,
    ReporterConnection,
    ReportOrigin,
    ReportRoute,
    check_version_text,
    is_full_date,
    partial_date_start,
)
from triage_desktop.cases.text import (
    LONG_TEXT_MAX,
    NAME_MAX,
    SHORT_TEXT_MAX,
    InvalidFieldError,
    strip_controls,
)

SCHEMA_VERSION = "1"
SUPPORTED_SCHEMA_VERSIONS = ("1",)
# A documented cap rather than streaming: the whole file is checked before anything is imported
# and the import is one transaction, so it is held in memory once. 10,000 reports of ~2 KB make
# ~20 MB; a bigger export is split by date (docs/import.md).
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_REPORTS = 20_000
# Clocks differ: a report stamped a few minutes ahead of this computer is not "in the future".
FUTURE_TOLERANCE = timedelta(minutes=15)
LIST_SEPARATOR = ";"
NO_MAPPING_VERSION = "none"
MAX_SHOWN_VALUE = 60

COLUMNS = (
    "schema_version",
    "source_report_id",
    "submitted_at",
    "route",
    "on_behalf_of",
    "reporter_connection",
    "incident_types",
    "incident_dates",
    "locations",
    "department",
    "description",
    "preferred_service",
    "excluded_people",
    "contact_name",
    "contact_email",
    "contact_phone",
    "status",
    "closed_at",
)
REQUIRED_COLUMNS = ("schema_version", "source_report_id", "submitted_at", "route")
CONTACT_COLUMNS = ("contact_name", "contact_email", "contact_phone")
LIST_COLUMNS = ("incident_types", "incident_dates", "excluded_people")
# Free text about people: a problem never repeats these values (stderr may be captured in a log).
PERSONAL_COLUMNS = frozenset({"locations", "description", "excluded_people", *CONTACT_COLUMNS})
MAPPED_COLUMNS = ("incident_types", "department", "preferred_service")
MAPPING_TABLES = {
    "incident_types": "incident_types",
    "department": "departments",
    "preferred_service": "preferred_services",
}
CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


# -- problems -------------------------------------------------------------------------------


def shown(value: object) -> str:
    """A value as a problem may quote it: short, control characters made visible."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > MAX_SHOWN_VALUE:
        text = text[:MAX_SHOWN_VALUE] + "…"
    return text


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the file: where (row and field), what was expected, what was found.

    Rows count as a spreadsheet does for CSV (the header is row 1) and by line for JSON Lines.
    `found` is None for personal free text, which is never repeated back."""

    field: str
    expected: str
    row: int | None = None
    found: str | None = None

    def __str__(self) -> str:
        where = self.field if self.row is None else f"row {self.row}, {self.field}"
        found = "" if self.found is None else f"; found {self.found!r}"
        return f"{where}: expected {self.expected}{found}"


class ReportFileError(ValueError):
    """The file (or the mapping) does not meet the contract: nothing may be imported."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.row or 0, _column_order(p))))
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else "no problems"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")


def _column_order(problem: ImportProblem) -> int:
    return COLUMNS.index(problem.field) if problem.field in COLUMNS else -1


def _fatal(field_name: str, expected: str, found: str | None = None) -> ReportFileError:
    return ReportFileError([ImportProblem(field_name, expected, None, found)])


# -- the mapping file -------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportMapping:
    """The institution's own option labels to the policy catalogue's codes (TOML, versioned).

    A table that is absent means the column must already hold codes: catalogue ids for incident
    types and preferred services, the department code itself for departments."""

    version: str = NO_MAPPING_VERSION
    incident_types: Mapping[str, tuple[str, ...]] | None = None
    departments: Mapping[str, str] | None = None
    preferred_services: Mapping[str, str] | None = None


NO_MAPPING = ImportMapping()


def parse_mapping(text: str, file_name: str = "mapping") -> ImportMapping:
    """Read a mapping file's text; every problem names the file, the table and the label."""
    from triage_desktop.policy.catalogue import load_policy

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _fatal(file_name, f"a TOML file ({error})") from None
    problems: list[ImportProblem] = []
    known = set(raw) - {"mapping", *MAPPING_TABLES.values()}
    for name in sorted(known):
        allowed = ", ".join(["mapping", *MAPPING_TABLES.values()])
        problems.append(ImportProblem(f"{file_name}: [{name}]", f"only the tables {allowed}"))
    head = raw.get("mapping")
    version = ""
    if not isinstance(head, dict) or not isinstance(head.get("version"), str):
        problems.append(
            ImportProblem(f"{file_name}: [mapping] version", 'a version label, e.g. "2026.1"')
        )
    else:
        version = head["version"]
        try:
            check_version_text("version", version)
        except InvalidFieldError as error:
            problems.append(
                ImportProblem(
                    f"{file_name}: [mapping] version",
                    error.message.removeprefix("must be "),
                    found=version,
                )
            )
        for key in sorted(set(head) - {"version", "schema_version"}):
            problems.append(
                ImportProblem(f"{file_name}: [mapping] {key}", "only version and schema_version")
            )
        schema = head.get("schema_version", SCHEMA_VERSION)
        if schema not in SUPPORTED_SCHEMA_VERSIONS:
            problems.append(
                ImportProblem(
                    f"{file_name}: [mapping] schema_version",
                    f"one of {', '.join(SUPPORTED_SCHEMA_VERSIONS)}",
                    found=shown(schema),
                )
            )
    policy = load_policy()
    catalogues = {
        "incident_types": ({b.id for b in policy.behaviours}, "kinds of behaviour"),
        "preferred_services": ({s.id for s in policy.support.services}, "support services"),
    }
    tables: dict[str, dict[str, tuple[str, ...]]] = {}
    for table in MAPPING_TABLES.values():
        if table not in raw:
            continue
        entries = raw[table]
        where = f"{file_name}: [{table}]"
        if not isinstance(entries, dict):
            problems.append(ImportProblem(where, "a table of label = code lines"))
            continue
        tables[table] = {}
        for label, value in entries.items():
            codes = value if table == "incident_types" and isinstance(value, list) else [value]
            if not codes or not all(isinstance(code, str) and code for code in codes):
                several = " or a list of codes" if table == "incident_types" else ""
                problems.append(ImportProblem(f"{where} {label!r}", f"a code in quotes{several}"))
                continue
            catalogue = catalogues.get(table)
            if catalogue is not None:
                ids, words = catalogue
                for code in codes:
                    if code not in ids:
                        problems.append(
                            ImportProblem(
                                f"{where} {label!r}",
                                f"one of the policy {policy.version} {words}: "
                                + ", ".join(sorted(ids)),
                                found=shown(code),
                            )
                        )
            elif len(codes[0]) > CATALOGUE_ID_MAX or not codes[0].isprintable():
                problems.append(
                    ImportProblem(
                        f"{where} {label!r}",
                        f"a code of at most {CATALOGUE_ID_MAX} printable characters",
                    )
                )
            tables[table][label.strip()] = tuple(codes)
    if problems:
        raise ReportFileError(problems)
    return ImportMapping(
        version=version,
        incident_types=tables.get("incident_types"),
        departments=_single(tables.get("departments")),
        preferred_services=_single(tables.get("preferred_services")),
    )


def _single(table: dict[str, tuple[str, ...]] | None) -> dict[str, str] | None:
    return None if table is None else {label: codes[0] for label, codes in table.items()}


# -- reading the file: bytes to records ---------------------------------------------------------


def check_size(size: int) -> None:
    """Refuse a file over MAX_FILE_BYTES, before it is read."""
    if size > MAX_FILE_BYTES:
        raise _fatal(
            "file",
            f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB per file (split a bigger export by "
            "date)",
            f"{size / (1024 * 1024):.1f} MB",
        )


def decode(data: bytes) -> str:
    """UTF-8 text, a leading UTF-8 byte-order mark dropped (spreadsheets write one)."""
    check_size(len(data))
    for bom, name in ((b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"), (b"\x00\x00\xfe\xff", "")):
        if data.startswith(bom):
            raise _fatal("file", "UTF-8 text (save or export it as UTF-8)", f"{name or 'UTF-32'}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex().upper()
        raise _fatal(
            "file",
            "UTF-8 text (save or export it as UTF-8)",
            f"byte 0x{byte} on line {line}, which is not UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _fatal("file", "a header row and at least one report", "an empty file")
    return text


def file_format(file_name: str, text: str) -> str:
    """'csv' or 'jsonl', by the file's suffix, else by its first character."""
    lower = file_name.lower()
    if lower.endswith(CSV_SUFFIXES):
        return "csv"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "jsonl" if text.lstrip().startswith(("{", "[")) else "csv"


class _Records:
    """A file's rows, read one at a time (row number and raw values by column), and the
    problems met while reading them. Streaming rather than a list of every row: the raw values
    are freed as each row is checked, not all at once at the end, which held the interpreter
    lock (and stalled the GUI thread) for tens of milliseconds with 10,000 reports."""

    def __init__(self, data: bytes, file_name: str) -> None:
        text = decode(data)
        self.file_format = file_format(file_name, text)
        reader = _csv_records if self.file_format == "csv" else _jsonl_records
        self._stream = reader(text)
        self.problems: list[ImportProblem] = []

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        count = 0
        for row, values, problem in self._stream:
            if problem is not None:
                self.problems.append(problem)
                continue
            count += 1
            if count > MAX_REPORTS:
                raise _fatal(
                    "file",
                    f"at most {MAX_REPORTS:,} reports per file (split a bigger export by date)",
                    "more",
                )
            yield row, values
        if not count and not self.problems:
            raise _fatal("file", "at least one report after the header", "none")


def _read_records(data: bytes, file_name: str) -> _Records:
    return _Records(data, file_name)


_RecordStream = Iterator[tuple[int, dict[str, Any], ImportProblem | None]]


def _csv_records(text: str) -> _RecordStream:
    """RFC 4180 with a header row. Fields may hold any size up to the file cap: our own limits
    per field then give a message naming the row and field, not csv's generic one."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        header = [name.strip() for name in header]
        _check_header(header)
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line: no report
            if len(cells) != len(header):
                yield (
                    number,
                    {},
                    ImportProblem(
                        "row",
                        f"{len(header)} values, one per column of the header",
                        number,
                        f"{len(cells)} values",
                    ),
                )
                continue
            yield number, dict(zip(header, cells, strict=True)), None
    except csv.Error as error:
        raise _fatal(
            "file",
            "CSV as RFC 4180 describes it (quotes in pairs, commas between fields)",
            f"{error} at line {reader.line_num}",
        ) from None


def _check_header(header: list[str]) -> None:
    known = [name for name in header if name in COLUMNS]
    if not known:
        raise _fatal(
            "header",
            "the first row to name the columns (" + ", ".join(REQUIRED_COLUMNS) + ", …): "
            "is the header row missing?",
        )
    problems = [
        ImportProblem("header", "only the contract's columns: " + ", ".join(COLUMNS), None, name)
        for name in header
        if name not in COLUMNS
    ]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(ImportProblem("header", "each column once", None, name))
        seen.add(name)
    problems += [
        ImportProblem("header", f"a column {name} (it is required)")
        for name in REQUIRED_COLUMNS
        if name not in header
    ]
    if problems:
        raise ReportFileError(problems)


def _jsonl_records(text: str) -> _RecordStream:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, object_pairs_hook=_no_duplicate_keys)
        except json.JSONDecodeError as error:
            yield number, {}, ImportProblem("line", "one JSON object", number, error.msg)
            continue
        except _DuplicateKeyError as error:
            yield number, {}, ImportProblem(str(error), "each field once", number)
            continue
        if not isinstance(value, dict):
            found = "an array" if isinstance(value, list) else type(value).__name__
            yield number, {}, ImportProblem("line", "one JSON object per line", number, found)
            continue
        yield number, value, None


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


# -- one row: pydantic for the fields ------------------------------------------------------------


def _expected(text: str) -> Exception:
    from pydantic_core import PydanticCustomError

    return PydanticCustomError("contract", "{expected}", {"expected": text})


def _moment(value: Any) -> Any:
    if isinstance(value, datetime) or value is None:
        return value
    example = "an ISO 8601 date and time with its UTC offset, e.g. 2026-04-02T10:30:00+01:00"
    if not isinstance(value, str):
        raise _expected(example)
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _expected(example) from None
    if len(text) <= 10 or text[10] not in "T ":
        raise _expected(example + " (a date alone has no time)")
    if moment.tzinfo is None:
        raise _expected(example + " (the offset is missing)")
    return moment


def _version(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or value.strip() not in SUPPORTED_SCHEMA_VERSIONS:
        raise _expected(f"schema version {' or '.join(SUPPORTED_SCHEMA_VERSIONS)}")
    return value.strip()


def _source_id(value: Any) -> Any:
    if not isinstance(value, str):
        raise _expected("the report's id in the tool, as text")
    text = value.strip()
    if len(text) > SOURCE_ID_MAX or not text.isprintable():
        raise _expected(f"at most {SOURCE_ID_MAX} printable characters, no line breaks")
    return text


def _code(value: Any) -> Any:
    if not isinstance(value, str):
        raise _expected("a code, as text")
    text = value.strip()
    if len(text) > CATALOGUE_ID_MAX or not text.isprintable():
        raise _expected(f"a code of at most {CATALOGUE_ID_MAX} printable characters")
    return text


def _items(value: Any) -> Any:
    """'a; b' (CSV) or ["a", "b"] (JSON) to a tuple of trimmed, non-empty items."""
    if isinstance(value, str):
        value = value.split(LIST_SEPARATOR)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise _expected(f"items separated by '{LIST_SEPARATOR}' (or a JSON array of text)")
    items = tuple(item.strip() for item in value if item.strip())
    if len(items) > MAX_LIST_ITEMS:
        raise _expected(f"at most {MAX_LIST_ITEMS} items")
    return items


def _dates(value: Any) -> Any:
    items = _items(value)
    for item in items:
        try:
            partial_date_start(item)
        except ValueError:
            raise _expected(
                f"dates like 2026, 2026-03 or 2026-03-14, separated by '{LIST_SEPARATOR}'"
            ) from None
    return items


def _email(value: Any) -> Any:
    if not isinstance(value, str):
        raise _expected("an email address")
    text = value.strip()
    local, at, domain = text.partition("@")
    if (
        len(text) > NAME_MAX
        or not (local and at and "." in domain)
        or "@" in domain
        or any(ch.isspace() for ch in text)
    ):
        raise _expected(f"an email address (name@example.ac.uk, at most {NAME_MAX} characters)")
    return text


@cache
def _row_model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class ReportRow(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        schema_version: str
        source_report_id: str
        submitted_at: datetime
        route: ReportRoute
        on_behalf_of: OnBehalfOf = OnBehalfOf.UNKNOWN
        reporter_connection: ReporterConnection | None = None
        incident_types: tuple[str, ...] = ()
        incident_dates: tuple[str, ...] = ()
        locations: str = Field("", max_length=SHORT_TEXT_MAX)
        department: str = ""
        description: str = Field("", max_length=LONG_TEXT_MAX)
        preferred_service: str = ""
        excluded_people: tuple[str, ...] = ()
        contact_name: str = Field("", max_length=NAME_MAX)
        contact_email: str = ""
        contact_phone: str = Field("", max_length=NAME_MAX)
        status: CaseStatus = CaseStatus.AWAITING_CONTACT
        closed_at: datetime | None = None

        # Each column's own check runs on the raw text first (mode="before").
        @field_validator("schema_version", mode="before")
        @classmethod
        def check_schema_version(cls, value: Any) -> Any:
            return _version(value)

        @field_validator("source_report_id", mode="before")
        @classmethod
        def check_source_id(cls, value: Any) -> Any:
            return _source_id(value)

        @field_validator("submitted_at", "closed_at", mode="before")
        @classmethod
        def check_moment(cls, value: Any) -> Any:
            return _moment(value)

        @field_validator("department", "preferred_service", mode="before")
        @classmethod
        def check_code(cls, value: Any) -> Any:
            return _code(value)

        @field_validator("incident_types", "excluded_people", mode="before")
        @classmethod
        def check_items(cls, value: Any) -> Any:
            return _items(value)

        @field_validator("incident_dates", mode="before")
        @classmethod
        def check_dates(cls, value: Any) -> Any:
            return _dates(value)

        @field_validator("contact_email", mode="before")
        @classmethod
        def check_email(cls, value: Any) -> Any:
            return _email(value)

    return ReportRow


def _pydantic_problems(row: int, values: Mapping[str, Any], error: Any) -> list[ImportProblem]:
    problems = []
    for item in error.errors(include_url=False):
        name = str(item["loc"][0]) if item["loc"] else "row"
        kind, context = item["type"], item.get("ctx") or {}
        if kind == "contract":
            expected = str(context["expected"])
        elif kind == "missing":
            expected = "a value (this field is required)"
        elif kind == "extra_forbidden":
            expected = "only the contract's fields: " + ", ".join(COLUMNS)
        elif kind == "enum":
            expected = f"one of {context['expected']}"
        elif kind == "string_too_long":
            length = len(values.get(name, ""))
            expected = (
                f"at most {context['max_length']:,} characters (this one has {length:,}; "
                "shorten it, or record that report by hand)"
            )
        elif kind == "string_type":
            expected = "text"
        else:
            expected = str(item["msg"])
        found: str | None = None
        raw = values.get(name)
        if kind == "extra_forbidden":
            found = name
            name = "field"
        elif raw is not None and name not in PERSONAL_COLUMNS and kind != "string_too_long":
            found = shown(raw)
        problems.append(ImportProblem(name, expected, row, found))
    return problems


# -- the reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportBatch:
    """A whole file that meets the contract."""

    file_format: str
    schema_version: str
    mapping_version: str
    reports: tuple[ImportedReport, ...]


def read_reports(
    data: bytes,
    *,
    file_name: str,
    mapping: ImportMapping = NO_MAPPING,
    now: datetime | None = None,
    assigned_officer_id: int | None = None,
) -> ReportBatch:
    """Every report of the file, or ReportFileError listing every problem (nothing partial)."""
    from pydantic import ValidationError

    moment = now or datetime.now(UTC)
    records = _read_records(data, file_name)
    problems: list[ImportProblem] = []
    reports: list[ImportedReport] = []
    first_row: dict[str, int] = {}
    model = _row_model()
    for row, raw in records:
        values = {k: v for k, v in raw.items() if not _blank(v)}
        try:
            parsed = model.model_validate(values)
        except ValidationError as error:
            problems += _partly_valid(
                row, values, error, mapping=mapping, now=moment, officer=assigned_officer_id
            )
            identifier = values.get("source_report_id")
            if isinstance(identifier, str):
                _note_duplicate(identifier.strip(), row, first_row, problems)
            continue
        _note_duplicate(parsed.source_report_id, row, first_row, problems)
        built = _report(row, parsed, mapping, moment, assigned_officer_id)
        if isinstance(built, list):
            problems += built
        else:
            reports.append(built)
    problems += records.problems
    if problems:
        raise ReportFileError(problems)
    return ReportBatch(records.file_format, SCHEMA_VERSION, mapping.version, tuple(reports))


def _partly_valid(
    row: int,
    values: Mapping[str, Any],
    error: Any,
    *,
    mapping: ImportMapping,
    now: datetime,
    officer: int | None,
) -> list[ImportProblem]:
    """The field problems of a row, and the rules across fields for the fields that passed,
    so one pass over the file names everything wrong with it."""
    from pydantic import ValidationError

    problems = _pydantic_problems(row, values, error)
    failed = {problem.field for problem in problems}
    if failed & {*REQUIRED_COLUMNS, "field"}:
        return problems
    try:
        parsed = _row_model().model_validate(
            {key: value for key, value in values.items() if key not in failed}
        )
    except ValidationError:
        return problems
    built = _report(row, parsed, mapping, now, officer)
    if isinstance(built, list):
        related = {"closed_at"} if "status" in failed else set()
        problems += [p for p in built if p.field not in failed | related]
    return problems


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _note_duplicate(
    identifier: str, row: int, first_row: dict[str, int], problems: list[ImportProblem]
) -> None:
    if not identifier:
        return
    earlier = first_row.setdefault(identifier, row)
    if earlier != row:
        problems.append(
            ImportProblem(
                "source_report_id",
                f"each report once in a file (this id is also on row {earlier})",
                row,
                shown(identifier),
            )
        )


def _report(
    row: int,
    parsed: Any,
    mapping: ImportMapping,
    now: datetime,
    assigned_officer_id: int | None,
) -> ImportedReport | list[ImportProblem]:
    """Cross-field rules and codes through the mapping; the report, or its problems."""
    from triage_desktop.policy.catalogue import policy_for_date
    from triage_desktop.policy.errors import PolicyNotInForceError

    problems: list[ImportProblem] = []

    def problem(name: str, expected: str, found: str | None = None) -> None:
        problems.append(ImportProblem(name, expected, row, found))

    submitted: datetime = parsed.submitted_at
    latest = now + FUTURE_TOLERANCE
    if submitted > latest:
        problem(
            "submitted_at",
            "a time that has already happened (this is in the future)",
            shown(submitted.isoformat()),
        )
    anonymous = parsed.route is ReportRoute.ANONYMOUS
    if anonymous:
        for name in CONTACT_COLUMNS:
            if getattr(parsed, name):
                problem(name, "no contact details: the route is anonymous")
    closed_at: datetime | None = parsed.closed_at
    if parsed.status is CaseStatus.CLOSED and closed_at is None:
        problem("closed_at", "the date and time the case was closed (its status is closed)")
    if closed_at is not None:
        if parsed.status is not CaseStatus.CLOSED:
            problem("closed_at", "no value unless the status is closed", shown(parsed.status))
        elif closed_at < submitted:
            problem("closed_at", "a time after submitted_at", shown(closed_at.isoformat()))
        elif closed_at > latest:
            problem("closed_at", "a time that has already happened", shown(closed_at.isoformat()))
    received_day = submitted.astimezone().date()
    policy = None
    try:
        policy = policy_for_date(received_day)
    except PolicyNotInForceError as error:
        problem("submitted_at", f"a date on which a policy is in force ({error})")
    full_dates: list[date] = []
    for text in parsed.incident_dates:
        if partial_date_start(text) > submitted.date():
            problem("incident_dates", "dates on or before the day of the report", shown(text))
        elif is_full_date(text):
            full_dates.append(date.fromisoformat(text))
    behaviours: list[str] = []
    if policy is not None:
        catalogue = tuple(b.id for b in policy.behaviours)
        for label in parsed.incident_types:
            codes = _translate(mapping.incident_types, label, catalogue)
            if codes is None:
                problem("incident_types", _known(mapping.incident_types, catalogue), shown(label))
                continue
            for code in codes:
                if code not in catalogue:
                    problem(
                        "incident_types",
                        f"a code of policy {policy.version}: the mapping's {code!r} is not one",
                        shown(label),
                    )
                elif code not in behaviours:
                    behaviours.append(code)
    department = parsed.department
    if department and mapping.departments is not None:
        mapped = mapping.departments.get(department)
        if mapped is None:
            problem("department", _known(mapping.departments, ()), shown(department))
        department = mapped or ""
    service = parsed.preferred_service
    if service and policy is not None:
        services = tuple(s.id for s in policy.support.services)
        translated = _translate(
            None if mapping.preferred_services is None else _as_tuples(mapping.preferred_services),
            service,
            services,
        )
        if translated is None:
            problem(
                "preferred_service",
                _known(mapping.preferred_services, services),
                shown(service),
            )
        service = translated[0] if translated else ""
    if problems or policy is None:
        return problems
    connection = parsed.reporter_connection
    status = ReporterStatus.OTHER if connection is None else CONNECTION_STATUS[connection]
    try:
        details = CaseDetails(
            received_at=submitted,
            source=ReportSource.REPORT_AND_SUPPORT,
            anonymous=anonymous,
            reporter=Reporter(
                name=parsed.contact_name,
                status=status,
                email=parsed.contact_email,
                phone=parsed.contact_phone,
            ),
            respondents=(),
            location=Location(LocationKind.NOT_KNOWN),
            description=parsed.description,
            policy_version=policy.version,
            behaviour_categories=tuple(behaviours),
            incident_dates=tuple(sorted(set(full_dates))),
            assigned_officer_id=assigned_officer_id,
        )
        origin = ReportOrigin(
            source_report_id=parsed.source_report_id,
            submitted_at=submitted,
            route=parsed.route,
            on_behalf_of=parsed.on_behalf_of,
            department=department,
            preferred_service=service,
            excluded_people=parsed.excluded_people,
            incident_dates=parsed.incident_dates,
            locations=parsed.locations,
        )
    except InvalidFieldError as error:
        name = error.field.removeprefix("reporter.")
        name = {"name": "contact_name", "email": "contact_email", "phone": "contact_phone"}.get(
            name, name
        )
        return [ImportProblem(name, error.message.removeprefix("must be "), row)]
    return ImportedReport(row, details, origin, parsed.status, closed_at)


def _translate(
    table: Mapping[str, tuple[str, ...]] | None, label: str, catalogue: tuple[str, ...]
) -> tuple[str, ...] | None:
    if table is not None:
        return table.get(label)
    return (label,) if label in catalogue else None


def _as_tuples(table: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    return {label: (code,) for label, code in table.items()}


def _known(table: Mapping[str, Any] | None, catalogue: tuple[str, ...]) -> str:
    known = sorted(table) if table is not None else list(catalogue)
    where = (
        "in the mapping file"
        if table is not None
        else "of the policy catalogue (a mapping file can translate the tool's own labels)"
    )
    return "one of the known codes " + where + ": " + ", ".join(known)


# -- only the ids: reconciliation -------------------------------------------------------------


@dataclass(frozen=True)
class ReportIds:
    """The source ids of a file, row by row, for reconciliation: read leniently (a row that
    would not import still counts), so any export can be checked against the vault."""

    file_format: str
    ids: tuple[tuple[int, str], ...]
    problems: tuple[ImportProblem, ...]


def read_report_ids(data: bytes, *, file_name: str) -> ReportIds:
    records = _read_records(data, file_name)
    problems: list[ImportProblem] = []
    ids: list[tuple[int, str]] = []
    for row, raw in records:
        value = raw.get("source_report_id")
        identifier = strip_controls(value).strip() if isinstance(value, str) else ""
        if not identifier:
            problems.append(ImportProblem("source_report_id", "the report's id in the tool", row))
            continue
        ids.append((row, identifier))
    problems += records.problems
    return ReportIds(records.file_format, tuple(ids), tuple(problems))
