"""Right-to-left text over several lines keeps its reading order: it is wrapped in logical order
first, and only then is each line reordered for display."""

from __future__ import annotations

from triage_desktop.documents.fonts import SANS, register_fonts
from triage_desktop.documents.text import is_rtl, logical_lines, markup

SENTENCE = (
    "تقدمت الطالبة بشكوى بشأن تعليقات متكررة في الحلقات الدراسية خلال الفصل الدراسي الأول "
    "وطلبت أن يتم التعامل معها بشكل غير رسمي في البداية مع مراجعة الوضع بعد شهر"
)


def test_lines_follow_the_logical_order_and_fit_the_width() -> None:
    register_fonts()
    lines = logical_lines(SENTENCE, 200, SANS, 10)
    assert len(lines) > 2
    assert " ".join(lines) == SENTENCE  # nothing lost, nothing reordered across lines
    assert lines[0].startswith("تقدمت")  # the sentence's first word opens the first line
    assert lines[-1].endswith("شهر")


def test_a_single_long_word_is_never_lost() -> None:
    register_fonts()
    word = "ا" * 400
    assert "".join(logical_lines(word, 50, SANS, 10)) == word


def test_direction_follows_the_first_strong_character() -> None:
    assert is_rtl(SENTENCE)
    assert is_rtl("123 محمد")
    assert not is_rtl("Zoë Ångström")
    assert not is_rtl("DR-2026-0042 محمد")


def test_markup_breaks_wrapped_rtl_lines_and_keeps_latin_untouched() -> None:
    register_fonts()
    wrapped = markup(SENTENCE, 200, SANS, 10)
    assert wrapped.count("<br/>") == len(logical_lines(SENTENCE, 200, SANS, 10)) - 1
    assert markup("Zoë & <Ångström>", 200, SANS, 10) == "Zoë &amp; &lt;Ångström&gt;"
