"""Statistics across officers: three vaults export signed count files (`stats --export-counts`),
`stats --merge` verifies every signature, adds them up and applies disclosure control to the
total only; a tampered file, the same vault twice and a signer outside `--trust` are refused by
name, and nothing is merged."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from tests.support.vaults import PASSPHRASE, create_vault, details
from triage_desktop.cases.model import ContactMethod, FirstContact, ReportSource
from triage_desktop.cli import main
from triage_desktop.services.documents_service import DocumentsService

PERIOD = ["--from", "2026-01-01", "--to", "2026-06-30"]
# Per vault: email reports in January-March, phone reports in April-June.
CASES = {"a": (3, 2), "b": (2, 2), "c": (2, 2)}


def _vault(folder: Path, email: int, phone: int, officer: str) -> bytes:
    service, _ = create_vault(folder, use_keychain=False)
    documents = DocumentsService(service)
    documents.set_up_identity(officer, "Dignity and Respect Liaison and Resolution Officer", "U")
    days = [dt.date(2026, 1, 12)] * email + [dt.date(2026, 4, 14)] * phone
    for number, day in enumerate(days):
        chosen = details(
            f"{officer} {number}",
            received=dt.datetime.combine(day, dt.time(10), dt.UTC),
        )
        if number >= email:
            chosen = chosen.__class__(**{**chosen.__dict__, "source": ReportSource.PHONE})
        case = service.create_case(chosen)
        service.record_first_contact(case.id, FirstContact(day, ContactMethod.PHONE))
    certificate = documents.certificate_pem()
    service.lock()
    return certificate


@pytest.fixture
def three(tmp_path: Path) -> dict[str, tuple[Path, Path]]:
    """Three officers' vaults, each with its count file exported through the command line."""
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    found = {}
    for name, (email, phone) in CASES.items():
        folder = tmp_path / f"vault-{name}"
        certificate = _vault(folder, email, phone, f"Officer {name.upper()}")
        (tmp_path / f"{name}.pem").write_bytes(certificate)
        out = tmp_path / f"{name}.json"
        arguments = ["--vault", str(folder), "stats", *PERIOD, "--export-counts"]
        code = main([*arguments, "--out", str(out), "--passphrase-file", str(secret)])
        assert code == 0
        found[name] = (out, tmp_path / f"{name}.pem")
    return found


def _cells(published: dict[str, object], title: str, label: str) -> list[str]:
    for figure in published["figures"]:  # type: ignore[attr-defined]
        if figure["title"] == title:
            for row in figure["rows"]:
                if row["label"] == label:
                    return list(row["cells"])
    raise AssertionError(f"{title}: {label} not found")


def test_three_vaults_merge_into_one_total_under_disclosure_control(
    three: dict[str, tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(three[name][0]) for name in "abc"]
    for path in files:
        assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600
        document = json.loads(Path(path).read_text("utf-8"))
        assert set(document) == {
            "format", "version", "vault", "signed_at", "signer", "certificate", "algorithm",
            "counts", "signature",
        }  # fmt: skip
        text = json.dumps(document["counts"], ensure_ascii=False)
        assert "Alex Example" not in text
        assert "DR-2026" not in text  # no case data at all: numbers and category ids
    capsys.readouterr()
    trust = [arg for name in "abc" for arg in ("--trust", str(three[name][1]))]
    assert main(["stats", "--merge", *files, *trust, "--format", "json"]) == 0
    captured = capsys.readouterr()
    merged = json.loads(captured.out)
    # 3 + 2 + 2 email reports in January-March, 2 + 2 + 2 phone reports in April-June: 7 and 6
    # in all, so 5 and 5 (13 cases: 15); each vault alone has fewer than 5 of each.
    assert _cells(merged, "How the report came in", "Email") == ["5", "0", "5"]
    assert _cells(merged, "How the report came in", "Phone") == ["0", "5", "5"]
    assert _cells(merged, "Anonymous reports", "All cases received") == ["5", "5", "15"]
    assert "Added up from 3 officers' count files" in merged["source"]
    for name in "ABC":
        assert f"signed by Officer {name}" in captured.err
    assert "a trusted certificate" in captured.err
    assert captured.err.count("SHA-256 ") == 3  # each signer's certificate fingerprint


def test_one_vault_alone_shows_under_five(
    three: dict[str, tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    from triage_desktop.reports.statistics import Counts
    from triage_desktop.services import statistics

    payload = json.loads(three["a"][0].read_text("utf-8"))["counts"]
    alone = statistics.publish(Counts.from_json(payload))
    email = next(r for r in alone.table("route").rows if r.label == "Email")
    assert email.cells == ("<5", "0", "<5")


def test_a_tampered_count_file_is_refused_by_name_and_nothing_is_merged(
    three: dict[str, tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    tampered = three["b"][0]
    document = json.loads(tampered.read_text("utf-8"))
    document["counts"]["cases"]["2026-Q1"] += 40
    tampered.write_text(json.dumps(document), encoding="utf-8")
    files = [str(three[name][0]) for name in "abc"]
    assert main(["stats", "--merge", *files, "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{tampered} was refused: its signature does not match its contents" in captured.err
    assert "Nothing was merged." in captured.err


def test_the_same_vault_twice_is_refused(
    three: dict[str, tuple[Path, Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = tmp_path / "a-again.json"
    again.write_bytes(three["a"][0].read_bytes())
    files = [str(three["a"][0]), str(three["b"][0]), str(again)]
    assert main(["stats", "--merge", *files]) == 1
    err = capsys.readouterr().err
    assert f"{again} was refused: it holds the counts of the same vault as {three['a'][0]}" in err


def test_a_signer_outside_the_trusted_certificates_is_refused(
    three: dict[str, tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(three[name][0]) for name in "abc"]
    trust = ["--trust", str(three["a"][1]), "--trust", str(three["b"][1])]
    assert main(["stats", "--merge", *files, *trust]) == 1
    err = capsys.readouterr().err
    assert f"{three['c'][0]} was refused: it is signed by Officer C" in err
    assert "not among the trusted certificates" in err


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not json at all", "it is not a count file (not JSON)"),
        (b'{"format": "something else"}', "it is not a Triage Desk count file"),
        (b"{}" * 5_000_000, "it is larger than 8 MB"),
    ],
)
def test_a_file_that_is_not_a_count_file_is_refused_in_words(
    three: dict[str, tuple[Path, Path]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    reason: str,
) -> None:
    odd = tmp_path / "odd.json"
    odd.write_bytes(content)
    assert main(["stats", "--merge", str(three["a"][0]), str(odd)]) == 1
    err = capsys.readouterr().err
    assert f"{odd} was refused: {reason}" in err
    assert "Traceback" not in err


def test_a_merged_pdf_is_signed_by_the_officer_who_merges(
    three: dict[str, tuple[Path, Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.documents.pdftools import pdfsig, pdftotext

    secret = tmp_path / "pass.txt"
    out = tmp_path / "merged.pdf"
    files = [str(three[name][0]) for name in "abc"]
    arguments = ["--vault", str(tmp_path / "vault-a"), "stats", "--merge", *files]
    code = main([*arguments, "--out", str(out), "--passphrase-file", str(secret)])
    assert code == 0, capsys.readouterr().err
    pdf = out.read_bytes()
    assert "Signature is Valid" in pdfsig(pdf)
    assert "Signer Certificate Common Name: Officer A" in pdfsig(pdf)
    assert "Added up from 3 officers' count files" in pdftotext(pdf)
