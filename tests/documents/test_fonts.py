"""Font lookup: admin folder first, glyph coverage checked, a clear message when nothing fits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triage_desktop.documents import fonts
from triage_desktop.documents.errors import FontNotFoundError
from triage_desktop.documents.text import markup, visual

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SPECS = {spec.face: spec for spec in fonts.FONT_SPECS}


def test_every_face_is_found_on_this_machine() -> None:
    for spec in fonts.FONT_SPECS:
        path, _ = fonts.find_font(spec)
        assert path.is_file()


def test_the_admin_folder_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(DEJAVU, tmp_path / "DejaVuSans.ttf")
    monkeypatch.setenv(fonts.ENV_FONTS, str(tmp_path))
    path, _ = fonts.find_font(SPECS[fonts.SANS])
    assert path == tmp_path / "DejaVuSans.ttf"


def test_a_font_without_the_glyphs_is_skipped_and_the_error_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(DEJAVU, tmp_path / "msyh.ttc")  # a CJK file name, but no CJK glyphs inside
    (tmp_path / "WenQuanYiMicroHei.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "search_folders", lambda: [tmp_path])
    with pytest.raises(FontNotFoundError) as caught:
        fonts.find_font(SPECS[fonts.CJK])
    message = str(caught.value)
    assert "Chinese, Japanese and Korean" in message
    assert "fonts-wqy-microhei" in message
    assert str(tmp_path) in message


def test_arabic_is_shaped_and_ordered_without_ligatures() -> None:
    shown = visual("محمد الأحمد")
    assert "\ufdf2" not in shown  # the Allah ligature DejaVu lacks
    assert all(0xFE70 <= ord(ch) <= 0xFEFF or ch == " " for ch in shown)
    assert visual("Zoë Ångström") == "Zoë Ångström"


def test_markup_escapes_and_wraps_cjk_runs() -> None:
    out = markup("a <b> & 张伟\nnext")
    assert "&lt;b&gt; &amp; " in out
    assert f'<font name="{fonts.CJK}">张伟</font>' in out
    assert "<br/>" in out
    assert "\x00" not in markup("bad\x00control\x07chars")


def test_two_threads_asking_at_once_parse_the_faces_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app warms the fonts on a background thread while a draft may already be rendering."""
    import threading
    import time

    parses: list[int] = []
    real = fonts._register

    def counted() -> dict[str, Path]:
        parses.append(1)
        time.sleep(0.2)  # a slow parse, so that the second thread surely asks meanwhile
        return real()

    monkeypatch.setattr(fonts, "_registered", {})
    monkeypatch.setattr(fonts, "_register", counted)
    answers: list[dict[str, Path]] = []

    def ask() -> None:
        answers.append(fonts.register_fonts())

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert parses == [1]
    assert answers[0] == answers[1]
    assert set(answers[0]) == {fonts.SANS, fonts.SANS_BOLD, fonts.CJK}
