"""The no-recovery property: for random case sets, no suppressed count in the published
statistics can be worked out by subtraction from what is published.

The attacker reads only the published tables (their rows, their quarter and total columns, the
'All cases received' row every table repeats, and the counts two tables share), states every
relation a reader can see between them, and searches completely for a second assignment of all
counts that fits everything published (tests/support/disclosure_attack.py). The true counts are
worked out here from the cases themselves, not by the module under test.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.disclosure_attack import Attack
from triage_desktop.cases.model import ReportSource, RespondentType
from triage_desktop.reports.disclosure import Cover, Kind, Published, Sum
from triage_desktop.reports.statistics import (
    ALL_CASES,
    CATEGORY_WORDS,
    CaseFigures,
    ConsentGroup,
    Contact,
    Figure,
    Historical,
    PublishedStatistics,
    Quarter,
    Words,
    count,
    merge,
    publish,
)

BEHAVIOURS = {"harassment": "Harassment", "bullying": "Bullying", "stalking": "Stalking"}
OUTCOMES = {
    "informal_resolution": "Informal resolution",
    "formal_process": "Formal process",
    "dismiss": "Dismissed",
}
RESPONDENTS = {t.value: t.value.replace("_", " ").capitalize() for t in RespondentType}
WORDS = Words(BEHAVIOURS, OUTCOMES, RESPONDENTS)
START, END = date(2026, 1, 1), date(2026, 6, 30)
DEPARTMENTS = ("Physics", "Law", "Music", "")
COVERS = {Figure.BEHAVIOUR.value, Figure.RESPONDENT.value}
OTHER_DEPARTMENTS = "Other departments (fewer than 5 cases each)"
NO_DEPARTMENT = "Not recorded (cases recorded by hand)"


@st.composite
def case_figures(draw: st.DrawFn) -> CaseFigures:
    anonymous = draw(st.booleans())
    contact = (
        Contact.NOT_APPLICABLE
        if anonymous
        else draw(st.sampled_from([Contact.MET, Contact.MISSED, Contact.NOT_YET_DUE]))
    )
    signed = draw(st.booleans())
    return CaseFigures(
        received_on=START + timedelta(days=draw(st.integers(0, (END - START).days))),
        behaviours=tuple(draw(st.sets(st.sampled_from(sorted(BEHAVIOURS)), max_size=2))),
        connection=draw(st.sampled_from(["student", "staff", "other"])),
        respondents=tuple(draw(st.sets(st.sampled_from(sorted(RESPONDENTS)), max_size=2))),
        source=draw(st.sampled_from([s.value for s in ReportSource])),
        anonymous=anonymous,
        historical=draw(st.sampled_from(list(Historical))),
        contact=contact,
        outcome=draw(st.sampled_from(sorted(OUTCOMES))) if signed else None,
        consent=draw(st.sampled_from(list(ConsentGroup))) if signed else None,
        working_days_to_meeting=draw(st.integers(0, 30)) if signed else None,
        department=draw(st.sampled_from(DEPARTMENTS)),
    )


def labels_of(case: CaseFigures, departments_named: set[str]) -> dict[str, set[str]]:
    """The row labels a case counts under, figure by figure (worked out independently)."""
    categories = CATEGORY_WORDS
    department = case.department
    if not department:
        department_label = NO_DEPARTMENT
    elif department in departments_named:
        department_label = department
    else:
        department_label = OTHER_DEPARTMENTS
    return {
        Figure.BEHAVIOUR.value: {BEHAVIOURS[b] for b in case.behaviours} or {"Not recorded"},
        Figure.CONNECTION.value: {categories[Figure.CONNECTION][case.connection]},
        Figure.RESPONDENT.value: {RESPONDENTS[r] for r in case.respondents}
        or {RESPONDENTS["unknown"]},
        Figure.ROUTE.value: {categories[Figure.ROUTE][case.source]},
        Figure.OUTCOME.value: {
            OUTCOMES[case.outcome] if case.outcome else "No signed decision yet"
        },
        Figure.ANONYMOUS.value: {"Anonymous" if case.anonymous else "Named"},
        Figure.HISTORICAL.value: {categories[Figure.HISTORICAL][case.historical.value]},
        Figure.CONTACT.value: {categories[Figure.CONTACT][case.contact.value]},
        Figure.CONSENT.value: {
            categories[Figure.CONSENT][case.consent.value if case.consent else "not_yet"]
        },
        Figure.DEPARTMENT.value: {department_label},
    }


# Counts two tables both show: the attacker treats each pair as one unknown.
SAME = {
    (Figure.CONTACT.value, CATEGORY_WORDS[Figure.CONTACT]["not_applicable"]): (
        Figure.ANONYMOUS.value,
        "Anonymous",
    ),
    (Figure.CONSENT.value, "No signed decision yet"): (
        Figure.OUTCOME.value,
        "No signed decision yet",
    ),
}


def parse(text: str) -> Published:
    if text == "0":
        return Published(Kind.ZERO, 0)
    if text == "<5":
        return Published(Kind.LOW)
    if text == "[c]":
        return Published(Kind.WITHHELD)
    assert text.isdigit(), text
    assert int(text) % 5 == 0, text
    return Published(Kind.ROUNDED, int(text))


def attack_model(
    published: PublishedStatistics,
) -> tuple[dict[object, Published], list[Sum | Cover]]:
    """What a reader can see: every count, and every relation between counts."""
    columns = published.columns
    quarters, total = columns[:-1], columns[-1]
    shown: dict[object, Published] = {}
    relations: list[Sum | Cover] = []

    def key(table: str, label: str, column: str) -> object:
        if label == ALL_CASES:
            return ("cases", column)
        table, label = SAME.get((table, label), (table, label))
        return (table, label, column)

    for table in published.tables:
        count_rows = [row for row in table.rows if row.kind.value in ("count", "total")]
        if not count_rows:
            continue  # working days: medians, not counts
        for row in count_rows:
            for column, cell in zip(columns, row.cells, strict=True):
                this = key(table.id, row.label, column)
                value = parse(cell)
                assert shown.setdefault(this, value) == value, f"{this} shown twice, differently"
            relations.append(
                Sum(
                    key(table.id, row.label, total),
                    tuple(key(table.id, row.label, q) for q in quarters),
                )
            )
        kind = Cover if table.id in COVERS else Sum
        for column in columns:
            parts = tuple(
                dict.fromkeys(
                    key(table.id, row.label, column) for row in count_rows if row.label != ALL_CASES
                )
            )
            relations.append(kind(("cases", column), parts))
    return shown, list(dict.fromkeys(relations))


def truth(cases: list[CaseFigures], published: PublishedStatistics) -> dict[object, int]:
    per_department: dict[str, int] = defaultdict(int)
    for case in cases:
        if case.department:
            per_department[case.department] += 1
    named = {d for d, n in per_department.items() if n >= 5}
    quarter_label = {
        Quarter.of(START + timedelta(days=d)).id: Quarter.of(START + timedelta(days=d)).label()
        for d in range((END - START).days + 1)
    }
    total = published.columns[-1]
    found: dict[object, int] = defaultdict(int)
    for case in cases:
        column = quarter_label[Quarter.of(case.received_on).id]
        for column_name in (column, total):
            keys: set[object] = {("cases", column_name)}
            for figure, labels in labels_of(case, named).items():
                for label in labels:
                    figure_key, label_key = SAME.get((figure, label), (figure, label))
                    keys.add((figure_key, label_key, column_name))
            for key in keys:  # a count two tables share is one count
                found[key] += 1
    return found


def check_nothing_recoverable(cases: list[CaseFigures], published: PublishedStatistics) -> None:
    shown, relations = attack_model(published)
    true_counts = truth(cases, published)
    values = {key: true_counts.get(key, 0) for key in shown}
    for key, published_value in shown.items():
        low, high = Attack(shown, relations, cap=10_000).domain(key)
        assert low <= values[key] <= high, f"{key}: true {values[key]}, published {published_value}"
    attack = Attack(shown, relations, cap=2 * len(cases) + 10)
    recovered = attack.recovered(values)
    assert not recovered, f"recovered by subtraction: {recovered}"


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(case_figures(), max_size=40))
def test_no_suppressed_count_can_be_recovered(cases: list[CaseFigures]) -> None:
    published = publish(count(cases, START, END), WORDS, title="Test")
    check_nothing_recoverable(cases, published)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(case_figures(), max_size=15), min_size=2, max_size=3))
def test_merged_counts_are_protected_as_one_total(vaults: list[list[CaseFigures]]) -> None:
    merged = merge([count(cases, START, END) for cases in vaults])
    everyone = [case for cases in vaults for case in cases]
    published = publish(merged, WORDS, title="Merged")
    assert published == publish(count(everyone, START, END), WORDS, title="Merged")
    check_nothing_recoverable(everyone, published)


def test_the_attacker_finds_what_rounding_alone_leaves() -> None:
    """Guard for the attacker itself: 4 and 4 with a total rounded to 10 pins both to 4."""
    shown = {
        "q1": Published(Kind.LOW),
        "q2": Published(Kind.LOW),
        "total": Published(Kind.ROUNDED, 10),
    }
    recovered = Attack(shown, [Sum("total", ("q1", "q2"))], cap=100).recovered(
        {"q1": 4, "q2": 4, "total": 8}
    )
    assert recovered == {"q1": 4, "q2": 4}
