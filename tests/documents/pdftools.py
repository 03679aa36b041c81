"""poppler's command-line tools, fed through stdin so no PDF is written to disk."""

from __future__ import annotations

import re
import subprocess
import unicodedata

STDIN = "fd://0"
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _run(args: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, input=data, capture_output=True, timeout=60, check=False)


def pdftotext(data: bytes, *extra: str) -> str:
    """The text, NFKC-normalised (Arabic presentation forms back to letters), bidi marks removed
    and every run of whitespace one space, so wrapped table cells still match."""
    result = _run(["pdftotext", *extra, STDIN, "-"], data)
    if result.returncode:
        raise RuntimeError(result.stderr.decode(errors="replace"))
    text = unicodedata.normalize("NFKC", result.stdout.decode())
    text = BIDI_MARKS.sub("", text)
    return "\f".join(" ".join(page.split()) for page in text.split("\f"))


def pdftotext_result(data: bytes, *extra: str) -> subprocess.CompletedProcess[bytes]:
    return _run(["pdftotext", *extra, STDIN, "-"], data)


def pdffonts(data: bytes) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font in the file."""
    result = _run(["pdffonts", STDIN], data)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.decode().splitlines()[2:]
    # columns from the right: emb sub uni object-id generation
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def pdfsig(data: bytes, *extra: str) -> str:
    return _run(["pdfsig", *extra, STDIN], data).stdout.decode()


def first_page_png(data: bytes, dpi: int = 60, page: int = 1) -> bytes:
    result = _run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), STDIN], data
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


_PAGE_OR_WORD = re.compile(
    r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>'
)


def words(data: bytes) -> list[tuple[int, float, float, str]]:
    """Every word poppler finds: (page, top, left, text NFKC-normalised), in drawing order.

    A right-to-left word comes out in visual order (its letters reversed); see
    `line_of_each_word`.
    """
    import html

    result = _run(["pdftotext", "-bbox", STDIN, "-"], data)
    assert result.returncode == 0, result.stderr
    found = []
    page = 0
    for match in _PAGE_OR_WORD.finditer(result.stdout.decode()):
        if match.group(0) == "<page ":
            page += 1
            continue
        text = unicodedata.normalize("NFKC", html.unescape(match.group(3)))
        found.append((page, float(match.group(2)), float(match.group(1)), BIDI_MARKS.sub("", text)))
    return found


def _bare(word: str) -> str:
    """A word without the punctuation a sentence puts around it ("word." and ".word")."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(word[end - 1]).startswith("P"):
        end -= 1
    return word[start:end]


def line_of_each_word(data: bytes, sentence: str) -> list[tuple[int, float]]:
    """(page, line top) of each word of `sentence` as printed, in the sentence's own order.

    Each word is matched to the first unused printed word equal to it or to it reversed (how a
    right-to-left word is printed). A sentence wrapped in logical order gives a sequence that
    never goes back up the page; one wrapped after reordering puts its first words last.
    """
    printed = [(page, top, left, _bare(text)) for page, top, left, text in words(data)]
    used: set[int] = set()
    places = []
    for word in sentence.split():
        key = _bare(unicodedata.normalize("NFKC", word))
        for index, (page, top, _left, text) in enumerate(printed):
            if index not in used and text in (key, key[::-1]):
                used.add(index)
                places.append((page, round(top)))
                break
        else:
            raise AssertionError(f"{word!r} is not printed")
    return places
