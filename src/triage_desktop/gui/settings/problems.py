"""Messages shown beside the field they are about: text with a warning sign, never colour alone."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from triage_desktop.cases.text import InvalidFieldError

MARK = "⚠"
# How each setting is named in a sentence (InvalidFieldError.field -> words).
FIELD_NAMES = {
    "auto_lock_minutes": "Auto-lock",
    "retention_years": "The retention period",
    "closure_days": "Closure days",
    "support.name": "The service's name",
    "support.description": "The service's description",
    "support.contact": "The contact",
    "support_directory_overrides": "The support directory",
    "letter_template_folder": "The letter template folder",
    "backup_folder": "The backup folder",
    "campus_security": "The campus security contact",
    "safeguarding_lead": "The safeguarding lead's contact",
}


def sentence(error: InvalidFieldError) -> str:
    """ "Auto-lock must be between 1 and 240 minutes." from field + message."""
    name = FIELD_NAMES.get(error.field, error.field)
    text = f"{name} {error.message}"
    return text if text.endswith(".") else text + "."


def prepare(label: QLabel) -> None:
    """An empty, hidden problem label; bold so it stands out in either palette."""
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    clear(label)


def show(label: QLabel, text: str) -> None:
    label.setText(f"{MARK} {text}")
    label.setVisible(True)


def clear(label: QLabel) -> None:
    label.setText("")
    label.setVisible(False)
