"""The About dialog: version, licence, and where this computer keeps the vault."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from triage_desktop import APP_NAME, LICENCE, __version__
from triage_desktop.gui.forms import child, load_form
from triage_desktop.gui.look import app_icon, make_heading
from triage_desktop.paths import vault_dir


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, vault: str | None = None) -> None:
        super().__init__(parent)
        form = load_form("about.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.setWindowTitle(form.windowTitle())
        self.setAccessibleName(form.accessibleName())
        self.resize(form.size())

        icon_label = child(form, QLabel, "iconLabel")
        icon_label.setPixmap(app_icon().pixmap(64, 64))
        make_heading(child(form, QLabel, "titleLabel"), 1.5)
        self.version_label: QLabel = child(form, QLabel, "versionLabel")
        self.version_label.setText(f"Version {__version__}")
        self.licence_label: QLabel = child(form, QLabel, "licenceLabel")
        self.licence_label.setText(
            f"Free software under the GNU General Public License ({LICENCE}). "
            f"{APP_NAME} comes with no warranty."
        )
        self.data_label: QLabel = child(form, QLabel, "dataLabel")
        self.data_label.setText(f"Your encrypted vault is kept in: {vault_dir(vault)}")
        buttons = child(form, QDialogButtonBox, "buttonBox")
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
