"""Remove scraped-web boilerplate before counting, and say what was removed.

Scrapers leave page furniture in news text: share counters on lines of their
own, "ADVERTISEMENT" slots, and the comment form under the article. Cleaning
works line by line: a line that fully matches a rule is blanked (its line break
stays, so line numbers still match the file). The corpus table is never
changed; cleaning happens on the way to the tokeniser, and :func:`clean_audit`
lists every removal.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from toolkit.corpus.pages import SOURCE_TYPES

if TYPE_CHECKING:  # pandas loads on first use: counting with the regexp tokeniser never needs it
    import pandas as pd


@dataclass(frozen=True)
class CleaningRule:
    """A named regular expression that a whole line (stripped) must match.

    Examples
    --------
    >>> rule = CleaningRule("newsletter", r"(?i)sign up for our newsletter!?")
    >>> bool(rule.regex.fullmatch("Sign up for our newsletter"))
    True
    """

    name: str
    pattern: str

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once per pattern).

        Examples
        --------
        >>> CleaningRule("ad", "(?i)ad").regex is CleaningRule("other", "(?i)ad").regex
        True
        """
        return _compile(self.pattern)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compile(pattern: str) -> re.Pattern[str]:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(pattern)
    return _CACHE[pattern]


#: The rules applied by default, in order. Each matches a whole line.
DEFAULT_RULES: tuple[CleaningRule, ...] = (
    # Below 1,000, or with a K/M suffix: years such as 1945 on a line of their own stay.
    CleaningRule("share counter", r"(?:\d{1,3}|\d{1,3}(?:[.,]\d+)?[kKmM])"),
    CleaningRule("advertisement", r"(?i)(?:advertisement|advertising|sponsored(?: content)?|ad)"),
    CleaningRule("comment form", r"(?i)leave a (?:reply|comment)"),
    CleaningRule("comment form", r"(?i)please enter your (?:comment|name|email|e-mail)(?: address)?(?: here)?!?"),
    CleaningRule("comment form", r"(?i)you have entered an incorrect email address!?"),
    CleaningRule(
        "comment form",
        r"(?i)save my name,? (?:email|e-mail),? and website in this browser for the next time i comment\.?",
    ),
    CleaningRule("comment form", r"(?i)(?:post comment|cancel reply|notify me of (?:follow-up comments|new posts).*)"),
    CleaningRule("share buttons", r"(?i)(?:share(?: this(?: article)?)?|tweet|facebook|twitter|whatsapp|email|print)"),
    # A link to another story on a line of its own ("READ MORE: Gas prices fall", "Читайте также: ..."): what
    # trafilatura most often keeps of a news page's furniture. None of 626 documents of abc, state_union,
    # inaugural and brown has such a line.
    CleaningRule(
        "related link",
        r"(?i)(?:read more|related(?: stories| articles)?|see also|also read|read also|more on this story"
        r"|читайте также)\s*:.*",
    ),
    CleaningRule(
        "copyright notice",
        r"(?i)(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\b.*\ball rights reserved\b.*",
    ),
)


def clean_text(text: str, rules: Sequence[CleaningRule] | None = None) -> tuple[str, list[tuple[int, str, str]]]:
    """Blank the boilerplate lines of one text.

    Parameters
    ----------
    text : str
        The raw text.
    rules : sequence of CleaningRule or None, default=None
        ``None`` applies :data:`DEFAULT_RULES`; pass
        ``DEFAULT_RULES + (CleaningRule(...),)`` to add rules, or your own.

    Returns
    -------
    cleaned : str
        ``text`` with matching lines emptied; everything else byte for byte.
    removed : list of (line, rule, text)
        One entry per blanked line, ``line`` counted from 1.

    Examples
    --------
    >>> clean_text("Title\\n\\n20\\nBody text.\\nADVERTISEMENT\\n")
    ('Title\\n\\n\\nBody text.\\n\\n', [(3, 'share counter', '20'), (5, 'advertisement', 'ADVERTISEMENT')])
    """
    if rules is not None and not rules:
        return text, []
    match, rule_of = _default_matcher() if rules is None else _matcher(tuple(rules))
    removed: list[tuple[int, str, str]] = []
    lines = text.split("\n")  # only "\n" ends a line, as in the file (not form feeds or U+2028)
    for i, line in enumerate(lines):
        # "\r" is whitespace: this is the line without its "\r"s, stripped (one call a line, as most lines stay).
        stripped = line.strip()
        if stripped and (found := match(stripped)) is not None:
            removed.append((i + 1, rule_of(found).name, stripped))
            lines[i] = line[len(line.rstrip("\r")) :]
    return "\n".join(lines) if removed else text, removed


def blank_removed(text: str, removed: Sequence[tuple[int, str, str]]) -> str:
    """Return ``text`` with the lines :func:`clean_text` removed turned to spaces: offsets stay the document's.

    The tokens of the cleaned text are, in order, those of this text, and
    every character keeps its place, so a token's offsets in it are offsets
    in the document (see :func:`toolkit.tokens.spans.token_spans`).

    Examples
    --------
    >>> text = "Talks.\\nADVERTISEMENT\\nMore talks."
    >>> blank_removed(text, clean_text(text)[1])
    'Talks.\\n             \\nMore talks.'
    """
    if not removed:
        return text
    lines = text.split("\n")
    for number, _, _ in removed:
        line = lines[number - 1]
        body = line.rstrip("\r")
        lines[number - 1] = " " * len(body) + line[len(body) :]
    return "\n".join(lines)


_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


@functools.cache
def _default_matcher() -> tuple[Callable[[str], Any], Callable[[Any], CleaningRule]]:
    """:func:`_matcher` of :data:`DEFAULT_RULES`, found without hashing the rules again for every text."""
    return _matcher(DEFAULT_RULES)


@functools.lru_cache(maxsize=32)
def _matcher(rules: tuple[CleaningRule, ...]) -> tuple[Callable[[str], Any], Callable[[Any], CleaningRule]]:
    """Return ``(match, rule_of)``: ``match(line)`` is not None when a rule matches a whole line, ``rule_of`` its rule.

    One regex call a line, made by :func:`clean_text` itself: a call of a
    Python function a line cost a fifth of the cleaning. ``rule_of`` gives
    the first rule that matches.

    The rules become one alternation, ``(R1)|(R2)|...``; a full match takes the
    first alternative that matches the whole line, as trying the rules in order
    does. Leading inline flags such as ``(?i)`` become scoped, ``(?i:...)``.
    Rules with groups of their own are tried one by one.

    Examples
    --------
    >>> match, rule_of = _matcher(DEFAULT_RULES)
    >>> rule_of(match("Share this article")).name, match("Share this article with a friend")
    ('share buttons', None)
    """
    parts = []
    for rule in rules:
        flags = _GLOBAL_FLAGS.match(rule.pattern)
        body = rule.pattern[flags.end() :] if flags else rule.pattern
        parts.append(f"((?{flags.group(1)}:{body}))" if flags else f"({body})")
    try:
        if any(rule.regex.groups for rule in rules):
            raise re.error("a rule has groups of its own")
        combined = re.compile("|".join(parts))
    except re.error:
        return (lambda line: next((rule for rule in rules if rule.regex.fullmatch(line)), None)), (lambda rule: rule)
    return combined.fullmatch, lambda found: rules[found.lastindex - 1]


def clean_audit(corpus: pd.DataFrame, rules: Sequence[CleaningRule] | None = None) -> pd.DataFrame:
    """List what cleaning removes from each document.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus table (``doc_id``, ``text``).
    rules : sequence of CleaningRule or None, default=None
        As in :func:`clean_text`.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, line, rule, text``: one row per removed line, in document
        order. A corpus with web pages (a ``source_type`` column) adds
        ``kept_by``: ``trafilatura`` where the line is in a page's extracted
        text, i.e. the extractor kept it and the rules then removed it
        (empty for a text file's lines).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a.txt"], "text": ["News\\n0\\nLEAVE A REPLY\\n"]})
    >>> clean_audit(corpus)
      doc_id  line           rule           text
    0  a.txt     2  share counter              0
    1  a.txt     3   comment form  LEAVE A REPLY
    >>> pages = pd.DataFrame({"doc_id": ["a.html"], "text": ["News\\nADVERTISEMENT"], "source_type": ["html"]})
    >>> clean_audit(pages)
       doc_id  line           rule           text      kept_by
    0  a.html     2  advertisement  ADVERTISEMENT  trafilatura
    """
    import pandas as pd

    columns = ["doc_id", "line", "rule", "text"]
    kinds = corpus["source_type"] if "source_type" in corpus.columns else [None] * len(corpus)
    rows = [
        (doc_id, line, rule, removed, "trafilatura" if kind in SOURCE_TYPES else "")
        for doc_id, text, kind in zip(corpus["doc_id"], corpus["text"], kinds, strict=True)
        for line, rule, removed in clean_text(text, rules)[1]
    ]
    audit = pd.DataFrame(rows, columns=[*columns, "kept_by"])
    return audit if "source_type" in corpus.columns else audit[columns]
