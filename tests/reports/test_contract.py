"""The import contract on its own (pure, no vault): every bad input of issue 14 gets a problem that
names the row, the field and what was expected, and nothing of the file is accepted; odd but
valid text (right-to-left, CJK, emoji, formula-like cells) comes through exactly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from benchmarks.report_export import MAPPING_TOML, export_bytes, fictional_reports

from triage_desktop.cases.model import CaseStatus
from triage_desktop.cases.text import LONG_TEXT_MAX
from triage_desktop.reports.contract import (
    COLUMNS,
    MAX_FILE_BYTES,
    MAX_REPORTS,
    ImportProblem,
    ReportBatch,
    ReportFileError,
    check_size,
    parse_mapping,
    read_report_ids,
    read_reports,
)

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
HEADER = "schema_version,source_report_id,submitted_at,route,contact_email,description"
GOOD = "1,SR-1,2026-04-02T10:30:00+01:00,contact,alex@example.ac.uk,Comments in the lab."


def read(text: str | bytes, name: str = "export.csv", **options: object) -> ReportBatch:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_reports(data, file_name=name, now=NOW, **options)  # type: ignore[arg-type]


def problems(text: str | bytes, name: str = "export.csv", **options: object) -> list[str]:
    with pytest.raises(ReportFileError) as caught:
        read(text, name, **options)
    return [str(problem) for problem in caught.value.problems]


def csv_rows(*rows: str, header: str = HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def test_a_good_file_reads() -> None:
    batch = read(csv_rows(GOOD))
    assert len(batch.reports) == 1
    report = batch.reports[0]
    assert report.row == 2
    assert report.origin.source_report_id == "SR-1"
    assert report.details.description == "Comments in the lab."
    assert batch.file_format == "csv"
    assert batch.schema_version == "1"
    assert batch.mapping_version == "none"


def test_wrong_encoding_names_the_line() -> None:
    data = csv_rows(GOOD, "1,SR-2,2026-04-02T10:30:00+01:00,contact,a@example.ac.uk,café")
    assert problems(data.encode("latin-1")) == [
        "file: expected UTF-8 text (save or export it as UTF-8); found 'byte 0xE9 on line 3, "
        "which is not UTF-8'"
    ]


def test_a_utf16_file_is_named_as_such() -> None:
    data = csv_rows(GOOD).encode("utf-16")
    assert problems(data) == [
        "file: expected UTF-8 text (save or export it as UTF-8); found 'UTF-16'"
    ]


def test_a_utf8_byte_order_mark_is_dropped_not_read_as_part_of_the_header() -> None:
    batch = read(b"\xef\xbb\xbf" + csv_rows(GOOD).encode("utf-8"))
    assert batch.reports[0].origin.source_report_id == "SR-1"


def test_a_missing_header_is_named() -> None:
    assert problems(csv_rows(GOOD, header=GOOD.replace("SR-1", "SR-0"))) == [
        "header: expected the first row to name the columns (schema_version, source_report_id, "
        "submitted_at, route, …): is the header row missing?"
    ]


def test_an_unknown_or_missing_column_is_named_with_the_known_ones() -> None:
    found = problems(csv_rows(GOOD + ",blue", header=HEADER + ",favourite_colour"))
    assert found == [
        "header: expected only the contract's columns: " + ", ".join(COLUMNS) + "; found "
        "'favourite_colour'"
    ]
    found = problems(csv_rows("1,SR-1,contact", header="schema_version,source_report_id,route"))
    assert found == ["header: expected a column submitted_at (it is required)"]


def test_a_source_id_twice_in_one_file_names_both_rows() -> None:
    again = GOOD.replace("Comments", "Other comments")
    assert problems(csv_rows(GOOD, GOOD.replace("SR-1", "SR-2"), again)) == [
        "row 4, source_report_id: expected each report once in a file (this id is also on "
        "row 2); found 'SR-1'"
    ]


def test_a_file_over_the_cap_is_refused_before_reading() -> None:
    with pytest.raises(ReportFileError) as caught:
        check_size(50 * 1024 * 1024)
    assert [str(p) for p in caught.value.problems] == [
        "file: expected at most 32 MB per file (split a bigger export by date); found '50.0 MB'"
    ]
    check_size(MAX_FILE_BYTES)  # exactly at the cap is fine


def test_too_many_reports_are_refused() -> None:
    rows = [GOOD.replace("SR-1", f"SR-{n}") for n in range(MAX_REPORTS + 1)]
    assert problems(csv_rows(*rows)) == [
        "file: expected at most 20,000 reports per file (split a bigger export by date); found "
        "'more'"
    ]


def test_a_description_of_a_megabyte_is_named_without_repeating_it() -> None:
    huge = "x" * 1_000_000
    found = problems(csv_rows(GOOD.replace("Comments in the lab.", huge)))
    assert found == [
        f"row 2, description: expected at most {LONG_TEXT_MAX:,} characters (this one has "
        "1,000,000; shorten it, or record that report by hand)"
    ]


def test_control_characters_are_stripped_from_text_and_refused_in_ids() -> None:
    text = GOOD.replace("Comments in the lab.", '"Comments\x00 in the\x07 lab.\x1b[31m"')
    assert read(csv_rows(text)).reports[0].details.description == "Comments in the lab.[31m"
    found = problems(csv_rows(GOOD.replace("SR-1", "SR-\x001")))
    assert found == [
        "row 2, source_report_id: expected at most 100 printable characters, no line breaks; "
        "found 'SR-\\x001'"
    ]


def test_right_to_left_cjk_and_emoji_text_is_kept_exactly() -> None:
    words = "\u200fتعليقات متكررة — הערות חוזרות — 在实验室里 — 研究室で 😟📱"
    names = "مريم حداد; יעל נחום; 张伟"
    row = f'1,SR-1,2026-04-02T10:30:00+01:00,contact,a@example.ac.uk,"{words}",{names}'
    batch = read(csv_rows(row, header=HEADER + ",excluded_people"))
    report = batch.reports[0]
    assert report.details.description == words
    assert report.origin.excluded_people == ("مريم حداد", "יעל נחום", "张伟")


def test_a_date_in_the_future_is_refused() -> None:
    late = GOOD.replace("2026-04-02T10:30:00+01:00", "2027-01-05T09:00:00+00:00")
    assert problems(csv_rows(late)) == [
        "row 2, submitted_at: expected a time that has already happened (this is in the "
        "future); found '2027-01-05T09:00:00+00:00'"
    ]
    # A few minutes ahead of this computer's clock is a clock difference, not the future.
    assert read(csv_rows(GOOD.replace("2026-04-02T10:30:00+01:00", "2026-11-30T12:10:00+00:00")))


def test_submitted_at_needs_its_offset_and_a_time() -> None:
    assert problems(csv_rows(GOOD.replace("+01:00", ""))) == [
        "row 2, submitted_at: expected an ISO 8601 date and time with its UTC offset, e.g. "
        "2026-04-02T10:30:00+01:00 (the offset is missing); found '2026-04-02T10:30:00'"
    ]
    assert problems(csv_rows(GOOD.replace("2026-04-02T10:30:00+01:00", "02/04/2026 10:30"))) == [
        "row 2, submitted_at: expected an ISO 8601 date and time with its UTC offset, e.g. "
        "2026-04-02T10:30:00+01:00; found '02/04/2026 10:30'"
    ]
    z = read(csv_rows(GOOD.replace("+01:00", "Z"))).reports[0]
    assert z.origin.submitted_at == datetime(2026, 4, 2, 10, 30, tzinfo=UTC)


def test_a_formula_like_cell_is_stored_as_text() -> None:
    formula = '=HYPERLINK("http://example.invalid","click")'
    row = GOOD.replace("Comments in the lab.", '"' + formula.replace('"', '""') + '"')
    for cell in (formula, "+SUM(A1:A9)", "-2+3", "@cmd"):
        text = row.replace(
            '"' + formula.replace('"', '""') + '"', '"' + cell.replace('"', '""') + '"'
        )
        assert read(csv_rows(text)).reports[0].details.description == cell


def test_every_problem_of_a_row_is_named_at_once() -> None:
    header = HEADER + ",incident_types,incident_dates,status,closed_at,reporter_connection"
    row = (
        "1,SR-1,2026-04-02T10:30:00+01:00,anonymous,alex@example.ac.uk,ok,Bullying,2026-05,"
        "closed,,undergrad"
    )
    found = problems(csv_rows(row, header=header))
    assert found == [  # in column order
        "row 2, reporter_connection: expected one of 'student', 'staff', 'visitor' or "
        "'prefer_not_to_say'; found 'undergrad'",
        "row 2, incident_types: expected one of the known codes of the policy catalogue (a "
        "mapping file can translate the tool's own labels): bullying, discrimination, "
        "harassment, sexual_misconduct, victimisation, stalking, domestic_abuse, "
        "hate_motivated_misconduct, microaggressions, exclusionary_practices, spiking, "
        "violence_or_threats; found 'Bullying'",
        "row 2, incident_dates: expected dates on or before the day of the report; found '2026-05'",
        "row 2, contact_email: expected no contact details: the route is anonymous",
        "row 2, closed_at: expected the date and time the case was closed (its status is closed)",
    ]


def test_an_unmapped_code_names_row_column_value_and_the_known_codes() -> None:
    mapping = parse_mapping(MAPPING_TOML, "mapping.toml")
    header = HEADER + ",incident_types,department"
    row = GOOD + ",Bullying; Shouting,School of Alchemy"
    found = problems(csv_rows(row, header=header), mapping=mapping)
    assert found[0].startswith(
        "row 2, incident_types: expected one of the known codes in the mapping file: Bullying, "
        "Discrimination, Domestic abuse, Harassment, Hate incident,"
    )
    assert found[0].endswith("; found 'Shouting'")
    assert found[1].startswith(
        "row 2, department: expected one of the known codes in the mapping file: Department of "
        "History, Estates and Facilities,"
    )
    assert found[1].endswith("; found 'School of Alchemy'")


def test_a_bad_mapping_file_is_named_by_table_and_label() -> None:
    text = '[mapping]\nversion = "v;1"\n[incident_types]\n"Bullying" = "bulying"\n[colours]\n'
    with pytest.raises(ReportFileError) as caught:
        parse_mapping(text, "mapping.toml")
    found = [str(p) for p in caught.value.problems]
    assert (
        "mapping.toml: [colours]: expected only the tables mapping, incident_types, "
        "departments, preferred_services" in found
    )
    assert any(
        p.startswith("mapping.toml: [mapping] version: expected 1-50 letters") and "v;1" in p
        for p in found
    )
    assert any(
        p.startswith(
            "mapping.toml: [incident_types] 'Bullying': expected one of the policy 2.0 "
            "kinds of behaviour:"
        )
        and p.endswith("found 'bulying'")
        for p in found
    )
    with pytest.raises(ReportFileError, match="expected a TOML file"):
        parse_mapping("version = ", "mapping.toml")


def _line(**fields: object) -> str:
    base = {
        "schema_version": "1",
        "source_report_id": "J-1",
        "submitted_at": "2026-04-02T10:30:00+01:00",
        "route": "anonymous",
    }
    return json.dumps({**base, **fields}, ensure_ascii=False)


def test_json_lines_problems_name_the_line() -> None:
    good = _line()
    lines = [
        good,
        "",
        '{"schema_version": 1, "source_report_id": "J-2", "route": "a", "route": "contact"}',
        "[1, 2]",
        _line(source_report_id="J-3", colour="blue"),
        _line(source_report_id="J-4", description=7),
        "not json",
    ]
    found = problems("\n".join(lines), "export.jsonl")
    assert found == [
        "row 3, route: expected each field once",
        "row 4, line: expected one JSON object per line; found 'an array'",
        "row 5, field: expected only the contract's fields: "
        + ", ".join(COLUMNS)
        + "; found 'colour'",
        "row 6, description: expected text",
        "row 7, line: expected one JSON object; found 'Expecting value'",
    ]
    batch = read(good + "\n\n", "export.jsonl")
    assert batch.file_format == "jsonl"
    array = good.replace(
        '"route": "anonymous"', '"route": "anonymous", "incident_types": ["stalking", "spiking"]'
    )
    assert read(array, "x.jsonl").reports[0].details.behaviour_categories == ("stalking", "spiking")


def test_rows_with_too_few_values_and_broken_quotes_are_named() -> None:
    assert problems(csv_rows("1,SR-1,2026-04-02T10:30:00+01:00")) == [
        "row 2, row: expected 6 values, one per column of the header; found '3 values'"
    ]
    found = problems(csv_rows('1,SR-1,2026-04-02T10:30:00+01:00,contact,a@example.ac.uk,"open'))
    assert found[0].startswith("file: expected CSV as RFC 4180 describes it")


def test_empty_and_header_only_files_are_named() -> None:
    assert problems("") == [
        "file: expected a header row and at least one report; found 'an empty file'"
    ]
    assert problems(HEADER + "\r\n") == [
        "file: expected at least one report after the header; found 'none'"
    ]


def test_contact_details_partial_dates_and_historical_status() -> None:
    header = HEADER + ",incident_dates,status,closed_at,contact_phone"
    row = (
        "1,SR-1,2026-04-02T10:30:00+01:00,contact,,Text,2025;2026-03;2026-03-14,closed,"
        "2026-05-01T09:00:00+01:00,07700 900123"
    )
    report = read(csv_rows(row, header=header)).reports[0]
    assert report.origin.incident_dates == ("2025", "2026-03", "2026-03-14")
    assert [d.isoformat() for d in report.details.incident_dates] == ["2026-03-14"]
    assert report.status is CaseStatus.CLOSED
    assert report.closed_at == datetime.fromisoformat("2026-05-01T09:00:00+01:00")
    assert report.details.reporter.phone == "07700 900123"
    found = problems(csv_rows(GOOD.replace("alex@example.ac.uk", "alex at example")))
    assert found == [
        "row 2, contact_email: expected an email address (name@example.ac.uk, at most 200 "
        "characters)"
    ]


def test_a_problem_never_repeats_personal_text() -> None:
    problem = ImportProblem("contact_email", "an email address", 2)
    assert str(problem) == "row 2, contact_email: expected an email address"
    found = problems(csv_rows(GOOD.replace("alex@example.ac.uk", "Zoë Secretname")))
    assert all("Secretname" not in line for line in found)


def test_the_generated_export_meets_the_contract_in_both_formats() -> None:
    mapping = parse_mapping(MAPPING_TOML)
    rows = fictional_reports(200)
    for kind in ("csv", "jsonl"):
        batch = read_reports(export_bytes(rows, kind), file_name=f"x.{kind}", mapping=mapping)
        assert len(batch.reports) == 200
        assert batch.mapping_version == "fictional-2026.1"


def test_reading_only_the_ids_is_lenient() -> None:
    text = csv_rows(GOOD, "1,,2026-04-02T10:30:00+01:00,maybe,,", GOOD.replace("SR-1", "SR-3"))
    found = read_report_ids(text.encode(), file_name="x.csv")
    assert found.ids == ((2, "SR-1"), (4, "SR-3"))
    assert [str(p) for p in found.problems] == [
        "row 3, source_report_id: expected the report's id in the tool"
    ]


def test_blank_rows_are_skipped_and_the_format_follows_the_name_or_the_first_character() -> None:
    from triage_desktop.reports.contract import file_format

    batch = read(csv_rows(GOOD, ",,,,,", "", GOOD.replace("SR-1", "SR-2")))
    assert [r.row for r in batch.reports] == [2, 5]
    assert file_format("x.CSV", "{") == "csv"
    assert file_format("x.ndjson", "a,b") == "jsonl"
    assert file_format("x.json", "a,b") == "jsonl"
    assert file_format("export.txt", '  {"a": 1}') == "jsonl"
    assert file_format("export.txt", "schema_version,source_report_id") == "csv"


def test_json_lines_take_null_and_a_numeric_schema_version() -> None:
    line = _line(schema_version=1, department=None, on_behalf_of=None)
    report = read(line, "x.jsonl").reports[0]
    assert report.origin.department == ""
    assert report.origin.on_behalf_of.value == "unknown"


def test_a_report_from_before_any_policy_was_in_force_is_refused() -> None:
    early = GOOD.replace("2026-04-02T10:30:00+01:00", "2025-07-01T10:00:00+01:00")
    found = problems(csv_rows(early))
    assert len(found) == 1
    assert found[0].startswith("row 2, submitted_at: expected a date on which a policy is in force")


def test_reporter_connections_group_as_the_oversight_statistics_count_them() -> None:
    from triage_desktop.cases.model import ReporterStatus
    from triage_desktop.cases.origin import connection_group

    groups = {status: connection_group(status) for status in ReporterStatus}
    assert groups == {
        ReporterStatus.UNDERGRADUATE: "student",
        ReporterStatus.POSTGRADUATE_TAUGHT: "student",
        ReporterStatus.POSTGRADUATE_RESEARCH: "student",
        ReporterStatus.STUDENT: "student",
        ReporterStatus.STAFF: "staff",
        ReporterStatus.VISITOR: "other",
        ReporterStatus.OTHER: "other",
        ReporterStatus.PREFER_NOT_TO_SAY: "other",
    }
