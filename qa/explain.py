"""A rule's page, as ``mtlint explain`` prints it."""
from __future__ import annotations

from .engine import rule_confidence
from .rules import Rule


def page(rule: type[Rule]) -> str:
    head = [f"{rule.code} {rule.name}", "",
            f"category: {rule.category}   severity: {rule.severity.value}   fixable: {rule.fixable}   "
            f"measured precision: {rule_confidence(rule):.2f}"]
    if rule.aliases:
        head.append("aliases: " + ", ".join(rule.aliases))
    if rule.lexicons:
        head.append("lexicons: " + ", ".join(rule.lexicons))
    head += ["", rule.summary(), ""]
    body = []
    for title, text in rule.sections().items():
        if title == "Example":
            lines = []
            for ex in rule.examples():
                if ex.kind == "good":
                    lines.append(f"  good: {ex.text!s}".rstrip())
                else:
                    fix = "(no automatic fix)" if ex.correction is None else (ex.correction or "(delete)")
                    lines.append(f"  bad:  {ex.text[:ex.start]}[{ex.text[ex.start:ex.end]}]{ex.text[ex.end:]}".rstrip())
                    lines.append(f"        → {fix}")
                if ex.source:  # a source-aware rule's example: show what the translation faces
                    lines.append(f"        source: {ex.source}")
            text = "\n".join(lines)
        body += [f"## {title}", text, ""]
    return "\n".join(head + body).rstrip() + "\n"
