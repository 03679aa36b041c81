"""Exporting a signed document or a password-protected letter: a new owner-only file or a clear
message, never a replaced file, a half-written one or a raw OS error (a full disk, a read-only
folder, a name already taken)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.readonly import fill, read_only_folder, small_disk
from tests.support.vaults import create_vault, details
from triage_desktop.documents.samples import sample_letter
from triage_desktop.services.documents_service import DocumentsService
from triage_desktop.services.errors import DiskFull, ExportExists, VaultReadOnly

PDF = b"%PDF-1.7 fictional " + b"x" * 200_000  # larger than the space left on the small disk


@pytest.fixture
def documents(tmp_path: Path) -> DocumentsService:
    vault, _ = create_vault(tmp_path / "vault", use_keychain=False)
    service = DocumentsService(vault)
    service.set_up_identity("Zoë Ångström", "DRLRO", "University of Bath")
    return service


@pytest.fixture
def summary_id(documents: DocumentsService) -> int:
    """A stored summary's document id."""
    vault = documents.vault
    return vault.add_document(vault.create_case(details()).id, "summary", PDF).id


def test_a_document_export_never_replaces_a_file(
    documents: DocumentsService, summary_id: int, tmp_path: Path
) -> None:
    vault = documents.vault
    taken = tmp_path / "summary.pdf"
    taken.write_bytes(b"the officer's earlier file")
    with pytest.raises(ExportExists, match="already exists: choose another name"):
        vault.export_document(summary_id, taken)
    assert taken.read_bytes() == b"the officer's earlier file"
    written = vault.export_document(summary_id, tmp_path / "summary-2.pdf")
    assert written.read_bytes() == PDF
    assert written.stat().st_mode & 0o077 == 0


def test_a_document_export_on_a_full_disk_says_so_and_leaves_no_partial_file(
    documents: DocumentsService, summary_id: int, tmp_path: Path
) -> None:
    vault = documents.vault
    with small_disk(tmp_path / "usb", 256) as disk:
        filler = fill(disk, leave_bytes=16_384)
        with pytest.raises(DiskFull, match=r"Nothing was written\. The disk holding .* is full"):
            vault.export_document(summary_id, disk / "summary.pdf")
        assert sorted(p.name for p in disk.iterdir()) == [filler.name]


def test_a_protected_letter_export_on_a_full_disk_says_so_and_records_no_export(
    documents: DocumentsService, tmp_path: Path
) -> None:
    case = documents.vault.create_case(details())
    before = len(documents.vault.audit_entries(case.id))
    with small_disk(tmp_path / "usb", 256) as disk:
        filler = fill(disk, leave_bytes=0)
        with pytest.raises(DiskFull, match="is full: free some space, then try again"):
            documents.export_protected_letter(
                case.id, sample_letter(), "a long password", disk / "letter.pdf"
            )
        assert sorted(p.name for p in disk.iterdir()) == [filler.name]
    assert len(documents.vault.audit_entries(case.id)) == before


def test_a_document_export_into_a_read_only_folder_says_so(
    documents: DocumentsService, summary_id: int, tmp_path: Path
) -> None:
    vault = documents.vault
    folder = tmp_path / "shared"
    folder.mkdir()
    with read_only_folder(folder), pytest.raises(VaultReadOnly, match="read-only"):
        vault.export_document(summary_id, folder / "summary.pdf")
    assert list(folder.iterdir()) == []
