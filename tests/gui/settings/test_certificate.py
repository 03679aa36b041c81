"""The officer certificate: shown, exported as PEM that `cryptography` loads, imported from
PKCS#12 (a wrong password is explained), renewed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.settings.conftest import ScriptedPrompts, make_dialog
from tests.gui.settings.pki import university_pkcs12
from triage_desktop.gui.context import AppContext
from triage_desktop.gui.settings import SettingsDialog
from triage_desktop.services.documents_service import DocumentsService


@pytest.fixture
def with_identity(gui_context: AppContext) -> DocumentsService:
    documents = DocumentsService(gui_context.service)
    documents.set_up_identity("Officer Fictional", "DRLRO", "University of Example")
    return documents


def test_the_certificate_is_shown_and_exports_as_pem(
    qtbot: QtBot,
    with_identity: DocumentsService,
    open_dialog: SettingsDialog,
    prompts: ScriptedPrompts,
    tmp_path: Path,
) -> None:
    page = open_dialog.documents
    open_dialog.show_page(page)
    assert "Officer Fictional" in page.ui.subjectValue.text()
    assert "self-issued" in page.ui.subjectValue.text()
    assert page.ui.issuerValue.text() == "Officer Fictional, DRLRO, University of Example"
    assert "✓ Valid" in page.ui.validityValue.text()
    identity = with_identity.signing_identity()
    assert identity is not None
    assert page.ui.fingerprintValue.text() == identity.fingerprint

    destination = tmp_path / "officer.pem"
    prompts.save_files.append(destination)
    qtbot.mouseClick(page.ui.exportPemButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Certificate written" in page.ui.certificateMessage.text())
    certificate = x509.load_pem_x509_certificate(destination.read_bytes())
    assert b"PRIVATE KEY" not in destination.read_bytes()
    assert certificate.public_bytes(Encoding.DER) == identity.certificate_der


def test_pkcs12_import_explains_a_wrong_password_then_imports(
    qtbot: QtBot,
    with_identity: DocumentsService,
    open_dialog: SettingsDialog,
    prompts: ScriptedPrompts,
    tmp_path: Path,
) -> None:
    blob, university = university_pkcs12(b"right password")
    bundle = tmp_path / "officer.p12"
    bundle.write_bytes(blob)
    page = open_dialog.documents
    open_dialog.show_page(page)

    qtbot.keyClicks(page.ui.passwordEdit, "wrong password")
    prompts.open_files.append(bundle)
    qtbot.mouseClick(page.ui.importButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "password is wrong" in page.ui.certificateMessage.text())
    assert page.ui.certificateMessage.text().startswith("⚠")
    assert "Officer Fictional" in page.ui.subjectValue.text()
    unchanged = with_identity.signing_identity()
    assert unchanged is not None
    assert unchanged.organisation == "University of Example"

    page.ui.passwordEdit.clear()
    qtbot.keyClicks(page.ui.passwordEdit, "right password")
    prompts.open_files.append(bundle)
    qtbot.mouseClick(page.ui.importButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Certificate imported" in page.ui.certificateMessage.text())
    assert page.ui.passwordEdit.text() == ""
    assert "imported" in page.ui.subjectValue.text()
    assert "Example University Issuing CA" in page.ui.issuerValue.text()
    assert page.ui.fingerprintValue.text().replace(":", "").lower() == (
        university.fingerprint(hashes.SHA256()).hex()
    )
    assert not page.ui.renewButton.isEnabled()  # the University's PKI renews its own


def test_a_file_that_is_not_pkcs12_is_explained(
    qtbot: QtBot, open_dialog: SettingsDialog, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.p12"
    junk.write_bytes(b"this is not a certificate")
    page = open_dialog.documents
    prompts.open_files.append(junk)
    qtbot.mouseClick(page.ui.importButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not be opened" in page.ui.certificateMessage.text())
    assert "No signing certificate yet" in page.ui.subjectValue.text()
    assert not page.ui.exportPemButton.isEnabled()


def test_renew_replaces_the_certificate_after_a_confirmation(
    qtbot: QtBot,
    gui_context: AppContext,
    prompts: ScriptedPrompts,
    open_dialog: SettingsDialog,
) -> None:
    documents = DocumentsService(gui_context.service)
    old = documents.set_up_identity("Officer Fictional", "DRLRO", "University of Example")
    assert open_dialog.preferences is not None
    dialog = make_dialog(qtbot, gui_context, prompts, open_dialog.preferences)
    page = dialog.documents
    prompts.answers.append(False)
    qtbot.mouseClick(page.ui.renewButton, Qt.MouseButton.LeftButton)
    assert "renewed in its last 90 days" in prompts.asked[-1]
    gui_context.tasks.wait_all()
    assert page.ui.fingerprintValue.text() == old.fingerprint

    prompts.answers.append(True)
    qtbot.mouseClick(page.ui.renewButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Certificate renewed" in page.ui.certificateMessage.text())
    renewed = documents.signing_identity()
    assert renewed is not None
    assert renewed.fingerprint != old.fingerprint
    assert page.ui.fingerprintValue.text() == renewed.fingerprint
    assert renewed.not_after > dt.datetime.now(dt.UTC) + dt.timedelta(days=3 * 365 - 2)
