"""`triage-desktop verify`: exit codes and messages, run as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.run import run_cli
from triage_desktop.documents.identity import create_self_issued


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from triage_desktop.documents.samples import sample_summary
    from triage_desktop.documents.signing import sign_pdf
    from triage_desktop.documents.summary import render_summary

    folder = tmp_path_factory.mktemp("verify")
    officer = create_self_issued("Zoë Ångström", "DRLRO", "University of Bath")
    pdf = folder / "summary.pdf"
    pdf.write_bytes(sign_pdf(render_summary(sample_summary()), officer, reason="Triage summary"))
    pem = folder / "officer.pem"
    pem.write_bytes(officer.certificate_pem())
    return pdf, pem


def test_intact_and_trusted_exits_zero(signed: tuple[Path, Path]) -> None:
    pdf, pem = signed
    result = run_cli(["verify", str(pdf), "--trust", str(pem)])
    assert result.returncode == 0, result.stderr
    for line in (
        "Signer:        Zoë Ångström",
        "Intact:        yes",
        "Valid:         yes",
        "Trusted:       yes",
        "Unchanged since signing: yes",
        "Signing time:",
    ):
        assert line in result.stdout


def test_without_trust_the_signer_is_not_verified_and_the_exit_code_says_so(
    signed: tuple[Path, Path],
) -> None:
    result = run_cli(["verify", str(signed[0])])
    assert result.returncode == 3
    assert "Trusted:       NO (no --trust certificate given)" in result.stdout
    assert "Result: signature valid, signer not verified." in result.stdout
    assert "give --trust CERT.pem" in result.stdout


def test_a_forged_certificate_in_the_officers_name_never_passes(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    """Anyone can issue themselves a certificate saying "Zoë Ångström": without --trust that is
    exit 3 (not 0), and against the officer's real certificate it fails."""
    from triage_desktop.documents.samples import sample_summary
    from triage_desktop.documents.signing import sign_pdf
    from triage_desktop.documents.summary import render_summary

    forger = create_self_issued("Zoë Ångström", "DRLRO", "University of Bath")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(sign_pdf(render_summary(sample_summary()), forger, reason="Triage summary"))
    alone = run_cli(["verify", str(forged)])
    assert alone.returncode == 3
    assert "Signer:        Zoë Ångström" in alone.stdout
    assert "signer not verified" in alone.stdout
    trusted = run_cli(["verify", str(forged), "--trust", str(signed[1])])
    assert trusted.returncode == 1
    assert "Trusted:       NO" in trusted.stdout
    assert "VERIFICATION FAILED" in trusted.stdout


def test_control_and_bidi_characters_in_a_certificate_are_not_printed(tmp_path: Path) -> None:
    """A forged name could carry terminal escapes or U+202E, which reverses the line."""
    from triage_desktop.documents.samples import sample_summary
    from triage_desktop.documents.signing import sign_pdf
    from triage_desktop.documents.summary import render_summary

    forger = create_self_issued("Zoë \u202eÅngström\x1b[2J", "DRLRO", "University of Bath")
    path = tmp_path / "odd.pdf"
    path.write_bytes(sign_pdf(render_summary(sample_summary()), forger, reason="x"))
    result = run_cli(["verify", str(path)])
    assert result.returncode == 3, result.stderr
    assert "Signer:        Zoë Ångström[2J" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout


def test_one_changed_byte_fails(signed: tuple[Path, Path], tmp_path: Path) -> None:
    data = bytearray(signed[0].read_bytes())
    data[len(data) // 2] ^= 0x20
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    result = run_cli(["verify", str(tampered), "--trust", str(signed[1])])
    assert result.returncode == 1
    assert "VERIFICATION FAILED" in result.stdout


def test_untrusted_certificate_fails(signed: tuple[Path, Path], tmp_path: Path) -> None:
    other = tmp_path / "other.pem"
    other.write_bytes(
        create_self_issued("张伟", "HR Advisor", "University of Bath").certificate_pem()
    )
    result = run_cli(["verify", str(signed[0]), "--trust", str(other)])
    assert result.returncode == 1
    assert "Trusted:       NO" in result.stdout


def test_unsigned_pdf_fails_with_one_line(tmp_path: Path) -> None:
    from triage_desktop.documents.samples import sample_summary
    from triage_desktop.documents.summary import render_summary

    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(render_summary(sample_summary()).data)
    result = run_cli(["verify", str(unsigned)])
    assert result.returncode == 1
    assert result.stderr.strip().endswith("This PDF is not signed.")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"hello, not a pdf", "This file is not a PDF."), (b"", "This file is not a PDF.")],
)
def test_non_pdf_fails_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "note.pdf"
    path.write_bytes(content)
    result = run_cli(["verify", str(path)])
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_and_bad_trust_file(signed: tuple[Path, Path], tmp_path: Path) -> None:
    result = run_cli(["verify", str(tmp_path / "absent.pdf")])
    assert result.returncode == 2
    assert "File not found" in result.stderr
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate")
    result = run_cli(["verify", str(signed[0]), "--trust", str(bad)])
    assert result.returncode == 2
    assert "not a PEM or DER certificate" in result.stderr


def test_protected_pdf_needs_its_password(tmp_path: Path) -> None:
    from triage_desktop.documents.letters import render_letter
    from triage_desktop.documents.samples import sample_letter
    from triage_desktop.documents.signing import sign_pdf

    officer = create_self_issued("Zoë Ångström", "DRLRO", "University of Bath")
    path = tmp_path / "protected.pdf"
    path.write_bytes(
        sign_pdf(render_letter(sample_letter()), officer, reason="x", password="s3cret-pass")
    )
    result = run_cli(["verify", str(path)], env={"TRIAGE_DESKTOP_PDF_PASSWORD": ""})
    assert result.returncode == 2
    assert "password-protected" in result.stderr
    result = run_cli(["verify", str(path)], env={"TRIAGE_DESKTOP_PDF_PASSWORD": "wrong-pass"})
    assert result.returncode == 2
    assert "password for this PDF is wrong" in result.stderr
    result = run_cli(["verify", str(path)], env={"TRIAGE_DESKTOP_PDF_PASSWORD": "s3cret-pass"})
    assert result.returncode == 3, result.stderr  # valid; the signer not checked (no --trust)
    assert "Valid:         yes" in result.stdout
