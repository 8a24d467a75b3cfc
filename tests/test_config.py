"""Configuration: every key has an effect, bad values are errors naming the file and key."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import main
from qa.config import DEFAULTS, KEYS, load

pytestmark = pytest.mark.usefixtures("declared_confidence")

FLAW = "The plan was called “ historic” by the minister.\n"  # MT104: quote-marks, minor, safe fix
USER_LEXICON = ("match\tkind\tsuggestion\tfix\tcase\tunless\tsource\tnote\n"
                "zorblat session\tliteral\tworking session\tsafe\tany\t\tzorblat\tinvented for a test\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder holding an article with one MT104 finding; the working directory for the test."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(FLAW, encoding="utf-8")
    return tmp_path


def configure(folder, body: str, name: str = "mtlint.toml"):
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def findings(*args: str) -> list[dict]:
    report = json.loads(run("check", "--format", "json", *args).stdout)
    return [f for entry in report["files"] for f in entry["findings"]]


def rules(*args: str) -> list[str]:
    return [f["rule"] for f in findings(*args)]


def assert_config_error(*needles: str, args=("check", "a.txt")) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    for needle in needles:
        assert needle in result.output


# -- every key -------------------------------------------------------------------------------------
def test_select(project):
    configure(project, 'select = ["MT3"]\n')
    assert rules("a.txt") == []
    configure(project, 'select = ["MT104"]\n')
    assert rules("a.txt") == ["MT104"]
    configure(project, 'select = ["MT999"]\n')
    assert_config_error("mtlint.toml", "select", "MT999")


def test_ignore(project):
    configure(project, 'ignore = ["quote-marks"]\n')
    assert "MT104" not in rules("a.txt")
    configure(project, "ignore = 3\n")
    assert_config_error("mtlint.toml", "ignore")


def test_per_file_ignores(project):
    (project / "drafts").mkdir()
    (project / "drafts" / "b.txt").write_text(FLAW, encoding="utf-8")
    configure(project, '[per-file-ignores]\n"drafts/*.txt" = ["spaced-quote-marks"]\n')
    assert rules("--select", "MT104", "a.txt", "drafts/b.txt") == ["MT104"]
    configure(project, '[per-file-ignores]\n"drafts/*.txt" = ["nonsense"]\n')
    assert_config_error("mtlint.toml", "per-file-ignores", "nonsense")


def test_per_file_ignores_match_paths_relative_to_the_config(project, monkeypatch):
    (project / "drafts").mkdir()
    (project / "drafts" / "b.txt").write_text(FLAW, encoding="utf-8")
    configure(project, '[per-file-ignores]\n"drafts/*.txt" = ["MT104"]\n')
    monkeypatch.chdir(project / "drafts")
    assert rules("--select", "MT104", "b.txt") == []


def test_severity(project):
    configure(project, 'severity = {MT104 = "critical"}\n')
    assert [f["severity"] for f in findings("--select", "MT104", "a.txt")] == ["critical"]
    configure(project, 'severity = {MT104 = "huge"}\n')
    assert_config_error("mtlint.toml", "severity.MT104", "huge")
    configure(project, 'severity = {MT999 = "major"}\n')
    assert_config_error("mtlint.toml", "severity", "MT999")


def test_lexicons(project):
    (project / "mine.tsv").write_text(USER_LEXICON, encoding="utf-8")
    (project / "b.txt").write_text("The ministers held a zorblat session on Monday.\n", encoding="utf-8")
    configure(project, 'lexicons = {calques = ["mine.tsv"]}\n')
    assert [f["suggestion"] for f in findings("b.txt")] == ["working session"]
    configure(project, 'lexicons = {recipes = ["mine.tsv"]}\n')
    assert_config_error("mtlint.toml", "lexicons", "recipes")
    configure(project, 'lexicons = {calques = ["missing.tsv"]}\n')
    assert_config_error("mtlint.toml", "lexicons.calques", "missing.tsv")
    (project / "broken.tsv").write_text("match\tkind\tnote\nx\tfuzzy\tbad kind\n", encoding="utf-8")
    configure(project, 'lexicons = {calques = ["broken.tsv"]}\n')
    assert_config_error("mtlint.toml", "lexicons.calques", "kind must be literal or regex")


def test_field(project):
    (project / "feed.jsonl").write_text(json.dumps({"id": 1, "summary": "Fine.", "story": FLAW}) + "\n",
                                        encoding="utf-8")
    configure(project, 'field = "story"\n')
    assert rules("--select", "MT104", "feed.jsonl") == ["MT104"]
    configure(project, "field = 3\n")
    assert_config_error("mtlint.toml", "field")


def test_fail_on(project):
    configure(project, 'fail-on = "major"\n')
    assert run("check", "--select", "MT104", "a.txt").exit_code == 0
    configure(project, 'fail-on = "minor"\n')
    assert run("check", "--select", "MT104", "a.txt").exit_code == 1
    configure(project, 'fail-on = "fatal"\n')
    assert_config_error("mtlint.toml", "fail-on", "fatal")


def test_max_penalty(project):
    # One minor finding in 8 words: a penalty of 125 per 1,000 words.
    configure(project, 'fail-on = "critical"\nmax-penalty = 100\n')
    assert run("check", "--select", "MT104", "a.txt").exit_code == 1
    configure(project, 'fail-on = "critical"\nmax-penalty = 200\n')
    assert run("check", "--select", "MT104", "a.txt").exit_code == 0
    configure(project, "max-penalty = -1\n")
    assert_config_error("mtlint.toml", "max-penalty")
    configure(project, 'max-penalty = "lots"\n')
    assert_config_error("mtlint.toml", "max-penalty", "lots")


def test_min_confidence(project):
    configure(project, "min-confidence = 0.99\n")
    assert rules("--select", "MT104", "a.txt") == []
    configure(project, "min-confidence = 2\n")
    assert_config_error("mtlint.toml", "min-confidence")


def test_lang(project):
    configure(project, 'lang = "fr-en"\n')
    assert json.loads(run("check", "--format", "json", "a.txt").stdout)["lang"] == "fr-en"
    configure(project, 'lang = "auto-en"\n')
    assert run("check", "a.txt").exit_code == 1
    configure(project, 'lang = "xx-en"\n')
    assert_config_error("mtlint.toml", "lang", "xx-en")


def test_langid(project):
    configure(project, 'langid = "all"\n')
    assert '"all"' in run("config").stdout
    configure(project, 'langid = "every"\n')
    assert_config_error("mtlint.toml", "langid", "every")


def test_ignore_words(project):
    (project / "words.txt").write_text("foreign\n", encoding="utf-8")
    (project / "b.txt").write_text("Russia urged them to avoid using “Foreign terrorists” here.\n", encoding="utf-8")
    assert rules("--select", "MT101", "b.txt") == ["MT101"]
    configure(project, 'ignore-words = "words.txt"\n')
    assert rules("--select", "MT101", "b.txt") == []
    configure(project, 'ignore-words = "nowhere.txt"\n')
    assert_config_error("mtlint.toml", "ignore-words", "nowhere.txt")


def test_every_key_is_tested():
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(KEYS) <= tested


# -- files, discovery, precedence ------------------------------------------------------------------
def test_unknown_key_and_broken_toml_name_the_file(project):
    configure(project, "colour = true\n")
    assert_config_error("mtlint.toml", "unknown key 'colour'")
    configure(project, "select = [\n")
    assert_config_error("mtlint.toml")


def test_pyproject_table_is_discovered_from_a_subfolder(project, monkeypatch):
    configure(project, '[tool.mtlint]\nselect = ["MT3"]\n', "pyproject.toml")
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    assert rules("../a.txt") == []


def test_pyproject_without_table_is_skipped(project, monkeypatch):
    configure(project, '[tool.mtlint]\nselect = ["MT3"]\n')
    (project / "sub").mkdir()
    configure(project / "sub", '[project]\nname = "x"\n', "pyproject.toml")
    monkeypatch.chdir(project / "sub")
    assert load(None, {}).path == project / "mtlint.toml"


def test_explicit_config_file_and_command_line_precedence(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere") / "strict.toml"
    other.write_text('select = ["MT3"]\n', encoding="utf-8")
    assert rules("--config", str(other), "a.txt") == []
    assert rules("--config", str(other), "--select", "MT104", "a.txt") == ["MT104"]
    assert_config_error("no such configuration file", args=("check", "--config", "nope.toml", "a.txt"))


def test_bad_command_line_value_says_so(project):
    assert_config_error("command line", "min-confidence", args=("check", "--min-confidence", "5", "a.txt"))
    assert_config_error("command line", "select", args=("check", "--select", "bogus", "a.txt"))


# -- mtlint config ---------------------------------------------------------------------------------
def test_config_command_shows_every_key_and_origin(project):
    path = configure(project, 'select = ["MT1"]\nfail-on = "major"\n')
    result = run("config", "--min-confidence", "0.7")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if not line.startswith("#")}
    assert set(lines) == set(KEYS)
    assert lines["select"].endswith(str(path)) and '["MT1"]' in lines["select"]
    assert lines["min-confidence"].endswith("command line") and "0.7" in lines["min-confidence"]
    assert lines["lang"].endswith("default") and '"fr-en"' in lines["lang"]
    assert f"# configuration file: {path}" in result.stdout


def test_config_command_json(project):
    configure(project, '[per-file-ignores]\n"x/*.md" = ["MT7"]\n')
    data = json.loads(run("config", "--format", "json").stdout)
    assert set(data["keys"]) == set(KEYS)
    assert data["keys"]["per-file-ignores"]["value"] == {"x/*.md": ["MT7"]}
    assert data["keys"]["max-penalty"] == {"value": DEFAULTS["max-penalty"], "origin": "default"}


def test_config_command_rejects_bad_files(project):
    configure(project, "colour = true\n")
    assert_config_error("mtlint.toml", "colour", args=("config",))


# -- the Python API ------------------------------------------------------------------------------
def test_the_api_takes_a_mapping_and_validates_the_default_configuration_once(monkeypatch):
    import qa
    import qa.config

    text = "China and her allies consider that the text goes too far.\n"
    assert [f.rule for f in qa.check_text(text)] == ["MT210"]
    assert qa.check_text(text, config={"ignore": ["MT210"]}) == []
    with pytest.raises(qa.config.ConfigError):
        qa.check_text(text, config={"min-confidence": "high"})
    validated = []
    real = qa.config.settings_from_mapping
    monkeypatch.setattr(qa.config, "settings_from_mapping", lambda *a, **k: validated.append(a) or real(*a, **k))
    qa._default_settings.cache_clear()
    for _ in range(3):  # a feed's items, one call each
        assert [f.rule for f in qa.check_text(text, lang="fr-en")] == ["MT210"]
    assert len(validated) == 1
