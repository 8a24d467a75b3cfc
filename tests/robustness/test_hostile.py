"""Hostile input: entity expansion, external entities and DTDs are refused, nothing is fetched
from the network, and nesting or size tricks meet a clear refusal instead of a crash."""
from __future__ import annotations

import json
import socket
import time

import pytest

from qa.readers import read_path

from ..conftest import ROOT
from .conftest import BAD, check

SAMPLES = ROOT / "corpora" / "samples"


@pytest.mark.parametrize("name", ["billion-laughs.xml", "external-entity.rss", "remote-dtd.atom",
                                  "external-entity.xlf"])
def test_entities_and_dtds_are_refused(name):
    begin = time.perf_counter()
    (problem,) = read_path(str(BAD / name))
    assert time.perf_counter() - begin < 5  # refused before anything is expanded
    assert problem.error and "DTDs and entities are not allowed" in problem.message


@pytest.mark.parametrize("wrapper", [
    '<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    '<tmx version="1.4"><header srclang="fr"/><body><tu><tuv xml:lang="fr"><seg>x</seg></tuv>'
    '<tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>',
    '<!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss><channel><item><title>T</title></item></channel></rss>',
])
def test_entities_in_other_xml_formats(tmp_path, wrapper):
    path = tmp_path / ("memory.tmx" if "tmx" in wrapper else "feed.rss")
    path.write_text('<?xml version="1.0"?>\n' + wrapper, encoding="utf-8")
    (problem,) = read_path(str(path))
    assert problem.error and "not allowed" in problem.message


@pytest.fixture
def offline(monkeypatch):
    """Every attempt to reach the network is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access during a check")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_a_full_check_of_every_sample_never_touches_the_network(offline):
    result = check("--format", "json", str(SAMPLES))
    assert result.exit_code in (1, 2), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert offline == []
    assert len(json.loads(result.stdout)["files"]) > 20


@pytest.mark.parametrize("fmt", ["html", "sarif", "junit", "markdown", "github"])
def test_reports_never_touch_the_network(offline, fmt):
    result = check("--format", fmt, str(BAD / "remote-dtd.atom"), str(BAD / "invalid-utf8.html"))
    assert result.exit_code == 2
    assert offline == []


def test_deep_json_nesting_and_huge_numbers_are_named_lines(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([json.dumps({"text": "First."}), deep, '{"text": ' + deep + "}",
                               '{"n": ' + "9" * 5000 + ', "text": "x"}', json.dumps({"text": "Last."})]) + "\n",
                    encoding="utf-8")
    out = list(read_path(str(path)))
    assert [getattr(o, "line", None) for o in out if not hasattr(o, "text")] == [2, 3, 4]
    assert [o.item["line"] for o in out if hasattr(o, "text")] == [1, 5]


def test_deeply_nested_markup_in_a_feed_item(tmp_path):
    body = "&lt;b&gt;" * 50_000 + "Text." + "&lt;/b&gt;" * 50_000
    path = tmp_path / "feed.rss"
    path.write_text(f"<rss><channel><item><title>T</title><description>{body}</description></item>"
                    "</channel></rss>", encoding="utf-8")
    begin = time.perf_counter()
    (doc,) = read_path(str(path))
    assert "Text." in doc.text and time.perf_counter() - begin < 30


def test_deeply_nested_xml_elements(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text("<rss><channel><item><title>T</title><description>" + "<x>" * 50_000 + "Text."
                    + "</x>" * 50_000 + "</description></item></channel></rss>", encoding="utf-8")
    out = list(read_path(str(path)))
    assert len(out) == 1


def test_deeply_nested_configuration_and_baseline_are_usage_errors(tmp_path):
    (tmp_path / "a.txt").write_text("The minister spoke.\n", encoding="utf-8")
    (tmp_path / "deep.toml").write_text("select = " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    for args in (["--config", str(tmp_path / "deep.toml")], ["--baseline", str(tmp_path / "deep.json")]):
        result = check(*args, str(tmp_path / "a.txt"))
        assert result.exit_code == 2 and "Traceback" not in result.output, args
