"""The domain model refuses what cannot be stored and keeps every script exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.support.vaults import details
from triage_desktop.cases.model import Reporter, Respondent, RespondentType
from triage_desktop.cases.reference import CaseReference
from triage_desktop.cases.text import LONG_TEXT_MAX, InvalidFieldError, strip_controls


@pytest.mark.parametrize(
    "text",
    ["مريم حداد", "张伟", "Zoë Ångström", "שלום\u200fעולם", "Line one\nLine two\tTabbed", "🙂"],
)
def test_scripts_and_layout_are_kept_exactly(text: str) -> None:
    assert Reporter(name=text[:200]).name == text[:200]
    assert details(description=text).description.startswith(text)


def test_control_characters_are_stripped_but_newlines_and_tabs_kept() -> None:
    assert strip_controls("a\x00b\x07c\x1bd\ne\tf\r\ng\x7f\x85h") == "abcd\ne\tf\ngh"
    assert Reporter(name="Al\x00ex").name == "Alex"


def test_ten_megabytes_of_pasted_text_is_refused_by_name() -> None:
    with pytest.raises(InvalidFieldError) as caught:
        details(description="x" * 10_000_000)
    assert caught.value.field == "description"
    assert f"{LONG_TEXT_MAX:,}" in str(caught.value)


def test_long_name_refused_with_field_name() -> None:
    with pytest.raises(InvalidFieldError, match=r"respondent\.name"):
        Respondent(RespondentType.STUDENT, "n" * 201)


def test_enums_and_ids_are_checked() -> None:
    with pytest.raises(InvalidFieldError, match="respondent_type"):
        Respondent("student", "x")  # type: ignore[arg-type]
    with pytest.raises(InvalidFieldError, match="behaviour_categories"):
        replace(details(), behaviour_categories=("harass\nment",))
    with pytest.raises(InvalidFieldError, match="policy_version"):
        replace(details(), policy_version="")
    with pytest.raises(InvalidFieldError, match="anonymous"):
        replace(details(), anonymous="yes")  # type: ignore[arg-type]


def test_case_reference_format() -> None:
    assert str(CaseReference(2026, 42)) == "DR-2026-0042"
    assert CaseReference.parse("dr-2026-0042") == CaseReference(2026, 42)
    assert str(CaseReference(2026, 12345)) == "DR-2026-12345"
    with pytest.raises(ValueError, match="DR-2026-0042"):
        CaseReference.parse("2026-42")
