# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_passphrase.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize)
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_SettingsPassphrasePage(object):
    def setupUi(self, SettingsPassphrasePage):
        if not SettingsPassphrasePage.objectName():
            SettingsPassphrasePage.setObjectName(u"SettingsPassphrasePage")
        self.layout = QVBoxLayout(SettingsPassphrasePage)
        self.layout.setSpacing(10)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(SettingsPassphrasePage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.layout.addWidget(self.titleLabel)

        self.passphraseHelp = QLabel(SettingsPassphrasePage)
        self.passphraseHelp.setObjectName(u"passphraseHelp")
        self.passphraseHelp.setWordWrap(True)

        self.layout.addWidget(self.passphraseHelp)

        self.passphraseForm = QFormLayout()
        self.passphraseForm.setObjectName(u"passphraseForm")
        self.currentLabel = QLabel(SettingsPassphrasePage)
        self.currentLabel.setObjectName(u"currentLabel")

        self.passphraseForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.currentLabel)

        self.currentEdit = QLineEdit(SettingsPassphrasePage)
        self.currentEdit.setObjectName(u"currentEdit")
        self.currentEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphraseForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.currentEdit)

        self.useRecoveryCheck = QCheckBox(SettingsPassphrasePage)
        self.useRecoveryCheck.setObjectName(u"useRecoveryCheck")

        self.passphraseForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.useRecoveryCheck)

        self.newLabel = QLabel(SettingsPassphrasePage)
        self.newLabel.setObjectName(u"newLabel")

        self.passphraseForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.newLabel)

        self.newEdit = QLineEdit(SettingsPassphrasePage)
        self.newEdit.setObjectName(u"newEdit")
        self.newEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphraseForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.newEdit)

        self.strengthTitle = QLabel(SettingsPassphrasePage)
        self.strengthTitle.setObjectName(u"strengthTitle")

        self.passphraseForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.strengthTitle)

        self.strengthBar = QProgressBar(SettingsPassphrasePage)
        self.strengthBar.setObjectName(u"strengthBar")
        self.strengthBar.setMaximum(4)
        self.strengthBar.setValue(0)
        self.strengthBar.setTextVisible(False)

        self.passphraseForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.strengthBar)

        self.strengthLabel = QLabel(SettingsPassphrasePage)
        self.strengthLabel.setObjectName(u"strengthLabel")
        self.strengthLabel.setWordWrap(True)

        self.passphraseForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.strengthLabel)

        self.confirmLabel = QLabel(SettingsPassphrasePage)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.passphraseForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirmEdit = QLineEdit(SettingsPassphrasePage)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphraseForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.confirmEdit)


        self.layout.addLayout(self.passphraseForm)

        self.passphraseError = QLabel(SettingsPassphrasePage)
        self.passphraseError.setObjectName(u"passphraseError")
        self.passphraseError.setWordWrap(True)

        self.layout.addWidget(self.passphraseError)

        self.changeRow = QHBoxLayout()
        self.changeRow.setObjectName(u"changeRow")
        self.changeButton = QPushButton(SettingsPassphrasePage)
        self.changeButton.setObjectName(u"changeButton")

        self.changeRow.addWidget(self.changeButton)

        self.changeProgress = QProgressBar(SettingsPassphrasePage)
        self.changeProgress.setObjectName(u"changeProgress")
        self.changeProgress.setMaximum(0)
        self.changeProgress.setTextVisible(False)
        self.changeProgress.setMaximumSize(QSize(200, 16777215))

        self.changeRow.addWidget(self.changeProgress)

        self.changeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.changeRow.addItem(self.changeSpacer)


        self.layout.addLayout(self.changeRow)

        self.passphraseStatus = QLabel(SettingsPassphrasePage)
        self.passphraseStatus.setObjectName(u"passphraseStatus")
        self.passphraseStatus.setWordWrap(True)

        self.layout.addWidget(self.passphraseStatus)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.currentLabel.setBuddy(self.currentEdit)
        self.newLabel.setBuddy(self.newEdit)
        self.confirmLabel.setBuddy(self.confirmEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.currentEdit, self.useRecoveryCheck)
        QWidget.setTabOrder(self.useRecoveryCheck, self.newEdit)
        QWidget.setTabOrder(self.newEdit, self.confirmEdit)
        QWidget.setTabOrder(self.confirmEdit, self.changeButton)

        self.retranslateUi(SettingsPassphrasePage)
    # setupUi

    def retranslateUi(self, SettingsPassphrasePage):
#if QT_CONFIG(accessibility)
        SettingsPassphrasePage.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("SettingsPassphrasePage", u"Change the passphrase", None))
        self.passphraseHelp.setText(QCoreApplication.translate("SettingsPassphrasePage", u"The new passphrase unlocks this vault from the next unlock on; your recovery key stays the same. Forgotten the current passphrase? Unlock with your recovery key, then tick the box below and type the recovery key instead.", None))
        self.currentLabel.setText(QCoreApplication.translate("SettingsPassphrasePage", u"C&urrent passphrase", None))
#if QT_CONFIG(accessibility)
        self.currentEdit.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"Current passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.useRecoveryCheck.setText(QCoreApplication.translate("SettingsPassphrasePage", u"Use my recovery &key instead", None))
#if QT_CONFIG(accessibility)
        self.useRecoveryCheck.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"Use my recovery key instead of the current passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.newLabel.setText(QCoreApplication.translate("SettingsPassphrasePage", u"&New passphrase", None))
#if QT_CONFIG(accessibility)
        self.newEdit.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"New passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.strengthTitle.setText(QCoreApplication.translate("SettingsPassphrasePage", u"Strength", None))
#if QT_CONFIG(accessibility)
        self.strengthBar.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"New passphrase strength", None))
#endif // QT_CONFIG(accessibility)
        self.strengthLabel.setText("")
#if QT_CONFIG(accessibility)
        self.strengthLabel.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"New passphrase strength in words", None))
#endif // QT_CONFIG(accessibility)
        self.confirmLabel.setText(QCoreApplication.translate("SettingsPassphrasePage", u"New passphrase a&gain", None))
#if QT_CONFIG(accessibility)
        self.confirmEdit.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"New passphrase again", None))
#endif // QT_CONFIG(accessibility)
        self.passphraseError.setText("")
#if QT_CONFIG(accessibility)
        self.passphraseError.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"Passphrase problem", None))
#endif // QT_CONFIG(accessibility)
        self.changeButton.setText(QCoreApplication.translate("SettingsPassphrasePage", u"C&hange the passphrase", None))
#if QT_CONFIG(accessibility)
        self.changeButton.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"Change the passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.changeProgress.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"Changing the passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.passphraseStatus.setText("")
#if QT_CONFIG(accessibility)
        self.passphraseStatus.setAccessibleName(QCoreApplication.translate("SettingsPassphrasePage", u"Passphrase change result", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

