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


# -- hardening: loops without end, links out of the folder, blocked attributes, what must be said -

import dataclasses  # noqa: E402
import os  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

from triage_desktop.documents import templates  # noqa: E402
from triage_desktop.documents.samples import WITHOUT_CONSENT  # noqa: E402

GENEROUS = 60  # seconds: far above the time limit, still a bound a loaded machine meets


def _refused(folder: Path, kind: LetterKind = KIND, **changes: object) -> str:
    content = dataclasses.replace(sample_letter(kind), **changes)  # type: ignore[arg-type]
    with pytest.raises(TemplateError) as caught:
        render_text(content, folder)
    return str(caught.value)


def test_a_loop_without_end_stops_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    endless = (
        "Subject: x\n\n{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}\n"
    )
    folder = _admin(tmp_path, endless)
    started = time.monotonic()
    with monkeypatch.context() as patch:
        patch.setattr(templates, "RENDER_SECONDS", 1.5)  # the default, 10 s, works the same
        message = _refused(folder)
    assert time.monotonic() - started < GENEROUS
    assert "still running after 1.5 seconds" in message
    assert "check its loops" in message
    render_text(sample_letter(KIND), None)  # this thread renders normally afterwards
    time.sleep(0.1)  # a late watchdog would strike here, outside the render
    render_text(sample_letter(KIND), None)


def test_the_time_limit_also_holds_in_a_worker_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GUI renders letters on a worker: it gets the error back and is free again."""
    folder = _admin(
        tmp_path,
        "Subject: x\n\n{% for a in signposting * 1 %}{% for i in range(99999) %}"
        "{% for j in range(99999) %}{% endfor %}{% endfor %}{% endfor %}\n",
    )
    with ThreadPoolExecutor(max_workers=1) as pool:
        with monkeypatch.context() as patch:
            patch.setattr(templates, "RENDER_SECONDS", 1.5)
            failed = pool.submit(render_text, sample_letter(KIND), folder)
            with pytest.raises(TemplateError, match="still running"):
                failed.result(timeout=GENEROUS)
        again = pool.submit(render_text, sample_letter(KIND), None)
        assert again.result(timeout=GENEROUS).subject
    assert threading.active_count() < 20


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{% for i in range(10**12) %}x{% endfor %}", "Range too big"),
        ("{{ 'x' * 10**9 }}", "repeating a value"),
        ("{{ 9 ** 99999999 }}", "far too large a number"),
        ("{{ 'x'|center(10**9) }}", "a width of"),
        ("{{ 'x'.ljust(10**9) }}", "a width of"),
        ("{{ 'x'.rjust(10**9) }}", "a width of"),
        ("{{ 'x'.zfill(10**9) }}", "a width of"),
        ("{{ 'a\tb'.expandtabs(10**9) }}", "a width of"),
        ("{{ 'a\nb'|indent(10**9) }}", "a width of"),
        ("{{ '%099999999d' % 1 }}", "format width"),
        ("{{ '%099999999d'|format(1) }}", "format width"),
        ("{% for i in range(100000) %}{{ i }}{% endfor %}", "more than 20000 characters"),
    ],
)
def test_a_huge_value_is_refused_at_once(tmp_path: Path, body: str, expected: str) -> None:
    folder = _admin(tmp_path, f"Subject: x\n\n{body}\n")
    started = time.monotonic()
    assert expected in _refused(folder)
    assert time.monotonic() - started < GENEROUS


def test_a_template_linked_to_a_file_outside_its_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("Subject: stolen\n\nZZSECRET\n", encoding="utf-8")
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / FILE).symlink_to(secret)
    message = _refused(folder)
    assert "is a link to a file outside its folder" in message
    assert "ZZSECRET" not in message
    assert check_templates(folder, sample_letter()) == [message]


def test_a_link_to_a_device_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / FILE).symlink_to("/dev/zero")
    assert "outside its folder" in _refused(folder)


def test_an_include_linked_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = _admin(tmp_path, 'Subject: x\n\n{% include "_extra.txt.j2" %}\n')
    (tmp_path / "elsewhere.txt.j2").write_text("ZZSECRET", encoding="utf-8")
    (folder / "_extra.txt.j2").symlink_to(tmp_path / "elsewhere.txt.j2")
    assert "outside its folder" in _refused(folder)


def test_a_link_inside_the_folder_is_fine(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: Shared words\n\nHello.\n", name="shared.txt.j2")
    (folder / FILE).symlink_to(folder / "shared.txt.j2")
    assert render_text(sample_letter(KIND), folder).subject == "Shared words"


def test_an_oversized_or_non_text_template_is_refused(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: x\n\n" + "word " * 30_000)
    assert "a template may be at most" in _refused(folder)
    (folder / FILE).write_bytes(b"Subject: x\n\n\xff\xfe\x00bad")
    assert "is not UTF-8 text" in _refused(folder)


@pytest.mark.parametrize(
    "body",
    [
        "{{ [letterhead.__class__] }}",
        "{{ (officer._private,) }}",
        "{{ officer.__class__ is defined }}",
        "{{ officer.__class__ | default('fine') }}",
        "{% if false %}{{ officer.__dict__ }}{% endif %}",
        "{{ officer['__class__'] }}",
    ],
)
def test_a_blocked_attribute_is_an_error_never_undefined_text(tmp_path: Path, body: str) -> None:
    folder = _admin(tmp_path, f"Subject: x\n\nline two\n{body}\n")
    message = _refused(folder)
    assert "line 4" in message
    assert "not available to templates" in message or "sandbox" in message
    problems = check_templates(folder, sample_letter())
    assert len(problems) == 1
    assert "line 4" in problems[0]


def test_an_undefined_name_inside_a_list_is_an_error(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: x\n\n{{ [reporter_risk_notes] }}\n")
    assert "'reporter_risk_notes' is undefined" in _refused(folder)


def test_an_edited_template_must_still_give_the_explanation(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: The outcome\n\nWe will not go on.\n", "dismissal.txt.j2")
    message = _refused(folder, LetterKind.DISMISSAL)
    assert "does not say the explanation written for the reader" in message
    problems = check_templates(folder, sample_letter())
    assert len(problems) == 1
    assert "does not say the explanation" in problems[0]


def test_an_edited_template_may_not_claim_agreement_when_acting_without_consent(
    tmp_path: Path,
) -> None:
    body = (
        "Subject: Formal\n\nAs we discussed, your concern goes to {{ procedures | join_and }}.\n"
        "{% if without_consent %}You asked for {{ without_consent.asked_for }}, but "
        "{{ without_consent.ground }}.\n{% for i in without_consent.asked_of_you %}- {{ i }}\n"
        "{% endfor %}{% for i in without_consent.not_asked_of_you %}- {{ i }}\n{% endfor %}"
        "{% endif %}\n"
    )
    folder = _admin(tmp_path, body, "formal_process.txt.j2")
    render_text(sample_letter(LetterKind.FORMAL_PROCESS), folder)  # true with consent
    message = _refused(folder, LetterKind.FORMAL_PROCESS, without_consent=WITHOUT_CONSENT)
    assert "says \u201cas we discussed\u201d in a letter sent without" in message
    problems = check_templates(folder, sample_letter())
    assert len(problems) == 1
    assert "as we discussed" in problems[0]


def test_an_edited_template_must_say_what_was_asked_for_and_why(tmp_path: Path) -> None:
    folder = _admin(tmp_path, "Subject: Formal\n\nWe are going ahead.\n", "formal_process.txt.j2")
    message = _refused(folder, LetterKind.FORMAL_PROCESS, without_consent=WITHOUT_CONSENT)
    assert "what the reader asked for (without_consent.asked_for)" in message
    assert "why the University has to act (without_consent.ground)" in message


def test_the_officers_own_words_are_not_mistaken_for_the_templates(tmp_path: Path) -> None:
    own = dataclasses.replace(WITHOUT_CONSENT, asked_of_you=("Tell me your decision by Friday.",))
    text = render_text(
        dataclasses.replace(sample_letter(LetterKind.FORMAL_PROCESS), without_consent=own), None
    )
    assert "- Tell me your decision by Friday." in text.paragraphs


def test_check_templates_renders_every_branch_of_the_shipped_set() -> None:
    assert check_templates(None, sample_letter()) == []
    assert check_templates(None, sample_letter(LetterKind.DISMISSAL)) == []
    with_consent_overridden = dataclasses.replace(sample_letter(), without_consent=WITHOUT_CONSENT)
    assert check_templates(None, with_consent_overridden) == []


def test_the_shipped_templates_are_plain_files_in_their_folder() -> None:
    for path in shipped_folder().iterdir():
        assert not path.is_symlink()
        assert os.path.getsize(path) < templates.MAX_TEMPLATE_BYTES


def test_a_timeout_never_lands_in_the_callers_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each stopped render, plain Python code in the same thread runs undisturbed: no
    exception raised by the watchdog is left to land there."""
    monkeypatch.setattr(templates, "RENDER_SECONDS", 0.5)
    folder = _admin(
        tmp_path,
        "Subject: x\n\n{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}"
        "{% endfor %}\n",
    )
    for _ in range(3):
        assert "still running after 0.5 seconds" in _refused(folder)
        total = 0
        for i in range(300_000):  # Python bytecode: a stray exception would land here
            total += i
        time.sleep(0.25)  # longer than the watchdog's retry interval
        assert total == 299_999 * 300_000 // 2


def test_repeated_timeouts_leave_the_interpreter_healthy_under_a_tracer(tmp_path: Path) -> None:
    """Under coverage (a C trace function) a withdrawn timeout once left CPython's pending-work
    flag set, and the next render never finished. Two timeouts in a row must each end."""
    import subprocess
    import sys

    folder = _admin(
        tmp_path,
        "Subject: x\n\n{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}"
        "{% endfor %}\n",
    )
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from triage_desktop.documents import templates\n"
        "from triage_desktop.documents.errors import TemplateError\n"
        "from triage_desktop.documents.samples import sample_letter\n"
        "from triage_desktop.documents.content import LetterKind\n"
        "templates.RENDER_SECONDS = 0.5\n"
        "for _ in range(2):\n"
        "    try:\n"
        "        letter = sample_letter(LetterKind.NO_FURTHER_ACTION)\n"
        "        templates.render_text(letter, Path(sys.argv[1]))\n"
        "    except TemplateError as error:\n"
        "        print(error)\n"
        "print('finished')\n"
    )
    runner = tmp_path / "run.py"
    runner.write_text(script, encoding="utf-8")
    coverage = [sys.executable, "-m", "coverage", "run", "--data-file", str(tmp_path / "cov")]
    result = subprocess.run(
        [*coverage, str(runner), str(folder)],
        capture_output=True,
        text=True,
        timeout=GENEROUS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("still running after 0.5 seconds") == 2
    assert result.stdout.strip().endswith("finished")
