"""The About dialog: version, licence, and where this computer keeps the vault."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from triage_desktop import APP_NAME, LICENCE, __version__
from triage_desktop.gui.generated.ui_about import Ui_AboutDialog
from triage_desktop.gui.look import app_icon, make_heading
from triage_desktop.paths import vault_dir


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, vault: str | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self.ui.iconLabel.setPixmap(app_icon().pixmap(64, 64))
        make_heading(self.ui.titleLabel, 1.5)
        self.version_label = self.ui.versionLabel
        self.version_label.setText(f"Version {__version__}")
        self.licence_label = self.ui.licenceLabel
        self.licence_label.setText(
            f"Free software under the GNU General Public License ({LICENCE}). "
            f"{APP_NAME} comes with no warranty."
        )
        self.data_label = self.ui.dataLabel
        self.data_label.setText(f"Your encrypted vault is kept in: {vault_dir(vault)}")
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.buttonBox.accepted.connect(self.accept)
