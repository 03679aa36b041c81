"""Render-and-sign cost of documents, each beside the unsigned render of the same document.

1. One triage summary: median over --runs of (render + PAdES sign), against render alone, and
   the unsigned draft for the on-screen review (`render_draft`). Target: render + sign under
   250 ms; the draft costs one render and no signature.
2. A batch of 100 outcome letters (all six kinds in turn, names in several scripts): total time
   to render and sign them all, against rendering them all unsigned.

Everything stays in memory; fonts are registered and pyHanko imported before timing (the app
does that once per process). All data is fictional.

    .venv/bin/python benchmarks/documents_bench.py [--runs 25] [--letters 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time

from triage_desktop.documents.content import LetterKind, new_document_id
from triage_desktop.documents.identity import create_self_issued
from triage_desktop.documents.letters import render_letter
from triage_desktop.documents.samples import sample_letter, sample_summary
from triage_desktop.documents.signing import sign_pdf
from triage_desktop.documents.summary import render_draft, render_summary

NAMES = ("Zoë Ångström", "محمد الأحمد", "张伟", "Siobhán Ó Briain", "Ἀλέξανδρος Παππάς")


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_summary(runs: int) -> tuple[float, float, float]:
    identity = create_self_issued("Zoë Ångström", "DRLRO", "University of Bath")
    content = sample_summary()
    sign_pdf(render_summary(content), identity, reason="warm-up")
    render_draft(content)
    render_only, render_and_sign, draft = [], [], []
    for _ in range(runs):  # interleave so noise hits all three alike
        start = time.perf_counter()
        render_summary(content)
        render_only.append(time.perf_counter() - start)
        start = time.perf_counter()
        sign_pdf(render_summary(content), identity, reason="Triage summary")
        render_and_sign.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_draft(content)
        draft.append(time.perf_counter() - start)
    return _median_ms(render_only), _median_ms(render_and_sign), _median_ms(draft)


def bench_letters(count: int) -> tuple[float, float]:
    identity = create_self_issued("Zoë Ångström", "DRLRO", "University of Bath")
    kinds = list(LetterKind)
    letters = [
        dataclasses.replace(
            sample_letter(kinds[i % len(kinds)], recipient=NAMES[i % len(NAMES)]),
            document_id=new_document_id(),
        )
        for i in range(count)
    ]
    render_letter(letters[0])
    start = time.perf_counter()
    for letter in letters:
        render_letter(letter)
    unsigned = time.perf_counter() - start
    start = time.perf_counter()
    for letter in letters:
        sign_pdf(render_letter(letter), identity, reason="Outcome letter")
    signed = time.perf_counter() - start
    return unsigned, signed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--letters", type=int, default=100)
    args = parser.parse_args()
    render_ms, signed_ms, draft_ms = bench_summary(args.runs)
    print(
        f"summary, median of {args.runs}: render {render_ms:.1f} ms, "
        f"render+sign {signed_ms:.1f} ms (x{signed_ms / render_ms:.2f}; target < 250 ms: "
        f"{'met' if signed_ms < 250 else 'MISSED'})"
    )
    print(
        f"summary draft preview (render_draft, unsigned), median of {args.runs}: "
        f"{draft_ms:.1f} ms (x{draft_ms / render_ms:.2f} of render, "
        f"x{draft_ms / signed_ms:.2f} of render+sign)"
    )
    unsigned, signed = bench_letters(args.letters)
    print(
        f"{args.letters} letters: render {unsigned:.2f} s ({unsigned / args.letters * 1000:.1f} "
        f"ms each), render+sign {signed:.2f} s ({signed / args.letters * 1000:.1f} ms each) "
        f"(x{signed / unsigned:.2f})"
    )


if __name__ == "__main__":
    main()
