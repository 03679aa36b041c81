# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_backup.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, Qt)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit,
    QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout)

class Ui_SettingsBackupPage(object):
    def setupUi(self, SettingsBackupPage):
        if not SettingsBackupPage.objectName():
            SettingsBackupPage.setObjectName(u"SettingsBackupPage")
        self.layout = QVBoxLayout(SettingsBackupPage)
        self.layout.setSpacing(10)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(SettingsBackupPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.layout.addWidget(self.titleLabel)

        self.backupHelp = QLabel(SettingsBackupPage)
        self.backupHelp.setObjectName(u"backupHelp")
        self.backupHelp.setWordWrap(True)

        self.layout.addWidget(self.backupHelp)

        self.backupFolderRow = QHBoxLayout()
        self.backupFolderRow.setObjectName(u"backupFolderRow")
        self.backupFolderLabel = QLabel(SettingsBackupPage)
        self.backupFolderLabel.setObjectName(u"backupFolderLabel")

        self.backupFolderRow.addWidget(self.backupFolderLabel)

        self.backupFolderEdit = QLineEdit(SettingsBackupPage)
        self.backupFolderEdit.setObjectName(u"backupFolderEdit")
        self.backupFolderEdit.setReadOnly(True)

        self.backupFolderRow.addWidget(self.backupFolderEdit)

        self.chooseBackupFolderButton = QPushButton(SettingsBackupPage)
        self.chooseBackupFolderButton.setObjectName(u"chooseBackupFolderButton")

        self.backupFolderRow.addWidget(self.chooseBackupFolderButton)

        self.backupNowButton = QPushButton(SettingsBackupPage)
        self.backupNowButton.setObjectName(u"backupNowButton")

        self.backupFolderRow.addWidget(self.backupNowButton)


        self.layout.addLayout(self.backupFolderRow)

        self.backupProgress = QProgressBar(SettingsBackupPage)
        self.backupProgress.setObjectName(u"backupProgress")
        self.backupProgress.setTextVisible(False)

        self.layout.addWidget(self.backupProgress)

        self.backupStatus = QLabel(SettingsBackupPage)
        self.backupStatus.setObjectName(u"backupStatus")
        self.backupStatus.setWordWrap(True)
        self.backupStatus.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse|Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.layout.addWidget(self.backupStatus)

        self.restoreHeading = QLabel(SettingsBackupPage)
        self.restoreHeading.setObjectName(u"restoreHeading")

        self.layout.addWidget(self.restoreHeading)

        self.restoreHelp = QLabel(SettingsBackupPage)
        self.restoreHelp.setObjectName(u"restoreHelp")
        self.restoreHelp.setWordWrap(True)

        self.layout.addWidget(self.restoreHelp)

        self.restoreRow = QHBoxLayout()
        self.restoreRow.setObjectName(u"restoreRow")
        self.chooseRestoreButton = QPushButton(SettingsBackupPage)
        self.chooseRestoreButton.setObjectName(u"chooseRestoreButton")

        self.restoreRow.addWidget(self.chooseRestoreButton)

        self.restoreButton = QPushButton(SettingsBackupPage)
        self.restoreButton.setObjectName(u"restoreButton")

        self.restoreRow.addWidget(self.restoreButton)

        self.restoreSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.restoreRow.addItem(self.restoreSpacer)


        self.layout.addLayout(self.restoreRow)

        self.restoreStatus = QLabel(SettingsBackupPage)
        self.restoreStatus.setObjectName(u"restoreStatus")
        self.restoreStatus.setWordWrap(True)
        self.restoreStatus.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse|Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.layout.addWidget(self.restoreStatus)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpacer)


        self.retranslateUi(SettingsBackupPage)
    # setupUi

    def retranslateUi(self, SettingsBackupPage):
#if QT_CONFIG(accessibility)
        SettingsBackupPage.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Backup and restore", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("SettingsBackupPage", u"Backup and restore", None))
        self.backupHelp.setText(QCoreApplication.translate("SettingsBackupPage", u"A backup is an encrypted copy of the whole vault, checked as it is written. It opens with the same passphrase on this computer, or with the recovery key anywhere.", None))
        self.backupFolderLabel.setText(QCoreApplication.translate("SettingsBackupPage", u"Backup folder", None))
        self.backupFolderEdit.setPlaceholderText(QCoreApplication.translate("SettingsBackupPage", u"Not chosen yet", None))
#if QT_CONFIG(accessibility)
        self.backupFolderEdit.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Backup folder", None))
#endif // QT_CONFIG(accessibility)
        self.chooseBackupFolderButton.setText(QCoreApplication.translate("SettingsBackupPage", u"C&hoose folder\u2026", None))
#if QT_CONFIG(accessibility)
        self.chooseBackupFolderButton.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Choose backup folder", None))
#endif // QT_CONFIG(accessibility)
        self.backupNowButton.setText(QCoreApplication.translate("SettingsBackupPage", u"&Back up now", None))
#if QT_CONFIG(accessibility)
        self.backupNowButton.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Back up now", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.backupProgress.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Backup progress", None))
#endif // QT_CONFIG(accessibility)
        self.backupStatus.setText("")
#if QT_CONFIG(accessibility)
        self.backupStatus.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Backup status", None))
#endif // QT_CONFIG(accessibility)
        self.restoreHeading.setText(QCoreApplication.translate("SettingsBackupPage", u"Restore from a backup", None))
        self.restoreHelp.setText(QCoreApplication.translate("SettingsBackupPage", u"Restoring replaces this vault with a backup. The vault you have now is not deleted: it is moved aside as a safety copy (in the vault folder, under safety-copies). Triage Desk locks first, then asks for the backup's passphrase or recovery key.", None))
        self.chooseRestoreButton.setText(QCoreApplication.translate("SettingsBackupPage", u"Choose a &backup to restore\u2026", None))
#if QT_CONFIG(accessibility)
        self.chooseRestoreButton.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Choose a backup to restore", None))
#endif // QT_CONFIG(accessibility)
        self.restoreButton.setText(QCoreApplication.translate("SettingsBackupPage", u"&Restore this backup\u2026", None))
#if QT_CONFIG(accessibility)
        self.restoreButton.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Restore this backup", None))
#endif // QT_CONFIG(accessibility)
        self.restoreStatus.setText("")
#if QT_CONFIG(accessibility)
        self.restoreStatus.setAccessibleName(QCoreApplication.translate("SettingsBackupPage", u"Restore status", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

