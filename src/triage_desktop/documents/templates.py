"""Letter templates: Jinja2 in a sandbox, shipped in resources/letters, overridable by an admin.

Administrators edit wording, so templates are untrusted input: they are rendered by Jinja2's
`ImmutableSandboxedEnvironment` (a `SandboxedEnvironment` that also forbids mutating data) with
only the letter's own fields in scope. Undefined names are errors, not blank text. Every failure
becomes a TemplateError naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage_desktop.documents.content import LetterContent, LetterKind
from triage_desktop.documents.errors import TemplateError

SUFFIX = ".txt.j2"
MAX_OUTPUT = 20_000  # characters: a letter, not a book; a runaway loop is an error


@dataclass(frozen=True)
class LetterText:
    """A rendered template: the subject line and the body as paragraphs (bullets start '- ')."""

    subject: str
    paragraphs: tuple[str, ...]


def shipped_folder() -> Path:
    from triage_desktop.resources import resource

    return resource("letters")


def template_name(kind: LetterKind) -> str:
    return f"{kind.value}{SUFFIX}"


def _longdate(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _longdatetime(value: dt.datetime) -> str:
    return f"{value:%A} {value.day} {value:%B %Y} at {value:%H:%M}"


def _join_and(values: Iterable[object]) -> str:
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def environment(admin_folder: Path | None = None) -> Any:
    """The sandboxed environment: the admin's folder first (overrides), then the shipped one."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    folders = [str(admin_folder)] if admin_folder else []
    folders.append(str(shipped_folder()))
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        undefined=StrictUndefined,
        autoescape=False,  # the output is plain text; the PDF layer escapes it
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(longdate=_longdate, longdatetime=_longdatetime, join_and=_join_and)
    return env


def _line_in(error: BaseException, file_name: str | None) -> int | None:
    """The template line a runtime error came from (Jinja rewrites tracebacks to template lines)."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(SUFFIX) and (file_name is None or frame.filename == file_name):
            line = frame.lineno
    return line


def render_text(content: LetterContent, admin_folder: Path | None = None) -> LetterText:
    """Render the template for `content.kind` to text, or raise a TemplateError saying where."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    env = environment(admin_folder)
    name = template_name(content.kind)
    try:
        template = env.get_template(name)
    except TemplateNotFound as error:
        where = f"{admin_folder} or {shipped_folder()}" if admin_folder else str(shipped_folder())
        raise TemplateError(f"No letter template {error.name} in {where}.") from error
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"Letter template {error.filename or error.name}, line {error.lineno}: {error.message}"
        ) from error
    file_name = template.filename
    try:
        text = template.render(content.template_context())
    except TemplateSyntaxError as error:  # in an included file
        raise TemplateError(
            f"Letter template {error.filename or error.name}, line {error.lineno}: {error.message}"
        ) from error
    except SecurityError as error:
        line = _line_in(error, None)
        raise TemplateError(
            f"Letter template {file_name}, line {line}: refused by the sandbox ({error}). "
            "Templates may only use the letter's own fields."
        ) from error
    except UndefinedError as error:
        line = _line_in(error, None)
        raise TemplateError(
            f"Letter template {file_name}, line {line}: {error.message}. "
            "Check the spelling against the fields listed in docs/documents.md."
        ) from error
    except Exception as error:
        line = _line_in(error, None)
        raise TemplateError(
            f"Letter template {file_name}, line {line}: {type(error).__name__}: {error}"
        ) from error
    if len(text) > MAX_OUTPUT:
        raise TemplateError(
            f"Letter template {file_name} produced more than {MAX_OUTPUT} characters."
        )
    return _parse(text, file_name or name)


def _parse(text: str, file_name: str) -> LetterText:
    blocks: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                blocks.append(" ".join(current))
                current = []
        elif line.startswith("- "):
            if current:
                blocks.append(" ".join(current))
            blocks.append(line)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(" ".join(current))
    if not blocks or not blocks[0].lower().startswith("subject:"):
        raise TemplateError(f"Letter template {file_name} must start with a 'Subject:' line.")
    subject = blocks[0].split(":", 1)[1].strip()
    return LetterText(subject=subject, paragraphs=tuple(blocks[1:]))


def check_templates(admin_folder: Path | None, sample: LetterContent) -> list[str]:
    """Render every kind with `sample`: the problems found, one message each (empty when fine)."""
    import dataclasses

    problems = []
    for kind in LetterKind:
        try:
            render_text(dataclasses.replace(sample, kind=kind), admin_folder)
        except TemplateError as error:
            problems.append(str(error))
    return problems
