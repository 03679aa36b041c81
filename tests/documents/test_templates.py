"""Letter templates: administrator overrides, clear errors naming file and line, the sandbox."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.documents.pdftools import pdftotext
from triage_desktop.documents.content import LetterKind
from triage_desktop.documents.errors import TemplateError
from triage_desktop.documents.letters import render_letter
from triage_desktop.documents.samples import sample_letter
from triage_desktop.documents.templates import check_templates, render_text, shipped_folder

KIND = LetterKind.NO_FURTHER_ACTION
FILE = "no_further_action.txt.j2"


def _admin(tmp_path: Path, body: str, name: str = FILE) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_all_six_templates_ship_and_render() -> None:
    for kind in LetterKind:
        assert (shipped_folder() / f"{kind.value}.txt.j2").is_file()
    assert check_templates(None, sample_letter()) == []


def test_administrator_folder_overrides_one_template(tmp_path: Path) -> None:
    folder = _admin(
        tmp_path, "Subject: Our own words\n\nHello from the admin, {{ recipient_name }}.\n"
    )
    text = pdftotext(render_letter(sample_letter(KIND), folder).data)
    assert "Our own words" in text
    assert "Hello from the admin, محمد الأحمد." in text
    assert "Support available to you" in text  # signposting survives any edit
    other = pdftotext(render_letter(sample_letter(LetterKind.DISMISSAL), folder).data)
    assert "The outcome of our triage meeting" in other  # the others still come from resources


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: x\n\nline two\n{% if %}\n")
    with pytest.raises(TemplateError, match=rf"{re.escape(FILE)}, line 4: "):
        render_text(sample_letter(KIND), folder)


def test_unknown_field_names_file_and_line(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: x\n\n\nDear {{ reporter_risk_notes }}\n")
    with pytest.raises(TemplateError, match=r"line 4: 'reporter_risk_notes' is undefined"):
        render_text(sample_letter(KIND), folder)


@pytest.mark.parametrize(
    "escape",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ letterhead.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ next_steps.append(1) }}",
    ],
)
def test_sandbox_escape_attempts_are_refused(tmp_path: Path, escape: str) -> None:
    folder = _admin(tmp_path, f"Subject: x\n\n{escape}\n")
    with pytest.raises(TemplateError) as caught:
        render_text(sample_letter(KIND), folder)
    message = str(caught.value)
    assert FILE in message
    assert "line 3" in message
    assert "sandbox" in message or "undefined" in message


def test_template_without_subject_line_is_refused(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Dear you,\n\nsome words\n")
    with pytest.raises(TemplateError, match="must start with a 'Subject:' line"):
        render_text(sample_letter(KIND), folder)


def test_runaway_template_is_refused(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: x\n\n{% for i in range(30000) %}word {% endfor %}\n")
    with pytest.raises(TemplateError, match="more than 20000 characters"):
        render_text(sample_letter(KIND), folder)


def test_missing_template_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from triage_desktop.documents import templates

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(templates, "shipped_folder", lambda: empty)
    with pytest.raises(TemplateError, match=rf"No letter template {re.escape(FILE)}"):
        render_text(sample_letter(KIND), None)


def test_check_templates_reports_each_broken_file(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: x\n{{ oops(\n")
    problems = check_templates(folder, sample_letter())
    assert len(problems) == 1
    assert FILE in problems[0]
