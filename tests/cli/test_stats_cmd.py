"""`triage-desktop stats` on a hand-built vault of 30 fictional cases (tests/support/
statistics_vault.py): exactly the tables worked out by hand from its plan, in JSON, CSV and a
signed PDF; nothing that names a case in any of them; every export audited; bad input refused
in one line.

How the expected tables were worked out, figure by figure (docs/statistics.md has the rule):
counts 1-4 are <5, zeros 0, the rest rounded to the nearest 5. Where a row or column then had
exactly one suppressed count, a second was withheld, [c]: the one whose withholding leaves no
other sum with a single suppressed count. E.g. staff reporters: 5 in January-March, 3 in
April-June, 8 in all: the 3 is <5, so the row needs a second; withholding the 8 leaves the
total column with two (the 8 and the other reporters' 2), withholding the 5 would leave the
January-March column with one: so the 8 is [c]. Anonymous reports: 2 in April-June, so that
column needs a second: the 13 named (withholding the 15 cases of the quarter would leave every
other table's April-June column with one); then the named row needs a second: its total 28,
not its January-March 15 (that column has nothing else suppressed). Every suppressed count then
has a witness (e.g. one anonymous report counted as named and contacted in time), so nothing
more is withheld.
"""

from __future__ import annotations

import csv
import io
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.documents.pdftools import first_page_png, pdfsig, pdftotext
from tests.support import statistics_vault as sv
from tests.support.vaults import PASSPHRASE
from triage_desktop.cli import main
from triage_desktop.reports.disclosure import RULE
from triage_desktop.services.session import VaultService

Q1, Q2, TOTAL = "Jan–Mar 2026", "Apr–Jun 2026", "Total"
ALL = ("All cases received", "15", "15", "30")
EXPECTED: dict[str, list[tuple[str, str, str, str]]] = {
    "Kinds of behaviour reported": [
        ("Bullying", "5", "5", "10"),
        ("Discrimination", "0", "0", "0"),
        ("Harassment", "10", "10", "20"),
        ("Sexual harassment and misconduct", "0", "0", "0"),
        ("Victimisation", "0", "0", "0"),
        ("Stalking", "0", "5", "5"),
        ("Domestic abuse and coercive control", "0", "0", "0"),
        ("Hate-motivated misconduct", "0", "<5", "<5"),
        ("Microaggressions", "0", "0", "0"),
        ("Exclusionary practices", "0", "0", "0"),
        ("Spiking", "0", "0", "0"),
        ("Violence or threats of violence", "0", "0", "0"),
        ("Not recorded", "0", "0", "0"),
        ALL,
    ],
    "The reporter's connection to the University": [
        ("Student", "10", "10", "20"),
        ("Staff", "5", "<5", "[c]"),
        ("Other or not said", "0", "<5", "<5"),
        ALL,
    ],
    "Who the concern is about": [
        ("A student", "10", "10", "20"),
        ("A member of staff", "5", "10", "15"),
        ("Both staff and a student", "0", "0", "0"),
        ("Someone outside the University", "0", "0", "0"),
        ("Not known", "0", "0", "0"),
        ALL,
    ],
    "How the report came in": [
        ("Support and Report", "0", "[c]", "[c]"),
        ("Email", "10", "10", "20"),
        ("In person", "5", "0", "5"),
        ("Phone", "0", "<5", "<5"),
        ("Referral", "0", "0", "0"),
        ("Other", "0", "0", "0"),
        ALL,
    ],
    "Outcome of the triage meeting": [
        ("Referral to the informal resolution approach", "5", "5", "10"),
        ("Referral to the relevant formal process", "5", "<5", "[c]"),
        (
            "Referral to an alternative process outside of the Dignity and Respect Framework",
            "0",
            "0",
            "0",
        ),
        (
            "A decision, at the request of the person raising the concern, to take no further "
            "action",
            "0",
            "<5",
            "<5",
        ),
        ("A decision to dismiss the allegation, with no further action taken", "0", "<5", "<5"),
        ("No signed decision yet", "5", "5", "10"),
        ALL,
    ],
    "Working days from report to triage meeting": [
        ("Median", "6", "5", "5.5"),
        ("Shortest", "3", "2", "2"),
        ("Longest", "12", "15", "15"),
    ],
    "Anonymous reports": [
        ("Anonymous", "0", "<5", "<5"),
        ("Named", "15", "[c]", "[c]"),
        ALL,
        ("Share of all cases", "0%", "[c]", "[c]"),
    ],
    "Historical reports": [
        ("Historical (over six months before the report)", "5", "5", "10"),
        ("Within six months of the report", "10", "5", "15"),
        ("Date of the incident not known", "0", "5", "5"),
        ALL,
        ("Share of all cases", "33%", "33%", "33%"),
    ],
    "First contact within 2 working days": [
        ("Met: contacted within 2 working days", "10", "10", "20"),
        ("Missed: contacted later, or not yet and overdue", "5", "<5", "[c]"),
        ("Not applicable: anonymous report", "0", "<5", "<5"),
        ("Not contacted yet, not yet due", "0", "0", "0"),
        ALL,
    ],
    "The decision and the reporter's consent": [
        ("What the reporter asked for", "5", "5", "10"),
        ("Needed the reporter's agreement, and they agreed", "5", "<5", "[c]"),
        ("Acting without the reporter's consent", "0", "<5", "<5"),
        ("Not recorded", "0", "0", "0"),
        ("No signed decision yet", "5", "5", "10"),
        ALL,
    ],
    "Department (reports imported from the Support and Report tool)": [
        ("Physics", "0", "5", "5"),
        ("Other departments (fewer than 5 cases each)", "0", "0", "0"),
        ("Not recorded (cases recorded by hand)", "15", "10", "25"),
        ALL,
    ],
}
PERIOD = ["--from", "2026-01-01", "--to", "2026-06-30"]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("statistics") / "vault"
    sv.build(folder).lock()
    return folder


@pytest.fixture
def vault(built: Path, tmp_path: Path) -> Path:
    return sv.copy_of(built, tmp_path / "vault")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n")
    return path


def stats(vault: Path, secret: Path, *args: str) -> list[str]:
    return ["--vault", str(vault), "stats", *args, "--passphrase-file", str(secret)]


@pytest.fixture
def opened(vault: Path) -> Iterator[VaultService]:
    yield (service := VaultService(vault))
    service.lock()


def test_the_tables_are_exactly_those_worked_out_by_hand(
    vault: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(stats(vault, secret, *PERIOD, "--format", "json")) == 0
    published = json.loads(capsys.readouterr().out)
    assert published["rule"] == RULE
    assert published["period"] == "1 January 2026 to 30 June 2026"
    assert published["columns"] == [Q1, Q2, TOTAL]
    found = {
        figure["title"]: [(row["label"], *row["cells"]) for row in figure["rows"]]
        for figure in published["figures"]
    }
    assert found == EXPECTED


def test_csv_states_the_rule_and_holds_the_same_cells_in_an_owner_only_file(
    vault: Path, secret: Path, tmp_path: Path
) -> None:
    out = tmp_path / "stats.csv"
    assert main(stats(vault, secret, *PERIOD, "--out", str(out))) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    assert ["Rule", RULE] in rows
    assert rows[rows.index(["Figure", "Row", Q1, Q2, TOTAL]) + 1 :][:3] == [
        ["Kinds of behaviour reported", *EXPECTED["Kinds of behaviour reported"][i]]
        for i in range(3)
    ]
    text = out.read_text("utf-8")
    for forbidden in [*sv.NAMES, *sv.RESPONDENT_NAMES, sv.DESCRIPTION_MARK, "DR-2026", "Physics "]:
        assert forbidden not in text, forbidden
    body = {(r[0], *r[1:]) for r in rows if len(r) == 5}
    for title, expected_rows in EXPECTED.items():
        for row in expected_rows:
            assert (title, *row) in body


def test_the_pdf_is_signed_readable_as_text_with_charts_and_names_no_one(
    vault: Path, secret: Path, tmp_path: Path
) -> None:
    out = tmp_path / "stats.pdf"
    assert main(stats(vault, secret, *PERIOD, "--out", str(out))) == 0
    pdf = out.read_bytes()
    assert "Signature is Valid" in pdfsig(pdf)
    text = pdftotext(pdf)
    assert " ".join(RULE.split()) in " ".join(text.split())
    pages = text.split("\f")
    assert all("count from 1 to 4 is shown as <5" in page for page in pages if page.strip())
    # The tables are text: every row is there with its cells, in reading order.
    for title, rows in EXPECTED.items():
        assert title in text
        for row in rows:
            assert " ".join(row) in text, row
    assert "Kinds of behaviour reported: the period's totals" in text
    for forbidden in [*sv.NAMES, *sv.RESPONDENT_NAMES, sv.DESCRIPTION_MARK, "DR-2026", "SR-STAT"]:
        assert forbidden not in text, forbidden
    for day in (*sv.Q1_DAYS, *sv.Q2_DAYS):
        assert f"{day.day} {day:%B} {day.year}" not in text
    # The bar charts are drawn (reportlab graphics): the first one's bars are on page 2.
    from PySide6.QtGui import QImage

    image = QImage.fromData(first_page_png(pdf, dpi=50, page=2))
    accent = (26, 69, 115)  # documents.layout.ACCENT

    def is_bar(x: int, y: int) -> bool:
        colour = image.pixelColor(x, y)
        found = (colour.red(), colour.green(), colour.blue())
        return all(abs(a - b) <= 12 for a, b in zip(found, accent, strict=True))

    bars = sum(
        1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2) if is_bar(x, y)
    )
    assert bars > 50


def test_every_statistics_read_and_export_is_audited_and_the_log_still_verifies(
    vault: Path, secret: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(stats(vault, secret, *PERIOD, "--out", str(tmp_path / "s.json"))) == 0
    assert main(stats(vault, secret, *PERIOD, "--format", "csv")) == 0
    capsys.readouterr()
    service = VaultService(vault)
    service.unlock(PASSPHRASE)
    try:
        actions = service._database().read(
            lambda con: [r[0] for r in con.execute("SELECT action FROM audit_log")]
        )
        assert actions.count("statistics:2026-01-01..2026-06-30") == 2
        assert actions.count("export_statistics:json") == 1
        assert actions.count("export_statistics:csv") == 1
        assert service.audit_verify().ok
    finally:
        service.lock()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-06-30", "--to", "2026-01-01"], "The period ends before it starts"),
        (["--from", "2024-01-01", "--to", "2026-06-30"], "choose at most 8"),
        ([*PERIOD, "--format", "pdf"], "a PDF needs --out FILE"),
        (["--to", "2026-06-30"], "give the period: --from DATE --to DATE"),
        ([*PERIOD, "--export-counts"], "--export-counts needs --out FILE"),
    ],
)
def test_bad_requests_get_one_line_and_exit_2(
    vault: Path,
    secret: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    assert main(stats(vault, secret, *args)) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_date_that_is_not_a_date_is_refused_by_argparse(
    vault: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(stats(vault, secret, "--from", "2026-13-01", "--to", "2026-06-30"))
    assert exit_info.value.code == 2
    assert "'2026-13-01' is not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_an_existing_file_is_never_overwritten(
    vault: Path, secret: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "stats.csv"
    out.write_text("keep me")
    assert main(stats(vault, secret, *PERIOD, "--out", str(out))) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "keep me"
