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
