#!/usr/bin/env python3
"""A long fuzz campaign: generated inputs through every reader, the rules, the reports and the fixer.

Each case is built from its number and the campaign's seed alone, so any failure can be
replayed with ``--case N``. A case is an input file (plain text, Markdown, HTML, JSONL, RSS,
Atom, TSV, XLIFF, TMX, PO) made of pieces that make the rules fire, random Unicode and
mutations (truncation, flipped bytes, spliced markup, another encoding, binary junk). For
each case the campaign checks that:

- reading, linting and (one case in ten) rendering every output format raise nothing;
- every finding's offsets lie inside the text, ``text == source[start:end]``, and its line
  and column agree with its start;
- (one case in ten, plain text, Markdown, HTML and JSONL) fixing is idempotent, leaves the
  text outside the flagged spans alone, and never leaves more findings than it found;
- no case takes longer than ``--slow`` seconds (a sign of a regular expression backtracking).

Failures are grouped by signature (the property, or the exception and the place it was
raised); the first case of each is saved under ``--out`` with a note on how to replay it.

    python scripts/fuzz.py                       # 100,000 cases on every core
    python scripts/fuzz.py --cases 2000 --jobs 1 # a quick run
    python scripts/fuzz.py --case 4711 -v        # replay one case and show its input
"""
from __future__ import annotations

import argparse
import codecs
import json
import multiprocessing
import os
import random
import sys
import time
import traceback
from html import escape
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape as xml_escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.config import RunConfig  # noqa: E402
from qa.engine import lint  # noqa: E402
from qa.fix import Encoded, Fixer  # noqa: E402
from qa.readers import InputProblem, kind_of, read_bytes  # noqa: E402
from qa.report import FORMATS, RunResult, render  # noqa: E402
from qa.runner import Checker  # noqa: E402
from tests.robustness.oracles import outside, position  # noqa: E402

#: Pieces that make the rules fire and the readers work.
PIECES = [
    "The minister said", " \u201cDeeply concerned\u201d ", " \u00ab historique \u00bb ", "3,5 %", "M. Macron ",
    "Russia said to herself", "l'accord de Paris ", "le gouvernement a annonc\u00e9 ", "Vladimir Poutine",
    "reacted Wednesday Emmanuel Macron", "On Sunday, fighting continued on Wednesday. ", "Read also: more\n",
    "Source link\n", "already in control. competition. ", "the the ", "a effort ", "12 000 euros", "1er ",
    "\u00c3\u00a9", "\u00e2\u20ac\u2122", "\u0092", " ; ", " : ", " ?", "Nikol Pachinian ", "eventually ",
    "actually ", "blows the embers of ", "\u201d ", " \u201c", '"', "'", "\u2019", "\u2018", "\u201e",
    "\r\n", "\n\n", "\r", "\n", " ", "\t", "\u00a0", "\u202f", "\u2009", "e\u0301", "\u0301", "\u200d",
    "\u200f\u05e9\u05dc\u05d5\u05dd\u200e", "\u0627\u0644\u0633\u0644\u0627\u0645", "\U0001F600",
    "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\x00", "\x1b[31m", "\ufeff", "\ufffd", "\u2028", "\x85",
    "...", "\u2026", "\u2014", "-", "A", "I ", "Mr. ", "U.S. ", "J. R. R. ", "1,000", "(", ")", "[", "]",
]
MARKUP = ["<p>", "</p>", "<br>", "<div class='x'>", "</div>", "<b>", "</i>", "<script>x<1</script>", "<!--",
          "-->", "&amp;", "&eacute;", "&#8220;", "&#x1F600;", "&bogus;", "<a href=\"x\">", "<", ">", "<!DOCTYPE",
          "<?php", "<style>", "**", "_", "`", "```\n", "# ", "> ", "- ", "1. ", "[a](b)", "![x](y)", "<http://x>",
          "<!-- mtlint-disable MT101 -->", "<!-- mtlint-enable -->"]
SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".rss", ".atom", ".tsv", ".xlf", ".tmx", ".po"]
CONFIG = RunConfig()


# -- inputs --------------------------------------------------------------------------------------
def random_text(rng: random.Random, size: int) -> str:
    out: list[str] = []
    while sum(map(len, out)) < size:
        pick = rng.random()
        if pick < 0.55:
            out.append(rng.choice(PIECES))
        elif pick < 0.7:
            out.append(rng.choice(MARKUP))
        elif pick < 0.85:
            out.append("".join(rng.choice("abcdefghij klmno ABC.,;") for _ in range(rng.randint(1, 12))))
        else:  # any code point but a surrogate
            out.append("".join(chr(rng.choice([rng.randint(0, 0x2FF), rng.randint(0x300, 0xD7FF),
                                               rng.randint(0xE000, 0x10FFFF)])) for _ in range(rng.randint(1, 4))))
    return "".join(out)


def wrap(text: str, suffix: str, rng: random.Random) -> str:
    """``text`` as the content of a file of the format ``suffix`` names."""
    if suffix == ".jsonl":
        lines = []
        for part in text.split("\n\n") or [text]:
            value = part + ("\ud83d" if rng.random() < 0.05 else "")  # a lone surrogate, escaped
            record = {"id": rng.randint(0, 99), rng.choice(["text", "text", "body", "content", "title"]): value}
            lines.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
        return "\n".join(lines) + "\n"
    if suffix == ".rss":
        items = "".join(f"<item><guid>{i}</guid><title>T{i}</title><description>{xml_escape(p)}</description></item>\n"
                        for i, p in enumerate(text.split("\n\n")))
        return f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>F</title>\n{items}</channel></rss>\n'
    if suffix == ".atom":
        return ('<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><id>e1</id><title>T</title><content type="html">'
                f"{xml_escape(text)}</content></entry>\n</feed>\n")
    if suffix == ".tsv":
        return "source\ttarget\n" + "".join(f"Le texte {i}.\t{line}\n" for i, line in
                                            enumerate(text.replace("\t", " ").splitlines()))
    if suffix == ".xlf":
        units = "".join(f'<trans-unit id="{i}"><source>Texte {i}.</source><target>{escape(p)}</target></trans-unit>\n'
                        for i, p in enumerate(text.split("\n\n")))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="fr" '
                f'target-language="en" datatype="plaintext" original="x"><body>\n{units}</body></file></xliff>\n')
    if suffix == ".tmx":
        units = "".join(f'<tu tuid="{i}"><tuv xml:lang="fr"><seg>Texte.</seg></tuv><tuv xml:lang="en"><seg>'
                        f"{escape(p)}</seg></tuv></tu>\n" for i, p in enumerate(text.split("\n\n")))
        return f'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="fr"/><body>\n{units}</body></tmx>\n'
    if suffix == ".po":
        return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + "".join(
            f"msgid \"Texte {i}.\"\nmsgstr {json.dumps(p, ensure_ascii=False)}\n\n" for i, p in
            enumerate(text.split("\n\n")))
    return text


def mutate(raw: bytes, rng: random.Random) -> bytes:
    pick = rng.random()
    if pick < 0.25 and raw:
        cut = rng.randrange(len(raw))
        return raw[:cut]  # truncated
    if pick < 0.45 and raw:
        data = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)  # flipped bytes
        return bytes(data)
    if pick < 0.55 and raw:
        at = rng.randrange(len(raw))
        return raw[:at] + rng.choice(MARKUP).encode() + raw[at:]
    if pick < 0.6:
        return raw + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return raw


def encode(text: str, rng: random.Random) -> bytes:
    pick = rng.random()
    if pick < 0.05:
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    if pick < 0.08:
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", "surrogatepass")
    if pick < 0.15:
        return text.encode("cp1252", "replace")
    if pick < 0.2:
        return codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")


def case(seed: int, number: int) -> tuple[str, bytes]:
    """The file name and bytes of case ``number``."""
    rng = random.Random(f"{seed}:{number}")
    suffix = rng.choice(SUFFIXES)
    size = rng.choice([0, 5, 40, 200, 800, 3000])
    raw = encode(wrap(random_text(rng, size), suffix, rng), rng)
    if rng.random() < 0.3:
        raw = mutate(raw, rng)
    return f"case{number}{suffix}", raw


# -- properties ----------------------------------------------------------------------------------
class Failure(Exception):
    """A property that does not hold; the message is its signature."""


def check_case(name: str, raw: bytes, number: int) -> None:
    settings = CONFIG.settings()
    kind = kind_of(name)
    results, problems = [], []
    for item in read_bytes(raw, name, kind):
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        result = lint(item, settings)
        results.append(result)
        for f in result.findings:
            if not 0 <= f.start <= f.end <= len(item.original):
                raise Failure(f"{f.rule}: offsets outside the text")
            if item.original[f.start:f.end] != f.text:
                raise Failure(f"{f.rule}: text is not source[start:end]")
            if (f.line, f.column) != position(item.original, f.start):
                raise Failure(f"{f.rule}: line/column disagree with the offset")
    if number % 10 == 0:
        run = RunResult(results, problems=problems, version="fuzz")
        for fmt in FORMATS:
            render(fmt, run).encode("utf-8", "backslashreplace")
    if number % 10 == 5 and kind in ("txt", "md", "html", "jsonl") and results:
        check_fixes(name, raw, kind)


def check_fixes(name: str, raw: bytes, kind: str) -> None:
    def fixer(passes: int) -> Fixer:
        return Fixer(Checker(CONFIG), unsafe=True, max_passes=passes)

    def count(outcome) -> int:
        return sum(len(c.result.findings) for c in outcome.checked)

    flagged = fixer(0).fix_bytes(name, raw)
    once = fixer(8).fix_bytes(name, raw)
    if fixer(8).fix_bytes(name, once.after).after != once.after:
        raise Failure("fix: not idempotent")
    if count(once) > count(flagged):
        raise Failure("fix: more findings after fixing")
    if kind == "jsonl":  # the spans are in the items' texts, not in the file
        return
    one = fixer(1).fix_bytes(name, raw)
    if not one.changed:
        return
    before, after = Encoded.decode(raw).text, Encoded.decode(one.after).text
    pos = 0
    for piece in outside(before, [(f.start, f.end) for c in flagged.checked for f in c.result.findings]):
        found = after.find(piece, pos)
        if found < 0:
            raise Failure("fix: text outside the flagged spans changed")
        pos = found + len(piece)


def signature(exc: BaseException) -> str:
    if isinstance(exc, Failure):
        return str(exc)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/qa/" in f.filename or "cli.py" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


def run_case(args: tuple[int, int, float]) -> Optional[tuple[int, str, str, float]]:
    """None, or (case number, signature, details, seconds) for a failing case."""
    seed, number, slow = args
    name, raw = case(seed, number)
    begin = time.perf_counter()
    try:
        check_case(name, raw, number)
    except Exception as exc:  # every exception is a finding of the campaign
        return number, signature(exc), "".join(traceback.format_exception(exc)), time.perf_counter() - begin
    seconds = time.perf_counter() - begin
    if seconds > slow:
        return number, f"slow: over {slow:g} s for {len(raw)} bytes", "", seconds
    return None


def _quiet_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def campaign(seed: int, cases: int, jobs: int, slow: float, out: Path) -> int:
    failures: dict[str, list[int]] = {}
    begin, last = time.perf_counter(), 0.0
    work = ((seed, n, slow) for n in range(cases))
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    done = 0
    with ctx.Pool(jobs, initializer=_quiet_worker) as pool:
        for result in pool.imap_unordered(run_case, work, chunksize=50):
            done += 1
            if result:
                number, sig, details, seconds = result
                first = sig not in failures
                failures.setdefault(sig, []).append(number)
                if first:
                    save(out, seed, number, sig, details)
                    print(f"\nnew failure [{sig}] in case {number}", flush=True)
            now = time.perf_counter() - begin
            if now - last > 10 or done == cases:
                last = now
                print(f"\r{done}/{cases} cases, {len(failures)} distinct failures, {done / max(now, 1e-9):.0f} "
                      "cases/s", end="", flush=True)
    print()
    for sig, numbers in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(numbers):6d}  {sig}  (first: --case {numbers[0]})")
    print(f"{cases} cases, {sum(map(len, failures.values()))} failing, {len(failures)} distinct failures, "
          f"seed {seed}, {time.perf_counter() - begin:.0f} s")
    return 1 if failures else 0


def save(out: Path, seed: int, number: int, sig: str, details: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    name, raw = case(seed, number)
    (out / name).write_bytes(raw)
    (out / f"{name}.txt").write_text(f"{sig}\nreplay: python scripts/fuzz.py --seed {seed} --case {number} -v\n\n"
                                     f"{details}", encoding="utf-8")


def replay(seed: int, number: int, verbose: bool) -> int:
    name, raw = case(seed, number)
    if verbose:
        print(f"{name} ({len(raw)} bytes): {raw[:2000]!r}")
    result = run_case((seed, number, float("inf")))
    if result is None:
        print("passes")
        return 0
    print(result[1])
    print(result[2])
    return 1


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=100_000, help="how many cases to run (default 100,000)")
    ap.add_argument("--seed", type=int, default=2026, help="the campaign's seed")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: every core)")
    ap.add_argument("--slow", type=float, default=10.0, help="seconds after which a case counts as a failure")
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="where failing cases are saved")
    ap.add_argument("--case", type=int, help="replay this case only")
    ap.add_argument("-v", "--verbose", action="store_true", help="with --case: show the input")
    args = ap.parse_args(argv)
    if args.case is not None:
        return replay(args.seed, args.case, args.verbose)
    return campaign(args.seed, args.cases, args.jobs, args.slow, args.out)


if __name__ == "__main__":
    sys.exit(main())
