"""Vault settings: kept inside the encrypted database, with defaults and checks."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

from triage_desktop.cases.text import NAME_MAX, InvalidFieldError, clean_text

DEFAULT_AUTO_LOCK_MINUTES = 5
DEFAULT_RETENTION_YEARS = 6


@dataclass(frozen=True)
class VaultSettings:
    auto_lock_minutes: int = DEFAULT_AUTO_LOCK_MINUTES
    closure_days: tuple[date, ...] = ()
    retention_years: int = DEFAULT_RETENTION_YEARS
    support_directory_overrides: dict[str, Any] = field(default_factory=dict)
    letter_template_folder: str | None = None
    backup_folder: str | None = None
    # Shown in the meeting's safety panel beside 999 (numbers or names the officer keeps here).
    campus_security: str = ""
    safeguarding_lead: str = ""

    def __post_init__(self) -> None:
        for name in ("campus_security", "safeguarding_lead"):
            object.__setattr__(self, name, clean_text(name, getattr(self, name), NAME_MAX).strip())
        if not 1 <= self.auto_lock_minutes <= 240:
            raise InvalidFieldError("auto_lock_minutes", "must be between 1 and 240 minutes")
        if not 1 <= self.retention_years <= 100:
            raise InvalidFieldError("retention_years", "must be between 1 and 100 years")
        for day in self.closure_days:
            if not isinstance(day, date):
                raise InvalidFieldError("closure_days", "must be calendar dates")


def to_store(settings: VaultSettings) -> dict[str, Any]:
    data = asdict(settings)
    data["closure_days"] = [d.isoformat() for d in settings.closure_days]
    return data


def from_store(stored: dict[str, Any]) -> VaultSettings:
    known = {f.name for f in fields(VaultSettings)}
    values = {k: v for k, v in stored.items() if k in known}
    if "closure_days" in values:
        values["closure_days"] = tuple(date.fromisoformat(d) for d in values["closure_days"])
    return VaultSettings(**values)


def changed(settings: VaultSettings, **changes: Any) -> VaultSettings:
    unknown = set(changes) - {f.name for f in fields(VaultSettings)}
    if unknown:
        raise InvalidFieldError(sorted(unknown)[0], "is not a setting")
    if "closure_days" in changes:
        changes["closure_days"] = tuple(changes["closure_days"])
    return replace(settings, **changes)
