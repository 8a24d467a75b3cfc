"""MT7xx: page furniture carried into the article by a scraper."""
from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..finding import Hit, Severity
from ..patterns import compiled
from .base import Rule

# Bullets and list markers a scraper leaves before a line of furniture.
_LEAD = compiled(r"[\s\u2022\u00b7*>#\-\u2013\u2014|]*")
# The last character that is not a trailing mark, found searching backwards from the line end.
_BEFORE_TRAIL = compiled(r"(?r)[^\s:|\u00bb>\u2192]")
# Lines longer than this (after the bullets) are article text whatever their trailing marks.
_LONGEST = 200
# Where a line may hold two pieces of furniture run together: after a sentence's end.
_PIECE_END = compiled(r"(?<=[.!?])\s+(?=\S)")


def _furniture(lexicon, line: str) -> list:
    """The row that covers ``line`` whole, or, for a line made of several sentences that
    rows cover one after another ("This article is reserved for subscribers. Already a
    subscriber? Log in."), each of those rows in turn; none when any part is not furniture."""
    m = lexicon.whole(line)
    if m is not None or not _PIECE_END.search(line):
        return [m] if m is not None else []
    cuts = [0] + [c.end() for c in _PIECE_END.finditer(line)] + [len(line)]
    pieces, at = [], 0
    while at < len(cuts) - 1:  # the longest run of sentences a row covers, from each start
        for end in range(len(cuts) - 1, at, -1):
            m = lexicon.whole(line[cuts[at]:cuts[end]].rstrip())
            if m is not None:
                pieces.append(m)
                at = end
                break
        else:
            return []
    return pieces


class ScraperFurniture(Rule):
    """A line of page furniture (cross-links, share buttons, comment forms) inside the article.

    **What it does**
    Matches whole lines against the pack's `boilerplate.tsv`: "Read also …", "Source link",
    "Leave a Reply", "Your email address will not be published", share and subscribe
    lines. A row must cover the entire line (leading bullets allowed), or each of the
    sentences of a line where a scraper ran several pieces of furniture together, so article
    sentences that merely start with the same words stay quiet.

    **Why is this bad?**
    It is not part of the article: the reader meets links and buttons of the page the
    text was scraped from, and the translation of the site's own furniture.

    **Example**
    bad: The talks resume on Monday.\\n[[Read also: Why the talks failed\\n]]The minister left. => (delete)
    bad: The talks resume on Monday.\\n[[Source link\\n]] => (delete)
    bad: The talks resume on Monday.\\n[[This article is reserved for subscribers. Already a subscriber? Log in.\\n]] => (delete)
    good: Read also the minister's full statement, which was published on Monday, before the vote.
    good: The source link between the two cases was never proved.
    good: The talks resume on Monday. Read more about the plan in the report.
    good: The apps most used by the protesters were:\nTelegram\nWhatsApp\nSignal

    **Fix safety**
    Safe for rows marked safe: the fix deletes the whole line with its line break.
    """

    code = "MT701"
    name = "scraper-furniture"
    category = "boilerplate"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.95
    lexicons = ("boilerplate",)
    targets = ("en", "fr")

    def check(self, doc: Document) -> Iterator[Hit]:
        lexicon = doc.pack.lexicon("boilerplate")
        text = doc.norm
        list_end = -1  # where the last line of a list an article line introduced ("… apps:") ends
        for para in doc.paragraphs:
            lead = _LEAD.match(text, para.start, para.end).end()
            last = _BEFORE_TRAIL.search(text, lead, para.end)
            trail = last.end() if last else lead
            listed = list_end >= 0 and text.count("\n", list_end, para.start) <= 1
            if trail <= lead or trail - lead > _LONGEST:
                list_end = para.end if text[para.start:para.end].rstrip().endswith(":") else -1
                continue
            pieces = _furniture(lexicon, text[lead:trail])
            if listed and " " not in text[lead:trail].strip():
                pieces = []  # a one-word item of a list the article introduced: "Telegram"
            list_end = para.end if not pieces and (listed or text[para.start:para.end].rstrip().endswith(":")) else -1
            if pieces:
                end = para.end
                if text.startswith("\r\n", end):
                    end += 2
                elif end < len(text) and text[end] in "\r\n":
                    end += 1
                rows = [piece.row for piece in pieces]
                # Several pieces: the fix is as safe, and the finding as sure, as the least of them.
                fix = next((row.fix for row in rows if row.fix != "safe"), "safe")
                sure = [row.confidence for row in rows if row.confidence is not None]
                yield Hit(para.start, end, f"page furniture, not article text: {rows[0].note}", "",
                          fix, min(sure) if sure else None, rows[0].severity)
