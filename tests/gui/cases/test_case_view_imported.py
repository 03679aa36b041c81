"""An imported case in the case view: what the report said, who must not see it, and a history
that says it was "Imported from report <source id>"."""

from __future__ import annotations

from pathlib import Path

from benchmarks.report_export import MAPPING_TOML
from pytestqt.qtbot import QtBot

from triage_desktop.gui.cases.case_view import CaseView
from triage_desktop.gui.context import AppContext
from triage_desktop.services import reports_import

LINES = [
    "schema_version,source_report_id,submitted_at,route,on_behalf_of,reporter_connection,"
    "incident_types,incident_dates,locations,department,description,preferred_service,"
    "excluded_people,contact_name,contact_email",
    "1,SR-2026-00042,2026-04-02T10:30:00+01:00,adviser_requested,someone_else,student,"
    'Stalking,2026-03;2026-03-14,"المختبر ٤, Library",School of Chemistry,"=HYPERLINK(""x"")",'
    "My academic adviser,Dr Placeholder; 张伟,Zoë Ångström,zoe@example.ac.uk",
]


def test_an_imported_case_shows_its_report_and_history(
    qtbot: QtBot, gui_context: AppContext, tmp_path: Path, screenshot_dir: Path
) -> None:
    source = tmp_path / "export.csv"
    source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(MAPPING_TOML, encoding="utf-8")
    service = gui_context.service
    result = reports_import.run_import(
        service, reports_import.plan_import(service, source, mapping)
    )
    case_id = service.case_id_for(result.outcome.created[0][1])
    view = CaseView(gui_context)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    with qtbot.waitSignal(view.shown, timeout=10000):
        view.show_case(case_id)
    text = view.details.toPlainText()
    for expected in (
        "Source\nSupport and Report\n",
        "Student (level not known)",
        "Zoë Ångström",
        "Stalking",
        "Where\nNot known",
        '=HYPERLINK("x")',  # shown as text, never a link or a formula
        "What the report in Support and Report said",
        "Report in the tool\nSR-2026-00042",
        "Route\nAsked to speak to an adviser",
        "Reported\nOn behalf of someone else",
        "Department\nCHEM",
        "Preferred support\nAcademic adviser",
        "Incident dates, as given\n2026-03, 2026-03-14",
        "Where, in their words\nالمختبر ٤, Library",
        "⚠ The reporter does not want these people to see the report: Dr Placeholder; 张伟",
    ):
        assert expected in text, expected
    assert "<a " not in view.details.toHtml().lower()
    history = [view.history.item(r, 1).text() for r in range(view.history.rowCount())]
    assert history[:2] == ["Case recorded", "Imported from report SR-2026-00042"]
    view.grab().save(str(screenshot_dir / "case-view-imported.png"))
