"""Subject access requests through the real services and vault: the person found in three cases
in three roles in any script, the passages and their third-party mentions, redaction in the
signed pack's text unless disclosed with a reason, internal risk notes withheld by default with
the reason, the redaction log in the vault, the protected export, the audit log (and `audit
verify` catching a decision changed outside Triage Desk), and the retention purge."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.documents.pdftools import pdfsig, pdftotext
from tests.support import subject_access_vault as sav
from triage_desktop.cases.model import CaseStatus
from triage_desktop.cases.subject_access import Choice, Role
from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.reports.subject_access import fold
from triage_desktop.services import subject_access as sa


@pytest.fixture(scope="module")
def built_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sar") / "vault"
    sav.build(folder).service.lock()
    return folder


@pytest.fixture
def built(built_folder: Path, tmp_path: Path) -> Iterator[sav.Built]:
    import shutil

    from tests.support.vaults import PASSPHRASE
    from triage_desktop.services.session import VaultService

    folder = tmp_path / "vault"
    shutil.copytree(built_folder, folder)
    service = VaultService(folder)
    service.unlock(PASSPHRASE)
    cases = [service.get_case(i) for i in (1, 2, 3, 4)]
    yield sav.Built(service, *cases)
    service.lock()


def _request(built: sav.Built) -> int:
    found = sa.find_person(built.service, "zoe angstrom")
    request = sa.create_request(
        built.service,
        sav.REQUESTER,
        dt.date(2026, 11, 20),
        [(f.case_id, f.suggested) for f in found],
    )
    return request.id


def _not_in(text: str, name: str) -> None:
    """Absent in reading order and in visual order (right-to-left text)."""
    assert name not in text, name
    assert name[::-1] not in text, name


def test_the_person_is_found_in_three_cases_in_three_roles_whatever_the_spelling(
    built: sav.Built,
) -> None:
    for typed in ("zoe angstrom", "ZOË ÅNGSTRÖM", "Zoe\u0308 A\u030angstro\u0308m", "angstrom zoe"):
        found = sa.find_person(built.service, typed)
        assert [(f.reference, f.suggested) for f in found] == [
            (built.a.reference, Role.REPORTER),
            (built.b.reference, Role.RESPONDENT),
            (built.c.reference, Role.WITNESS),
        ], typed
    assert built.d.reference not in {f.reference for f in sa.find_person(built.service, "zoe")}
    where = {f.reference: f.where for f in sa.find_person(built.service, "zoe angstrom")}
    assert where[built.c.reference] == ("the report",)  # never the text itself


@pytest.mark.parametrize(
    ("typed", "case", "role"),
    [
        ("مَرْيَم", "b", Role.REPORTER),  # with the short vowels the stored name has not
        ("张伟", "c", Role.REPORTER),
        ("дмитрий иванов", "c", Role.RESPONDENT),
        ("νικος", "d", Role.REPORTER),
        ("JORDAN SAMPLE", "a", Role.ATTENDEE),
    ],
)
def test_names_are_found_in_any_script_ignoring_case_and_marks(
    built: sav.Built, typed: str, case: str, role: Role
) -> None:
    found = sa.find_person(built.service, typed)
    assert [(f.reference, f.suggested) for f in found] == [(getattr(built, case).reference, role)]


def test_a_search_is_audited_without_the_name(built: sav.Built) -> None:
    sa.find_person(built.service, "zoe angstrom")
    rows = built.service._database().read(
        lambda con: con.execute("SELECT action, case_reference FROM audit_log").fetchall()
    )
    assert ("sar_search", "") in rows
    assert not any("zoe" in action.casefold() for action, _ref in rows)


def test_every_third_party_name_is_redacted_in_the_pack_and_internal_notes_withheld(
    built: sav.Built, tmp_path: Path
) -> None:
    request_id = _request(built)
    sa.set_other_names(built.service, request_id, ["Priya Okafor"])  # named only in free text
    out = tmp_path / "pack.pdf"
    exported = sa.sign_and_export(built.service, request_id, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    pdf = out.read_bytes()
    assert "Signature is Valid" in pdfsig(pdf)
    text = pdftotext(pdf)
    for name in (*sav.THIRD_PARTIES, "Head of Department"):
        _not_in(text, name)
        for part in name.split():
            if len(part) >= 3 and part not in ("Head", "of"):
                _not_in(text, part)
    assert "[third party] kept sending messages to me after the seminar." in text
    assert "Zoë Ångström" in text  # her own name stays
    assert "ZOE ANGSTROM" in text  # as case B holds it
    assert sav.RISK_MARK not in text
    assert (
        "Case 1: The officer's comments on the risks: An internal note of the officer's "
        "assessment of risks to safety." in text
    )
    assert "mentions of other people are shown as [third party]" in text
    for heading in ("Why we hold it", "Where it came from", "How long it is kept", "Your rights"):
        assert heading in text
    assert "ico.org.uk/make-a-complaint" in text
    _info, stored, log = sa.stored_pack(built.service, exported.pack.id)
    assert stored == exported.pdf
    passages = {p["passage"]: p for c in log["cases"] for p in c["passages"]}
    assert passages["risk:comments"]["choice"] == "withhold"
    assert passages["risk:comments"]["reason"] == sa.INTERNAL_REASON
    mentions = passages["meeting:attendees"]["mentions"]
    assert mentions == [
        {
            "person": sav.SUPPORTER,
            "choice": "redact",
            "reason": sa.REDACT_REASON,
            "occurrences": 1,
            "decided": False,
        }
    ]


def test_a_third_party_disclosed_with_a_reason_and_an_included_risk_note_appear(
    built: sav.Built, tmp_path: Path
) -> None:
    request_id = _request(built)
    a = built.a.id
    with pytest.raises(InvalidFieldError, match="give the reason for disclosing"):
        sa.decide(
            built.service,
            request_id,
            [sa.Choose(a, "meeting:attendees", fold(sav.SUPPORTER), Choice.DISCLOSE)],
        )
    with pytest.raises(InvalidFieldError, match="including an internal risk note"):
        sa.decide(built.service, request_id, [sa.Choose(a, "risk:comments", "", Choice.INCLUDE)])
    reviewed = sa.decide(
        built.service,
        request_id,
        [
            sa.Choose(
                a,
                "meeting:attendees",
                fold(sav.SUPPORTER),
                Choice.DISCLOSE,
                "They came with her and agreed to be named (consent on file).",
            ),
            sa.Choose(a, "risk:comments", "", Choice.INCLUDE, "Her own words; no risk to anyone."),
        ],
    )
    attendees = reviewed.passage(a, "meeting:attendees")
    assert attendees.mentions[0].decided
    assert attendees.disclosed_text() == f"{sav.SUPPORTER} (A friend or supporter)"
    text = pdftotext(sa.sign_and_export(built.service, request_id, tmp_path / "p.pdf").pdf)
    assert f"{sav.SUPPORTER} (A friend or supporter)" in text
    assert sav.RISK_MARK in text  # the comments, included with a reason
    assert "Ask the [third party] to change" not in text  # precautions: still withheld
    # Elsewhere the same person stays redacted: each mention is decided on its own.
    assert text.count(sav.SUPPORTER) == 1


def test_a_decision_on_a_passage_that_changed_since_must_be_made_again(
    built: sav.Built, tmp_path: Path
) -> None:
    import dataclasses

    request_id = _request(built)
    a = built.a.id
    sa.decide(
        built.service,
        request_id,
        [
            sa.Choose(
                a, "intake:description", fold(sav.RESPONDENT_A), Choice.DISCLOSE, "Reasonable."
            )
        ],
    )
    case = built.service.get_case(a)
    changed = dataclasses.replace(case.details, description=case.details.description + " Again.")
    built.service.update_case(a, changed)
    passage = sa.review(built.service, request_id).passage(a, "intake:description")
    assert passage.mentions[0].stale
    assert passage.mentions[0].choice is Choice.REDACT  # back to the default until decided
    with pytest.raises(sa.SubjectAccessError, match="changed since you decided"):
        sa.sign_and_export(built.service, request_id, tmp_path / "p.pdf")


def test_the_protected_export_needs_the_password_and_is_still_signed(
    built: sav.Built, tmp_path: Path
) -> None:
    request_id = _request(built)
    out = tmp_path / "protected.pdf"
    exported = sa.sign_and_export(built.service, request_id, out, password="correct horse 42")
    assert exported.protected
    data = out.read_bytes()
    assert b"/Encrypt" in data
    from tests.documents.pdftools import pdftotext_result

    assert pdftotext_result(data).returncode != 0  # no password, no text
    assert "Zoë Ångström" in pdftotext(data, "-upw", "correct horse 42")
    assert "Signature is Valid" in pdfsig(data, "-upw", "correct horse 42")
    with pytest.raises(sa.SubjectAccessError, match="at least 8 characters"):
        sa.sign_and_export(built.service, request_id, tmp_path / "short.pdf", password="short")
    assert not (tmp_path / "short.pdf").exists()


def test_every_request_decision_and_export_is_audited_and_audit_verify_checks_them(
    built: sav.Built, tmp_path: Path
) -> None:
    request_id = _request(built)
    a = built.a.id
    sa.decide(
        built.service,
        request_id,
        [sa.Choose(a, "meeting:attendees", fold(sav.SUPPORTER), Choice.DISCLOSE, "Consented.")],
    )
    sa.extend(built.service, request_id, "Three cases to review, one complex.")
    sa.sign_and_export(built.service, request_id, tmp_path / "p.pdf")
    rows = built.service._database().read(
        lambda con: con.execute("SELECT action, case_reference FROM audit_log").fetchall()
    )
    reference = "SAR-2026-0001"
    assert rows.count(("sar_request", reference)) == 2  # made, then extended
    assert (f"sar_decisions:{reference}", built.a.reference) in rows
    assert (f"sar_pack_add:{reference}", reference) in rows
    for case in (built.a, built.b, built.c):
        assert (f"sar_disclosed:{reference}", case.reference) in rows
        assert (f"sar_request_case:{reference}", case.reference) in rows
    assert (f"sar_export:{reference}", reference) in rows
    assert built.service.audit_verify().ok
    from triage_desktop.gui.cases.labels import audit_words

    history = [audit_words(e.action) for e in built.service.audit_entries(built.b.id)]
    assert f"Part of a subject access request ({reference})" in history
    assert f"Disclosed in a subject access pack ({reference})" in history

    def change_decision(con: object) -> None:
        con.execute("UPDATE subject_access_decisions SET choice = 'redact'")  # type: ignore[attr-defined]

    built.service._database().write(change_decision)
    result = built.service.audit_verify()
    assert not result.ok
    assert f"the decisions of subject access request {reference} on case" in result.reason


def test_a_request_changed_or_removed_outside_triage_desk_is_caught(built: sav.Built) -> None:
    request_id = _request(built)
    db = built.service._database()
    db.write(
        lambda con: con.execute("UPDATE subject_access_requests SET received_on = '2026-12-01'")
    )
    assert "does not match its last audited content" in built.service.audit_verify().reason
    db.write(
        lambda con: con.execute("DELETE FROM subject_access_requests WHERE id = ?", (request_id,))
    )
    assert "was deleted outside Triage Desk" in built.service.audit_verify().reason


def test_the_clock_extension_needs_a_reason_once_and_completion_stops_it(built: sav.Built) -> None:
    request_id = _request(built)
    summary = sa.requests(built.service, dt.date(2026, 12, 1))[0]
    assert summary.clock.due_on == dt.date(2026, 12, 21)  # 20 December is a Sunday
    assert summary.words(dt.date(2026, 12, 1)) == "Due Mon 21 Dec 2026, in 20 days"
    with pytest.raises(InvalidFieldError, match="extension_reason"):
        sa.extend(built.service, request_id, "  ")
    sa.extend(built.service, request_id, "Complex: three cases.")
    summary = sa.requests(built.service, dt.date(2026, 12, 1))[0]
    assert summary.clock.due_on == dt.date(2027, 2, 22)  # 20 February 2027 is a Saturday
    assert summary.request.extension_reason == "Complex: three cases."
    with pytest.raises(sa.SubjectAccessError, match="already extended"):
        sa.extend(built.service, request_id, "Again.")
    late = sa.requests(built.service, dt.date(2027, 3, 1))[0]
    assert late.words(dt.date(2027, 3, 1)) == "OVERDUE: was due Mon 22 Feb 2027 (7 days ago)"
    sa.complete(built.service, request_id, dt.date(2027, 2, 1))
    assert sa.open_requests(built.service, dt.date(2027, 3, 1)) == []


def test_a_request_received_in_the_future_or_without_cases_is_refused(built: sav.Built) -> None:
    with pytest.raises(InvalidFieldError, match="received_on: cannot be in the future"):
        sa.create_request(
            built.service, "Zoë", dt.date.today() + dt.timedelta(days=1), [(1, Role.REPORTER)]
        )
    with pytest.raises(InvalidFieldError, match="cases: choose at least one case"):
        sa.create_request(built.service, "Zoë", dt.date(2026, 11, 1), [])
    with pytest.raises(InvalidFieldError, match="requester_name"):
        sa.create_request(built.service, " ", dt.date(2026, 11, 1), [(1, Role.REPORTER)])


def test_the_retention_purge_removes_the_purged_cases_part_of_every_request(
    built: sav.Built, tmp_path: Path
) -> None:
    request_id = _request(built)
    a = built.a.id
    sa.decide(
        built.service,
        request_id,
        [sa.Choose(a, "meeting:attendees", fold(sav.SUPPORTER), Choice.DISCLOSE, "Consented.")],
    )
    sa.sign_and_export(built.service, request_id, tmp_path / "p.pdf")
    built.service.set_status(a, CaseStatus.CLOSED)
    result = built.service.purge(dt.date.today() + dt.timedelta(days=366 * 7))
    assert result.purged == (built.a.reference,)
    request = built.service.subject_access_request(request_id)
    assert [c.case_reference for c in request.cases] == [built.b.reference, built.c.reference]
    assert built.service.subject_access_packs(request_id) == []  # it held case A's text
    assert all(d.case_id != a for d in built.service.subject_access_decisions(request_id))
    assert built.service.audit_verify().ok
    for case in (built.b, built.c):
        built.service.set_status(case.id, CaseStatus.CLOSED)
    built.service.purge(dt.date.today() + dt.timedelta(days=366 * 7))
    assert built.service.subject_access_requests() == []
    assert built.service.audit_verify().ok
    leftovers = built.service._database().read(
        lambda con: [
            con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in (
                "subject_access_requests",
                "subject_access_cases",
                "subject_access_decisions",
                "subject_access_packs",
            )
        ]
    )
    assert leftovers == [0, 0, 0, 0]


def test_the_redaction_log_is_kept_in_the_vault_not_in_the_pack(
    built: sav.Built, tmp_path: Path
) -> None:
    request_id = _request(built)
    exported = sa.sign_and_export(built.service, request_id, tmp_path / "p.pdf")
    _info, _pdf, log = sa.stored_pack(built.service, exported.pack.id)
    assert log["request"] == "SAR-2026-0001"
    assert {c["case"] for c in log["cases"]} == {
        built.a.reference,
        built.b.reference,
        built.c.reference,
    }
    people = {m["person"] for c in log["cases"] for p in c["passages"] for m in p["mentions"]}
    assert {sav.SUPPORTER, sav.RESPONDENT_A, sav.REPORTER_B, sav.RESPONDENT_C} <= people
    assert json.dumps(log, ensure_ascii=False).count(sav.SUPPORTER) >= 1
    assert "Jordan" not in pdftotext(exported.pdf)


def test_a_pack_changed_outside_triage_desk_is_caught(built: sav.Built, tmp_path: Path) -> None:
    sa.sign_and_export(built.service, _request(built), tmp_path / "p.pdf")
    assert built.service.audit_verify().ok
    built.service._database().write(
        lambda con: con.execute("UPDATE subject_access_packs SET pdf = x'00', sha256 = 'x'")
    )
    assert "has no matching entry in the log" in built.service.audit_verify().reason


def test_a_family_name_shared_with_the_requester_is_redacted_only_in_the_whole_name() -> None:
    terms = sa._terms("Jordan Ångström", "Zoë Ångström")
    assert terms == ["jordan angstrom", "jordan"]


def test_due_soon_is_said_in_words(built: sav.Built) -> None:
    _request(built)
    summary = sa.requests(built.service, dt.date(2026, 12, 16))[0]
    assert summary.words(dt.date(2026, 12, 16)) == "Due soon: Mon 21 Dec 2026, in 5 days"


def test_an_existing_file_is_refused_before_anything_is_signed(
    built: sav.Built, tmp_path: Path
) -> None:
    request_id = _request(built)
    taken = tmp_path / "taken.pdf"
    taken.write_text("keep me")
    with pytest.raises(sa.SubjectAccessError, match="already exists"):
        sa.sign_and_export(built.service, request_id, taken)
    assert taken.read_text() == "keep me"
    assert built.service.subject_access_packs(request_id) == []
