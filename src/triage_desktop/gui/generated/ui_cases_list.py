# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'cases_list.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox,
    QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QTableView, QVBoxLayout, QWidget)

class Ui_CaseListPanel(object):
    def setupUi(self, CaseListPanel):
        if not CaseListPanel.objectName():
            CaseListPanel.setObjectName(u"CaseListPanel")
        self.layout = QVBoxLayout(CaseListPanel)
        self.layout.setObjectName(u"layout")
        self.titleRow = QHBoxLayout()
        self.titleRow.setObjectName(u"titleRow")
        self.titleLabel = QLabel(CaseListPanel)
        self.titleLabel.setObjectName(u"titleLabel")

        self.titleRow.addWidget(self.titleLabel)

        self.titleSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.titleRow.addItem(self.titleSpacer)

        self.newCaseButton = QPushButton(CaseListPanel)
        self.newCaseButton.setObjectName(u"newCaseButton")

        self.titleRow.addWidget(self.newCaseButton)


        self.layout.addLayout(self.titleRow)

        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.searchLabel = QLabel(CaseListPanel)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterRow.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(CaseListPanel)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setMaxLength(200)

        self.filterRow.addWidget(self.searchEdit)

        self.statusLabel = QLabel(CaseListPanel)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filterRow.addWidget(self.statusLabel)

        self.statusCombo = QComboBox(CaseListPanel)
        self.statusCombo.setObjectName(u"statusCombo")

        self.filterRow.addWidget(self.statusCombo)

        self.overdueCheck = QCheckBox(CaseListPanel)
        self.overdueCheck.setObjectName(u"overdueCheck")

        self.filterRow.addWidget(self.overdueCheck)

        self.mineCheck = QCheckBox(CaseListPanel)
        self.mineCheck.setObjectName(u"mineCheck")

        self.filterRow.addWidget(self.mineCheck)


        self.layout.addLayout(self.filterRow)

        self.stack = QStackedWidget(CaseListPanel)
        self.stack.setObjectName(u"stack")
        self.table = QTableView()
        self.table.setObjectName(u"table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.stack.addWidget(self.table)
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyTop = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyTop)

        self.emptyHeading = QLabel(self.emptyPage)
        self.emptyHeading.setObjectName(u"emptyHeading")
        self.emptyHeading.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.emptyLayout.addWidget(self.emptyHeading)

        self.emptyBody = QLabel(self.emptyPage)
        self.emptyBody.setObjectName(u"emptyBody")
        self.emptyBody.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyBody.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyBody)

        self.emptyBottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyBottom)

        self.stack.addWidget(self.emptyPage)

        self.layout.addWidget(self.stack)

        self.countLabel = QLabel(CaseListPanel)
        self.countLabel.setObjectName(u"countLabel")

        self.layout.addWidget(self.countLabel)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.statusLabel.setBuddy(self.statusCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.overdueCheck)
        QWidget.setTabOrder(self.overdueCheck, self.mineCheck)
        QWidget.setTabOrder(self.mineCheck, self.table)
        QWidget.setTabOrder(self.table, self.newCaseButton)

        self.retranslateUi(CaseListPanel)
    # setupUi

    def retranslateUi(self, CaseListPanel):
#if QT_CONFIG(accessibility)
        CaseListPanel.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Case list", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("CaseListPanel", u"Cases", None))
#if QT_CONFIG(accessibility)
        self.titleLabel.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Cases", None))
#endif // QT_CONFIG(accessibility)
        self.newCaseButton.setText(QCoreApplication.translate("CaseListPanel", u"&New case", None))
#if QT_CONFIG(accessibility)
        self.newCaseButton.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"New case", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newCaseButton.setAccessibleDescription(QCoreApplication.translate("CaseListPanel", u"Record a new concern (Ctrl+N)", None))
#endif // QT_CONFIG(accessibility)
        self.searchLabel.setText(QCoreApplication.translate("CaseListPanel", u"&Search:", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Search cases", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleDescription(QCoreApplication.translate("CaseListPanel", u"Finds names, references and notes as you type", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("CaseListPanel", u"Names, reference or words from the notes", None))
        self.statusLabel.setText(QCoreApplication.translate("CaseListPanel", u"S&tatus:", None))
#if QT_CONFIG(accessibility)
        self.statusCombo.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Status filter", None))
#endif // QT_CONFIG(accessibility)
        self.overdueCheck.setText(QCoreApplication.translate("CaseListPanel", u"&Overdue only", None))
#if QT_CONFIG(accessibility)
        self.overdueCheck.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Overdue only", None))
#endif // QT_CONFIG(accessibility)
        self.mineCheck.setText(QCoreApplication.translate("CaseListPanel", u"&My cases", None))
#if QT_CONFIG(accessibility)
        self.mineCheck.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"My cases only", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Cases table", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleDescription(QCoreApplication.translate("CaseListPanel", u"Press Enter to open the selected case", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.emptyPage.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"No cases to show", None))
#endif // QT_CONFIG(accessibility)
        self.emptyHeading.setText(QCoreApplication.translate("CaseListPanel", u"No cases yet", None))
#if QT_CONFIG(accessibility)
        self.emptyHeading.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Empty list", None))
#endif // QT_CONFIG(accessibility)
        self.emptyBody.setText(QCoreApplication.translate("CaseListPanel", u"Cases you record appear here. Choose New case to record a concern.", None))
#if QT_CONFIG(accessibility)
        self.emptyBody.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Empty list explanation", None))
#endif // QT_CONFIG(accessibility)
        self.countLabel.setText("")
#if QT_CONFIG(accessibility)
        self.countLabel.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Number of cases shown", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

