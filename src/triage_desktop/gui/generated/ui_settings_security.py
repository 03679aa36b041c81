# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_security.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize, Qt)
from PySide6.QtWidgets import (QComboBox, QLabel, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout)

class Ui_SettingsSecurityPage(object):
    def setupUi(self, SettingsSecurityPage):
        if not SettingsSecurityPage.objectName():
            SettingsSecurityPage.setObjectName(u"SettingsSecurityPage")
        self.layout = QVBoxLayout(SettingsSecurityPage)
        self.layout.setSpacing(10)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(SettingsSecurityPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.layout.addWidget(self.titleLabel)

        self.autoLockLabel = QLabel(SettingsSecurityPage)
        self.autoLockLabel.setObjectName(u"autoLockLabel")

        self.layout.addWidget(self.autoLockLabel)

        self.autoLockSpin = QSpinBox(SettingsSecurityPage)
        self.autoLockSpin.setObjectName(u"autoLockSpin")
        self.autoLockSpin.setMinimum(0)
        self.autoLockSpin.setMaximum(9999)
        self.autoLockSpin.setValue(5)
        self.autoLockSpin.setMaximumSize(QSize(220, 16777215))

        self.layout.addWidget(self.autoLockSpin)

        self.autoLockError = QLabel(SettingsSecurityPage)
        self.autoLockError.setObjectName(u"autoLockError")
        self.autoLockError.setWordWrap(True)

        self.layout.addWidget(self.autoLockError)

        self.autoLockHelp = QLabel(SettingsSecurityPage)
        self.autoLockHelp.setObjectName(u"autoLockHelp")
        self.autoLockHelp.setWordWrap(True)

        self.layout.addWidget(self.autoLockHelp)

        self.schemeLabel = QLabel(SettingsSecurityPage)
        self.schemeLabel.setObjectName(u"schemeLabel")

        self.layout.addWidget(self.schemeLabel)

        self.schemeCombo = QComboBox(SettingsSecurityPage)
        self.schemeCombo.setObjectName(u"schemeCombo")
        self.schemeCombo.setMaximumSize(QSize(320, 16777215))

        self.layout.addWidget(self.schemeCombo)

        self.schemeHelp = QLabel(SettingsSecurityPage)
        self.schemeHelp.setObjectName(u"schemeHelp")
        self.schemeHelp.setWordWrap(True)

        self.layout.addWidget(self.schemeHelp)

        self.keychainLabel = QLabel(SettingsSecurityPage)
        self.keychainLabel.setObjectName(u"keychainLabel")

        self.layout.addWidget(self.keychainLabel)

        self.keychainValue = QLabel(SettingsSecurityPage)
        self.keychainValue.setObjectName(u"keychainValue")
        self.keychainValue.setWordWrap(True)
        self.keychainValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse|Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.layout.addWidget(self.keychainValue)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.autoLockLabel.setBuddy(self.autoLockSpin)
        self.schemeLabel.setBuddy(self.schemeCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsSecurityPage)
    # setupUi

    def retranslateUi(self, SettingsSecurityPage):
#if QT_CONFIG(accessibility)
        SettingsSecurityPage.setAccessibleName(QCoreApplication.translate("SettingsSecurityPage", u"Locking and appearance", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("SettingsSecurityPage", u"Locking and appearance", None))
        self.autoLockLabel.setText(QCoreApplication.translate("SettingsSecurityPage", u"&Lock the vault after this many idle minutes", None))
#if QT_CONFIG(accessibility)
        self.autoLockSpin.setAccessibleName(QCoreApplication.translate("SettingsSecurityPage", u"Auto-lock minutes", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.autoLockSpin.setAccessibleDescription(QCoreApplication.translate("SettingsSecurityPage", u"Between 1 and 240 minutes", None))
#endif // QT_CONFIG(accessibility)
        self.autoLockSpin.setSuffix(QCoreApplication.translate("SettingsSecurityPage", u" minutes", None))
        self.autoLockError.setText("")
#if QT_CONFIG(accessibility)
        self.autoLockError.setAccessibleName(QCoreApplication.translate("SettingsSecurityPage", u"Auto-lock problem", None))
#endif // QT_CONFIG(accessibility)
        self.autoLockHelp.setText(QCoreApplication.translate("SettingsSecurityPage", u"Locking closes every case and clears the screen. Shorter is safer in shared rooms.", None))
        self.schemeLabel.setText(QCoreApplication.translate("SettingsSecurityPage", u"Colour &scheme", None))
#if QT_CONFIG(accessibility)
        self.schemeCombo.setAccessibleName(QCoreApplication.translate("SettingsSecurityPage", u"Colour scheme", None))
#endif // QT_CONFIG(accessibility)
        self.schemeHelp.setText(QCoreApplication.translate("SettingsSecurityPage", u"\"Follow the computer\" uses the light or dark setting of your desktop. This choice is kept on this computer, outside the vault.", None))
        self.keychainLabel.setText(QCoreApplication.translate("SettingsSecurityPage", u"How the vault is unlocked", None))
        self.keychainValue.setText(QCoreApplication.translate("SettingsSecurityPage", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.keychainValue.setAccessibleName(QCoreApplication.translate("SettingsSecurityPage", u"Keychain backend", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

