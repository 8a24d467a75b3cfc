"""No regular expression backtracks without end.

Every rule gets pathological texts of 1 MB (long runs of quote marks, capitals, spaces,
punctuation, "a ", hyphens, digits with commas …) and must finish within 50 times its own time
on ordinary prose of the same size (or 50 times a tenth of the whole rule set's time on that
prose, for rules that are nearly free on prose). The readers get the same treatment with
markup that is left open. Behind these tests, the engine stops a rule that runs far too long
(the regex module's timeout, or its own watchdog) with an internal error naming the rule.
"""
from __future__ import annotations

import signal
import time
from contextlib import contextmanager
from typing import Callable, Iterator

import pytest
import regex

import qa.engine
from qa import check_text
from qa.document import Document
from qa.engine import RuleError, _instance
from qa.finding import Hit, Severity
from qa.pack import get_pack
from qa.readers import read_text
from qa.rules import Rule, all_rules

from ..conftest import ROOT
from .conftest import check

SIZE = 2**20
RATIO = 50
#: A test that runs longer than this is stopped, and fails naming what it was running.
HARD_LIMIT = 600


def repeat(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def prose(size: int = SIZE) -> str:
    texts = sorted((ROOT / "corpora" / "samples" / "clean").glob("*.txt"))
    return repeat("\n\n".join(p.read_text(encoding="utf-8") for p in texts) + "\n\n", size)


#: The families named in the robustness brief: run in the default suite.
PATHOLOGICAL = {
    "straight quotes": '"', "curly quotes": "\u201c", "reversed pairs": "\u201d\u201c", "guillemets": "\u00ab ",
    "capitals": "A", "capitalised words": "Abc ", "spaces": " ", "punctuation": "!?;:,.",
    "a-space": "a ", "hyphens": "-", "word hyphens": "a-", "digits with commas": "1,",
    # The anchors that some rules find first and then try their pattern at, packed close together.
    "quoted words after marks": '"ab ', "place phrases": "x in his ", "adverbs": "we also ",
    "stops between words": "ab. cd ", "-mans endings": "humans ", "glued words": "abCde ",
    "spaced stops": "a  , ", "spaced dots": " . .", "doubled words": "the The ",
    "plural titles": "Presidents ", "spaced marks": "a : ", "verbs before a day": "passed Monday ",
    "quoted capitals": 'a law "Ab ', "non-ascii letters": "\u00e9 ", "hour marks": "5 h ",
    # Pronouns in one endless sentence: each looks at the pronouns and names around it.
    "pronouns in a name": "Abc He ", "speakers": "he said ", "a name and its pronoun": "Mr Abc his ",
    "replacement characters": "a\ufffd ",
    # One pair of words repeated throughout ("in the in the …"), and singular verbs after plurals.
    "repeated pairs": "in the ", "plural subjects": "The cats is ", "manner adverbs": "passed firmly the ",
    "breakdowns": "12 cats, 4 in a and ", "nationalities after nouns": "vessels Dutch, ",
}
#: More shapes, for the long campaign (``-m slow``).
MORE = {
    "apostrophes": "'", "quoted words": '"Word ', "all caps": "ABC ", "initials": "A. ", "periods": ".",
    "ellipses": "... ", "commas": ", ", "dashes": " \u2014 ", "grouped numbers": "1,000,000 ",
    "spaced digits": "1 000 ", "french percent": "3,5 % ", "accents": "\u00e9", "combining marks": "e\u0301",
    "mojibake": "\u00c3\u00a9\u00e2\u20ac\u2122", "url": "a/", "less-than": "<", "doubled word": "the ",
    "abbreviations": "Mr. ", "french words": "le la les de ", "newlines": "\n", "crlf lines": "A b.\r\n",
    "parentheses": "(", "brackets": "[a", "mixed case": "aB", "elisions": "l'a ", "names": "Said Moscow ",
    "at signs": "a@", "dots": "a.", "slashes": "a./", "digits": "1", "letters": "abcdefgh", "tabs": " \t",
}


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Fail (rather than hang) when the block runs longer than ``seconds``."""
    def expired(signum, frame):
        raise AssertionError(f"{what} ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timings(text: str) -> dict[str, float]:
    """Seconds for the Document's segments, then for each rule, on ``text``."""
    pack = get_pack("fr-en")
    out = {}
    begin = time.perf_counter()
    with time_limit(HARD_LIMIT, f"segmenting {text[:20]!r}…"):
        doc = Document(text, pack=pack)
        for segments in ("norm", "words", "sentences", "quotations", "proper_nouns"):
            getattr(doc, segments)
    out["document"] = time.perf_counter() - begin
    for rule in all_rules():
        begin = time.perf_counter()
        with time_limit(HARD_LIMIT, f"{rule.code} on {text[:20]!r}…"):
            list(_instance(rule).check(doc))
        out[rule.code] = time.perf_counter() - begin
    return out


@pytest.fixture(scope="module")
def normal() -> dict[str, float]:
    check_text("Warm-up. “A quotation,” he said.")  # lexicons loaded before anything is timed
    return timings(prose())


def assert_no_blow_up(name: str, unit: str, normal: dict[str, float]) -> None:
    floor = sum(normal.values()) / 10
    slow = {what: (seconds, RATIO * max(normal[what], floor))
            for what, seconds in timings(repeat(unit)).items()
            if seconds > RATIO * max(normal[what], floor)}
    assert not slow, f"{name}: {slow}"


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_text_costs_no_more_than_prose(name, normal):
    assert_no_blow_up(name, PATHOLOGICAL[name], normal)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(MORE))
def test_more_pathological_texts(name, normal):
    assert_no_blow_up(name, MORE[name], normal)


def test_every_rule_scales_linearly_on_one_long_paragraph():
    """Three times the text in one paragraph takes about three times as long (a quadratic step:
    nine times). A paragraph as long as a file is what a scraped page without line breaks gives."""
    line = " ".join(prose(4 * SIZE).split())
    small, big = timings(line[:SIZE]), timings(line[:3 * SIZE])
    for _ in range(2):  # a busy machine can stall one measurement: time again what looks slow
        if not any(big[what] > 6 * max(small[what], 0.1) for what in small):
            break
        again_small, again_big = timings(line[:SIZE]), timings(line[:3 * SIZE])
        small = {what: min(seconds, again_small[what]) for what, seconds in small.items()}
        big = {what: min(seconds, again_big[what]) for what, seconds in big.items()}
    slow = {what: (round(small[what], 2), round(big[what], 2)) for what in small
            if big[what] > 6 * max(small[what], 0.1)}
    assert not slow, slow


# -- readers --------------------------------------------------------------------------------------
MARKUP = {
    "html": ["<a ", "<script", "<!", "<?", '<a "', "<p title='", "<!--", "&amp", "</", "<a\n"],
    "md": ["![", "[", "](", "<http:a", "<a ", '<a "', "`a", "**a", "> ", "# ", "- [", "```"],
    "jsonl": ['{"text": "', "[", '"\\u00', "\\"],
    "feed": ["<item>", "<item><title>", "&lt;", "<![CDATA["],
}


def read_seconds(text: str, kind: str) -> float:
    begin = time.perf_counter()
    with time_limit(HARD_LIMIT, f"reading {text[:20]!r}… as {kind}"):
        list(read_text(text, "input", kind))
    return time.perf_counter() - begin


@pytest.mark.parametrize("kind", sorted(MARKUP))
def test_readers_read_markup_left_open_in_linear_time(kind):
    ordinary = max(read_seconds(prose(), kind if kind != "feed" else "txt"), 0.05)
    slow = {unit: seconds for unit in MARKUP[kind]
            if (seconds := read_seconds(repeat(unit), kind)) > RATIO * ordinary}
    assert not slow, slow


# -- the backstop ---------------------------------------------------------------------------------
class CatastrophicBacktracking(Rule):
    """A rule for these tests only, whose pattern backtracks exponentially.

    **What it does**
    Looks for runs of a's followed by a digit, the slowest way possible.

    **Why is this bad?**
    It is not: it exists to be stopped.

    **Example**
    bad: [[aa1]] => -
    good: b

    **Fix safety**
    No fix.
    """

    code = "MT901"
    name = "catastrophic-backtracking"
    category = "garbled"
    severity = Severity.MINOR
    timeout: float | None = None

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in regex.finditer(r"(?:a|aa)+\d", doc.text, timeout=self.timeout):
            yield Hit(m.start(), m.end(), "a run of a's")


@pytest.fixture
def only_the_slow_rule(monkeypatch) -> Callable[[float | None], None]:
    def install(timeout: float | None) -> None:
        monkeypatch.setattr(CatastrophicBacktracking, "timeout", timeout)
        monkeypatch.setattr(qa.engine, "_rules", lambda *args: [CatastrophicBacktracking])
    return install


def test_a_regex_timeout_is_an_internal_error_naming_rule_and_input(tmp_path, only_the_slow_rule):
    only_the_slow_rule(0.2)
    (tmp_path / "slow.txt").write_text("a" * 60 + "\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("b\n", encoding="utf-8")
    begin = time.perf_counter()
    result = check(str(tmp_path / "slow.txt"), str(tmp_path / "other.txt"))
    assert time.perf_counter() - begin < 30
    assert result.exit_code == 3
    assert "MT901 (catastrophic-backtracking) timed out on" in result.stderr and "slow.txt" in result.stderr


def test_the_watchdog_stops_a_regex_without_a_timeout(tmp_path, only_the_slow_rule, monkeypatch):
    only_the_slow_rule(None)
    monkeypatch.setattr(qa.engine, "RULE_SECONDS", 0.5)
    monkeypatch.setattr(qa.engine, "RULE_SECONDS_PER_CHAR", 0.0)
    (tmp_path / "slow.txt").write_text("a" * 60 + "\n", encoding="utf-8")
    begin = time.perf_counter()
    result = check(str(tmp_path / "slow.txt"))
    assert time.perf_counter() - begin < 30
    assert result.exit_code == 3 and "MT901" in result.stderr and "still running after" in result.stderr


def test_the_library_raises_a_rule_error(only_the_slow_rule):
    only_the_slow_rule(0.2)
    with pytest.raises(RuleError, match="MT901"):
        check_text("a" * 60)


def test_the_watchdog_leaves_no_alarm_behind():
    check_text("The minister spoke on Monday.")
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
