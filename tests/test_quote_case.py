"""MT101 quote-capitalization: capitals that a quotation keeps in correct English."""
from __future__ import annotations

import pytest

from qa.document import Document
from qa.engine import Settings, run_rules
from qa.pack import get_pack


def flagged(text: str) -> list[str]:
    settings = Settings(select=("MT101",), min_confidence=0.0)
    return [f.text for f in run_rules(Document(text, pack=get_pack("fr-en")), settings)]


@pytest.mark.parametrize("text", [
    "Protesters chanted “We want justice” outside the court.",
    "The crowd shouted “God is great” as the coffin passed.",
    "She texted “Happy birthday” just after midnight.",
    "They found a note that said “Forgive me” on the table.",
    "The musical “Wicked” has grossed more than $5 billion.",
    "She starred in the film “If Beale Street Could Talk” last year.",
    "The yacht “Bayesian” sank off Sicily.",
    "The band “Free” played its last concert in 1973.",
    "Posters for the “Leave” campaign and the “Remain” side covered the town.",
    "Earvin “Magic” Johnson spoke at the gala.",
    "Officials said that “The Hague has become a capital of international justice” on Monday.",
    "He was given an old edition of “Our mutual friend” by Dickens.",
])
def test_utterances_names_and_labels_keep_their_capital(text):
    assert flagged(text) == []


@pytest.mark.parametrize("text, span", [
    ("Russia urged them to avoid using “Foreign terrorists” in the region.", "“Foreign"),
    ("He declared “Deeply concerned” by the violence.", "“Deeply"),
    ("The ministry hailed a “Historic” agreement.", "“Historic"),
    ("The attempt was stopped “Seven minutes before ignition” by an anomaly.", "“Seven"),
    ("She would consider an aid plan “If the losses are confirmed”.", "“If"),
])
def test_a_fragment_continuing_the_sentence_is_still_reported(text, span):
    assert flagged(text) == [span]
