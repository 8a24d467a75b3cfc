"""Every rule's docstring examples are its tests (LanguageTool's five checks, plus fix safety).

For each bad example: exactly one finding of that rule, at the marked span, with the
expected suggestion, of a fix safety the rule declares; applying the suggestion does not
re-trigger the rule. Good examples produce no finding of that rule.
"""
from __future__ import annotations

import pytest

from qa import Settings
from qa.document import Document, Span
from qa.engine import run_rules
from qa.rules import all_rules
from qa.rules.base import page_problems

ALLOWED_FIX = {"always": {"safe"}, "sometimes": {"safe", "unsafe"}, "never": {"none"}}
CASES = []
for rule in all_rules():
    counts = {"bad": 0, "good": 0}
    for example in rule.examples():
        counts[example.kind] += 1
        CASES.append(pytest.param(rule, example, id=f"{rule.code}-{example.kind}-{counts[example.kind]}"))


def findings_of(rule, text: str, source: str | None = None):
    settings = Settings(select=(rule.code,), **rule.example_settings)
    # An example with a source is one aligned segment: the source faces the whole text.
    alignment = [(Span(0, len(text)), source)] if source is not None else []
    doc = Document(text, pack=settings.pack(), alignment=alignment)
    return run_rules(doc, settings)


@pytest.mark.parametrize("rule,example", CASES)
def test_example(rule, example):
    found = findings_of(rule, example.text, example.source)
    if example.kind == "good":
        assert found == [], f"good example matched: {[f.text for f in found]}"
        return
    assert len(found) >= 1, "bad example did not match"
    ungrouped = [f for f in found if f.group is None] or found[:1]
    assert len(ungrouped) == 1, f"expected exactly one match, got {[(f.text, f.message) for f in found]}"
    f = ungrouped[0] if found[0].group is None else found[0]
    assert (f.start, f.end) == (example.start, example.end), (
        f"span {example.text[f.start:f.end]!r}, expected {example.text[example.start:example.end]!r}")
    if example.correction is None:
        assert f.fix == "none" or f.suggestion is None
        return
    assert f.suggestion == example.correction
    assert f.fix in ALLOWED_FIX[rule.fixable], f"fix {f.fix!r} but the rule is fixable={rule.fixable!r}"
    fixed_text = example.text
    for g in sorted((g for g in found if g.group == f.group) if f.group else [f], key=lambda g: -g.start):
        fixed_text = fixed_text[:g.start] + g.suggestion + fixed_text[g.end:]
    again = [g for g in findings_of(rule, fixed_text, example.source)]
    assert again == [], f"the fix re-triggers the rule: {fixed_text!r}"


def test_every_rule_has_examples():
    for rule in all_rules():
        kinds = {e.kind for e in rule.examples()}
        assert kinds == {"bad", "good"}, rule.code


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_page_is_well_formed(rule):
    assert page_problems(rule) == []


def test_a_malformed_page_is_reported():
    class Sketch(all_rules()[0]):
        """Finds something.

        **What it does**
        Nothing yet.

        **Example**
        bad: no span marked => fixed
        """

    problems = page_problems(Sketch)
    assert "docstring lacks a 'Why is this bad?' section" in problems
    assert "docstring lacks a 'Fix safety' section" in problems
    assert any("without [[span]]" in p for p in problems)
