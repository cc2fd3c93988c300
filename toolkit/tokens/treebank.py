"""NLTK's treebank tokeniser and Punkt, with NLTK's own patterns compiled by the standard ``re``.

The word tokeniser also cuts each sentence where NLTK's rules cannot see across (proof below) and
remembers the tokens of each piece, so that the pieces real text repeats are tokenised once.

Imported on first use by :mod:`toolkit.tokens.pipeline`: importing NLTK costs about a
second, which counting from the cache or with the ``regexp`` tokeniser never
pays.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from nltk.tokenize import (
    NLTKWordTokenizer,
    PunktSentenceTokenizer,
    TweetTokenizer,
    WhitespaceTokenizer,
    WordPunctTokenizer,
)
from nltk.tokenize.punkt import PunktLanguageVars, PunktToken

from toolkit.corpus import nltkdata

_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE | re.ASCII


def _stdlib(pattern: Any) -> Any:
    """Return the same pattern compiled with the standard ``re`` module."""
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)


_GROUP = re.compile(r"\\(\d)|\\g<(\d+)>")


def _replacement(template: str) -> str | Callable[[re.Match[str]], str]:
    """Turn a ``re.sub`` template into a function of the match (or keep a template without groups).

    With a template, Python 3.11's ``re.sub`` runs Python code on every call
    and every match; a function made once runs on matches only. An unmatched
    group gives ``""``, as in a template.

    Examples
    --------
    >>> _replacement(r" \\1 \\g<0>")(re.match("(a)b", "ab")), _replacement(" -- ")
    (' a ab', ' -- ')
    """
    pieces: list[str | int] = []
    position = 0
    for found in _GROUP.finditer(template):
        pieces.append(template[position : found.start()])
        pieces.append(int(found.group(1) or found.group(2)))
        position = found.end()
    pieces.append(template[position:])
    if "\\" in "".join(p for p in pieces if isinstance(p, str)):
        raise ValueError(f"unexpected escape in NLTK's template {template!r}")  # test_treebank.py would say
    if len(pieces) == 1:
        return template
    literals = [p if isinstance(p, str) else "" for p in pieces]
    groups = [(i, p) for i, p in enumerate(pieces) if isinstance(p, int)]

    def replace(match: re.Match[str]) -> str:
        out = literals[:]
        for i, group in groups:
            out[i] = match.group(group) or ""
        return "".join(out)

    return replace


# Where a sentence may be cut so that NLTK's tokens of the whole are the tokens of its pieces, in order:
# at one ASCII space with an ASCII letter or digit right after it and, right before it, an ASCII letter
# or digit (case A) or a comma that follows one (case B). ASCII classes without IGNORECASE, so that no
# Unicode case folding (K, ſ, ı, ...) widens them. Proof for S = X + " " + Y, cut at such a space,
# following ``_WordTokenizer._pipeline`` (NLTK's rules; none is compiled with MULTILINE). Below, no match
# holds the cut space, and none moves X's last or Y's first character (rules that match one put it back
# at the same end); each rule is checked to match alike in S and alone, with the same lookarounds.
#
# 1. STARTING_QUOTES. Every match is a quote, or ``[ ([{<]`` then ``"``/``''`` (the cut space is followed
#    by a letter or digit). ``^"`` sees X's start in S and alone, and Y starts with no ``"``. The ``'`` rule
#    looks one character back, and forward at ``\w`` or at letters then ``\b``, which holds both before
#    the cut space and at X's end (X ends with a letter, digit or ",").
# 2. PUNCTUATION. ``([^.])(\.)([closers and spaces]*)\s*$`` (two rules) and ``([:,])$`` allow only
#    closers and whitespace between their ``.``/``,`` and the end: Y's first character bars every match
#    that starts before it, and X alone ends with a letter, digit or ",", which bars them too.
#    ``([:,])([^\d])`` cannot reach the cut in case A (X ends with no ``[:,]``). In case B it turns X's
#    comma and the cut space into " , " in S and the scan goes on at Y's start, as for Y alone; alone,
#    X's comma is last, so ``([:,])$`` gives the same " , "; the character before that comma is no
#    ``[:,]``, so the comma is never the second character of an earlier match. From here S = X2 + " " + Y2
#    (A) or X2 + Y2 (B, X2 ending with ", "), X2 and Y2 being the results for X and Y alone.
#    ``([^'])' `` needs ``'`` right before a space: neither X's end nor the cut (nor X2's ", " in case B).
#    The other rules pad ``..``, ``;@#$%&``, dashes, ``?!*``: none is a letter, digit, comma or space.
# 3. PARENS_BRACKETS, CONVERT_PARENTHESES, DOUBLE_DASHES touch brackets and ``--`` only.
# 4. Padding; ENDING_QUOTES pad ``»”’``, ``''`` and ``"``; then ``\s+`` -> " ": the cut is one space between
#    two non-spaces, X's trailing run and Y's leading run become one space, so S = U + V where X gives U
#    (ending with a space after a letter, a digit or a comma), Y gives " " + V, V starting with a letter
#    or digit.
# 5. ENDING_QUOTES ``([^' ])('s|...|n't) `` may consume U's last space in S, exactly as alone (the same
#    characters precede it, and the replacement ends with a space again); no match reaches V, and none
#    starts at a space, so V is scanned alike.
# 6. Contractions match letters and ``'`` between ``\b`` or ``(?=\s)``, which see a space on both sides
#    of the cut, in S as alone. `` ('t)(is)\b`` starts with a space, but ``'`` must follow it, and V
#    starts with a letter, a digit or (after "cannot" -> " can not ") a space.
# 7. ``split()``: U ends with a space, so the tokens of U + V are U's, then V's.
#
# By induction, a sentence's tokens are its segments' tokens, in order; the proof uses only ASCII
# characters around the cut, which ``re`` and NLTK's ``regex`` classify alike (see _odd_characters).
# Wider cuts fail: after "." ("U.S. officials" keeps "U.S."; "U.S." alone ends with a final period),
# after a closing quote or bracket (``.")`` ends X), before a quote (``([ ([{<])("|'')`` wants the
# space), at tabs and newlines (``[ ...]`` and ``' `` tell them from " "), at a double space.
# tests/tokens/test_treebank_memo.py checks this against stock NLTK on random and real sentences.
_SPLIT_POINT = re.compile(r" (?=[A-Za-z0-9])(?:(?<=[A-Za-z0-9] )|(?<=[A-Za-z0-9], ))")  # " " first: fast scan

# No rule before the contractions matches a "plain" word: no whitespace, no "--", none of the characters
# below (every such rule needs one; "-" only as "--"). So NLTK makes " " + word + " " of it (the padding's
# single spaces survive ``\s+`` -> " "); of word + ",", " word , " (``([:,])$``); of word + ".",
# " word . " (the final-period rules). test_treebank_memo.py compares them with the rules' output.
_PLAIN = re.compile(r"[^\s\"'`«»“”‘’„.,:;@#$%&*?!\u2012-\u2015()\[\]{}<>]+")


def _shortcut(segment: str) -> str | None:
    """Return what NLTK's rules before the contractions make of a plain word, maybe with "," or "." after it.

    Any other segment gives None.

    Examples
    --------
    >>> _shortcut("well-known"), _shortcut("Obama,"), _shortcut("said."), _shortcut("U.S."), _shortcut("a--b")
    (' well-known ', ' Obama , ', ' said . ', None, None)
    """
    if "--" in segment:
        return None
    last = segment[-1:]
    if last in (",", ".") and _PLAIN.fullmatch(segment, 0, len(segment) - 1):
        return f" {segment[:-1]} {last} "
    if _PLAIN.fullmatch(segment):
        return f" {segment} "
    return None


#: Entries a memo holds before it is emptied. 5 MB of news has 77,000 distinct segments (17 MB in the memo);
#: 100,000 segments of 24 random characters take 50 MB.
MEMO_ENTRIES = 100_000
#: Longer segments are not kept: they cost memory and seldom recur (in that corpus 18 of 587 did).
MEMO_SEGMENT_CHARS = 24


def segments(sentence: str) -> list[str]:
    """Cut ``sentence`` where NLTK's word tokenizer cannot tell the pieces from the whole (see above).

    Parameters
    ----------
    sentence : str
        One sentence, as Punkt gives it.

    Returns
    -------
    list of str
        The pieces, without the spaces cut at; ``[sentence]`` when there is no such space (or when the
        installed NLTK's rules are not those the proof above covers).

    Examples
    --------
    >>> segments("Mr Obama, 52, said the U.S. economy's fine.")
    ['Mr', 'Obama,', '52,', 'said', 'the', "U.S. economy's", 'fine.']
    >>> segments('He said "no" and left.\\tNow  twice')
    ['He', 'said "no" and', 'left.\\tNow  twice']
    """
    return _SPLIT_POINT.split(sentence) if _PROVEN else [sentence]


def _odd_characters() -> re.Pattern[str]:
    """Return a pattern for the characters that ``re`` and NLTK's own engine may treat differently in its rules.

    NLTK 3.10 compiles its rules with the ``regex`` module and ``_stdlib`` with ``re``; they disagree on
    ``\\s`` (``re`` also matches U+001C-U+001F), ``\\w`` (combining marks, superscript digits...), ``\\d``
    (digits newer than Python's Unicode tables) and may on case folding. Segments holding such a
    character go to stock NLTK. Compared over the Basic Multilingual Plane here (~30 ms, once); every
    character beyond it counts as odd.

    Examples
    --------
    >>> odd = _odd_characters()
    >>> [bool(odd.search(c)) for c in ("a", " ", "\\x1c", "\\u0301", "\\N{GRINNING FACE}")]
    [False, False, True, True, True]
    """
    try:
        from nltk import redos
    except ImportError:  # NLTK before 3.10 compiles its rules with re: nothing is odd but other planes
        return re.compile("[\\U00010000-\\U0010FFFF]")
    flags = NLTKWordTokenizer.ENDING_QUOTES[3][0].flags  # NLTK's \\s+, so its engine and flags
    plane = "".join(map(chr, (*range(0xD800), *range(0xE000, 0x10000))))  # without surrogates
    odd: set[str] = set()
    for probe in (r"\W+", r"\S+", r"\D+", *(f"(?i)[^{letter}]+" for letter in "revlmtsdn")):
        kept_by_re, kept_by_nltk = re.sub(probe, "", plane), redos.compile(probe, flags).sub("", plane)
        if kept_by_re != kept_by_nltk:
            odd |= set(kept_by_re) ^ set(kept_by_nltk)
    ranges: list[list[int]] = []
    for code in sorted(map(ord, odd)):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    members = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges)
    return re.compile(f"[{members}\\U00010000-\\U0010FFFF]")


def _may_contract(text: str) -> bool:
    """Whether one of NLTK's ten contraction patterns could match ``text``; ``False`` only when none can.

    Each needs ``'`` (d'ye, more'n, 'tis, 'twas) or one of nn (cannot, gonna, wanna), mm (gimme, lemme)
    and tt (gotta), case-insensitively; only n/N, m/M and t/T fold to n, m and t (test_treebank_memo.py
    checks every code point), so ``lower()`` finds them. Cheaper than searching for the ten patterns.

    Examples
    --------
    >>> _may_contract(" We CanNot say "), _may_contract(" We can not say ")
    (True, False)
    """
    if "'" in text:
        return True
    lowered = text.lower()
    return "nn" in lowered or "mm" in lowered or "tt" in lowered


class _WordTokenizer(NLTKWordTokenizer):
    """``NLTKWordTokenizer`` with its own patterns compiled by ``re``, memoised per segment: the same tokens, faster.

    NLTK 3.10 runs its patterns through ``nltk.redos`` (the ``regex`` module under a timeout), a guard
    against hostile *user-supplied* patterns; these are NLTK's fixed patterns. ``_pipeline`` is NLTK's
    ``tokenize``, with its templates made into functions once, the contraction patterns tried only
    when :func:`_may_contract` says one could match, plain words skipping the rules (:func:`_shortcut`)
    and the rare segments with a character ``re`` and ``regex`` see differently left to stock NLTK
    (:func:`_odd_characters`). ``tokenize`` cuts the sentence with :func:`segments` and looks each piece
    up in a memo: real text repeats its pieces ("the", "said.", "Obama,"), so most never reach the 27
    substitutions. On 5 MB of news, 3.4 times faster than without the memo from a cold start, 8 times
    when warm. ``tests/tokens/test_treebank.py`` and ``test_treebank_memo.py`` check the tokens against
    stock NLTK on real corpora and random sentences, so an NLTK upgrade cannot change them silently.

    Examples
    --------
    >>> tokenizer = _WordTokenizer()
    >>> tokenizer.tokenize("They'll say (it's) gonna work, I said.")
    ['They', "'ll", 'say', '(', 'it', "'s", ')', 'gon', 'na', 'work', ',', 'I', 'said', '.']
    >>> tokenizer.tokenize("(it's)", convert_parentheses=True)
    ['-LRB-', 'it', "'s", '-RRB-']
    """

    def __init__(self) -> None:
        super().__init__()
        # Segment -> its tokens, one memo per value of convert_parentheses. Tuples: callers get new lists,
        # and nothing they do can change an entry. Dict reads and writes are atomic, so threads may share it.
        self._memos: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = ({}, {})

    def tokenize(self, text: str, convert_parentheses: bool = False, return_str: bool = False) -> list[str]:
        """Split a sentence into words, as ``NLTKWordTokenizer.tokenize`` does (``return_str`` is ignored)."""
        memo = self._memos[1 if convert_parentheses else 0]
        if len(memo) >= MEMO_ENTRIES:
            memo.clear()  # cheaper than an LRU on every hit; the common pieces come back at once
        tokens: list[str] = []
        for segment in segments(text):
            found = memo.get(segment)
            if found is None:
                found = tuple(self._pipeline(segment, convert_parentheses))
                if len(segment) <= MEMO_SEGMENT_CHARS:
                    memo[segment] = found
            tokens += found
        return tokens

    def _pipeline(self, text: str, convert_parentheses: bool) -> list[str]:
        """Tokenise ``text`` with NLTK's rules, in NLTK's order, without the memo."""
        if _ODD.search(text):
            return _STOCK.tokenize(text, convert_parentheses)  # re could tell some character from NLTK's engine
        shortcut = _shortcut(text) if _PROVEN else None
        text = self._before_contractions(text, convert_parentheses) if shortcut is None else shortcut
        if not _PROVEN or _may_contract(text):  # when none can match, the ten substitutions change nothing
            for regexp in self.CONTRACTIONS2:
                text = regexp.sub(_CONTRACTION, text)
            for regexp in self.CONTRACTIONS3:
                text = regexp.sub(_CONTRACTION, text)
        return text.split()

    def _before_contractions(self, text: str, convert_parentheses: bool) -> str:
        """Apply NLTK's rules up to (not including) the contractions, as ``NLTKWordTokenizer.tokenize``."""
        for regexp, substitution in self.STARTING_QUOTES:
            text = regexp.sub(substitution, text)
        for regexp, substitution in self.PUNCTUATION:
            text = regexp.sub(substitution, text)
        regexp, substitution = self.PARENS_BRACKETS
        text = regexp.sub(substitution, text)
        if convert_parentheses:
            for regexp, substitution in self.CONVERT_PARENTHESES:
                text = regexp.sub(substitution, text)
        regexp, substitution = self.DOUBLE_DASHES
        text = " " + regexp.sub(substitution, text) + " "
        for regexp, substitution in self.ENDING_QUOTES:
            text = regexp.sub(substitution, text)
        return text

    def clear_memo(self) -> None:
        """Forget every memoised segment (tests use it to start cold)."""
        for memo in self._memos:
            memo.clear()


_RULE_LISTS = ("STARTING_QUOTES", "PUNCTUATION", "PARENS_BRACKETS", "CONVERT_PARENTHESES", "DOUBLE_DASHES")
_RULE_LISTS += ("ENDING_QUOTES", "CONTRACTIONS2", "CONTRACTIONS3")


def _rules_digest() -> str:
    """SHA-256 of NLTK's word-tokenizer rules (patterns, flags, templates), in order."""
    rules = []
    for name in _RULE_LISTS:
        value = getattr(NLTKWordTokenizer, name)
        for rule in value if isinstance(value, list) else [value]:
            pattern, template = rule if isinstance(rule, tuple) else (rule, None)
            rules.append((name, pattern.pattern, pattern.flags & _RE_FLAGS, template))
    return hashlib.sha256(repr(rules).encode()).hexdigest()


#: The rules of NLTK 3.10.4, for which the proof above, _PLAIN and _may_contract were written. With other
#: rules the tokenizer runs every rule on whole sentences (exact, slower) and test_treebank_memo.py fails.
_PROVEN_RULES = "74753141529fe266e67f6ecf37efcbcc1b8a741948721bc18bd06f1590998a58"
_PROVEN = _rules_digest() == _PROVEN_RULES

for _name in ("STARTING_QUOTES", "ENDING_QUOTES", "PUNCTUATION", "CONVERT_PARENTHESES"):
    setattr(_WordTokenizer, _name, [(_stdlib(p), _replacement(r)) for p, r in getattr(NLTKWordTokenizer, _name)])
for _name in ("PARENS_BRACKETS", "DOUBLE_DASHES"):
    _pattern, _template = getattr(NLTKWordTokenizer, _name)
    setattr(_WordTokenizer, _name, (_stdlib(_pattern), _replacement(_template)))
for _name in ("CONTRACTIONS2", "CONTRACTIONS3"):
    setattr(_WordTokenizer, _name, [_stdlib(p) for p in getattr(NLTKWordTokenizer, _name)])
_CONTRACTION = _replacement(r" \1 \2 ")  # NLTK's template for both lists
_ODD = _odd_characters()
_STOCK = NLTKWordTokenizer()

WORD_TOKENIZER = _WordTokenizer()


class _PunktVars(PunktLanguageVars):
    """Punkt's English language variables with NLTK's patterns compiled by ``re`` (same sentences)."""

    __slots__ = ()
    re_boundary_realignment = _stdlib(PunktLanguageVars.re_boundary_realignment)

    def _word_tokenizer_re(self) -> Any:
        pattern = super()._word_tokenizer_re()
        if not isinstance(pattern, re.Pattern):
            pattern = self._re_word_tokenizer = _stdlib(pattern)
        return pattern

    def period_context_re(self) -> Any:
        """Return the sentence-boundary context pattern, compiled by ``re``."""
        pattern = super().period_context_re()
        if not isinstance(pattern, re.Pattern):
            pattern = self._re_period_context = _stdlib(pattern)
        return pattern


_NON_PUNCT = re.compile(r"[^\W\d]", re.UNICODE)


class _PunktToken(PunktToken):
    """Punkt's token with its type patterns compiled by ``re``."""

    __slots__ = ()
    _RE_ELLIPSIS = _stdlib(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _stdlib(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _stdlib(PunktToken._RE_INITIAL)
    _RE_ALPHA = _stdlib(PunktToken._RE_ALPHA)

    @property
    def is_non_punct(self) -> Any:
        """Whether the type holds a letter (as NLTK's, on ``re``)."""
        return _NON_PUNCT.search(self.type)


SIMPLE: dict[str, Callable[[str], list[str]]] = {
    "wordpunct": WordPunctTokenizer().tokenize,
    "whitespace": WhitespaceTokenizer().tokenize,
    "tweet": TweetTokenizer(preserve_case=True).tokenize,
}


class _Splitter:
    """Punkt on ``re`` for most texts, stock Punkt for a text with a character the two engines see differently.

    Punkt's patterns use ``\\s``, ``\\w`` and ``\\d``, where ``re`` and NLTK's ``regex``
    engine disagree on some characters (:func:`_odd_characters`): ``re`` takes
    U+001C as white space, so ``"Hello there.\\x1cNext one."`` was two sentences
    here and one for NLTK. Other methods are the fast splitter's.
    """

    def __init__(self, fast: Any, stock: Any) -> None:
        self.fast, self.stock = fast, stock

    def _for(self, text: str) -> Any:
        return self.stock if _ODD.search(text) else self.fast

    def tokenize(self, text: str, realign_boundaries: bool = True) -> list[str]:
        """Split ``text`` into sentences, as NLTK's Punkt does."""
        return self._for(text).tokenize(text, realign_boundaries)

    def span_tokenize(self, text: str, realign_boundaries: bool = True) -> Any:
        """Yield each sentence's ``(start, end)`` in ``text``, as NLTK's Punkt does."""
        return self._for(text).span_tokenize(text, realign_boundaries)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fast, name)


@functools.lru_cache(maxsize=16)
def sentence_splitter(language: str, search_path: tuple[str, ...]) -> tuple[Any, str]:
    """Return Punkt for ``language`` (trained when ``punkt_tab`` is on ``search_path``) and its description.

    Examples
    --------
    >>> splitter, how = sentence_splitter("english", ())
    >>> how
    'untrained PunktSentenceTokenizer() (punkt_tab not installed)'
    >>> splitter.tokenize("Talks resumed. Baku agreed.")
    ['Talks resumed.', 'Baku agreed.']
    """
    model = nltkdata.sentence_model(language, search_path)
    if model.startswith("trained"):
        from nltk.tokenize import PunktTokenizer

        splitter = PunktTokenizer(language)
        splitter._lang_vars, splitter._Token = _PunktVars(), _PunktToken  # NLTK's own patterns, on re
        return _Splitter(splitter, PunktTokenizer(language)), model
    return _Splitter(
        PunktSentenceTokenizer(lang_vars=_PunktVars(), token_cls=_PunktToken), PunktSentenceTokenizer()
    ), model
