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


# -- in the PDFs themselves: every paragraph and table cell of the summary and the letters ------

import dataclasses  # noqa: E402
import datetime as dt  # noqa: E402
from collections.abc import Callable  # noqa: E402

import pytest  # noqa: E402

from tests.documents.pdftools import line_of_each_word, pdftotext  # noqa: E402
from triage_desktop.documents.content import (  # noqa: E402
    Amendment,
    Attendee,
    ChecklistStep,
    Consent,
    LetterContent,
    LetterKind,
    NextStep,
    RouteShown,
    SafetyAlert,
    SummaryContent,
    SupportContact,
    WithoutConsent,
)
from triage_desktop.documents.letters import render_letter  # noqa: E402
from triage_desktop.documents.samples import (  # noqa: E402
    SIGNPOSTING,
    sample_letter,
    sample_summary,
)
from triage_desktop.documents.summary import render_summary  # noqa: E402

# Words that occur nowhere else in the sample documents, so each can be found where it printed.
MIXED_ARABIC_LATIN = (
    "قال الطالب إن Quentin Blythe وعدت بالاتصال به يوم الاربعاء بخصوص Ordinance Nineteen "
    "والإجراءات الرسمية المتبعة وطلب مراجعة الوضع بعد شهر واحد"
)
HEBREW = (
    "הסטודנטית דיווחה על הערות חוזרות ונשנות במהלך הסמינרים בסמסטר הראשון וביקשה לטפל בהן "
    "באופן לא פורמלי בשלב הראשון ולבדוק את המצב שוב בעוד חודש"
)
LATIN_WITH_ARABIC = (
    "Quentin recounted يوسف الخطيب phoning Wednesday evening regarding seminar transcripts "
    "circulated widely sans permission afterwards amid numerous cohorts"
)
WRAPPING = {
    "arabic": SENTENCE,
    "arabic+latin": MIXED_ARABIC_LATIN,
    "hebrew": HEBREW,
    "latin+arabic": LATIN_WITH_ARABIC,
}
CJK_EMOJI = (
    "学生报告说在第一学期的研讨会上多次受到评论并要求首先以非正式方式处理一个月后再审查情况" + "😀"
)

Summary = Callable[[SummaryContent, str], SummaryContent]
SUMMARY_PLACES: dict[str, Summary] = {
    "paragraph": lambda c, t: dataclasses.replace(c, reporter_preference=t),
    "bullet": lambda c, t: dataclasses.replace(c, adjustments=(t,)),
    "table cell": lambda c, t: dataclasses.replace(c, steps=(ChecklistStep("Step", "done", t),)),
    "attendee name": lambda c, t: dataclasses.replace(c, attendees=(Attendee(t, "reporter"),)),
    "next step": lambda c, t: dataclasses.replace(c, next_steps=(NextStep("Officer", t),)),
    "amendment": lambda c, t: dataclasses.replace(
        c, amendments=(Amendment(dt.datetime(2026, 4, 8, 11, 0), "x", t, "y"),)
    ),
    "route fact": lambda c, t: dataclasses.replace(c, routes=(RouteShown("Respondent 1", t),)),
    "route rationale": lambda c, t: dataclasses.replace(
        c, routes=(RouteShown("Respondent 1", "Informal", rationale=(t,)),)
    ),
    "route respondent": lambda c, t: dataclasses.replace(c, routes=(RouteShown(t, "Informal"),)),
    "safety alert": lambda c, t: dataclasses.replace(c, safety=SafetyAlert((t,))),
    "consent words": lambda c, t: dataclasses.replace(c, consent=Consent("reporter_agreed", t)),
    "decision": lambda c, t: dataclasses.replace(c, decision_words=t),
}

Letter = Callable[[LetterContent, str], LetterContent]
LETTER_PLACES: dict[str, Letter] = {
    "body paragraph": lambda c, t: dataclasses.replace(
        c, kind=LetterKind.DISMISSAL, outcome_explanation=t
    ),
    "bullet": lambda c, t: dataclasses.replace(
        c,
        kind=LetterKind.FORMAL_PROCESS,
        without_consent=WithoutConsent("a pause", "someone may not be safe", asked_of_you=(t,)),
    ),
    "next step": lambda c, t: dataclasses.replace(c, next_steps=(NextStep("I", t),)),
    "support service": lambda c, t: dataclasses.replace(
        c, signposting=(SupportContact("Nightline", t), *SIGNPOSTING)
    ),
    "address": lambda c, t: dataclasses.replace(c, recipient_address=(t,)),
    "recipient": lambda c, t: dataclasses.replace(c, recipient_name=t),
}


def _assert_logical_order(pdf: bytes, sentence: str) -> None:
    places = line_of_each_word(pdf, sentence)
    assert len(set(places)) >= 2, "the sentence did not wrap, so the test proves nothing"
    assert places == sorted(places), f"a later word printed on an earlier line: {places}"


@pytest.mark.parametrize("script", list(WRAPPING))
@pytest.mark.parametrize("place", list(SUMMARY_PLACES))
def test_summary_wraps_every_script_in_logical_order(place: str, script: str) -> None:
    content = SUMMARY_PLACES[place](sample_summary(), WRAPPING[script])
    _assert_logical_order(render_summary(content).data, WRAPPING[script])


@pytest.mark.parametrize("script", list(WRAPPING))
@pytest.mark.parametrize("place", list(LETTER_PLACES))
def test_letters_wrap_every_script_in_logical_order(place: str, script: str) -> None:
    content = LETTER_PLACES[place](sample_letter(), WRAPPING[script])
    _assert_logical_order(render_letter(content).data, WRAPPING[script])


def test_cjk_and_emoji_keep_their_order_in_a_narrow_cell() -> None:
    content = SUMMARY_PLACES["table cell"](sample_summary(), CJK_EMOJI)
    text = "".join(pdftotext(render_summary(content).data).split())
    assert CJK_EMOJI[:-1] in text  # wrapped over lines, nothing lost or reordered


def test_a_right_to_left_paragraph_over_several_lines_is_aligned_right() -> None:
    from triage_desktop.documents.layout import para, styles

    style = styles()["body"]
    assert para(SENTENCE, style).style.alignment == 2  # TA_RIGHT
    assert para("محمد الأحمد", style).style.alignment == 0  # a one-line name keeps the column's
