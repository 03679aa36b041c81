"""The subject access clock across month ends and holidays, and name matching in any script."""

from __future__ import annotations

import datetime as dt

import pytest

from triage_desktop.reports.subject_access import (
    REDACTED,
    Standing,
    add_months,
    clock,
    find,
    fold,
    name_terms,
    redact,
    same_person,
    standing,
)


@pytest.mark.parametrize(
    ("received", "one_month", "due"),
    [
        (dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2025, 2, 28)),  # a Friday
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 2)),  # Saturday: Monday
        (dt.date(2028, 1, 31), dt.date(2028, 2, 29), dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 3, 31), dt.date(2026, 4, 30), dt.date(2026, 4, 30)),
        (dt.date(2026, 9, 3), dt.date(2026, 10, 3), dt.date(2026, 10, 5)),  # ICO's example
        (dt.date(2026, 11, 25), dt.date(2026, 12, 25), dt.date(2026, 12, 29)),  # Christmas
        (dt.date(2026, 12, 31), dt.date(2027, 1, 31), dt.date(2027, 2, 1)),  # across the year
    ],
)
def test_due_one_calendar_month_later_on_a_working_day(
    received: dt.date, one_month: dt.date, due: dt.date
) -> None:
    found = clock(received)
    assert (found.one_month, found.due_on) == (one_month, due)
    assert found.moved == (one_month != due)


def test_the_extension_is_two_further_months_from_receipt() -> None:
    extended = clock(dt.date(2025, 1, 31), extended=True)
    assert extended.extended_month == dt.date(2025, 4, 30)
    assert extended.due_on == dt.date(2025, 4, 30)
    assert clock(dt.date(2028, 1, 31), extended=True).due_on == dt.date(2028, 5, 2)  # 30 Apr
    # is a Sunday and 1 May 2028 the early May bank holiday


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 5, 31), 1) == dt.date(2026, 6, 30)
    assert add_months(dt.date(2026, 1, 15), 12) == dt.date(2027, 1, 15)


def test_where_a_request_stands() -> None:
    due = dt.date(2026, 3, 2)
    assert standing(due, dt.date(2026, 2, 1)) is Standing.DUE
    assert standing(due, dt.date(2026, 2, 24)) is Standing.DUE_SOON
    assert standing(due, due) is Standing.DUE_TODAY
    assert standing(due, dt.date(2026, 3, 3)) is Standing.OVERDUE
    assert standing(due, dt.date(2026, 3, 3), completed=True) is Standing.COMPLETED


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Zoë Ångström heard it", "zoe angstrom", ["Zoë Ångström"]),
        ("ZOË said so", "Zoe", ["ZOË"]),
        ("Zoe\u0308 was there", "zoë", ["Zoe\u0308"]),  # decomposed input keeps its mark
        ("مُحَمَّد كان هناك", "محمد", ["مُحَمَّد"]),  # Arabic short vowels ignored
        ("Νίκος ήταν εκεί", "ΝΙΚΟΣ", ["Νίκος"]),  # Greek accents and final sigma
        ("Дмитрий пришёл", "ДМИТРИЙ", ["Дмитрий"]),
        ("我的朋友张伟说", "张伟", ["张伟"]),  # no spaces in Chinese: any position
        ("İlkay geldi", "ilkay", ["İlkay"]),  # Turkish dotted capital I
        ("Straße", "STRASSE", ["Straße"]),
        ("अनीता शर्मा आईं", "अनीता", ["अनीता"]),
        ("Samuel and Sam", "Sam", ["Sam"]),  # a whole word, not inside another
        ("Samantha", "sam", []),
        ("Dr Fictional came", "Dr Fictional", ["Dr Fictional"]),
    ],
)
def test_names_are_found_in_any_script(text: str, name: str, found: list[str]) -> None:
    spans = find(text, name_terms(name))
    assert [text[start:end] for start, end in spans] == found


def test_redaction_replaces_every_mention_and_leaves_the_rest() -> None:
    text = "Sam Placeholder waited. Then Placeholder left; Sam came back. e\u0301milie saw."
    spans = find(text, name_terms("Sam Placeholder")) + find(text, name_terms("Émilie"))
    assert redact(text, spans) == (
        f"{REDACTED} waited. Then {REDACTED} left; {REDACTED} came back. {REDACTED} saw."
    )


def test_titles_and_short_parts_are_not_names_on_their_own() -> None:
    assert name_terms("Dr Li") == ("dr li",)
    assert name_terms("Prof. Jordan Sample") == ("prof. jordan sample", "jordan", "sample")
    assert find("Dr Smith and Li Wei", name_terms("Dr Li")) == []


def test_folding_and_the_same_person() -> None:
    assert fold("  Zoë   ÅNGSTRÖM ") == "zoe angstrom"
    assert same_person("Zoë Ångström", "ZOE ANGSTROM")
    assert not same_person("", "")
    assert not same_person("Zoë Ångström", "Zoë Angstrem")
