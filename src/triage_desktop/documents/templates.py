"""Letter templates: Jinja2 in a sandbox, shipped in resources/letters, overridable by an admin.

Administrators edit wording, so templates are untrusted input: they are rendered by Jinja2's
`ImmutableSandboxedEnvironment` (a `SandboxedEnvironment` that also forbids mutating data) with
only the letter's own fields in scope. On top of the sandbox:

* undefined names, and attributes the sandbox blocks, are errors, never blank text or
  "[Undefined]" (blocked attributes are found when the template is loaded, even in a branch the
  sample letter does not take);
* a template file that is a link to a file outside its folder, or that is not a regular file,
  or that is larger than MAX_TEMPLATE_BYTES, is refused before it is read;
* rendering stops after RENDER_SECONDS (a loop without end) or MAX_OUTPUT characters, and the
  operators and string methods that could build a huge value in one step are capped;
* the rendered text must say what the letter has to say: the explanation of a dismissal or
  alternative process, and, when acting without consent, what was asked for and why, with no
  wording that claims the reporter agreed.

Every failure becomes a TemplateError naming the file and line.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import os
import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from triage_desktop.documents.content import (
    NEEDS_EXPLANATION,
    WITHOUT_CONSENT_KINDS,
    LetterContent,
    LetterKind,
    WithoutConsent,
)
from triage_desktop.documents.errors import TemplateError

SUFFIX = ".txt.j2"
MAX_OUTPUT = 20_000  # characters: a letter, not a book; a runaway loop is an error
MAX_TEMPLATE_BYTES = 100_000
RENDER_SECONDS = 10.0  # a letter renders in milliseconds; generous for a slow, busy laptop
RETRY_SECONDS = 0.1  # after the time limit, the watchdog raises again this often
MAX_POWER_BITS = 100_000

# Wording that would be false in a letter sent without the reporter's consent.
CONSENT_PHRASES = (
    "as we discussed",
    "we agreed",
    "as you asked",
    "at your request",
    "you chose",
    "your decision",
    "you decided",
    "with your agreement",
    "with your consent",
)

# What `check_templates` fills in when its sample lacks it, so every branch a real letter can
# take is rendered at check time.
CHECK_EXPLANATION = "This is the explanation written for you."
CHECK_WITHOUT_CONSENT = WithoutConsent(
    asked_for="what you asked for",
    ground="the reason the University has to act",
    asked_of_you=("what is asked of you now",),
    not_asked_of_you=("what is not asked of you",),
)


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


# -- size guards: one C call that builds a huge value cannot be interrupted, so refuse it ----------

_WIDE_FORMAT = re.compile(r"%[-#0 +]*(\*|\d{4,})|%[-#0 +]*\d*\.(\*|\d{4,})")
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class _TooBigError(Exception):
    """A template asked for a value larger than any letter needs."""


def _guard_width(width: object) -> None:
    if isinstance(width, int) and width > MAX_OUTPUT:
        raise _TooBigError(f"a width of {width} is larger than a letter ({MAX_OUTPUT} characters)")


def _guard_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
            if sized and len(seq) * times > MAX_OUTPUT:
                raise _TooBigError(f"repeating a value {times} times makes more than a letter")
    elif operator == "**":
        integers = isinstance(left, int) and isinstance(right, int) and right > 0
        if integers and max(left.bit_length(), 1) * right > MAX_POWER_BITS:
            raise _TooBigError(f"{left} ** {right} is far too large a number")
    elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
        raise _TooBigError("a format width or precision of 1000 or more")


def _center(value: object, width: int = 80) -> str:
    _guard_width(width)
    return str(value).center(width)


def _indent(value: object, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    from jinja2.filters import do_indent

    _guard_width(width)
    return str(do_indent(str(value), width, first, blank))


def _format(value: object, *args: object, **kwargs: object) -> str:
    from jinja2.filters import do_format

    if _WIDE_FORMAT.search(str(value)):
        raise _TooBigError("a format width or precision of 1000 or more")
    return str(do_format(str(value), *args, **kwargs))


# -- the time limit ------------------------------------------------------------------------------

T = TypeVar("T")


class _RenderTimeout(BaseException):
    """Raised in the rendering thread when RENDER_SECONDS pass (a BaseException, so no
    `except Exception` in Jinja or a filter can swallow it)."""


@cache
def _jinja_folder() -> str:
    import jinja2

    return os.path.dirname(jinja2.__file__) + os.sep


def _in_template_code(thread_id: int) -> bool:
    """True when the thread is running a template's own code or Jinja's (not a finalizer, not
    a tracer's callback, not this module's bookkeeping)."""
    frame = sys._current_frames().get(thread_id)
    if frame is None:
        return False
    filename = frame.f_code.co_filename
    return filename.endswith(SUFFIX) or filename.startswith(_jinja_folder())


def _raise_in(thread_id: int, exc: type[BaseException]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc))


def _within_time_limit(work: Callable[[], T], seconds: float) -> T:
    """Run `work` in this thread and stop it with _RenderTimeout after `seconds`.

    Hand-written because Jinja has no time limit, and its sandbox caps only `range`: nested
    loops over 100,000 items each, or over the letter's lists, run for hours. A thread cannot be
    killed, and a subprocess per letter costs more than the letter, so a watchdog thread asks
    CPython to raise an exception in this thread (PyThreadState_SetAsyncExc); the work runs
    here, so a worker thread in the GUI gets its error and is free again. (A trace function
    was tried first: coverage's C tracer, called to chain it, puts itself back in its place.)

    Such an exception lands at the thread's next check point, wherever that is, so: the
    watchdog raises it only while the thread is in template or Jinja code, and raises it again
    every RETRY_SECONDS until the work has ended (one that lands in a finalizer is swallowed);
    the end of the work and the watchdog exclude each other through a lock, and an exception
    still on its way then is taken here. None can land in the caller's code. It is never
    withdrawn with PyThreadState_SetAsyncExc(id, NULL): on CPython 3.11 that leaves the
    interpreter's pending-work flag set for good, which slowed every thread and hung under
    coverage.
    """
    thread_id = threading.get_ident()
    lock = threading.Lock()
    ended = threading.Event()
    state = {"finished": False, "fired": False}

    def watch() -> None:
        if ended.wait(seconds):
            return
        while True:
            with lock:
                if state["finished"]:
                    return
                if _in_template_code(thread_id):
                    state["fired"] = True
                    _raise_in(thread_id, _RenderTimeout)
            if ended.wait(RETRY_SECONDS):
                return

    watchdog = threading.Thread(target=watch, name="template-time-limit", daemon=True)
    watchdog.start()
    timed_out = False
    try:
        result = work()
    except _RenderTimeout:
        timed_out = True
    while True:  # mark the end; an exception landing here only means "do it again"
        try:
            with lock:
                state["finished"] = True
                fired = state["fired"]
            break
        except _RenderTimeout:
            timed_out = True
    if fired:  # one raised just before the end may still be on its way: take it here
        try:
            for _ in range(1_000):
                pass
        except _RenderTimeout:
            pass
    ended.set()
    if timed_out:
        raise _RenderTimeout
    return result


# -- loading: folders, links, sizes, blocked attributes ------------------------------------------


def _blocked_attribute(name: str) -> bool:
    from jinja2 import sandbox

    unsafe = (
        sandbox.UNSAFE_FUNCTION_ATTRIBUTES
        | sandbox.UNSAFE_METHOD_ATTRIBUTES
        | sandbox.UNSAFE_GENERATOR_ATTRIBUTES
        | sandbox.UNSAFE_COROUTINE_ATTRIBUTES
        | sandbox.UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
    )
    return name.startswith("_") or name in unsafe or name == "mro"


def _check_attributes(environment: Any, source: str, name: str, filename: str) -> None:
    """Refuse, at load time, any attribute the sandbox would block, wherever it is used."""
    from jinja2 import TemplateSyntaxError, nodes

    tree = environment.parse(source, name, filename)
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            attribute = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            attribute = node.arg.value
        else:
            continue
        if _blocked_attribute(attribute):
            raise TemplateSyntaxError(
                f"the attribute {attribute!r} is not available to templates (the sandbox "
                "blocks it); use only the letter's own fields",
                node.lineno,
                name,
                filename,
            )


class _FolderLoader:
    """Jinja's FileSystemLoader, stricter: a template must be a regular file of at most
    MAX_TEMPLATE_BYTES whose real path lies inside its folder (a link out is refused, not
    followed), and it may not use blocked attributes. Folders are searched in order.

    Mixed into Jinja's BaseLoader in `_jinja_classes`, so Jinja is imported only when needed.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        from jinja2 import TemplateNotFound
        from jinja2.loaders import split_template_path

        pieces = split_template_path(template)  # refuses ".." and absolute names
        for folder in self.folders:
            path = os.path.join(folder, *pieces)
            if os.path.lexists(path):
                break
        else:
            raise TemplateNotFound(template)
        real_folder = os.path.realpath(folder)
        real = os.path.realpath(path)
        if os.path.commonpath([real_folder, real]) != real_folder:
            raise TemplateError(
                f"Letter template {path} is a link to a file outside its folder; it was not "
                "read. Copy the file into the folder instead."
            )
        if not os.path.isfile(real):
            raise TemplateError(f"Letter template {path} is not a regular file.")
        size = os.path.getsize(real)
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateError(
                f"Letter template {path} is {size:,} bytes; a template may be at most "
                f"{MAX_TEMPLATE_BYTES:,} bytes."
            )
        try:
            with open(real, encoding="utf-8") as handle:
                source = handle.read()
        except UnicodeDecodeError as error:
            raise TemplateError(f"Letter template {path} is not UTF-8 text.") from error
        except OSError as error:
            raise TemplateError(f"Letter template {path} cannot be read: {error}") from error
        _check_attributes(environment, source, template, os.path.normpath(path))
        mtime = os.path.getmtime(real)

        def uptodate() -> bool:
            try:
                return os.path.getmtime(real) == mtime
            except OSError:
                return False

        return source, os.path.normpath(path), uptodate


@cache
def _jinja_classes() -> tuple[type, type, type]:
    """The environment, loader and undefined classes (built once; Jinja imported on first use)."""
    from jinja2 import BaseLoader, StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Undefined(StrictUndefined):
        """StrictUndefined that also fails when printed inside a list ("[Undefined]")."""

        __repr__ = StrictUndefined._fail_with_undefined_error

    class Environment(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%"})

        def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
            """A blocked attribute is an error at once, never an Undefined to print."""
            raise SecurityError(
                f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe."
            )

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _guard_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            on_text = isinstance(getattr(__obj, "__self__", None), str)
            if on_text and args and getattr(__obj, "__name__", "") in _WIDTH_METHODS:
                _guard_width(args[0])
            return super().call(__context, __obj, *args, **kwargs)

    class Loader(_FolderLoader, BaseLoader):
        pass

    return Environment, Loader, Undefined


def environment(admin_folder: Path | None = None) -> Any:
    """The sandboxed environment: the admin's folder first (overrides), then the shipped one.

    One per pair of folders, kept: Jinja then compiles (and checks) each template once, and
    recompiles it when its file changes (each template's `uptodate` compares the mtime).
    """
    return _environment(admin_folder, shipped_folder())


@lru_cache(maxsize=8)
def _environment(admin_folder: Path | None, shipped: Path) -> Any:
    environment_class, loader_class, undefined_class = _jinja_classes()
    folders = [admin_folder] if admin_folder else []
    folders.append(shipped)
    env = environment_class(
        loader=loader_class(folders),
        undefined=undefined_class,
        autoescape=False,  # the output is plain text; the PDF layer escapes it
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        longdate=_longdate,
        longdatetime=_longdatetime,
        join_and=_join_and,
        center=_center,
        indent=_indent,
        format=_format,
    )
    return env


def _line_in(error: BaseException, file_name: str | None) -> int | None:
    """The template line a runtime error came from (Jinja rewrites tracebacks to template lines)."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(SUFFIX) and (file_name is None or frame.filename == file_name):
            line = frame.lineno
    return line


def _generate(template: Any, context: dict[str, Any], file_name: str) -> str:
    """The template's text, stopped as soon as it passes MAX_OUTPUT characters."""
    chunks: list[str] = []
    size = 0
    stream: Iterator[str] = template.generate(context)
    try:
        for chunk in stream:
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateError(
                    f"Letter template {file_name} produced more than {MAX_OUTPUT} characters."
                )
            chunks.append(chunk)
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    return "".join(chunks)


def render_text(content: LetterContent, admin_folder: Path | None = None) -> LetterText:
    """Render the template for `content.kind` to text, or raise a TemplateError saying where."""
    name = template_name(content.kind)
    env = environment(admin_folder)  # imports Jinja on first use: outside the time limit
    try:
        text, file_name = _within_time_limit(
            lambda: _render(env, content, admin_folder, name), RENDER_SECONDS
        )
    except _RenderTimeout:
        raise TemplateError(
            f"Letter template {name} was still running after {RENDER_SECONDS:g} seconds and "
            "was stopped: check its loops."
        ) from None
    letter = _parse(text, file_name)
    _check_says_what_it_must(letter, content, file_name)
    return letter


def _render(
    env: Any, content: LetterContent, admin_folder: Path | None, name: str
) -> tuple[str, str]:
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        template = env.get_template(name)
    except TemplateNotFound as error:
        where = f"{admin_folder} or {shipped_folder()}" if admin_folder else str(shipped_folder())
        raise TemplateError(f"No letter template {error.name} in {where}.") from error
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"Letter template {error.filename or error.name}, line {error.lineno}: {error.message}"
        ) from error
    file_name = template.filename or name
    try:
        return _generate(template, content.template_context(), file_name), file_name
    except TemplateError:
        raise
    except TemplateNotFound as error:  # an include names a file that is not there
        raise TemplateError(
            f"Letter template {file_name}, line {_line_in(error, None)}: no template "
            f"{error.name} to include."
        ) from error
    except TemplateSyntaxError as error:  # in an included file
        raise TemplateError(
            f"Letter template {error.filename or error.name}, line {error.lineno}: {error.message}"
        ) from error
    except (SecurityError, _TooBigError) as error:
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


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _given_strings(content: LetterContent) -> list[str]:
    wc = content.without_consent
    given = [content.outcome_explanation, *content.procedures]
    given += [step.action for step in content.next_steps]
    if wc is not None:
        given += [wc.asked_for, wc.ground, *wc.asked_of_you, *wc.not_asked_of_you]
    return sorted((g for g in given if g.strip()), key=len, reverse=True)


def _check_says_what_it_must(letter: LetterText, content: LetterContent, file_name: str) -> None:
    """An edited template may change the wording, not drop what the reader must be told."""
    said = _flat(" ".join((letter.subject, *letter.paragraphs)))
    missing = []
    explanation = content.outcome_explanation.strip()
    if content.kind in NEEDS_EXPLANATION and explanation and _flat(explanation) not in said:
        missing.append("the explanation written for the reader (outcome_explanation)")
    wc = content.without_consent
    if wc is not None:
        if wc.asked_for.strip() and _flat(wc.asked_for) not in said:
            missing.append("what the reader asked for (without_consent.asked_for)")
        if wc.ground.strip() and _flat(wc.ground) not in said:
            missing.append("why the University has to act (without_consent.ground)")
        for items, field in (
            (wc.asked_of_you, "asked_of_you"),
            (wc.not_asked_of_you, "not_asked_of_you"),
        ):
            if any(_flat(item) not in said for item in items if item.strip()):
                missing.append(f"each item of without_consent.{field}")
        own_words = said  # the template's words: what the officer wrote is not the template's
        for given in _given_strings(content):
            own_words = own_words.replace(_flat(given), " ")
        false = [phrase for phrase in CONSENT_PHRASES if phrase in own_words]
        if false:
            raise TemplateError(
                f"Letter template {file_name} says \u201c{false[0]}\u201d in a letter sent "
                "without the reader's consent, which would not be true. Reword it for "
                "{% if without_consent %}."
            )
    if missing:
        raise TemplateError(
            f"Letter template {file_name} does not say " + "; nor ".join(missing) + "."
        )


def check_templates(admin_folder: Path | None, sample: LetterContent) -> list[str]:
    """Render every kind with `sample`: the problems found, one message each (empty when fine).

    Kinds that need an explanation get one if the sample has none, and the kinds that can be
    sent without consent are rendered a second time that way, so no branch goes unchecked.
    """
    import dataclasses

    problems = []
    for kind in LetterKind:
        explanation = sample.outcome_explanation or CHECK_EXPLANATION
        variants = [dataclasses.replace(sample, kind=kind, outcome_explanation=explanation)]
        if kind in WITHOUT_CONSENT_KINDS:
            without = sample.without_consent or CHECK_WITHOUT_CONSENT
            variants.append(dataclasses.replace(variants[0], without_consent=without))
        elif sample.without_consent is not None:
            variants = [dataclasses.replace(variants[0], without_consent=None)]
        for variant in variants:
            try:
                render_text(variant, admin_folder)
            except TemplateError as error:
                problems.append(str(error))
                break
    return problems
