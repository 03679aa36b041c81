"""Triage Desk: confidential triage meetings under the Dignity and Respect Policy."""

__version__ = "0.1.0"
APP_NAME = "Triage Desk"
APP_ID = "triage-desktop"
ORGANISATION = "TriageDesk"
LICENCE = "GPL-3.0-or-later"
