"""A fictional Support and Report export, as a University would hand it over: every field of the
import contract, anonymous and named reports, names and words in several scripts (Latin with
accents, Arabic, Hebrew, Chinese and Japanese, Cyrillic, emoji), commas, quotes, line breaks and
a formula-like cell. Everything here is invented. The round-trip tests and the import benchmark
both read it, with the mapping file below for the institution's own option labels.

    rows = fictional_reports(1000)             # dicts of contract columns -> text
    data = export_bytes(rows, "csv")            # or "jsonl"
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import UTC, datetime, timedelta, timezone

from triage_desktop.reports.contract import COLUMNS

# The institution's own option labels, as its tool exports them, and their catalogue codes.
INCIDENT_LABELS = {
    "Bullying": ("bullying",),
    "Harassment": ("harassment",),
    "Sexual harassment or misconduct": ("sexual_misconduct",),
    "Discrimination": ("discrimination",),
    "Hate incident": ("hate_motivated_misconduct", "harassment"),
    "Stalking": ("stalking",),
    "Domestic abuse": ("domestic_abuse",),
    "Spiking": ("spiking",),
    "Violence or threats": ("violence_or_threats",),
    "Microaggressions": ("microaggressions",),
}
DEPARTMENT_LABELS = {
    "School of Chemistry": "CHEM",
    "Department of History": "HIST",
    "Faculty of Law": "LAW",
    "Students' Union": "SU",
    "Estates and Facilities": "ESTATES",
    "Медицинский факультет": "MED",
}
SERVICE_LABELS = {
    "Support and Report Service": "support_and_report",
    "My academic adviser": "academic_adviser",
    "Students' Union advice": "su_advice",
    "HR": "hr_business_partner",
    "Trade union": "trade_union",
}
MAPPING_VERSION = "fictional-2026.1"


def _toml_table(name: str, table: dict[str, tuple[str, ...]] | dict[str, str]) -> str:
    lines = [f"[{name}]"]
    for label, codes in table.items():
        value = json.dumps(list(codes) if isinstance(codes, tuple) else codes, ensure_ascii=False)
        lines.append(f"{json.dumps(label, ensure_ascii=False)} = {value}")
    return "\n".join(lines)


MAPPING_TOML = "\n\n".join(
    [
        f'[mapping]\nversion = "{MAPPING_VERSION}"\nschema_version = "1"',
        _toml_table("incident_types", INCIDENT_LABELS),
        _toml_table("departments", DEPARTMENT_LABELS),
        _toml_table("preferred_services", SERVICE_LABELS),
    ]
)

GIVEN = [
    "Zoë",
    "Siobhán",
    "Ångström",
    "José",
    "Amélie",
    "مريم",
    "أحمد",
    "יעל",
    "אורי",
    "张伟",
    "王芳",
    "さくら",
    "Дмитрий",
    "Анна",
    "Alex",
    "Sam 🌈",
]
FAMILY = [
    "Example",
    "Núñez",
    "Østergård",
    "حداد",
    "נחום",
    "陈",
    "山田",
    "Иванова",
    "Sample",
    "Placeholder",
]
PHRASES = [
    "Repeated comments after the seminar, in front of others.",
    'He said "you don\'t belong here", twice, on the stairs.',
    "تعليقات متكررة في المختبر، أمام الزملاء.",
    "הערות חוזרות בקבוצת הצ'אט, גם בלילה.",
    "在实验室里多次被评论，让我很不舒服。",
    "研究室で何度も言われました。",
    "Неоднократные замечания в общежитии, при соседях.",
    "Messages late at night 😟📱, then in person, near the library.",
    "It started online, then moved to the halls; a friend saw it.",
]
PLACES = [
    "Library, 3rd floor",
    "Halls of residence, Block C",
    "المختبر ٤",
    "חדר 12, בניין ההנדסה",
    "图书馆",
    "Общежитие №2",
    "Online: group chat 💬",
    "Bus stop outside the sports centre",
]
OFFSETS = [timedelta(0), timedelta(hours=1), timedelta(hours=-5), timedelta(hours=9)]
FORMULA = '=HYPERLINK("http://example.invalid","click")'


def fictional_reports(
    count: int, *, seed: int = 14, end: datetime | None = None, prefix: str = "SR-F"
) -> list[dict[str, str]]:
    """`count` fictional reports, each a dict of contract column -> text (blank = not given).

    Submitted over the 150 days before `end` (default: an hour ago), never before the policy's
    in-force date; one in nine is an old closed case, one in seven already had its meeting."""
    rng = random.Random(seed)
    last = end or datetime.now(UTC) - timedelta(hours=1)
    first = max(last - timedelta(days=150), datetime(2025, 8, 2, tzinfo=UTC))
    span = (last - first).total_seconds()
    rows = []
    for number in range(count):
        moment = first + timedelta(seconds=span * number / max(1, count))
        offset = OFFSETS[number % len(OFFSETS)]
        submitted = moment.astimezone(timezone(offset)).replace(microsecond=0)
        route = ("anonymous", "contact", "adviser_requested")[number % 3]
        named = route != "anonymous"
        labels = rng.sample(list(INCIDENT_LABELS), rng.randint(0, 3))
        dates = []
        for _ in range(rng.randint(0, 3)):
            day = (submitted - timedelta(days=rng.randint(0, 400))).date()
            dates.append([day.isoformat(), day.isoformat()[:7], str(day.year)][rng.randint(0, 2)])
        text = " ".join(rng.sample(PHRASES, rng.randint(1, 4)))
        if number % 97 == 0:
            text = FORMULA
        elif number % 5 == 0:
            text += "\nSecond paragraph, with a comma, and a tab:\there."
        status, closed = "", ""
        if number % 9 == 4:
            status = "closed"
            closed = (submitted + timedelta(days=rng.randint(1, 30))).isoformat()
            if closed > last.isoformat():
                status, closed = "meeting_arranged", ""
        elif number % 7 == 3:
            status = "meeting_arranged"
        person = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        row = {
            "schema_version": "1",
            "source_report_id": f"{prefix}-{number + 1:06d}",
            "submitted_at": submitted.isoformat(),
            "route": route,
            "on_behalf_of": ("self", "someone_else", "unknown", "")[number % 4],
            "reporter_connection": ("student", "staff", "visitor", "prefer_not_to_say", "")[
                number % 5
            ],
            "incident_types": "; ".join(labels),
            "incident_dates": ";".join(dates),
            "locations": rng.choice(PLACES) if number % 6 else "",
            "department": rng.choice(list(DEPARTMENT_LABELS)) if number % 8 else "",
            "description": text,
            "preferred_service": rng.choice(list(SERVICE_LABELS)) if number % 3 else "",
            "excluded_people": "; ".join(
                f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(rng.randint(0, 2))
            ),
            "contact_name": person if named else "",
            "contact_email": f"reporter{number}@example.ac.uk" if named else "",
            "contact_phone": f"07700 9{number % 100000:05d}" if named and number % 2 else "",
            "status": status,
            "closed_at": closed,
        }
        rows.append(row)
    return rows


def export_bytes(rows: list[dict[str, str]], file_format: str = "csv") -> bytes:
    """The rows as the tool would export them: RFC 4180 CSV with a header, or JSON Lines."""
    if file_format == "jsonl":
        lines = [
            json.dumps({k: v for k, v in row.items() if v}, ensure_ascii=False) for row in rows
        ]
        return ("\n".join(lines) + "\n").encode("utf-8")
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
