"""Signposting fits the reader (issue 11): students the student services, postgraduate-research
services only for postgraduate research students, staff the staff services, visitors and others
the services open to everyone; people who can help are never listed as confidential services,
and a role that may be the respondent's is left out."""

from __future__ import annotations

import pytest

from triage_desktop.cases.model import ReporterStatus, RespondentType
from triage_desktop.policy.catalogue import load_policy
from triage_desktop.policy.facts import READER_STATUSES, RESPONDENTS, reporter_for_status
from triage_desktop.policy.model import (
    CONFIDENTIAL_HEADING,
    PEOPLE_HEADING,
    SupportDirectory,
    SupportService,
)

SUPPORT = load_policy("2.0").support
EVERYONE = ["support_and_report", "samaritans"]
STUDENT_SERVICES = ["support_and_report", "su_advice", "student_support_advice", "samaritans"]
STAFF_SERVICES = ["support_and_report", "trade_union", "samaritans"]
PGR_SERVICES = [
    "support_and_report",
    "su_advice",
    "pgr_independent_advisors",
    "student_support_advice",
    "samaritans",
]
STAFF_PEOPLE = ["hr_business_partner", "line_manager", "head_of_department"]


def _ids(services: tuple[SupportService, ...]) -> list[str]:
    return [s.id for s in services]


@pytest.mark.parametrize(
    ("reader", "respondents", "confidential", "people"),
    [
        ("undergraduate", ["student"], STUDENT_SERVICES, ["academic_adviser"]),
        ("postgraduate_taught", ["student"], STUDENT_SERVICES, ["academic_adviser"]),
        (
            "postgraduate_research",
            ["student"],
            PGR_SERVICES,
            ["academic_adviser", "doctoral_supervisor"],
        ),
        (
            "staff",
            ["student"],
            STAFF_SERVICES,
            ["hr_business_partner", "line_manager", "head_of_department"],
        ),
        ("visitor", ["student"], EVERYONE, []),
        ("other", ["staff"], EVERYONE, []),
        ("visitor", ["third_party"], EVERYONE, []),
    ],
)
def test_each_reader_gets_their_own_services(
    reader: str, respondents: list[str], confidential: list[str], people: list[str]
) -> None:
    shown = SUPPORT.signposting(reader, respondents)
    assert _ids(shown.confidential) == confidential
    assert _ids(shown.people) == people
    assert _ids(shown.services) == confidential + people


def test_postgraduate_research_services_only_for_postgraduate_research_students() -> None:
    for reader in READER_STATUSES:
        ids = _ids(SUPPORT.signposting(reader, ["student"]).services)
        pgr_only = {"pgr_independent_advisors", "doctoral_supervisor"} & set(ids)
        assert bool(pgr_only) is (reader == "postgraduate_research"), reader


def test_people_are_never_listed_as_free_and_confidential_services() -> None:
    trusted_people = {
        "line_manager",
        "head_of_department",
        "academic_adviser",
        "doctoral_supervisor",
        "hr_business_partner",
    }
    for reader in READER_STATUSES:
        for respondent in RESPONDENTS:
            shown = SUPPORT.signposting(reader, [respondent])
            assert not trusted_people & set(_ids(shown.confidential)), (reader, respondent)
    assert CONFIDENTIAL_HEADING == "Free and confidential services"
    assert PEOPLE_HEADING == "People you know and trust who can help"


@pytest.mark.parametrize(
    ("reader", "respondents", "left_out"),
    [
        ("staff", ["staff"], ["line_manager", "head_of_department"]),
        ("staff", ["staff_and_student"], ["line_manager", "head_of_department"]),
        ("staff", ["student", "staff"], ["line_manager", "head_of_department"]),
        ("staff", [], ["line_manager", "head_of_department"]),  # none recorded counts as unknown
        ("staff", ["unknown"], ["line_manager", "head_of_department"]),
        ("staff", ["student"], []),
        ("staff", ["third_party"], []),
        ("postgraduate_research", ["staff"], ["academic_adviser", "doctoral_supervisor"]),
        ("undergraduate", ["staff"], ["academic_adviser"]),
        ("undergraduate", ["student"], []),
    ],
)
def test_a_role_that_may_be_the_respondents_is_left_out(
    reader: str, respondents: list[str], left_out: list[str]
) -> None:
    shown = SUPPORT.signposting(reader, respondents)
    assert _ids(shown.left_out) == left_out
    assert not set(left_out) & set(_ids(shown.services))
    # The free and confidential services never depend on who the respondent is.
    assert shown.confidential == SUPPORT.signposting(reader, ["student"]).confidential


def test_unknown_reader_or_respondent_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="reader: 'students' is not one of undergraduate"):
        SUPPORT.signposting("students", ["student"])
    with pytest.raises(ValueError, match="respondents: 'boss' is not one of student"):
        SUPPORT.signposting("staff", ["boss"])


def test_the_policy_layer_knows_exactly_the_case_models_statuses_and_types() -> None:
    """`cases` sits above `policy`, so the policy keeps its own list: it must stay the same."""
    assert list(READER_STATUSES) == [s.value for s in ReporterStatus]
    assert list(RESPONDENTS) == [t.value for t in RespondentType]


@pytest.mark.parametrize(
    ("status", "reporter"),
    [
        ("undergraduate", "student"),
        ("postgraduate_taught", "student"),
        ("postgraduate_research", "student"),
        ("staff", "staff"),
        ("visitor", "visitor"),
        ("other", "other"),
        ("student", "student"),  # an imported report: a student, level not known
        ("prefer_not_to_say", "unknown"),
        ("alumnus", "unknown"),
    ],
)
def test_reporter_for_status(status: str, reporter: str) -> None:
    assert reporter_for_status(status) == reporter


def test_an_edited_service_keeps_its_signposting_rules() -> None:
    """Editing the words of a service (as the settings screen does) keeps who it is for."""
    from dataclasses import replace

    manager = SUPPORT.get("line_manager")
    edited = SUPPORT.updated(replace(manager, contact="ext. 1234"))
    shown = edited.signposting("staff", ["staff"])
    assert _ids(shown.left_out) == ["line_manager", "head_of_department"]
    assert edited.get("line_manager").confidential is False


def test_a_directory_built_in_code_defaults_to_people_for_everyone_in_the_audience() -> None:
    directory = SupportDirectory((SupportService("x", "X", "students", "About X.", ""),))
    shown = directory.signposting("postgraduate_taught", ["student"])
    assert _ids(shown.people) == ["x"]
    assert shown.confidential == ()
    assert directory.signposting("staff", ["student"]).services == ()


def test_every_reporter_status_a_case_can_hold_can_be_signposted() -> None:
    """The policy layer takes the status as text (it cannot import `cases`): it must know every
    value `ReporterStatus` has, imported statuses included."""
    from triage_desktop.cases.model import ReporterStatus
    from triage_desktop.policy.catalogue import load_policy

    support = load_policy().support
    for status in ReporterStatus:
        shown = support.signposting(status.value, ["student"])
        assert shown.confidential, status
    student = {s.id for s in support.signposting("student", ["staff"]).services}
    assert "pgr_independent_advisors" not in student  # a student of unknown level: not PGR-only
    assert "student_support_advice" in student
