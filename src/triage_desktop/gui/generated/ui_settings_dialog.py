# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize)
from PySide6.QtWidgets import (QDialogButtonBox,
    QHBoxLayout, QLabel, QListWidget, QStackedWidget, QVBoxLayout)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(1280, 800)
        self.layout = QVBoxLayout(SettingsDialog)
        self.layout.setSpacing(12)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(16, 16, 16, 16)
        self.headingLabel = QLabel(SettingsDialog)
        self.headingLabel.setObjectName(u"headingLabel")

        self.layout.addWidget(self.headingLabel)

        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setSpacing(16)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.pageList = QListWidget(SettingsDialog)
        self.pageList.setObjectName(u"pageList")
        self.pageList.setMaximumSize(QSize(240, 16777215))

        self.bodyLayout.addWidget(self.pageList)

        self.pageStack = QStackedWidget(SettingsDialog)
        self.pageStack.setObjectName(u"pageStack")

        self.bodyLayout.addWidget(self.pageStack)


        self.layout.addLayout(self.bodyLayout)

        self.footerLayout = QHBoxLayout()
        self.footerLayout.setObjectName(u"footerLayout")
        self.statusLabel = QLabel(SettingsDialog)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)

        self.footerLayout.addWidget(self.statusLabel)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close|QDialogButtonBox.StandardButton.Save)

        self.footerLayout.addWidget(self.buttonBox)


        self.layout.addLayout(self.footerLayout)


        self.retranslateUi(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
#if QT_CONFIG(accessibility)
        SettingsDialog.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Settings", None))
#endif // QT_CONFIG(accessibility)
        self.headingLabel.setText(QCoreApplication.translate("SettingsDialog", u"Settings", None))
#if QT_CONFIG(accessibility)
        self.headingLabel.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Settings heading", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.pageList.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Settings pages", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.pageList.setAccessibleDescription(QCoreApplication.translate("SettingsDialog", u"Choose a group of settings with the arrow keys", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.pageStack.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Settings page", None))
#endif // QT_CONFIG(accessibility)
        self.statusLabel.setText("")
#if QT_CONFIG(accessibility)
        self.statusLabel.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Settings status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.buttonBox.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Save or close", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

