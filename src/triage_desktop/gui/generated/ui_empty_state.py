# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'empty_state.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QSizePolicy,
    QSpacerItem, QVBoxLayout)

class Ui_EmptyState(object):
    def setupUi(self, EmptyState):
        if not EmptyState.objectName():
            EmptyState.setObjectName(u"EmptyState")
        self.layout = QVBoxLayout(EmptyState)
        self.layout.setSpacing(16)
        self.layout.setObjectName(u"layout")
        self.topSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.topSpacer)

        self.iconRow = QHBoxLayout()
        self.iconRow.setObjectName(u"iconRow")
        self.iconLeft = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.iconRow.addItem(self.iconLeft)

        self.iconLabel = QLabel(EmptyState)
        self.iconLabel.setObjectName(u"iconLabel")
        self.iconLabel.setMinimumSize(QSize(96, 96))

        self.iconRow.addWidget(self.iconLabel)

        self.iconRight = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.iconRow.addItem(self.iconRight)


        self.layout.addLayout(self.iconRow)

        self.headingLabel = QLabel(EmptyState)
        self.headingLabel.setObjectName(u"headingLabel")

        self.layout.addWidget(self.headingLabel)

        self.bodyLabel = QLabel(EmptyState)
        self.bodyLabel.setObjectName(u"bodyLabel")
        self.bodyLabel.setWordWrap(True)

        self.layout.addWidget(self.bodyLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpacer)


        self.retranslateUi(EmptyState)
    # setupUi

    def retranslateUi(self, EmptyState):
#if QT_CONFIG(accessibility)
        EmptyState.setAccessibleName(QCoreApplication.translate("EmptyState", u"Welcome", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.iconLabel.setAccessibleName(QCoreApplication.translate("EmptyState", u"Triage Desk icon", None))
#endif // QT_CONFIG(accessibility)
        self.headingLabel.setText(QCoreApplication.translate("EmptyState", u"<p align=\"center\">Nothing is open</p>", None))
#if QT_CONFIG(accessibility)
        self.headingLabel.setAccessibleName(QCoreApplication.translate("EmptyState", u"Status", None))
#endif // QT_CONFIG(accessibility)
        self.bodyLabel.setText(QCoreApplication.translate("EmptyState", u"<p align=\"center\">Your cases stay in an encrypted vault on this computer. They appear here once the vault is open.</p>", None))
#if QT_CONFIG(accessibility)
        self.bodyLabel.setAccessibleName(QCoreApplication.translate("EmptyState", u"Explanation", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

