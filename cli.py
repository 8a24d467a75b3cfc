"""mtlint command line: parse options, call qa/, print. Nothing else lives here."""
from __future__ import annotations

import sys
from typing import Optional

import click

from qa.report import FORMATS

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


def _config(config_file: Optional[str], **overrides):
    from qa.config import ConfigError, load

    try:
        return load(config_file, overrides)
    except ConfigError as exc:
        raise click.UsageError(f"configuration error: {exc}") from None


@main.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(FORMATS), help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@click.option("--select", multiple=True, help="Rule code, code prefix, rule name or category (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, help="Same forms as --select; removed from the selection.")
@click.option("--lang", help="Language pair SRC-TGT (default fr-en).")
@click.option("--min-confidence", type=float, help="Hide findings below this confidence (default 0.5).")
@click.option("--field", help="JSONL field holding the article (default: text, body, content).")
@click.option("--fail-on", type=click.Choice(["minor", "major", "critical"]), help="Lowest severity that fails (default minor).")
@click.option("--max-penalty", type=float, help="Fail when an article's penalty exceeds this.")
@click.option("--config", "config_file", type=click.Path(), help="Configuration file (default: discovered).")
@click.option("--quiet", "-q", is_flag=True, help="No notices on stderr.")
def check(paths, fmt, output, select, ignore, lang, min_confidence, field, fail_on, max_penalty,
          config_file, quiet) -> None:
    """Check files, directories (recursively) or - (stdin) for translation artifacts."""
    import qa
    from qa.engine import RuleError
    from qa.report import RunResult, render
    from qa.runner import EXIT_INTERNAL, EXIT_INTERRUPTED, Outcome, exit_code, iter_results

    def split(values):
        return [v for value in values for v in value.split(",") if v.strip()]

    run_config = _config(config_file, select=split(select), ignore=split(ignore), lang=lang,
                         field=field, **{"min-confidence": min_confidence, "fail-on": fail_on,
                                         "max-penalty": max_penalty})
    outcome = Outcome()

    def problem(p) -> None:
        outcome.problems.append(p)
        if p.error or not quiet:
            click.echo(f"mtlint: {p}", err=True)

    stdin = sys.stdin.buffer.read() if "-" in paths else None
    code = None
    try:
        for result in iter_results(list(paths), run_config, stdin, problem):
            outcome.results.append(result)
    except RuleError as exc:
        click.echo(f"mtlint: internal error: {exc}", err=True)
        code = EXIT_INTERNAL
    except KeyboardInterrupt:
        click.echo("mtlint: interrupted; partial results follow", err=True)
        code = EXIT_INTERRUPTED
    run = RunResult(outcome.results, lang=run_config.get("lang", "fr-en"), problems=outcome.problems,
                    version=qa.__version__)
    report = render(fmt, run)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(report)
    else:
        click.echo(report, nl=False)
    if code is None:
        code = exit_code(outcome, run_config.get("fail-on", "minor"), run_config.get("max-penalty"))
    sys.exit(code)


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
@click.option("--with-source", is_flag=True, help="Count items marked needs_source.")
@click.option("--verbose", "-v", is_flag=True, help="List misses and false alarms.")
@click.option("--lang", help="Language pair (default fr-en).")
@click.option("--min-confidence", type=float)
@click.option("--config", "config_file", type=click.Path())
def evaluate(gold_path, text_path, with_source, verbose, lang, min_confidence, config_file) -> None:
    """Precision, recall and F1 of mtlint's findings on TEXT against gold annotations."""
    from qa.evaluate import load_gold, score
    from qa.runner import iter_results

    run_config = _config(config_file, lang=lang, **{"min-confidence": min_confidence})
    results = list(iter_results([text_path], run_config))
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


if __name__ == "__main__":
    main()
