# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_documents.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, Qt)
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout)

class Ui_SettingsDocumentsPage(object):
    def setupUi(self, SettingsDocumentsPage):
        if not SettingsDocumentsPage.objectName():
            SettingsDocumentsPage.setObjectName(u"SettingsDocumentsPage")
        self.layout = QVBoxLayout(SettingsDocumentsPage)
        self.layout.setSpacing(10)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(SettingsDocumentsPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.layout.addWidget(self.titleLabel)

        self.templateRow = QHBoxLayout()
        self.templateRow.setObjectName(u"templateRow")
        self.templateFolderLabel = QLabel(SettingsDocumentsPage)
        self.templateFolderLabel.setObjectName(u"templateFolderLabel")

        self.templateRow.addWidget(self.templateFolderLabel)

        self.templateFolderEdit = QLineEdit(SettingsDocumentsPage)
        self.templateFolderEdit.setObjectName(u"templateFolderEdit")
        self.templateFolderEdit.setReadOnly(True)

        self.templateRow.addWidget(self.templateFolderEdit)

        self.chooseTemplateButton = QPushButton(SettingsDocumentsPage)
        self.chooseTemplateButton.setObjectName(u"chooseTemplateButton")

        self.templateRow.addWidget(self.chooseTemplateButton)

        self.clearTemplateButton = QPushButton(SettingsDocumentsPage)
        self.clearTemplateButton.setObjectName(u"clearTemplateButton")

        self.templateRow.addWidget(self.clearTemplateButton)


        self.layout.addLayout(self.templateRow)

        self.templateStatus = QLabel(SettingsDocumentsPage)
        self.templateStatus.setObjectName(u"templateStatus")
        self.templateStatus.setWordWrap(True)

        self.layout.addWidget(self.templateStatus)

        self.certificateHeading = QLabel(SettingsDocumentsPage)
        self.certificateHeading.setObjectName(u"certificateHeading")

        self.layout.addWidget(self.certificateHeading)

        self.certificateGrid = QGridLayout()
        self.certificateGrid.setObjectName(u"certificateGrid")
        self.subjectLabel = QLabel(SettingsDocumentsPage)
        self.subjectLabel.setObjectName(u"subjectLabel")

        self.certificateGrid.addWidget(self.subjectLabel, 0, 0, 1, 1)

        self.subjectValue = QLabel(SettingsDocumentsPage)
        self.subjectValue.setObjectName(u"subjectValue")
        self.subjectValue.setWordWrap(True)
        self.subjectValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse|Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.certificateGrid.addWidget(self.subjectValue, 0, 1, 1, 1)

        self.issuerLabel = QLabel(SettingsDocumentsPage)
        self.issuerLabel.setObjectName(u"issuerLabel")

        self.certificateGrid.addWidget(self.issuerLabel, 1, 0, 1, 1)

        self.issuerValue = QLabel(SettingsDocumentsPage)
        self.issuerValue.setObjectName(u"issuerValue")
        self.issuerValue.setWordWrap(True)
        self.issuerValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse|Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.certificateGrid.addWidget(self.issuerValue, 1, 1, 1, 1)

        self.validityLabel = QLabel(SettingsDocumentsPage)
        self.validityLabel.setObjectName(u"validityLabel")

        self.certificateGrid.addWidget(self.validityLabel, 2, 0, 1, 1)

        self.validityValue = QLabel(SettingsDocumentsPage)
        self.validityValue.setObjectName(u"validityValue")
        self.validityValue.setWordWrap(True)
        self.validityValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse|Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.certificateGrid.addWidget(self.validityValue, 2, 1, 1, 1)

        self.fingerprintLabel = QLabel(SettingsDocumentsPage)
        self.fingerprintLabel.setObjectName(u"fingerprintLabel")

        self.certificateGrid.addWidget(self.fingerprintLabel, 3, 0, 1, 1)

        self.fingerprintValue = QLabel(SettingsDocumentsPage)
        self.fingerprintValue.setObjectName(u"fingerprintValue")
        self.fingerprintValue.setWordWrap(True)
        self.fingerprintValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse|Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.certificateGrid.addWidget(self.fingerprintValue, 3, 1, 1, 1)


        self.layout.addLayout(self.certificateGrid)

        self.certificateButtons = QHBoxLayout()
        self.certificateButtons.setObjectName(u"certificateButtons")
        self.exportPemButton = QPushButton(SettingsDocumentsPage)
        self.exportPemButton.setObjectName(u"exportPemButton")

        self.certificateButtons.addWidget(self.exportPemButton)

        self.renewButton = QPushButton(SettingsDocumentsPage)
        self.renewButton.setObjectName(u"renewButton")

        self.certificateButtons.addWidget(self.renewButton)

        self.certificateSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.certificateButtons.addItem(self.certificateSpacer)


        self.layout.addLayout(self.certificateButtons)

        self.importHelp = QLabel(SettingsDocumentsPage)
        self.importHelp.setObjectName(u"importHelp")
        self.importHelp.setWordWrap(True)

        self.layout.addWidget(self.importHelp)

        self.importRow = QHBoxLayout()
        self.importRow.setObjectName(u"importRow")
        self.passwordLabel = QLabel(SettingsDocumentsPage)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.importRow.addWidget(self.passwordLabel)

        self.passwordEdit = QLineEdit(SettingsDocumentsPage)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.importRow.addWidget(self.passwordEdit)

        self.importButton = QPushButton(SettingsDocumentsPage)
        self.importButton.setObjectName(u"importButton")

        self.importRow.addWidget(self.importButton)


        self.layout.addLayout(self.importRow)

        self.certificateMessage = QLabel(SettingsDocumentsPage)
        self.certificateMessage.setObjectName(u"certificateMessage")
        self.certificateMessage.setWordWrap(True)

        self.layout.addWidget(self.certificateMessage)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDocumentsPage)
    # setupUi

    def retranslateUi(self, SettingsDocumentsPage):
#if QT_CONFIG(accessibility)
        SettingsDocumentsPage.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Letters and signing certificate", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Letters and signing certificate", None))
        self.templateFolderLabel.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Letter template folder", None))
        self.templateFolderEdit.setPlaceholderText(QCoreApplication.translate("SettingsDocumentsPage", u"None: the shipped templates are used", None))
#if QT_CONFIG(accessibility)
        self.templateFolderEdit.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Letter template folder", None))
#endif // QT_CONFIG(accessibility)
        self.chooseTemplateButton.setText(QCoreApplication.translate("SettingsDocumentsPage", u"C&hoose folder\u2026", None))
#if QT_CONFIG(accessibility)
        self.chooseTemplateButton.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Choose letter template folder", None))
#endif // QT_CONFIG(accessibility)
        self.clearTemplateButton.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Use &shipped templates", None))
#if QT_CONFIG(accessibility)
        self.clearTemplateButton.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Use the shipped letter templates", None))
#endif // QT_CONFIG(accessibility)
        self.templateStatus.setText("")
#if QT_CONFIG(accessibility)
        self.templateStatus.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Letter template status", None))
#endif // QT_CONFIG(accessibility)
        self.certificateHeading.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Your signing certificate", None))
        self.subjectLabel.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Issued to", None))
        self.subjectValue.setText(QCoreApplication.translate("SettingsDocumentsPage", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.subjectValue.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Certificate issued to", None))
#endif // QT_CONFIG(accessibility)
        self.issuerLabel.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Issued by", None))
        self.issuerValue.setText(QCoreApplication.translate("SettingsDocumentsPage", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.issuerValue.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Certificate issued by", None))
#endif // QT_CONFIG(accessibility)
        self.validityLabel.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Valid", None))
        self.validityValue.setText(QCoreApplication.translate("SettingsDocumentsPage", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.validityValue.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Certificate validity", None))
#endif // QT_CONFIG(accessibility)
        self.fingerprintLabel.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Fingerprint (SHA-256)", None))
        self.fingerprintValue.setText(QCoreApplication.translate("SettingsDocumentsPage", u"\u2026", None))
#if QT_CONFIG(accessibility)
        self.fingerprintValue.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Certificate fingerprint", None))
#endif // QT_CONFIG(accessibility)
        self.exportPemButton.setText(QCoreApplication.translate("SettingsDocumentsPage", u"&Export certificate (PEM)\u2026", None))
#if QT_CONFIG(accessibility)
        self.exportPemButton.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Export certificate as PEM", None))
#endif // QT_CONFIG(accessibility)
        self.renewButton.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Re&new certificate", None))
#if QT_CONFIG(accessibility)
        self.renewButton.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Renew certificate", None))
#endif // QT_CONFIG(accessibility)
        self.importHelp.setText(QCoreApplication.translate("SettingsDocumentsPage", u"Import the University's certificate: choose its PKCS#12 file (.p12 or .pfx) and give the password it came with. It replaces the certificate above for documents signed from now on.", None))
        self.passwordLabel.setText(QCoreApplication.translate("SettingsDocumentsPage", u"File &password", None))
#if QT_CONFIG(accessibility)
        self.passwordEdit.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"PKCS#12 file password", None))
#endif // QT_CONFIG(accessibility)
        self.importButton.setText(QCoreApplication.translate("SettingsDocumentsPage", u"&Import PKCS#12 file\u2026", None))
#if QT_CONFIG(accessibility)
        self.importButton.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Import PKCS#12 file", None))
#endif // QT_CONFIG(accessibility)
        self.certificateMessage.setText("")
#if QT_CONFIG(accessibility)
        self.certificateMessage.setAccessibleName(QCoreApplication.translate("SettingsDocumentsPage", u"Certificate message", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

