"""A case's values in words, where more than one part of the app shows them (the screens, the
oversight statistics, subject-access packs): defined once here."""

from __future__ import annotations

from triage_desktop.cases.model import ReportSource

SOURCE_WORDS = {
    ReportSource.REPORT_AND_SUPPORT: "Support and Report",
    ReportSource.EMAIL: "Email",
    ReportSource.IN_PERSON: "In person",
    ReportSource.PHONE: "Phone",
    ReportSource.REFERRAL: "Referral",
    ReportSource.OTHER: "Other",
}
