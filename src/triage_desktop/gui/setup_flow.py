"""First run: officer profile, passphrase, keychain choice, the recovery key shown once, and
the signing certificate. Built in code rather than a Designer form because its pages depend on
what this computer offers (a keychain or none)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.cases.model import OfficerRole
from triage_desktop.gui import warm_up, workspace_warm_up
from triage_desktop.gui.context import AppContext, describe_error
from triage_desktop.gui.look import make_heading
from triage_desktop.services.passphrase_strength import MIN_LENGTH, estimate, problem

ROLE_LABELS = {
    OfficerRole.DRLRO: "Dignity and Respect Liaison and Resolution Officer (students)",
    OfficerRole.HR_ADVISOR: "HR advisor (staff)",
}
PAGE_PROFILE, PAGE_PASSPHRASE, PAGE_KEYCHAIN, PAGE_RECOVERY, PAGE_CERTIFICATE = range(5)


def _wrapping_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class _Page(QWidget):
    def __init__(self, title: str, intro: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        heading = QLabel(title, self)
        make_heading(heading, 1.4)
        heading.setAccessibleName(title)
        self.layout_.addWidget(heading)
        self.intro = _wrapping_label(intro, self)
        self.intro.setAccessibleName(f"{title}: explanation")
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)

    def finish(self) -> None:
        self.layout_.addStretch(1)


class SetupFlow(QWidget):
    """Emits `finished` once the vault exists, is unlocked, and the officer has their key."""

    finished = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None, kdf: Any = None) -> None:
        super().__init__(parent)
        self.context = context
        self._kdf = kdf  # tests pass cheap parameters; None means the tuned default
        self._recovery_key = ""
        self._confirm_group = 0
        self._keychain_available = False
        self._keychain_checking = False
        self.setAccessibleName("Set up Triage Desk")

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        outer.addLayout(column, 3)
        outer.addStretch(1)
        self.pages = QStackedWidget(self)
        column.addStretch(1)
        column.addWidget(self.pages)
        self.message = _wrapping_label("", self)
        self.message.setAccessibleName("Setup message")
        column.addWidget(self.message)
        buttons = QHBoxLayout()
        self.back_button = QPushButton("&Back", self)
        self.back_button.setAccessibleName("Back")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        self.next_button = QPushButton("&Next", self)
        self.next_button.setAccessibleName("Next")
        self.next_button.setDefault(True)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.busy)
        buttons.addWidget(self.next_button)
        column.addLayout(buttons)
        column.addStretch(1)

        self._build_profile()
        self._build_passphrase()
        self._build_keychain()
        self._build_recovery()
        self._build_certificate()
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        for edit in self.findChildren(QLineEdit):  # a message about a field goes once it changes
            edit.textEdited.connect(lambda _text: self.message.setText(""))
        self._show(PAGE_PROFILE)
        self._check_keychain()

    # -- pages ----------------------------------------------------------------------------------

    def _build_profile(self) -> None:
        page = _Page(
            "Welcome to Triage Desk",
            "Triage Desk keeps your triage records in an encrypted vault on this computer. "
            "First, tell it who you are: your name appears on the documents you sign.",
            self.pages,
        )
        self.name_edit = QLineEdit(page)
        self.name_edit.setAccessibleName("Your name")
        self.role_combo = QComboBox(page)
        self.role_combo.setAccessibleName("Your role")
        for role, label in ROLE_LABELS.items():
            self.role_combo.addItem(label, role.value)
        self.email_edit = QLineEdit(page)
        self.email_edit.setAccessibleName("Your work email (optional)")
        page.form.addRow("Your &name", self.name_edit)
        page.form.addRow("Your &role", self.role_combo)
        page.form.addRow("Work &email (optional)", self.email_edit)
        page.finish()
        self.pages.addWidget(page)

    def _build_passphrase(self) -> None:
        page = _Page(
            "Choose a passphrase",
            f"You will type it each time you open Triage Desk. Use at least {MIN_LENGTH} "
            "characters; a few unrelated words is easiest to remember and hard to guess. "
            "If you ever forget it, the recovery key you get next opens the vault.",
            self.pages,
        )
        self.passphrase_edit = QLineEdit(page)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.confirm_edit = QLineEdit(page)
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName("Passphrase again")
        self.strength_bar = QProgressBar(page)
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setAccessibleName("Passphrase strength")
        self.strength_label = QLabel("", page)
        self.strength_label.setAccessibleName("Passphrase strength in words")
        page.form.addRow("&Passphrase", self.passphrase_edit)
        page.form.addRow("Passphrase &again", self.confirm_edit)
        page.form.addRow("Strength", self.strength_bar)
        page.form.addRow("", self.strength_label)
        self.passphrase_edit.textChanged.connect(self._update_strength)
        page.finish()
        self.pages.addWidget(page)

    def _build_keychain(self) -> None:
        page = _Page("This computer's keychain", "Checking this computer's keychain…", self.pages)
        self.keychain_check = QCheckBox(
            "Also lock the vault to this computer's &keychain (recommended)", page
        )
        self.keychain_check.setAccessibleName("Use this computer's keychain")
        self.keychain_check.setChecked(True)
        self.passphrase_only = QRadioButton(
            "I understand: protect the vault with my &passphrase alone", page
        )
        self.passphrase_only.setAccessibleName("Use passphrase-only mode")
        self._only_group = QButtonGroup(page)
        self._only_group.addButton(self.passphrase_only)
        self.check_again_button = QPushButton("Check the keychain &again", page)
        self.check_again_button.setAccessibleName("Check this computer's keychain again")
        self.check_again_button.clicked.connect(self._check_keychain)
        row = QHBoxLayout()
        row.addWidget(self.check_again_button)
        row.addStretch(1)
        page.layout_.addWidget(self.keychain_check)
        page.layout_.addWidget(self.passphrase_only)
        page.layout_.addLayout(row)
        self.keychain_check.hide()
        self.passphrase_only.hide()
        self.check_again_button.hide()
        self._keychain_page = page
        page.finish()
        self.pages.addWidget(page)

    def _build_recovery(self) -> None:
        page = _Page(
            "Your recovery key",
            "This key opens your vault on any computer if you forget your passphrase. It is "
            "shown only now. Write it down, print it, or save it, and keep it somewhere safe "
            "away from this laptop.",
            self.pages,
        )
        self.recovery_label = QLabel("", page)
        self.recovery_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        make_heading(self.recovery_label, 1.3)
        self.recovery_label.setWordWrap(True)
        self.recovery_label.setAccessibleName("Recovery key")
        # The key and its buttons go above the confirmation form that _Page already placed.
        page.layout_.insertWidget(2, self.recovery_label)
        row = QHBoxLayout()
        self.print_button = QPushButton("&Print…", page)
        self.print_button.setAccessibleName("Print the recovery key")
        self.save_button = QPushButton("&Save as PDF…", page)
        self.save_button.setAccessibleName("Save the recovery key as a PDF")
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        page.layout_.insertLayout(3, row)
        self.confirm_prompt = QLabel("", page)
        self.confirm_prompt.setWordWrap(True)
        self.confirm_group_edit = QLineEdit(page)
        self.confirm_group_edit.setAccessibleName("Part of the recovery key, to confirm")
        self.confirm_prompt.setBuddy(self.confirm_group_edit)
        page.form.addRow(self.confirm_prompt)
        page.form.addRow("&Confirm", self.confirm_group_edit)
        self.print_button.clicked.connect(self._print_key)
        self.save_button.clicked.connect(self._save_key)
        page.finish()
        self.pages.addWidget(page)

    def _build_certificate(self) -> None:
        page = _Page(
            "Your signing certificate",
            "Triage Desk signs every summary and letter so anyone can check later that it was "
            "not changed. Create your own certificate now, or import the one the University "
            "issued you (a PKCS#12 file).",
            self.pages,
        )
        self.create_cert = QRadioButton("C&reate my own signing certificate", page)
        self.create_cert.setAccessibleName("Create my own signing certificate")
        self.create_cert.setChecked(True)
        self.import_cert = QRadioButton("&Import the University's certificate", page)
        self.import_cert.setAccessibleName("Import the University's certificate")
        self.later_cert = QRadioButton("Do this &later in Settings", page)
        self.later_cert.setAccessibleName("Set up the certificate later")
        self.organisation_edit = QLineEdit("University", page)
        self.organisation_edit.setAccessibleName("Organisation on the certificate")
        self.pkcs12_edit = QLineEdit(page)
        self.pkcs12_edit.setAccessibleName("PKCS#12 file")
        self.pkcs12_browse = QPushButton("Choose &file…", page)
        self.pkcs12_browse.setAccessibleName("Choose the PKCS#12 file")
        self.pkcs12_password = QLineEdit(page)
        self.pkcs12_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.pkcs12_password.setAccessibleName("PKCS#12 file password")
        for button in (self.create_cert, self.import_cert, self.later_cert):
            page.form.addRow(button)
        page.form.addRow("&Organisation", self.organisation_edit)
        file_row = QHBoxLayout()
        file_row.addWidget(self.pkcs12_edit)
        file_row.addWidget(self.pkcs12_browse)
        page.form.addRow("PKCS#12 file", file_row)
        page.form.addRow("File pass&word", self.pkcs12_password)
        self.pkcs12_browse.clicked.connect(self._choose_pkcs12)
        page.finish()
        self.pages.addWidget(page)

    # -- navigation -----------------------------------------------------------------------------

    def _show(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.message.setText("")
        # Once the vault exists there is no going back to the steps that made it.
        self.back_button.setEnabled(index in (PAGE_PASSPHRASE, PAGE_KEYCHAIN))
        self.next_button.setText("&Finish" if index == PAGE_CERTIFICATE else "&Next")
        first_field = {
            PAGE_PROFILE: self.name_edit,
            PAGE_PASSPHRASE: self.passphrase_edit,
            PAGE_RECOVERY: self.confirm_group_edit,
        }.get(index)
        if first_field is not None:
            first_field.setFocus()
        if index == PAGE_KEYCHAIN and self._keychain_checking:
            self._busy(True)  # the check is still running: say so, and wait for its answer

    def _back(self) -> None:
        self._show(max(self.pages.currentIndex() - 1, PAGE_PROFILE))

    def _next(self) -> None:
        index = self.pages.currentIndex()
        problem = self._problem_on(index)
        if problem:
            self.message.setText(problem)
            return
        if index == PAGE_KEYCHAIN:
            self._create_vault()
        elif index == PAGE_CERTIFICATE:
            self._set_up_certificate()
        else:
            self._show(index + 1)

    def _problem_on(self, index: int) -> str:
        if index == PAGE_PROFILE and not self.name_edit.text().strip():
            return "Please enter your name: it goes on the documents you sign."
        if index == PAGE_PASSPHRASE:
            refused = problem(self.passphrase_edit.text())
            if refused:
                return refused
            if self.passphrase_edit.text() != self.confirm_edit.text():
                return "The two passphrases are not the same. Please type them again."
        if (
            index == PAGE_KEYCHAIN
            and not self._keychain_available
            and not self.passphrase_only.isChecked()
        ):
            return "Please confirm passphrase-only mode to continue."
        if index == PAGE_RECOVERY and not self._confirmed():
            return "That is not the right part of the key. Check what you wrote down."
        if (
            index == PAGE_CERTIFICATE
            and self.import_cert.isChecked()
            and not self.pkcs12_edit.text()
        ):
            return "Choose the PKCS#12 file the University gave you."
        return ""

    def _update_strength(self, text: str) -> None:
        strength = estimate(text)
        self.strength_bar.setValue(strength.score)
        self.strength_label.setText(f"{strength.label}. {strength.advice}")

    # -- keychain -----------------------------------------------------------------------------

    def _check_keychain(self) -> None:
        """Ask (on a worker) which keychain this computer offers. The answer is usually there
        before the officer reaches its page; until then that page shows it is checking."""
        self._keychain_checking = True
        self._keychain_available = False
        self._keychain_page.intro.setText("Checking this computer's keychain…")
        for widget in (self.keychain_check, self.passphrase_only, self.check_again_button):
            widget.hide()
        if self.pages.currentIndex() == PAGE_KEYCHAIN:
            self._busy(True)
        self.context.run(
            lambda _service: _keychain_status(),
            self._keychain_known,
            self._keychain_unknown,
            owner=self,
        )

    def _keychain_unknown(self, error: BaseException) -> None:
        self._keychain_known(_NoKeychain(describe_error(error)))

    def _keychain_known(self, status: Any) -> None:
        self._keychain_checking = False
        if self.pages.currentIndex() == PAGE_KEYCHAIN:
            self._busy(False)
        # The officer is still typing: load what creating the vault needs (gui/warm_up.py).
        warm_up.start(warm_up.VAULT_CREATION)
        self._keychain_available = bool(status.available)
        page = self._keychain_page
        if self._keychain_available:
            page.intro.setText(
                f"{status.description} With it, a copy of the vault files is useless on another "
                "computer even with your passphrase. Your recovery key still opens the vault "
                "anywhere."
            )
            self.keychain_check.show()
        else:
            page.intro.setText(
                f"{status.description} In passphrase-only mode anyone who copies the vault files "
                "and learns your passphrase can open them, so choose a strong passphrase. "
                "Triage Desk never stores secrets in plain text instead."
            )
            self.passphrase_only.show()
            self.check_again_button.show()

    # -- work ---------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.next_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy and self.pages.currentIndex() == PAGE_KEYCHAIN)

    def _fail(self, error: BaseException) -> None:
        self._busy(False)
        self.message.setText(describe_error(error))

    def _create_vault(self) -> None:
        from triage_desktop.services.session import OfficerProfile

        officer = OfficerProfile(
            self.name_edit.text().strip(),
            OfficerRole(self.role_combo.currentData()),
            self.email_edit.text().strip(),
        )
        passphrase = self.passphrase_edit.text()
        use_keychain = self._keychain_available and self.keychain_check.isChecked()
        kdf = self._kdf

        def create(service: Any) -> str:
            if kdf is None:
                return str(service.create(officer, passphrase, use_keychain=use_keychain))
            return str(service.create(officer, passphrase, use_keychain=use_keychain, kdf=kdf))

        self._busy(True)
        self.context.run(create, self._vault_created, self._fail, owner=self)

    def _vault_created(self, recovery_key: str) -> None:
        self._busy(False)
        # While the officer writes the key down: what the workspace shows first (gui/warm_up.py).
        warm_up.start(workspace_warm_up.WORKSPACE)
        self.passphrase_edit.clear()
        self.confirm_edit.clear()
        self._recovery_key = recovery_key
        groups = recovery_key.split("-")
        self._confirm_group = secrets.randbelow(len(groups) - 1) + 2  # never the first group
        self.recovery_label.setText(recovery_key)
        self.confirm_prompt.setText(
            f"To check you have it, type group {self._confirm_group} of the key "
            f"(the {self._confirm_group}{_ordinal(self._confirm_group)} block of characters)."
        )
        self._show(PAGE_RECOVERY)

    def _confirmed(self) -> bool:
        groups = self._recovery_key.split("-")
        typed = self.confirm_group_edit.text().strip().replace(" ", "").upper()
        return bool(groups) and typed == groups[self._confirm_group - 1]

    def _print_key(self) -> None:
        from triage_desktop.gui.recovery_sheet import print_sheet

        print_sheet(self, self._recovery_key, str(self.context.vault_folder))

    def _save_key(self) -> None:
        from triage_desktop.gui.recovery_sheet import save_pdf

        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the recovery key", "triage-desk-recovery-key.pdf", "PDF (*.pdf)"
        )
        if path:
            save_pdf(path, self._recovery_key, str(self.context.vault_folder))
            self.message.setText("Saved. Keep that file somewhere safe, away from this laptop.")

    def _choose_pkcs12(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "The University's certificate", "", "PKCS#12 (*.p12 *.pfx)"
        )
        if path:
            self.pkcs12_edit.setText(path)
            self.import_cert.setChecked(True)

    def _set_up_certificate(self) -> None:
        self._recovery_key = ""
        self.recovery_label.clear()
        later = self.later_cert.isChecked()
        name = self.name_edit.text().strip()
        role = self.role_combo.currentText()
        organisation = self.organisation_edit.text().strip() or "University"
        importing = self.import_cert.isChecked()
        pkcs12_path = Path(self.pkcs12_edit.text())
        password = self.pkcs12_password.text().encode("utf-8") or None

        def set_up(service: Any) -> None:
            from triage_desktop.services.documents_service import DocumentsService

            if not later:
                documents = DocumentsService(service)
                if importing:
                    documents.import_identity(pkcs12_path.read_bytes(), password)
                else:
                    documents.set_up_identity(name, role, organisation)
            # As after an unlock: the workspace's modules and data are loaded here, on the
            # worker, behind the busy bar, so that building the workspace on the GUI thread only
            # creates widgets. Usually already done in the background (see _vault_created).
            workspace_warm_up.load_workspace()

        self._busy(True)
        self.context.run(set_up, lambda _r: self._certificate_ready(), self._fail, owner=self)

    def _certificate_ready(self) -> None:
        self._busy(False)
        self.pkcs12_password.clear()
        self.finished.emit()


def _keychain_status() -> Any:
    from triage_desktop.services.session import keychain_status

    return keychain_status()


class _NoKeychain:
    """The answer when the check itself failed: no keychain, and why, in plain words."""

    available = False

    def __init__(self, description: str) -> None:
        self.description = description


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
