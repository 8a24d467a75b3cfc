"""mtlint command line: parse options, call qa/, print. Nothing else lives here."""
from __future__ import annotations

import sys
from collections import Counter
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Iterator, Optional

import click

from qa.report import FORMATS

if TYPE_CHECKING:
    from qa.readers import Stdin

EXIT_HELP = """
Exit codes: 0 nothing at or above --fail-on; 1 a finding at or above --fail-on, or an
article over --max-penalty; 2 usage or configuration error, or an input that could not be
read (every other input is still checked); 3 internal error (the message names the rule and
input); 130 interrupted.
"""


@click.group(epilog=EXIT_HELP)
@click.version_option(package_name="mtlint", prog_name="mtlint")
def main() -> None:
    """mtlint: find machine-translation artifacts in English text."""
    # A character the output cannot carry (a lone surrogate from a JSON escape, or anything
    # beyond a legacy terminal's charset) is written as a \u escape instead of ending the run.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _config(config_file: Optional[str], **overrides):
    from qa.config import ConfigError, load

    try:
        return load(config_file, overrides)
    except ConfigError as exc:
        raise click.UsageError(f"configuration error: {exc}") from None


def _split(values) -> list[str]:
    return [v for value in values for v in value.split(",") if v.strip()]


_CONFIG_OPTIONS = (
    click.option("--select", multiple=True,
                 help="Rule code, code prefix, rule name or category (repeatable, or comma-separated)."),
    click.option("--ignore", multiple=True, help="Same forms as --select; removed from the selection."),
    click.option("--lang", help="Language pair SRC-TGT (default fr-en), or auto-en to guess the source "
                                "language of each article from its residues."),
    click.option("--langid", type=click.Choice(["marked", "all"]),
                 help="Language identification on spans a marker pass flags (default) or on every paragraph."),
    click.option("--min-confidence", type=float, help="Hide findings below this confidence (default 0.5)."),
    click.option("--field", help="JSONL field holding the article (default: text, body, content)."),
    click.option("--fail-on", type=click.Choice(["minor", "major", "critical"]),
                 help="Lowest severity that fails (default minor)."),
    click.option("--max-penalty", type=float, help="Fail when an article's penalty exceeds this."),
    click.option("--ignore-words", type=click.Path(dir_okay=False),
                 help="File of terms (one a line): findings whose text holds one are dropped."),
    click.option("--config", "config_file", type=click.Path(), help="Configuration file (default: discovered)."),
)


def config_options(command):
    """The options that set configuration keys, shared by ``check`` and ``config``."""
    for option in reversed(_CONFIG_OPTIONS):
        command = option(command)
    return command


def _run_config(config_file, select, ignore, lang, min_confidence, field, fail_on, max_penalty, ignore_words,
                langid=None):
    return _config(config_file, select=_split(select), ignore=_split(ignore), lang=lang, field=field, langid=langid,
                   **{"min-confidence": min_confidence, "fail-on": fail_on, "max-penalty": max_penalty,
                      "ignore-words": ignore_words})


def _baseline(path: str):
    """The baseline at ``path`` (imported only for a run that reads one)."""
    from pathlib import Path

    from qa.baseline import Baseline, BaselineError

    try:
        return Baseline.load(Path(path))
    except BaselineError as exc:
        raise click.UsageError(str(exc)) from None


#: A progress bar appears on a terminal for this many inputs, or a feed of this many articles.
PROGRESS_FILES, PROGRESS_ARTICLES = 20, 200


@main.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(FORMATS), help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@config_options
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record the current findings in this baseline file and report nothing.")
@click.option("--stats", is_flag=True, help="Counts by rule and category (stderr; in json output: summary.by_rule).")
@click.option("--timings", is_flag=True,
              help="CPU time spent in each rule, slowest first (stderr): what to --ignore when a feed must go faster.")
@click.option("--quiet", "-q", is_flag=True, help="No notices and no progress bar on stderr.")
@click.option("--source", "source_file", type=click.Path(dir_okay=False),
              help="The source text of the (single, plain-text) target, aligned by line or paragraph.")
@click.option("--ref", "ref_files", multiple=True, type=click.Path(dir_okay=False),
              help="A reference translation (repeatable): adds BLEU, chrF and TER to the report.")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Processes to check files and feed items with (default: all cores); output is the same.")
@click.option("--stdin-filename", metavar="NAME",
              help="The file name - (stdin) is reported under; its extension picks the reader (feed.jsonl, a.rss).")
def check(paths, fmt, output, select, ignore, lang, langid, min_confidence, field, fail_on, max_penalty, ignore_words,
          config_file, fix, unsafe_fixes, diff, baseline_file, write_baseline, stats, timings, quiet, source_file,
          ref_files, jobs, stdin_filename) -> None:
    """Check files, directories (recursively) or - (stdin) for translation artifacts."""
    from pathlib import Path

    from qa.engine import RuleError
    from qa.readers import InputProblem, read_stdin, walk
    from qa.runner import EXIT_INTERNAL, EXIT_INTERRUPTED, Checker, Outcome, exit_code

    if unsafe_fixes and not (fix or diff):
        raise click.UsageError("--unsafe-fixes applies only with --fix or --diff")
    if write_baseline and (fix or diff or baseline_file):
        raise click.UsageError("--write-baseline cannot be combined with --fix, --diff or --baseline")
    if (source_file or ref_files) and (len(paths) != 1 or paths[0] == "-"):
        raise click.UsageError("--source and --ref take a single target file")
    metrics = _reference_metrics(paths[0], ref_files) if ref_files else None
    run_config = _run_config(config_file, select, ignore, lang, min_confidence, field, fail_on, max_penalty,
                             ignore_words, langid)
    baseline = _baseline(baseline_file) if baseline_file else None
    checker = Checker(run_config, baseline, Path(write_baseline).resolve().parent if write_baseline else None,
                      source=source_file, timed=timings)
    outcome = Outcome()
    spent: Counter[str] = Counter()  # CPU seconds by rule, with --timings
    fixes = _Fixes(checker, unsafe_fixes, write=not diff, quiet=quiet) if fix or diff else None

    def problem(p: InputProblem) -> None:
        outcome.problems.append(p)
        if p.error or not quiet:
            click.echo(f"mtlint: {p}", err=True)

    if stdin_filename and "-" not in paths:
        raise click.UsageError("--stdin-filename names - (stdin), which is not among the inputs")
    stdin_read = read_stdin(sys.stdin.buffer, stdin_filename or "<stdin>") if "-" in paths else nullcontext()
    bar, inputs = _progress(walk(list(paths)), quiet)
    prints = []
    code = None
    stream = _jsonl_stream(output, run_config) if fmt == "jsonl" and not (fixes or stats or write_baseline) else None
    with stdin_read as stdin, bar, _interrupts() as interrupted:
        try:
            for path, documents in _checked_files(checker, inputs, stdin, problem, jobs,
                                                  sequential=bool(fixes or baseline or write_baseline)):
                group = _counted(documents, bar)
                if fixes:
                    group = fixes.run(path, list(group), stdin, problem)
                for checked in group:
                    spent.update(checked.result.timings or {})
                    if stream:  # written now and dropped: a feed of any size runs in bounded memory
                        stream.write(checked.result)
                    else:
                        outcome.results.append(checked.result)
                    prints += checked.fingerprints
                    if not quiet:
                        for notice in checked.result.notices:
                            click.echo(f"mtlint: {notice}", err=True)
                    if interrupted:  # a Ctrl-C that Python dropped (see _interrupts)
                        raise KeyboardInterrupt
        except RuleError as exc:
            click.echo(f"mtlint: internal error: {exc}", err=True)
            code = EXIT_INTERNAL
        except KeyboardInterrupt:
            click.echo("mtlint: interrupted; partial results follow", err=True)
            code = EXIT_INTERRUPTED
    if write_baseline and code is None:
        from qa.baseline import Baseline

        Path(write_baseline).write_text(Baseline.dumps(prints), encoding="utf-8")
        click.echo(f"mtlint: wrote {len(prints)} finding{'s' * (len(prints) != 1)} to {write_baseline}", err=True)
        sys.exit(exit_code(Outcome(problems=outcome.problems)))
    if fixes:
        fixes.summarise(outcome)
    if stats:
        _print_stats(outcome.results)
    if timings:
        _print_timings(spent)
    if fixes and (diff or fixes.stdout_data is not None):
        click.echo(fixes.diffs if diff else fixes.stdout_data, nl=False)
    elif stream:
        stream.close()
    else:
        _emit_report(fmt, output, outcome, run_config, stats, metrics)
    if code is None:
        code = exit_code(outcome, run_config.get("fail-on", "minor"), run_config.get("max-penalty"))
        if stream and stream.failing and code == 0:
            code = 1
        if diff and fixes.changed and code == 0:
            code = 1  # a diff means the files are not clean
    sys.exit(code)


def _checked_files(checker, inputs, stdin, problem, jobs: Optional[int], sequential: bool):
    """(path, checked documents) in input order, on ``jobs`` processes unless fixes or baselines
    need each file's documents together."""
    from qa.parallel import default_jobs, iter_files

    if sequential or jobs == 1:
        return checker.iter_files(inputs, stdin, problem)
    return iter_files(checker, inputs, jobs or default_jobs(), stdin, problem)


def _jsonl_stream(output: Optional[str], run_config):
    import qa
    from qa.stream import JsonlStream

    out = open(output, "w", encoding="utf-8", errors="backslashreplace") if output else sys.stdout
    return JsonlStream(out, qa.__version__, run_config.get("lang", "fr-en"), run_config.get("fail-on", "minor"),
                       run_config.get("max-penalty"), close=bool(output))


@contextmanager
def _interrupts():
    """A list that Ctrl-C appends to, as well as raising KeyboardInterrupt.

    Python drops an exception raised while a finalizer runs (a generator closed early, an object
    freed), and a signal's handler runs wherever the interpreter happens to be: the run would
    then go on to the end. The loop also checks the list between articles.
    """
    import signal

    seen: list[int] = []

    def handler(signum: int, frame: object) -> None:
        seen.append(signum)
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield seen
        return
    try:
        yield seen
    finally:
        signal.signal(signal.SIGINT, previous)


def _counted(checked, bar):
    """The documents of one input, advancing the progress bar as each is checked."""
    for c in checked:
        bar.update(1)
        yield c


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, n: int) -> None:
        return None


def _progress(inputs: Iterator[tuple[str, bool]], quiet: bool):
    """A progress bar on a terminal when there is much to check, otherwise nothing; and the
    inputs. Only a bar needs their number: without one, the folders are walked as the files
    are checked, so an archive of millions of files is not first listed in memory."""
    from qa.runner import estimate_articles

    if quiet or not sys.stderr.isatty():
        return _NoProgress(), inputs
    listed = list(inputs)
    files = [p for p, _ in listed if p != "-"]
    total = sum(estimate_articles(p) for p in files)
    if len(files) < PROGRESS_FILES and total < PROGRESS_ARTICLES:
        return _NoProgress(), listed
    return click.progressbar(length=total, label="checking", file=sys.stderr, show_pos=True), listed


class _Fixes:
    """--fix / --diff across a run: fixes each file as its results arrive, keeps the tallies."""

    def __init__(self, checker, unsafe: bool, write: bool, quiet: bool) -> None:
        from qa.fix import Fixer

        self.fixer = Fixer(checker, unsafe)
        self.write = write
        self.quiet = quiet
        self.fixed = 0
        self.files = 0
        self.changed = False
        self.diffs = ""
        self.stdout_data: Optional[str] = None

    def run(self, path: str, group: list, stdin: "Optional[Stdin]", problem) -> list:
        from qa.fix import Encoded, WriteError
        from qa.readers import InputProblem

        name = stdin.name if path == "-" else path
        if path == "-" and not group:  # unreadable or empty: the problem was reported
            return group
        if not self.fixer.supports(name):
            if self.fixer.has_fixes(group):
                problem(InputProblem(name, "fixing RSS/Atom feeds is not supported; findings are reported unchanged",
                                     error=False))
            return group
        if path != "-" and not self.fixer.has_fixes(group):
            return group
        if path == "-":  # the whole text is printed, fixed or not
            outcome = self.fixer.fix_bytes(name, stdin.raw(), stdin.kind)
            self.stdout_data = Encoded.decode(outcome.after).text
        else:
            try:
                outcome = self.fixer.fix_path(path, write=self.write)
            except WriteError as exc:
                problem(InputProblem(path, str(exc).removeprefix(f"{path}: ")))
                return group
        for skipped in outcome.not_applied:
            if not self.quiet:
                click.echo(f"mtlint: {skipped}", err=True)
        if outcome.changed:
            self.changed = True
            self.fixed += outcome.fixed
            self.files += 1
            self.diffs += outcome.diff()
        return outcome.checked

    def summarise(self, outcome) -> None:
        from qa.fix import fixable

        remaining = [f for r in outcome.results for f in r.findings]
        unsafe = sum(1 for f in remaining if fixable(f, True) and not fixable(f, self.fixer.unsafe))
        verb = "fixed" if self.write else "would fix"
        line = (f"mtlint: {verb} {self.fixed} finding{'s' * (self.fixed != 1)} in {self.files} "
                f"file{'s' * (self.files != 1)}; {len(remaining)} remain{'s' * (len(remaining) == 1)}")
        if unsafe:
            line += f" ({unsafe} fixable with --unsafe-fixes)"
        click.echo(line, err=True)


def _print_stats(results) -> None:
    from qa.rules import get_rule

    by_rule = Counter(f.rule for r in results for f in r.findings)
    by_category = Counter(f.category for r in results for f in r.findings)
    names = {code: get_rule(code) for code in by_rule}
    width = max([len(r.name) for r in names.values()] + [4])
    label = width + 24  # the code, name and category columns
    lines = [f"{'rule':<7} {'name':<{width}} {'category':<14} {'findings':>8}"]
    lines += [f"{code:<7} {names[code].name:<{width}} {names[code].category:<14} {n:>8}"
              for code, n in sorted(by_rule.items())]
    lines.append(f"{'category':<{label}} {'findings':>8}")
    lines += [f"{category:<{label}} {n:>8}" for category, n in sorted(by_category.items())]
    lines.append(f"{'total':<{label}} {sum(by_rule.values()):>8}")
    click.echo("\n".join(lines), err=True)


def _print_timings(spent: Counter[str]) -> None:
    """The CPU seconds of each rule (summed over every process of the run), slowest first."""
    from qa.rules import get_rule

    total = sum(spent.values()) or 1.0
    named = {code: get_rule(code).name if code.startswith("MT") else "" for code in spent}
    width = max([len(name) for name in named.values()] + [4])
    lines = [f"{'rule':<15} {'name':<{width}} {'CPU s':>8} {'share':>6}"]
    lines += [f"{code:<15} {named[code]:<{width}} {seconds:8.3f} {100 * seconds / total:5.1f}%"
              for code, seconds in sorted(spent.items(), key=lambda item: (-item[1], item[0]))]
    lines.append(f"{'total':<{width + 16}} {sum(spent.values()):8.3f}")
    click.echo("\n".join(lines), err=True)


def _reference_metrics(target: str, refs) -> dict:
    from qa.score import ScoreError, reference_metrics

    try:
        return reference_metrics(target, list(refs))
    except ScoreError as exc:
        raise click.UsageError(f"--ref: {exc}") from None


def _emit_report(fmt: str, output: Optional[str], outcome, run_config, stats: bool,
                 metrics: Optional[dict] = None) -> None:
    import json

    import qa
    from qa.report import RunResult, render

    lang = run_config.get("lang", "fr-en")
    chosen = {r.lang for r in outcome.results if r.lang}
    if len(chosen) == 1:  # auto-<tgt> chose the same pack for every article: report that pack
        lang = chosen.pop()
    run = RunResult(outcome.results, lang=lang, problems=outcome.problems, version=qa.__version__, metrics=metrics)
    report = render(fmt, run)
    if stats and fmt == "json":
        data = json.loads(report)
        data["summary"]["by_rule"] = run.by_rule()
        report = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output:
        with open(output, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(report)
    else:
        click.echo(report, nl=False)


@main.command("config")
@config_options
@click.option("--format", "fmt", default="text", type=click.Choice(["text", "json"]), show_default=True)
def show_config(select, ignore, lang, langid, min_confidence, field, fail_on, max_penalty, ignore_words,
                config_file, fmt) -> None:
    """Show the effective configuration: every key, its value and where it came from."""
    import json

    run_config = _run_config(config_file, select, ignore, lang, min_confidence, field, fail_on, max_penalty,
                             ignore_words, langid)
    rows = run_config.effective()
    if fmt == "json":
        click.echo(json.dumps({"file": str(run_config.path) if run_config.path else None,
                               "keys": {k: {"value": v, "origin": o} for k, v, o in rows}}, indent=2))
        return
    shown = [(k, "(not set)" if v is None else json.dumps(v, ensure_ascii=False), o) for k, v, o in rows]
    width = max(len(v) for _, v, _ in shown)
    click.echo(f"# configuration file: {run_config.path or 'none found'}")
    for key, value, origin in shown:
        click.echo(f"{key:<17} {value:<{width}}  {origin}")


@main.command()
@click.option("--format", "fmt", default="text", type=click.Choice(["text", "json"]), show_default=True)
def rules(fmt) -> None:
    """List every rule: code, name, category, severity, measured precision, summary."""
    import json

    from qa.engine import rule_confidence
    from qa.rules import all_rules

    rows = [(r.code, r.name, r.category, r.severity.value, rule_confidence(r), r.summary()) for r in all_rules()]
    if fmt == "json":
        click.echo(json.dumps([dict(zip(("code", "name", "category", "severity", "precision", "summary"), row))
                               for row in rows], indent=2))
        return
    for code, name, category, severity, precision, summary in rows:
        click.echo(f"{code}  {name:<28} {category:<13} {severity:<8} {precision:4.2f}  {summary}")


@main.command()
@click.argument("rule")
def explain(rule) -> None:
    """Print a rule's page: what it finds, why, bad → good examples, fix safety."""
    from qa.explain import page
    from qa.rules import get_rule

    try:
        cls = get_rule(rule)
    except KeyError:
        raise click.UsageError(f"unknown rule {rule!r} (see `mtlint rules`)") from None
    click.echo(page(cls))


@main.command("eval")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold annotations (JSONL).")
@click.argument("text_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", "source_path", type=click.Path(exists=True, dir_okay=False),
              help="TEXT's source (plain text, aligned by line or paragraph; TEXT may be its first lines): "
                   "the source-aware rules run too.")
@click.option("--with-source", is_flag=True, help="Count items marked needs_source.")
@click.option("--verbose", "-v", is_flag=True, help="List misses and false alarms.")
@click.option("--select", multiple=True, help="Score only these rules (same forms as check --select).")
@click.option("--lang", help="Language pair (default fr-en).")
@click.option("--min-confidence", type=float)
@click.option("--config", "config_file", type=click.Path())
def evaluate(gold_path, text_path, source_path, with_source, verbose, select, lang, min_confidence,
             config_file) -> None:
    """Precision, recall and F1 of mtlint's findings on TEXT against gold annotations."""
    from qa.evaluate import load_gold, score
    from qa.runner import iter_aligned_results, iter_results

    def problem(p) -> None:
        if p.error:
            raise click.UsageError(str(p))
        click.echo(f"mtlint: {p}", err=True)

    run_config = _config(config_file, lang=lang, select=_split(select), **{"min-confidence": min_confidence})
    results = list(iter_aligned_results(text_path, source_path, run_config, problem) if source_path
                   else iter_results([text_path], run_config))
    findings = [f.to_json() for f in results[0].findings] if results else []
    s = score(load_gold(gold_path), findings, with_source=with_source)
    click.echo("per-category recall: " + ", ".join(f"{c} {h}/{n}" for c, (h, n) in s.per_category.items()))
    click.echo("per-rule precision: " + ", ".join(f"{r} {c}/{t}" for r, (c, t) in s.per_rule.items()))
    if verbose:
        for g in s.missed:
            click.echo(f"  missed [{g['category']}] {g.get('text', '')!r}")
        for f in s.wrong:
            click.echo(f"  false alarm [{f['category']}/{f['rule']}] {f['text']!r} {f['message'][:80]}")
    click.echo(s.line())


@main.command("score")
@click.argument("hypothesis", type=click.Path(exists=True, dir_okay=False))
@click.option("--ref", "refs", multiple=True, required=True, type=click.Path(exists=True, dir_okay=False),
              help="A reference translation, one segment a line (repeatable for several references).")
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json"]))
@click.option("--segments", is_flag=True, help="Also score each segment (sentence-level BLEU, chrF, TER).")
@click.option("--chrf-plus", is_flag=True, help="chrF++ (word n-grams up to 2) instead of chrF.")
@click.option("--bootstrap", type=click.IntRange(min=2), help="Bootstrap resamples for 95% confidence intervals.")
def score_command(hypothesis, refs, fmt, segments, chrf_plus, bootstrap) -> None:
    """BLEU, chrF and TER of HYPOTHESIS against references, exactly as sacrebleu computes them."""
    from qa.score import ScoreError, render_json, render_text, score_files

    try:
        report = score_files(hypothesis, list(refs), chrf_plus=chrf_plus, n_bootstrap=bootstrap or 1,
                             segments=segments)
    except ScoreError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)


if __name__ == "__main__":
    main()
