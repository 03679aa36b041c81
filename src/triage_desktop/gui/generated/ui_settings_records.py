# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_records.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout)

from triage_desktop.gui.form_widgets import PlainTabDateEdit

class Ui_SettingsRecordsPage(object):
    def setupUi(self, SettingsRecordsPage):
        if not SettingsRecordsPage.objectName():
            SettingsRecordsPage.setObjectName(u"SettingsRecordsPage")
        self.layout = QVBoxLayout(SettingsRecordsPage)
        self.layout.setSpacing(10)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(SettingsRecordsPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.layout.addWidget(self.titleLabel)

        self.closureHelp = QLabel(SettingsRecordsPage)
        self.closureHelp.setObjectName(u"closureHelp")
        self.closureHelp.setWordWrap(True)

        self.layout.addWidget(self.closureHelp)

        self.closureRow = QHBoxLayout()
        self.closureRow.setObjectName(u"closureRow")
        self.closureDateLabel = QLabel(SettingsRecordsPage)
        self.closureDateLabel.setObjectName(u"closureDateLabel")

        self.closureRow.addWidget(self.closureDateLabel)

        self.closureDateEdit = PlainTabDateEdit(SettingsRecordsPage)
        self.closureDateEdit.setObjectName(u"closureDateEdit")
        self.closureDateEdit.setCalendarPopup(True)

        self.closureRow.addWidget(self.closureDateEdit)

        self.addClosureButton = QPushButton(SettingsRecordsPage)
        self.addClosureButton.setObjectName(u"addClosureButton")

        self.closureRow.addWidget(self.addClosureButton)

        self.removeClosureButton = QPushButton(SettingsRecordsPage)
        self.removeClosureButton.setObjectName(u"removeClosureButton")

        self.closureRow.addWidget(self.removeClosureButton)

        self.closureSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.closureRow.addItem(self.closureSpacer)


        self.layout.addLayout(self.closureRow)

        self.closureList = QListWidget(SettingsRecordsPage)
        self.closureList.setObjectName(u"closureList")
        self.closureList.setMaximumSize(QSize(16777215, 160))

        self.layout.addWidget(self.closureList)

        self.closureError = QLabel(SettingsRecordsPage)
        self.closureError.setObjectName(u"closureError")
        self.closureError.setWordWrap(True)

        self.layout.addWidget(self.closureError)

        self.retentionRow = QHBoxLayout()
        self.retentionRow.setObjectName(u"retentionRow")
        self.retentionLabel = QLabel(SettingsRecordsPage)
        self.retentionLabel.setObjectName(u"retentionLabel")

        self.retentionRow.addWidget(self.retentionLabel)

        self.retentionSpin = QSpinBox(SettingsRecordsPage)
        self.retentionSpin.setObjectName(u"retentionSpin")
        self.retentionSpin.setMinimum(0)
        self.retentionSpin.setMaximum(9999)
        self.retentionSpin.setValue(6)

        self.retentionRow.addWidget(self.retentionSpin)

        self.retentionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.retentionRow.addItem(self.retentionSpacer)


        self.layout.addLayout(self.retentionRow)

        self.retentionError = QLabel(SettingsRecordsPage)
        self.retentionError.setObjectName(u"retentionError")
        self.retentionError.setWordWrap(True)

        self.layout.addWidget(self.retentionError)

        self.holdsHelp = QLabel(SettingsRecordsPage)
        self.holdsHelp.setObjectName(u"holdsHelp")
        self.holdsHelp.setWordWrap(True)

        self.layout.addWidget(self.holdsHelp)

        self.holdRow = QHBoxLayout()
        self.holdRow.setObjectName(u"holdRow")
        self.holdReferenceLabel = QLabel(SettingsRecordsPage)
        self.holdReferenceLabel.setObjectName(u"holdReferenceLabel")

        self.holdRow.addWidget(self.holdReferenceLabel)

        self.holdReferenceEdit = QLineEdit(SettingsRecordsPage)
        self.holdReferenceEdit.setObjectName(u"holdReferenceEdit")
        self.holdReferenceEdit.setMaxLength(40)
        self.holdReferenceEdit.setMaximumSize(QSize(320, 16777215))

        self.holdRow.addWidget(self.holdReferenceEdit)

        self.setHoldButton = QPushButton(SettingsRecordsPage)
        self.setHoldButton.setObjectName(u"setHoldButton")

        self.holdRow.addWidget(self.setHoldButton)

        self.clearHoldButton = QPushButton(SettingsRecordsPage)
        self.clearHoldButton.setObjectName(u"clearHoldButton")

        self.holdRow.addWidget(self.clearHoldButton)

        self.holdSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.holdRow.addItem(self.holdSpacer)


        self.layout.addLayout(self.holdRow)

        self.holdError = QLabel(SettingsRecordsPage)
        self.holdError.setObjectName(u"holdError")
        self.holdError.setWordWrap(True)

        self.layout.addWidget(self.holdError)

        self.holdsList = QListWidget(SettingsRecordsPage)
        self.holdsList.setObjectName(u"holdsList")

        self.layout.addWidget(self.holdsList)

#if QT_CONFIG(shortcut)
        self.closureDateLabel.setBuddy(self.closureDateEdit)
        self.retentionLabel.setBuddy(self.retentionSpin)
        self.holdReferenceLabel.setBuddy(self.holdReferenceEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsRecordsPage)
    # setupUi

    def retranslateUi(self, SettingsRecordsPage):
#if QT_CONFIG(accessibility)
        SettingsRecordsPage.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Closure days and retention", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("SettingsRecordsPage", u"Closure days and retention", None))
        self.closureHelp.setText(QCoreApplication.translate("SettingsRecordsPage", u"University closure days are not working days: contact-by dates of cases received from now on skip them.", None))
        self.closureDateLabel.setText(QCoreApplication.translate("SettingsRecordsPage", u"Closure &day", None))
#if QT_CONFIG(accessibility)
        self.closureDateEdit.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Closure day to add", None))
#endif // QT_CONFIG(accessibility)
        self.closureDateEdit.setDisplayFormat(QCoreApplication.translate("SettingsRecordsPage", u"d MMMM yyyy", None))
        self.addClosureButton.setText(QCoreApplication.translate("SettingsRecordsPage", u"&Add day", None))
#if QT_CONFIG(accessibility)
        self.addClosureButton.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Add closure day", None))
#endif // QT_CONFIG(accessibility)
        self.removeClosureButton.setText(QCoreApplication.translate("SettingsRecordsPage", u"Re&move day", None))
#if QT_CONFIG(accessibility)
        self.removeClosureButton.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Remove selected closure day", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.closureList.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Closure days", None))
#endif // QT_CONFIG(accessibility)
        self.closureError.setText("")
#if QT_CONFIG(accessibility)
        self.closureError.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Closure day problem", None))
#endif // QT_CONFIG(accessibility)
        self.retentionLabel.setText(QCoreApplication.translate("SettingsRecordsPage", u"Keep closed cases for (&years)", None))
#if QT_CONFIG(accessibility)
        self.retentionSpin.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Retention period in years", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.retentionSpin.setAccessibleDescription(QCoreApplication.translate("SettingsRecordsPage", u"Between 1 and 100 years", None))
#endif // QT_CONFIG(accessibility)
        self.retentionSpin.setSuffix(QCoreApplication.translate("SettingsRecordsPage", u" years", None))
        self.retentionError.setText("")
#if QT_CONFIG(accessibility)
        self.retentionError.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Retention problem", None))
#endif // QT_CONFIG(accessibility)
        self.holdsHelp.setText(QCoreApplication.translate("SettingsRecordsPage", u"Legal holds: a case under hold is never purged, whatever its age. Holds take effect at once.", None))
        self.holdReferenceLabel.setText(QCoreApplication.translate("SettingsRecordsPage", u"Case &reference", None))
#if QT_CONFIG(accessibility)
        self.holdReferenceEdit.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Case reference for a legal hold", None))
#endif // QT_CONFIG(accessibility)
        self.setHoldButton.setText(QCoreApplication.translate("SettingsRecordsPage", u"Place &hold", None))
#if QT_CONFIG(accessibility)
        self.setHoldButton.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Place legal hold", None))
#endif // QT_CONFIG(accessibility)
        self.clearHoldButton.setText(QCoreApplication.translate("SettingsRecordsPage", u"&Lift hold", None))
#if QT_CONFIG(accessibility)
        self.clearHoldButton.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Lift legal hold", None))
#endif // QT_CONFIG(accessibility)
        self.holdError.setText("")
#if QT_CONFIG(accessibility)
        self.holdError.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Legal hold problem", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.holdsList.setAccessibleName(QCoreApplication.translate("SettingsRecordsPage", u"Cases under legal hold", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

