"""The compiled forms in gui/generated match ui/*.ui: run scripts/compile_forms.py after editing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "compile_forms", REPO / "scripts" / "compile_forms.py"
)
assert spec
assert spec.loader
compile_forms = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compile_forms)

FORMS = sorted((REPO / "ui").glob("*.ui"))


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_compiled_form_is_current(form: Path) -> None:
    compiled = compile_forms.OUT / compile_forms.compiled_name(form)
    assert compiled.is_file(), f"{form.name} was never compiled: run scripts/compile_forms.py"
    assert compiled.read_text(encoding="utf-8") == compile_forms.compile_form(form), (
        f"{compiled.name} is out of date with {form.name}: run scripts/compile_forms.py"
    )
