"""The pure parts: support-directory overrides, the colour-scheme preference, names and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.gui.settings.backup_page import backup_name
from triage_desktop.gui.settings.documents_page import validity_text
from triage_desktop.gui.settings.preferences import load_scheme, save_scheme
from triage_desktop.gui.settings.security_page import describe_keychain
from triage_desktop.gui.settings.snapshot import CertificateInfo, template_overrides
from triage_desktop.policy.catalogue import load_policy
from triage_desktop.services.support import (
    apply_overrides,
    checked_fields,
    with_override,
)

POLICY = load_policy().support


def test_overrides_change_only_the_services_named() -> None:
    first, second = POLICY.services[0], POLICY.services[1]
    fields = {"name": first.name, "description": first.description, "contact": "desk@example"}
    overrides = with_override({}, first, fields)
    assert overrides == {first.id: fields}
    effective = apply_overrides(POLICY, overrides | {"gone-in-a-later-policy": fields})
    assert effective.get(first.id).contact == "desk@example"
    assert effective.get(first.id).audience == first.audience
    assert effective.get(second.id) == second
    assert len(effective.services) == len(POLICY.services)


def test_an_override_back_to_the_policy_wording_is_dropped() -> None:
    first = POLICY.services[0]
    same = {"name": first.name, "description": first.description, "contact": first.contact}
    assert with_override({first.id: {"name": "Old"}}, first, same) == {}


@pytest.mark.parametrize(
    ("name", "description", "contact", "field"),
    [
        ("", "offers help", "", "support.name"),
        ("  ", "offers help", "", "support.name"),
        ("Service", "", "", "support.description"),
        ("Service", "offers help", "x" * 501, "support.contact"),
        ("x" * 201, "offers help", "", "support.name"),
    ],
)
def test_support_fields_are_checked(name: str, description: str, contact: str, field: str) -> None:
    with pytest.raises(InvalidFieldError) as raised:
        checked_fields(name, description, contact)
    assert raised.value.field == field


def test_a_stored_override_that_empties_a_name_is_refused() -> None:
    first = POLICY.services[0]
    with pytest.raises(InvalidFieldError) as raised:
        apply_overrides(POLICY, {first.id: {"name": " ", "description": "d", "contact": ""}})
    assert raised.value.field == "support_directory_overrides"


def test_the_colour_scheme_is_kept_per_computer(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    assert load_scheme(store) == "system"
    save_scheme("dark", store)
    assert load_scheme(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)) == "dark"
    store.setValue("appearance/colour_scheme", "purple")
    assert load_scheme(store) == "system"
    with pytest.raises(ValueError, match="unknown colour scheme"):
        save_scheme("purple", store)  # type: ignore[arg-type]


def test_template_overrides_name_only_shipped_templates(tmp_path: Path) -> None:
    (tmp_path / "invitation.txt.j2").write_text("x", encoding="utf-8")
    (tmp_path / "dismissal.txt.j2").write_text("x", encoding="utf-8")
    (tmp_path / "my-own.txt.j2").write_text("x", encoding="utf-8")
    assert template_overrides(tmp_path) == ("dismissal.txt.j2", "invitation.txt.j2")
    assert template_overrides(tmp_path / "missing") == ()


def test_words_for_validity_keychain_and_backup_names() -> None:
    now = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    info = CertificateInfo(
        "A", "B", now - dt.timedelta(days=900), now + dt.timedelta(days=30), "AB", "x", True
    )
    assert "Ends within 90 days" in validity_text(info, now)
    assert "Expired" in validity_text(info, now + dt.timedelta(days=31))
    assert "Passphrase only" in describe_keychain("none (passphrase-only mode chosen)")
    assert "SecretService" in describe_keychain("SecretService Keyring")
    assert backup_name(dt.datetime(2026, 6, 1, 9, 5, 7)) == "triage-desk-backup-2026-06-01-090507"
