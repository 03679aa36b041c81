# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_support.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QSize, Qt)
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QVBoxLayout)

class Ui_SettingsSupportPage(object):
    def setupUi(self, SettingsSupportPage):
        if not SettingsSupportPage.objectName():
            SettingsSupportPage.setObjectName(u"SettingsSupportPage")
        self.layout = QVBoxLayout(SettingsSupportPage)
        self.layout.setSpacing(10)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(SettingsSupportPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.layout.addWidget(self.titleLabel)

        self.safetyHeading = QLabel(SettingsSupportPage)
        self.safetyHeading.setObjectName(u"safetyHeading")

        self.layout.addWidget(self.safetyHeading)

        self.safetyHelp = QLabel(SettingsSupportPage)
        self.safetyHelp.setObjectName(u"safetyHelp")
        self.safetyHelp.setWordWrap(True)

        self.layout.addWidget(self.safetyHelp)

        self.safetyForm = QFormLayout()
        self.safetyForm.setObjectName(u"safetyForm")
        self.campusSecurityLabel = QLabel(SettingsSupportPage)
        self.campusSecurityLabel.setObjectName(u"campusSecurityLabel")

        self.safetyForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.campusSecurityLabel)

        self.campusSecurityEdit = QLineEdit(SettingsSupportPage)
        self.campusSecurityEdit.setObjectName(u"campusSecurityEdit")

        self.safetyForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.campusSecurityEdit)

        self.safeguardingLeadLabel = QLabel(SettingsSupportPage)
        self.safeguardingLeadLabel.setObjectName(u"safeguardingLeadLabel")

        self.safetyForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.safeguardingLeadLabel)

        self.safeguardingLeadEdit = QLineEdit(SettingsSupportPage)
        self.safeguardingLeadEdit.setObjectName(u"safeguardingLeadEdit")

        self.safetyForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.safeguardingLeadEdit)


        self.layout.addLayout(self.safetyForm)

        self.safetyError = QLabel(SettingsSupportPage)
        self.safetyError.setObjectName(u"safetyError")
        self.safetyError.setWordWrap(True)

        self.layout.addWidget(self.safetyError)

        self.directoryHeading = QLabel(SettingsSupportPage)
        self.directoryHeading.setObjectName(u"directoryHeading")

        self.layout.addWidget(self.directoryHeading)

        self.supportHelp = QLabel(SettingsSupportPage)
        self.supportHelp.setObjectName(u"supportHelp")
        self.supportHelp.setWordWrap(True)

        self.layout.addWidget(self.supportHelp)

        self.audienceRow = QHBoxLayout()
        self.audienceRow.setObjectName(u"audienceRow")
        self.audienceLabel = QLabel(SettingsSupportPage)
        self.audienceLabel.setObjectName(u"audienceLabel")

        self.audienceRow.addWidget(self.audienceLabel)

        self.audienceCombo = QComboBox(SettingsSupportPage)
        self.audienceCombo.setObjectName(u"audienceCombo")

        self.audienceRow.addWidget(self.audienceCombo)

        self.audienceSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.audienceRow.addItem(self.audienceSpacer)


        self.layout.addLayout(self.audienceRow)

        self.servicesTable = QTableWidget(SettingsSupportPage)
        self.servicesTable.setObjectName(u"servicesTable")
        self.servicesTable.setTabKeyNavigation(False)

        self.layout.addWidget(self.servicesTable)

        self.editorGrid = QGridLayout()
        self.editorGrid.setObjectName(u"editorGrid")
        self.nameLabel = QLabel(SettingsSupportPage)
        self.nameLabel.setObjectName(u"nameLabel")

        self.editorGrid.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(SettingsSupportPage)
        self.nameEdit.setObjectName(u"nameEdit")

        self.editorGrid.addWidget(self.nameEdit, 0, 1, 1, 1)

        self.descriptionLabel = QLabel(SettingsSupportPage)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.editorGrid.addWidget(self.descriptionLabel, 1, 0, 1, 1)

        self.descriptionEdit = QPlainTextEdit(SettingsSupportPage)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)
        self.descriptionEdit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.descriptionEdit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.descriptionEdit.setMaximumSize(QSize(16777215, 90))

        self.editorGrid.addWidget(self.descriptionEdit, 1, 1, 1, 1)

        self.contactLabel = QLabel(SettingsSupportPage)
        self.contactLabel.setObjectName(u"contactLabel")

        self.editorGrid.addWidget(self.contactLabel, 2, 0, 1, 1)

        self.contactEdit = QLineEdit(SettingsSupportPage)
        self.contactEdit.setObjectName(u"contactEdit")

        self.editorGrid.addWidget(self.contactEdit, 2, 1, 1, 1)


        self.layout.addLayout(self.editorGrid)

        self.supportError = QLabel(SettingsSupportPage)
        self.supportError.setObjectName(u"supportError")
        self.supportError.setWordWrap(True)

        self.layout.addWidget(self.supportError)

        self.supportButtons = QHBoxLayout()
        self.supportButtons.setObjectName(u"supportButtons")
        self.applyServiceButton = QPushButton(SettingsSupportPage)
        self.applyServiceButton.setObjectName(u"applyServiceButton")

        self.supportButtons.addWidget(self.applyServiceButton)

        self.resetServiceButton = QPushButton(SettingsSupportPage)
        self.resetServiceButton.setObjectName(u"resetServiceButton")

        self.supportButtons.addWidget(self.resetServiceButton)

        self.supportSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.supportButtons.addItem(self.supportSpacer)


        self.layout.addLayout(self.supportButtons)

#if QT_CONFIG(shortcut)
        self.campusSecurityLabel.setBuddy(self.campusSecurityEdit)
        self.safeguardingLeadLabel.setBuddy(self.safeguardingLeadEdit)
        self.audienceLabel.setBuddy(self.audienceCombo)
        self.nameLabel.setBuddy(self.nameEdit)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
        self.contactLabel.setBuddy(self.contactEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsSupportPage)
    # setupUi

    def retranslateUi(self, SettingsSupportPage):
#if QT_CONFIG(accessibility)
        SettingsSupportPage.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Emergency contacts and support services", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("SettingsSupportPage", u"Emergency contacts and support services", None))
        self.safetyHeading.setText(QCoreApplication.translate("SettingsSupportPage", u"Who to call in an emergency", None))
        self.safetyHelp.setText(QCoreApplication.translate("SettingsSupportPage", u"Shown in the meeting's safety panel beside 999 whenever an answer means someone may not be safe. Give a number or a name and number.", None))
        self.campusSecurityLabel.setText(QCoreApplication.translate("SettingsSupportPage", u"Campus &security", None))
#if QT_CONFIG(accessibility)
        self.campusSecurityEdit.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Campus security contact", None))
#endif // QT_CONFIG(accessibility)
        self.campusSecurityEdit.setPlaceholderText(QCoreApplication.translate("SettingsSupportPage", u"e.g. Security control room 01234 567000 (24 hours)", None))
        self.safeguardingLeadLabel.setText(QCoreApplication.translate("SettingsSupportPage", u"On-call safe&guarding lead", None))
#if QT_CONFIG(accessibility)
        self.safeguardingLeadEdit.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"On-call safeguarding lead contact", None))
#endif // QT_CONFIG(accessibility)
        self.safeguardingLeadEdit.setPlaceholderText(QCoreApplication.translate("SettingsSupportPage", u"e.g. Duty safeguarding lead 01234 567111", None))
        self.safetyError.setText("")
#if QT_CONFIG(accessibility)
        self.safetyError.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Emergency contact problem", None))
#endif // QT_CONFIG(accessibility)
        self.directoryHeading.setText(QCoreApplication.translate("SettingsSupportPage", u"Services for signposting", None))
        self.supportHelp.setText(QCoreApplication.translate("SettingsSupportPage", u"The services the policy names for signposting, as letters and meetings show them. Correct a name, description or contact here; the policy's own entry stays as it is.", None))
        self.audienceLabel.setText(QCoreApplication.translate("SettingsSupportPage", u"Show services &for", None))
#if QT_CONFIG(accessibility)
        self.audienceCombo.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Show services for", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.servicesTable.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Support services", None))
#endif // QT_CONFIG(accessibility)
        self.nameLabel.setText(QCoreApplication.translate("SettingsSupportPage", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Service name", None))
#endif // QT_CONFIG(accessibility)
        self.descriptionLabel.setText(QCoreApplication.translate("SettingsSupportPage", u"&Description", None))
#if QT_CONFIG(accessibility)
        self.descriptionEdit.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Service description", None))
#endif // QT_CONFIG(accessibility)
        self.contactLabel.setText(QCoreApplication.translate("SettingsSupportPage", u"C&ontact", None))
#if QT_CONFIG(accessibility)
        self.contactEdit.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Service contact", None))
#endif // QT_CONFIG(accessibility)
        self.supportError.setText("")
#if QT_CONFIG(accessibility)
        self.supportError.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Support service problem", None))
#endif // QT_CONFIG(accessibility)
        self.applyServiceButton.setText(QCoreApplication.translate("SettingsSupportPage", u"&Use these details", None))
#if QT_CONFIG(accessibility)
        self.applyServiceButton.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Use these details for the service", None))
#endif // QT_CONFIG(accessibility)
        self.resetServiceButton.setText(QCoreApplication.translate("SettingsSupportPage", u"Back to the &policy's wording", None))
#if QT_CONFIG(accessibility)
        self.resetServiceButton.setAccessibleName(QCoreApplication.translate("SettingsSupportPage", u"Back to the policy's wording", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

