"""Policy data: what version 2.0 holds, the version chosen by date, clear errors for bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from triage_desktop.policy.catalogue import (
    available_versions,
    load_policy,
    load_policy_file,
    policy_for_date,
)
from triage_desktop.policy.errors import PolicyDataError, PolicyNotInForceError
from triage_desktop.policy.model import SupportService
from triage_desktop.resources import resource

SHIPPED = resource("policy", "dignity-and-respect-2.0.toml")


def test_version_2_0_is_shipped_and_in_force_from_august_2025() -> None:
    policy = load_policy("2.0")
    assert available_versions() == ["2.0"]
    assert policy.in_force_from == date(2025, 8, 1)
    assert policy_for_date(date(2025, 8, 1)) is policy
    assert load_policy() is policy


def test_before_the_first_version_nothing_is_in_force() -> None:
    with pytest.raises(PolicyNotInForceError, match=r"2\.0, applies from 2025-08-01"):
        policy_for_date(date(2025, 7, 31))
    with pytest.raises(PolicyNotInForceError, match=r"known versions: 2\.0"):
        load_policy("9.9")


def test_behaviours_named_by_the_issue_are_all_there() -> None:
    policy = load_policy("2.0")
    ids = [b.id for b in policy.behaviours]
    assert ids == [
        "bullying",
        "discrimination",
        "harassment",
        "sexual_misconduct",
        "victimisation",
        "stalking",
        "domestic_abuse",
        "hate_motivated_misconduct",
        "microaggressions",
        "exclusionary_practices",
        "spiking",
        "violence_or_threats",
    ]
    kinds = [k.id for k in policy.behaviour("discrimination").kinds]
    assert kinds == ["direct", "indirect", "by_perception", "by_association"]
    # The policy names these without defining them: the data says so.
    undefined = {b.id for b in policy.behaviours if not b.defined_in_policy}
    assert undefined == {
        "microaggressions",
        "exclusionary_practices",
        "spiking",
        "violence_or_threats",
    }
    assert all(b.definition for b in policy.behaviours)


def test_characteristics_outcomes_procedures_principles_options() -> None:
    policy = load_policy("2.0")
    assert len(policy.protected_characteristics) == 9
    assert {"transgender_identity", "migration_status"} <= {i.id for i in policy.other_identities}
    assert [o.id for o in policy.outcomes] == [
        "informal_resolution",
        "formal_process",
        "alternative_process",
        "no_further_action",
        "dismiss",
    ]
    assert policy.procedure("student_regulation_7").name == (
        "Student Regulation 7 and the Student Discipline Procedure"
    )
    assert [p.id for p in policy.principles] == [
        "safety",
        "fairness",
        "empowerment_and_choice",
        "compassion",
    ]
    assert [o.id for o in policy.options] == ["informal", "formal", "external", "no_further_action"]


def test_option_explanations_are_plain_and_do_not_steer() -> None:
    for option in load_policy("2.0").options:
        words = option.explanation.split()
        sentences = [s for s in option.explanation.split(". ") if s]
        assert 30 <= len(words) <= 120, option.id
        assert max(len(s.split()) for s in sentences) <= 35, option.id
        lowered = option.explanation.lower()
        for steering in ("you should", "we recommend", "best option", "you must"):
            assert steering not in lowered, (option.id, steering)


def test_support_directory_is_editable_without_touching_the_file() -> None:
    support = load_policy("2.0").support
    assert support.get("support_and_report").contact == "supportandreport@bath.ac.uk"
    student_ids = [s.id for s in support.for_audience("students")]
    staff_ids = [s.id for s in support.for_audience("staff")]
    assert "su_advice" in student_ids
    assert "su_advice" not in staff_ids
    assert "trade_union" in staff_ids
    assert "support_and_report" in staff_ids
    assert "line_manager" in staff_ids  # for_audience still lists everything, e.g. to edit it
    edited = support.updated(
        SupportService("su_advice", "SU Advice", "students", "Independent advice.", "x@example.org")
    ).removed("trade_union")
    assert edited.get("su_advice").contact == "x@example.org"
    assert "trade_union" not in [s.id for s in edited.services]
    assert support.get("su_advice").contact == ""  # the original is unchanged
    assert edited.to_records()[0]["id"] == "support_and_report"
    with pytest.raises(ValueError, match="audience"):
        support.updated(SupportService("x", "X", "visitors", "", ""))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="for_statuses 'staff' is not a status of the audience"):
        support.updated(SupportService("x", "X", "students", "", "", for_statuses=("staff",)))
    with pytest.raises(ValueError, match="not_when_respondent 'visitor' is not one of"):
        support.updated(SupportService("x", "X", "staff", "", "", not_when_respondent=("visitor",)))
    with pytest.raises(KeyError):
        support.removed("no_such_service")


def test_risk_questions_cover_the_areas_the_issue_names() -> None:
    screen = load_policy("2.0").risk
    assert [s.id for s in screen.sections] == [
        "immediate_safety",
        "access",
        "threats",
        "escalation",
        "vulnerable_people",
        "wellbeing",
        "community",
    ]
    ids = {q.id for q in screen.questions}
    assert {"safe_now", "immediate_danger", "medical_need"} <= ids
    assert {"shared_accommodation", "shared_course", "shared_workplace"} <= ids
    # Issue 10: wellbeing (mental-health crisis, self-harm or suicidal thoughts) and risk to
    # others in the community, with these ids exactly.
    assert screen.question("mental_health_crisis").section == "wellbeing"
    assert screen.question("self_harm_or_suicidal_thoughts").section == "wellbeing"
    assert screen.question("risk_to_others").section == "community"
    assert [c.id for c in screen.external_checklists] == ["dash", "s_dash"]


def test_every_red_flag_answer_says_what_to_do() -> None:
    for question in load_policy("2.0").risk.questions:
        for answer, level in question.levels.items():
            if level == "high":
                guidance = question.what_to_do[answer]
                assert 10 <= len(guidance.split()) <= 60, (question.id, answer)
        assert set(question.what_to_do) <= {a for a, lv in question.levels.items() if lv == "high"}


def test_loading_is_cached_and_fast() -> None:
    assert load_policy("2.0") is load_policy("2.0")


# --- broken files -----------------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str, name: str = "dignity-and-respect-2.0.toml") -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('version = "2.0"', "version = 2.0", "policy.version: expected text, found a number"),
        (
            "in_force_from = 2025-08-01",
            'in_force_from = "1 Aug"',
            "policy.in_force_from: expected a date",
        ),
        ('title = "Dignity and Respect Policy"\n', "", "policy.title: missing"),
        ('owner = "', 'ownr = "', "policy.owner: missing"),
        ("[policy]\n", "[policy]\ncolour = 1\n", "policy.colour: unknown key"),
        (
            "[clauses.signposting]",
            "[clauses.signposting_typo]",
            "clauses.signposting: missing (the routing engine cites it)",
        ),
        ('id = "safety"', 'id = "fairness"', "principles[1].id: duplicate id 'fairness'"),
        ('id = "dismiss"', 'id = "drop"', "outcomes: missing id 'dismiss'"),
        (
            'route = "formal_process"',
            'route = "formal"',
            "procedures[1].route: must be informal_resolution",
        ),
        (
            'respondents = ["student"]',
            'respondents = ["pupil"]',
            "procedures[1].respondents: 'pupil' is not one",
        ),
        (
            'clauses = ["student_formal"]',
            'clauses = ["nowhere"]',
            "procedures[1].clauses: no clause 'nowhere'",
        ),
        (
            'audience = "everyone"',
            'audience = "all"',
            "support_services[0].audience: must be one of",
        ),
        (
            'section = "threats"',
            'section = "menace"',
            "risk.questions[6].section: no section 'menace'",
        ),
        (
            'levels = { yes = "low", no = "high", unknown = "medium" }',
            'levels = { yes = "low", no = "severe", unknown = "medium" }',
            "risk.questions[0].levels.no: must be one of low, medium, high, not 'severe'",
        ),
        (
            'safeguarding_if = ["yes"]',
            'safeguarding_if = ["maybe"]',
            "risk.questions[1].safeguarding_if: 'maybe'",
        ),
        (
            "max_score = 27",
            "max_score = 0",
            "risk.external_checklists[0].max_score: must be at least 1",
        ),
        (
            "defined_in_policy = true",
            'defined_in_policy = "yes"',
            "behaviours[0].defined_in_policy: expected true or false",
        ),
        ("examples = []", 'examples = [""]', "behaviours[1].examples[0]: expected non-empty text"),
        ("[policy]", "[policy\n", "not valid TOML"),
        (
            'audience = "everyone"\nconfidential = true\n',
            'audience = "everyone"\n',
            "support_services[0].confidential: missing",
        ),
        (
            'for_statuses = ["postgraduate_research"]\nnot_when',
            'for_statuses = ["postgrad"]\nnot_when',
            "support_services[2].for_statuses: 'postgrad' is not a status of the audience "
            "'students' (undergraduate, postgraduate_taught, postgraduate_research, student)",
        ),
        (
            'for_statuses = ["postgraduate_research"]\nnot_when',
            "for_statuses = []\nnot_when",
            "support_services[2].for_statuses: must list at least one entry",
        ),
        (
            'not_when_respondent = ["staff", "staff_and_student", "unknown"]',
            'not_when_respondent = ["manager"]',
            "support_services[1].not_when_respondent: 'manager' is not one of student",
        ),
        (
            'safeguarding_if = ["yes"]\nwhat_to_do.yes = "Call 999 now.',
            'safeguarding_if = ["yes"]\nwhat_to_do.maybe = "Call 999 now.',
            "risk.questions[1].what_to_do.maybe: is not one of yes, no, unknown",
        ),
        (
            'what_to_do.yes = "Call 999 now.',
            'what_to_do.no = "Call 999 now.',
            "risk.questions[1].what_to_do: missing for 'yes': every high-risk answer needs one",
        ),
        (
            '[[flags]]\nid = "outside_scope"',
            '[[flags]]\nid = "out_of_scope"',
            "flags: missing id 'outside_scope'",
        ),
        (
            'name = "Safeguarding escalation"',
            'name = "safeguarding_escalation"',
            "escalations[1].name: 'safeguarding_escalation' reads like an id, not words",
        ),
        (
            '[[preferences]]\nid = "undecided"\nname = "Not decided yet"\n',
            "",
            "preferences: missing id 'undecided'",
        ),
    ],
)
def test_a_broken_file_names_file_key_and_problem(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(PolicyDataError) as caught:
        load_policy_file(path)
    text = str(caught.value)
    assert text.startswith("dignity-and-respect-2.0.toml: ")
    assert message in text
    assert "\n" not in text


def test_file_name_must_match_version(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'version = "2.0"', 'version = "2.1"')
    with pytest.raises(PolicyDataError, match=r"must be named dignity-and-respect-2\.1\.toml"):
        load_policy_file(path)


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "dignity-and-respect-2.0.toml"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(PolicyDataError, match="not UTF-8"):
        load_policy_file(path)
    with pytest.raises(PolicyDataError, match="cannot be read"):
        load_policy_file(tmp_path / "dignity-and-respect-9.toml")


def test_earlier_versions_stay_loadable_and_dates_choose(tmp_path: Path) -> None:
    """A folder with an earlier version (made for the test) and 2.0: each date gets its own."""
    _broken(tmp_path, "in_force_from = 2025-08-01", "in_force_from = 2025-08-01")
    old = _broken(tmp_path, 'version = "2.0"', 'version = "1.0"', "dignity-and-respect-1.0.toml")
    old.write_text(
        old.read_text(encoding="utf-8").replace(
            "in_force_from = 2025-08-01", "in_force_from = 2022-09-01"
        ),
        encoding="utf-8",
    )
    assert available_versions(tmp_path) == ["1.0", "2.0"]
    assert policy_for_date(date(2024, 1, 1), directory=tmp_path).version == "1.0"
    assert policy_for_date(date(2025, 7, 31), directory=tmp_path).version == "1.0"
    assert policy_for_date(date(2025, 8, 1), directory=tmp_path).version == "2.0"
    assert load_policy("1.0", directory=tmp_path).version == "1.0"
    assert load_policy(directory=tmp_path).version == "2.0"

    from triage_desktop.policy.routing import CaseFacts, recommend

    facts = CaseFacts(date(2024, 5, 1), "student", "formal")
    older = recommend(facts, load_policy("1.0", directory=tmp_path))
    assert older.policy_version == "1.0"
    assert all("Policy v1.0" in sentence for sentence in older.rationale)


def test_two_versions_on_one_date_is_an_error(tmp_path: Path) -> None:
    _broken(tmp_path, 'version = "2.0"', 'version = "2.0"')
    _broken(tmp_path, 'version = "2.0"', 'version = "2.1"', "dignity-and-respect-2.1.toml")
    with pytest.raises(PolicyDataError, match="same date as version"):
        available_versions(tmp_path)


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyDataError, match="no policy data files"):
        available_versions(tmp_path)


def test_an_edited_directory_round_trips_and_is_validated() -> None:
    from triage_desktop.policy.catalogue import support_directory_from_records

    support = load_policy("2.0").support
    edited = support.updated(
        SupportService("nightline", "Nightline", "students", "Listening service.", "", True)
    )
    assert support_directory_from_records(edited.to_records()) == edited
    assert support_directory_from_records(support.to_records()) == support  # every field kept
    records = edited.to_records()
    records[1]["audience"] = "alumni"
    with pytest.raises(PolicyDataError, match=r"support_services\[1\]\.audience: must be one of"):
        support_directory_from_records(records, source="settings.json")
    with pytest.raises(PolicyDataError, match=r"support_services\[0\]\.phone: unknown key"):
        support_directory_from_records([{**records[0], "phone": "01225"}], source="settings.json")
