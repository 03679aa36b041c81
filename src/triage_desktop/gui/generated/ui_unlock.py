# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit,
    QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_UnlockScreen(object):
    def setupUi(self, UnlockScreen):
        if not UnlockScreen.objectName():
            UnlockScreen.setObjectName(u"UnlockScreen")
        self.outer = QHBoxLayout(UnlockScreen)
        self.outer.setObjectName(u"outer")
        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outer.addItem(self.leftSpacer)

        self.column = QVBoxLayout()
        self.column.setSpacing(12)
        self.column.setObjectName(u"column")
        self.topSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.topSpacer)

        self.iconLabel = QLabel(UnlockScreen)
        self.iconLabel.setObjectName(u"iconLabel")
        self.iconLabel.setMinimumSize(QSize(72, 72))

        self.column.addWidget(self.iconLabel)

        self.headingLabel = QLabel(UnlockScreen)
        self.headingLabel.setObjectName(u"headingLabel")

        self.column.addWidget(self.headingLabel)

        self.explanationLabel = QLabel(UnlockScreen)
        self.explanationLabel.setObjectName(u"explanationLabel")
        self.explanationLabel.setWordWrap(True)

        self.column.addWidget(self.explanationLabel)

        self.secretLabel = QLabel(UnlockScreen)
        self.secretLabel.setObjectName(u"secretLabel")

        self.column.addWidget(self.secretLabel)

        self.secretEdit = QLineEdit(UnlockScreen)
        self.secretEdit.setObjectName(u"secretEdit")
        self.secretEdit.setMinimumSize(QSize(420, 0))
        self.secretEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.column.addWidget(self.secretEdit)

        self.errorLabel = QLabel(UnlockScreen)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.column.addWidget(self.errorLabel)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.switchButton = QPushButton(UnlockScreen)
        self.switchButton.setObjectName(u"switchButton")
        self.switchButton.setFlat(True)

        self.buttons.addWidget(self.switchButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonSpacer)

        self.busyBar = QProgressBar(UnlockScreen)
        self.busyBar.setObjectName(u"busyBar")
        self.busyBar.setMaximumSize(QSize(120, 16777215))
        self.busyBar.setMaximum(0)
        self.busyBar.setTextVisible(False)

        self.buttons.addWidget(self.busyBar)

        self.unlockButton = QPushButton(UnlockScreen)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttons.addWidget(self.unlockButton)


        self.column.addLayout(self.buttons)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.bottomSpacer)


        self.outer.addLayout(self.column)

        self.rightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outer.addItem(self.rightSpacer)

#if QT_CONFIG(shortcut)
        self.secretLabel.setBuddy(self.secretEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.secretEdit, self.unlockButton)
        QWidget.setTabOrder(self.unlockButton, self.switchButton)

        self.retranslateUi(UnlockScreen)

        self.unlockButton.setDefault(True)

    # setupUi

    def retranslateUi(self, UnlockScreen):
#if QT_CONFIG(accessibility)
        UnlockScreen.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"Unlock the vault", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.iconLabel.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"Triage Desk icon", None))
#endif // QT_CONFIG(accessibility)
        self.headingLabel.setText(QCoreApplication.translate("UnlockScreen", u"Unlock your vault", None))
#if QT_CONFIG(accessibility)
        self.headingLabel.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"Unlock your vault", None))
#endif // QT_CONFIG(accessibility)
        self.explanationLabel.setText(QCoreApplication.translate("UnlockScreen", u"Enter your passphrase to open your cases.", None))
#if QT_CONFIG(accessibility)
        self.explanationLabel.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"What to enter", None))
#endif // QT_CONFIG(accessibility)
        self.secretLabel.setText(QCoreApplication.translate("UnlockScreen", u"&Passphrase", None))
#if QT_CONFIG(accessibility)
        self.secretEdit.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.errorLabel.setText("")
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"Unlock problem", None))
#endif // QT_CONFIG(accessibility)
        self.switchButton.setText(QCoreApplication.translate("UnlockScreen", u"Use my &recovery key instead", None))
#if QT_CONFIG(accessibility)
        self.switchButton.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"Use the recovery key instead of the passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.busyBar.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"Unlocking", None))
#endif // QT_CONFIG(accessibility)
        self.unlockButton.setText(QCoreApplication.translate("UnlockScreen", u"&Unlock", None))
#if QT_CONFIG(accessibility)
        self.unlockButton.setAccessibleName(QCoreApplication.translate("UnlockScreen", u"Unlock", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

