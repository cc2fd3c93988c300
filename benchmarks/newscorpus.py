"""Benchmark news corpora whose vocabulary grows like real text: ``python benchmarks/newscorpus.py OUT --mb 5``.

A benchmark that counts words over 5 MB, 50 MB and 1 GB of text needs text
whose vocabulary keeps growing with its size, as a real news archive's does:
copying the same paragraphs again and again gives a 1 GB corpus with the
vocabulary of a 5 MB one, and every table, sketch and cache then looks faster
and smaller than it would on real data. This module writes folders of
scraped-news articles from real paragraphs whose number of distinct word forms
``V`` follows Heaps' law ``V = K * N**beta`` in the number of running tokens
``N``, with ``K`` and ``beta`` fitted on real corpora.

Notes
-----
**Heaps' law, fitted.** :func:`fit_heaps` samples 20 log-spaced prefixes of a
token list (from 1,000 tokens, or a hundredth of the list when that is smaller,
to the whole list), counts the distinct case-kept forms in each, and fits
``log V = log K + beta log N`` by least squares. :func:`heaps_of_nltk` fits
NLTK's ``state_union``, ``brown`` and ``abc`` (``words()``, tokens with a
letter or digit) and, as the target the generator follows, ``combined``: the
three corpora concatenated in a shuffled order of documents (a brown or
state_union file, an abc story), averaged over five shuffles (``beta`` is the
mean, ``K`` the geometric mean: with the same prefix points, that is the fit of
the mean log-curve). This describes what the generator writes: a mixed news
archive read one document at a time, rather than any one of its sources, and
it does not depend on one shuffle. Without NLTK data, the values measured on
these corpora (:data:`MEASURED_HEAPS`) stand in.

**Text.** Paragraphs of NLTK's ``abc`` (news transcripts, one sentence a line:
two lines make a paragraph; an article can start with a story and its
headline), ``state_union`` and ``brown``'s news, editorial, reviews, government
and hobbies texts (detokenised); paragraphs longer than 700 characters are
split between sentences, shorter than 40 dropped, and near-duplicates dropped
(see below). Each category has its own stream of documents (with the BBC news
dataset's five categories: abc rural is business, abc science tech,
state_union and brown editorial and government politics, brown reviews
entertainment, brown news and hobbies sport; with another number of
categories, documents are dealt among them in turn), and an article takes
consecutive paragraphs from its category's stream, so that it reads as one
story. A stream that runs out starts again in a new shuffled order: at 50 MB
each paragraph is written about five times, at 1 GB about a hundred. The
first ``categories`` articles go one to each category, then each goes to the
category furthest behind its share of the source text. Without NLTK data, the
project's ``corpus/`` stands in (a :class:`UserWarning` says so).

**Vocabulary growth.** As it writes, the generator counts tokens ``N`` and
distinct forms ``V`` with :data:`TOKEN` (a paragraph's forms are added when it
is first used, inserted words when they are inserted: approximate, but within
a few per cent of a count of the output). When ``V`` falls more than 3 behind
``K * N**beta``, it replaces words of the next paragraph copy with new ones
until it catches up (at most one token in six): invented names, pairs of names
and places in place of capitalised words; misspellings (a letter swapped,
dropped or doubled) and hyphenated compounds in place of lowercase words;
numbers in place of numbers. A new form is one that is neither in the source
text nor written before. Tokens are replaced, never appended, so articles keep
realistic sizes.

**No two articles share a paragraph.** Every copy of a paragraph is changed.
Its sites are the places where a copy may differ without a new form:
is/was, will/would, says/said and other pairs, "do not"/"don't" and other
contractions, a serial comma before "and" or "but" or none, weekdays, months,
and numbers (shifted by 1 to 4). A paragraph with sites has ``variants``
ways to be written (the product of each site's choices); copy ``k`` writes
variant ``k % (variants - 1) + 1`` as a number in a mixed radix over the sites,
so never the text as it is, and two copies with different variants differ at
a site. Beyond its variants (``k >= variants - 1``, or no site), a copy also
gets the paragraph's own name ``j`` in place of one of its first 8 words
``i``, counting ``(j, i)`` from ``k // (variants - 1)``: a name made of the
paragraph's number and ``j`` in letter pairs ending in x, which nothing else
writes. Source paragraphs that differ only at their sites are one (the second
is dropped), so copies of different paragraphs cannot meet either; a copy
with a new word is unlike any other text.

**News features.** A share counter ("12", "1.2K"), "ADVERTISEMENT" lines, and
"Share this article", "LEAVE A REPLY", "Please enter your comment!" at the end;
curly quotes and apostrophes in about half of the articles; a sentence with
contractions, money ("$5m-$10m", "$2,500,000"), dates ("March 3, 2024"),
percentages and years in about two articles in five. Each article has a year
(2015-2024) and month in its file name:
``FOLDER/<category>/<year>-<month>-<slug>-<n>.txt``.

**Determinism and reuse.** One ``random.Random(seed)`` makes every choice,
over sorted inputs; no set or hash order is read. The same arguments write the
same bytes. A finished folder is marked by a ``.<name>.complete`` file beside
it that holds the arguments (and the source and the Heaps target), and reused
when they match; otherwise it is built again in a temporary sibling folder
(``.<name>.building``) and renamed.

**Speed.** A process of its own writes the files, fed through a pipe, so that
the disk's waits overlap the making of the next articles. On a two-core
machine, 50 MB take 2.1-2.5 s (20-24 MB/s, into tmpfs) and 1 GB 37 s
(27 MB/s: fewer new words per token), once the source text is read and Heaps'
law fitted (about 9 s, once a process). Into a folder on disk the files'
creation may take longer than their making.

Examples
--------
>>> import tempfile
>>> folder = build_news(Path(tempfile.mkdtemp()) / "news", 0.05)
>>> stats = corpus_stats(folder)
>>> stats["files"] > 10 and stats["terms"] < stats["tokens"]
True
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path

from toolkit.paths import CORPUS_DIR

#: A token, as the generator counts them and :func:`corpus_stats` reports them.
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")
_TOKEN_BYTES = re.compile(rb"[A-Za-z0-9][A-Za-z0-9'-]*")
_HAS_ALNUM = re.compile(r"[A-Za-z0-9]")

#: The corpora whose vocabulary growth the generator follows.
HEAPS_CORPORA = ("state_union", "brown", "abc")

#: Heaps fits ``(K, beta, tokens, distinct forms)`` that :func:`heaps_of_nltk` measured on the NLTK data (nltk_data's
#: state_union, brown and abc, read by NLTK 3.10), used when that data is not installed.
MEASURED_HEAPS: dict[str, tuple[float, float, int, int]] = {
    "state_union": (10.5837, 0.572528, 354_719, 14_523),
    "brown": (4.62537, 0.695478, 1_013_319, 56_038),
    "abc": (8.49331, 0.613814, 679_147, 31_791),
    "combined": (7.17446, 0.644545, 2_047_185, 71_599),
}

#: The BBC news dataset's categories, then more for more categories.
CATEGORY_NAMES = (
    "business",
    "entertainment",
    "politics",
    "sport",
    "tech",
    "world",
    "health",
    "science",
    "education",
    "travel",
    "environment",
    "opinion",
)

#: Brown categories that read like news, and where each source goes among the BBC's five categories.
BROWN_CATEGORIES = ("editorial", "government", "hobbies", "news", "reviews")
_HOME = {
    "abc/rural": "business",
    "abc/science": "tech",
    "state_union": "politics",
    "brown/editorial": "politics",
    "brown/government": "politics",
    "brown/reviews": "entertainment",
    "brown/news": "sport",
    "brown/hobbies": "sport",
}

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PAIRS = (
    ("is", "was"),
    ("are", "were"),
    ("has", "had"),
    ("will", "would"),
    ("can", "could"),
    ("says", "said"),
    ("may", "might"),
    ("these", "those"),
    ("many", "several"),
    ("big", "large"),
    ("week", "month"),
    ("today", "yesterday"),
    ("do not", "don't"),
    ("does not", "doesn't"),
    ("did not", "didn't"),
    ("is not", "isn't"),
    ("are not", "aren't"),
    ("was not", "wasn't"),
    ("were not", "weren't"),
    ("has not", "hasn't"),
    ("have not", "haven't"),
    ("will not", "won't"),
    ("would not", "wouldn't"),
    ("could not", "couldn't"),
    ("cannot", "can't"),
    ("it is", "it's"),
    ("It is", "It's"),
    ("that is", "that's"),
    ("there is", "there's"),
    ("we are", "we're"),
    ("We are", "We're"),
    ("they are", "they're"),
    ("we will", "we'll"),
    ("I am", "I'm"),
)
_COMMAS = ((" and", ", and"), (" but", ", but"))  # a serial comma, or none
#: Words a copy of a paragraph may change for another of their group: each group's options, by word.
_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {}
for _group in (*_PAIRS, *_COMMAS, _DAYS, _MONTHS[:4] + _MONTHS[5:]):  # "May" is also a verb
    for _word in _group:
        _GROUPS[_word] = (_group[0], tuple(w for w in _group if w != _word))
_B = r"(?![A-Za-z0-9'’-])"  # a token ends here
_WORDS = "|".join(re.escape(w) for w in sorted((w for w in _GROUPS if w[0] not in " ,"), key=len, reverse=True))
_SITE = re.compile(rf"(?<![A-Za-z0-9'’-])(?:({_WORDS})|(\d+)){_B}|(?<=[A-Za-z0-9])(,? (?:and|but))(?= )")
#: Words that new words may replace: lowercase words of 4 letters or more, capitalised words not starting a sentence,
#: numbers (each pattern starts with a character class, which the regex engine scans for quickly); never a word that a
#: site may change (:data:`_EXCLUDED`, checked on each match).
_LOWER = re.compile(rf"[a-z](?<![A-Za-z0-9'’.-][a-z])[a-z]{{3,}}{_B}")
_CAPITAL = re.compile(rf"[A-Z](?<=[a-z,] [A-Z])[a-z]{{2,}}{_B}")
_NUMBER = re.compile(rf"\d(?<![A-Za-z0-9'’.,-]\d)\d*{_B}")
_SLOT = re.compile(f"{_CAPITAL.pattern}|{_LOWER.pattern}")
_EXCLUDED = frozenset(part for w in _GROUPS for part in w.replace(",", " ").split())
_KINDS = ((1, _NUMBER), (2, _CAPITAL), (4, _LOWER))

_SYLLABLES = (
    "ka", "lo", "ver", "an", "tal", "ish", "om", "nek", "ri", "sa", "mon", "dor", "el", "vin", "ta", "mar",
    "quen", "bra", "zu", "hol", "gan", "pe", "tri", "ros", "lin", "dal", "ek", "fa", "ny", "cor", "bel", "wen",
    "stra", "ju", "ko", "mi", "har", "vo", "sel", "tor", "gu", "ra", "ben", "il", "ma", "ost", "ne", "ha",
)  # fmt: skip
_ENDINGS = ("", "", "", "son", "ova", "ez", "ski", "berg", "ford", "ton", "ley", "ic", "ard", "ine")
_PLACES = ("Port {}", "{} Creek", "{}ville", "Lake {}", "{} Downs", "Mount {}", "{} Bay", "{}dale", "North {}")
_COMPOUND_TAILS = (
    "policy", "based", "led", "style", "free", "related", "backed", "owned", "era", "scale", "focused", "linked",
    "driven", "level", "wide", "friendly", "funded", "heavy", "sector", "market", "season", "growth", "tier",
)  # fmt: skip
_COUNTERS = ("0", "4", "12", "20", "87", "245", "1.2K", "3.4K", "1.1K", "560", "2.7K", "31")
_ENDING_LINES = ("Share this article", "LEAVE A REPLY", "Please enter your comment!")
_AVERAGE_ARTICLE = 2_500  # bytes: the BBC news dataset's 2,225 articles are about 5 MB
_VERSION = "newscorpus 1"


# --- Heaps' law ----------------------------------------------------------------------------------------------------


def heaps_curve(tokens: Sequence[str], points: int = 20) -> tuple[list[int], list[int]]:
    """Return distinct forms ``V`` at log-spaced prefix lengths ``N`` of ``tokens``.

    Parameters
    ----------
    tokens : sequence of str
        The running tokens, in order; forms are compared as they are (case kept).
    points : int, default=20
        How many prefixes, from 1,000 tokens (or a hundredth of the tokens when that is smaller) to all of them.

    Returns
    -------
    tuple of (list of int, list of int)
        The prefix lengths ``N`` (increasing, distinct) and the distinct forms ``V`` in each.

    Examples
    --------
    >>> heaps_curve(list("abcabcabcd"), points=3)
    ([1, 3, 10], [1, 3, 4])
    """
    n = len(tokens)
    if n < 2 or points < 2:
        raise ValueError(f"a Heaps curve needs 2 tokens and 2 points or more, got {n} and {points}")
    low = min(1_000, max(1, n // 100))
    lengths = sorted({round(low * (n / low) ** (i / (points - 1))) for i in range(points)})
    seen: set[str] = set()
    forms, done = [], 0
    for length in lengths:
        seen.update(tokens[done:length])
        done = length
        forms.append(len(seen))
    return lengths, forms


def fit_loglog(lengths: Sequence[float], forms: Sequence[float]) -> tuple[float, float, float]:
    """Fit ``log V = log K + beta log N`` by least squares; return ``K``, ``beta`` and R² (of the logs).

    Parameters
    ----------
    lengths, forms : sequence of float
        ``N`` and ``V`` at each point, as :func:`heaps_curve` returns them.

    Returns
    -------
    tuple of float
        ``(K, beta, r2)``.

    Examples
    --------
    >>> k, beta, r2 = fit_loglog([10, 100, 1000], [20, 80, 320])
    >>> round(k, 3), round(beta, 3), round(r2, 3)
    (5.0, 0.602, 1.0)
    """
    xs = [math.log(n) for n in lengths]
    ys = [math.log(v) for v in forms]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    beta = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = my - beta * mx
    residual = sum((y - intercept - beta * x) ** 2 for x, y in zip(xs, ys, strict=True))
    total = sum((y - my) ** 2 for y in ys)
    return math.exp(intercept), beta, 1.0 - residual / total if total else 1.0


def fit_heaps(tokens: Sequence[str]) -> tuple[float, float]:
    """Fit Heaps' law ``V = K * N**beta`` on 20 log-spaced prefixes of ``tokens``; return ``(K, beta)``.

    Parameters
    ----------
    tokens : sequence of str
        Running tokens in reading order.

    Returns
    -------
    tuple of float
        ``K`` and ``beta``.

    Examples
    --------
    >>> import random
    >>> rng = random.Random(0)
    >>> tokens = [str(int(rng.paretovariate(0.8))) for _ in range(50_000)]
    >>> k, beta = fit_heaps(tokens)
    >>> 0.5 < beta < 1.0
    True
    """
    k, beta, _ = fit_loglog(*heaps_curve(tokens))
    return k, beta


@cache
def nltk_documents(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the tokens of ``nltk.corpus.<name>.words()`` that hold a letter or digit, document by document.

    A document is a file (brown, state_union) or, in abc's two files, a story (the text between blank lines,
    tokenised with ``WordPunctTokenizer``, as ``abc.words()`` is: the tokens are the same). Raises ``LookupError``
    when the corpus is not installed.

    Examples
    --------
    >>> docs = nltk_documents("state_union")  # doctest: +SKIP
    >>> len(docs), sum(map(len, docs))  # doctest: +SKIP
    (65, 354719)
    """
    import nltk

    reader = getattr(nltk.corpus, name)
    if name == "abc":
        from nltk.tokenize import WordPunctTokenizer

        words = WordPunctTokenizer()
        texts = [story for f in reader.fileids() for story in reader.raw(f).split("\n\n")]
        docs = [words.tokenize(story) for story in texts if story.strip()]
    else:
        docs = [reader.words(f) for f in reader.fileids()]
    return tuple(tuple(w for w in doc if _HAS_ALNUM.search(w)) for doc in docs)


def nltk_tokens(name: str) -> list[str]:
    """Return ``nltk.corpus.<name>.words()`` with only the tokens that hold a letter or digit.

    Raises ``LookupError`` when the corpus is not installed.

    Examples
    --------
    >>> tokens = nltk_tokens("state_union")  # doctest: +SKIP
    >>> len(tokens)  # doctest: +SKIP
    354719
    """
    return [w for doc in nltk_documents(name) for w in doc]


@lru_cache(maxsize=1)
def heaps_of_nltk(shuffles: int = 5) -> dict[str, tuple[float, float, int, int]]:
    """Fit Heaps' law on NLTK's state_union, brown and abc, and on the three together.

    Parameters
    ----------
    shuffles : int, default=5
        How many shuffled orders of documents the combined fit averages.

    Returns
    -------
    dict of str to tuple
        ``(K, beta, tokens, distinct forms)`` for each corpus and for ``"combined"``: the three concatenated in a
        shuffled order of documents, ``beta`` the mean and ``K`` the geometric mean over the shuffles (with the same
        prefix lengths, the fit of the mean log-curve). When the NLTK data is not installed, the values measured on
        it (:data:`MEASURED_HEAPS`).

    Examples
    --------
    >>> fits = heaps_of_nltk()
    >>> sorted(fits)
    ['abc', 'brown', 'combined', 'state_union']
    >>> 0.5 < fits["combined"][1] < 0.75
    True
    """
    try:
        docs = {name: nltk_documents(name) for name in HEAPS_CORPORA}
    except (LookupError, OSError):
        return dict(MEASURED_HEAPS)
    found = {}
    for name in HEAPS_CORPORA:
        tokens = nltk_tokens(name)
        found[name] = (*fit_heaps(tokens), len(tokens), len(set(tokens)))
    every = [doc for name in HEAPS_CORPORA for doc in docs[name]]
    log_k = beta = 0.0
    for seed in range(shuffles):
        order = list(range(len(every)))
        random.Random(seed).shuffle(order)
        tokens = [w for i in order for w in every[i]]
        k, b = fit_heaps(tokens)
        log_k, beta = log_k + math.log(k) / shuffles, beta + b / shuffles
    found["combined"] = (math.exp(log_k), beta, len(tokens), len(set(tokens)))
    return found


def heaps_target() -> tuple[float, float]:
    """Return the ``(K, beta)`` the generator follows: the combined fit of :func:`heaps_of_nltk`.

    Examples
    --------
    >>> k, beta = heaps_target()
    >>> 20_000 < k * 1e6**beta < 100_000
    True
    """
    k, beta, _, _ = heaps_of_nltk()["combined"]
    return k, beta


# --- Source text ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Doc:
    home: str | None  # its category among the BBC's five, when known
    title: str | None
    paras: tuple[int, ...]  # indices into the pool


_Site = tuple[int, int, tuple[str, ...] | None]  # start, end, what it may become (None: a number, shifted)
_NUMBER_RADIX = 5  # a number site is itself or shifted by 1 to 4


@dataclass
class _Pool:
    """Deduplicated source paragraphs, their sites, their documents and every form they hold."""

    source: str
    texts: list[str]
    sites: list[tuple[_Site, ...]]  # where copies of each paragraph may differ
    variants: list[int]  # how many ways each paragraph may be written with its sites (1: none)
    docs: list[_Doc]
    vocab: frozenset[str]


def _clean(text: str) -> str:
    """One line, straight quotes (the generator curls them itself)."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    return " ".join(text.split())


def _nltk_source() -> list[tuple[str, str | None, list[str]]]:
    """(home key, title, paragraphs) of every source document, in a fixed order."""
    import nltk
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    detokenize = TreebankWordDetokenizer().detokenize
    found: list[tuple[str, str | None, list[str]]] = []
    abc = nltk.corpus.abc
    for fileid in sorted(abc.fileids()):
        key = f"abc/{fileid.removesuffix('.txt')}"
        for story in abc.raw(fileid).split("\n\n"):
            lines = [_clean(line) for line in story.splitlines() if line.strip()]
            if len(lines) >= 2:  # a headline, then one sentence a line: two to a paragraph, as news sites write
                found.append((key, lines[0], [" ".join(lines[i : i + 2]) for i in range(1, len(lines), 2)]))
    union = nltk.corpus.state_union
    for fileid in sorted(union.fileids()):  # a paragraph a line (some files have no blank lines)
        lines = [_clean(line) for line in union.raw(fileid).splitlines()]
        found.append(("state_union", None, [p for line in lines if not line.isupper() for p in _split_long(line)]))
    brown = nltk.corpus.brown
    for category in BROWN_CATEGORIES:
        for fileid in sorted(brown.fileids(categories=category)):
            paras = [_clean(detokenize([w for s in p for w in s])) for p in brown.paras(fileid)]
            paras = [p.replace(". .", ".").replace("( ", "(").replace(" )", ")") for p in paras]
            paras = [re.sub(r"([?!])\1+", r"\1", p) for p in paras]  # brown writes "??" for "?"
            found.append((f"brown/{category}", None, [q for p in paras for q in _split_long(p)]))
    return found


def _split_long(paragraph: str, longest: int = 700) -> list[str]:
    """Split a paragraph longer than ``longest`` characters between sentences, as news sites would; drop short ones."""
    if len(paragraph) <= longest:
        return [paragraph] if len(paragraph) >= 40 else []
    parts, current = [], ""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", paragraph):
        if current and len(current) + len(sentence) >= longest:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    parts.append(current)
    return [p for p in parts if len(p) >= 40]


def _fallback_source() -> list[tuple[str, str | None, list[str]]]:
    found: list[tuple[str, str | None, list[str]]] = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        blocks = [_clean(b) for b in re.split(r"\n\s*\n", path.read_text("utf-8"))]
        found.append(("corpus", None, [p for b in blocks for p in _split_long(b)]))
    return found


def _pool_of(documents: list[tuple[str, str | None, list[str]]], source: str) -> _Pool:
    """Deduplicate the paragraphs (two that differ only at sites are one) and find their sites."""
    texts: list[str] = []
    sites: list[tuple[_Site, ...]] = []
    variants: list[int] = []
    docs: list[_Doc] = []
    keys: set[str] = set()
    found: list[_Site] = []

    def key(match: re.Match[str]) -> str:
        """Record a site; return what it is in the key: its group's first word, or # for a number."""
        if match.group(2) is None:
            first, options = _GROUPS[match.group(1) or match.group(3)]
            found.append((match.start(), match.end(), options))
            return first
        found.append((match.start(), match.end(), None))
        return "#"

    for home, title, paras in documents:
        indices = []
        for para in paras:
            found.clear()
            text_key = _SITE.sub(key, para)
            if text_key not in keys:
                keys.add(text_key)
                indices.append(len(texts))
                texts.append(para)
                sites.append(tuple(found))
                variants.append(math.prod(_NUMBER_RADIX if o is None else len(o) + 1 for _, _, o in found))
        if indices:
            docs.append(_Doc(_HOME.get(home), title[:80] if title else None, tuple(indices)))
    vocab = frozenset(TOKEN.findall("\n".join(texts) + "\n" + "\n".join(d.title or "" for d in docs)))
    return _Pool(source, texts, sites, variants, docs, vocab)


@cache
def _pool() -> _Pool:
    """Read the source text once per process: NLTK's corpora, or ``corpus/`` when they are not installed."""
    try:
        return _pool_of(_nltk_source(), "abc+state_union+brown")
    except (LookupError, OSError, UnicodeDecodeError):
        return _pool_of(_fallback_source(), "corpus/")


def _shift(digits: str, by: int) -> str:
    """Shift a number by ``by`` (1 to 4), keeping its width: up when that fits, else down."""
    width, value = len(digits), int(digits)
    up = value + by
    if up < 10**width:
        return str(up).zfill(width)
    return str(value - by).zfill(width)


# --- New words -----------------------------------------------------------------------------------------------------


_STEMS = tuple(a + b for a in _SYLLABLES for b in _SYLLABLES)
_Random = Callable[[], float]  # random.Random.random: a float in [0, 1)


_N_STEMS, _N_SYLLABLES, _N_ENDINGS = len(_STEMS), len(_SYLLABLES), len(_ENDINGS)


def _invent(r: _Random) -> str:
    """Invent a capitalised name of 2 to 4 syllables and an ending (some 70 million of them)."""
    word = _STEMS[int(r() * _N_STEMS)]
    if r() < 0.6:
        word += _SYLLABLES[int(r() * _N_SYLLABLES)]
        if r() < 0.4:
            word += _SYLLABLES[int(r() * _N_SYLLABLES)]
    return (word + _ENDINGS[int(r() * _N_ENDINGS)]).capitalize()


def _misspell(word: str, r: _Random) -> str:
    """Swap, drop or double a letter inside ``word``."""
    i = 1 + int(r() * (len(word) - 2))
    how = r()
    if how < 0.34:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if how < 0.67:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _new_word(word: str, capital: bool, r: _Random) -> str:
    """Make a likely new word (or two) to put in place of ``word``: a name or place, a misspelling, a compound."""
    roll = r()
    if capital:
        if roll < 0.3:
            return _invent(r)
        if roll < 0.75:
            return f"{_invent(r)} {_invent(r)}"
        return _PLACES[int(r() * len(_PLACES))].format(_invent(r))
    if roll < 0.6 and len(word) >= 5:
        return _misspell(word, r)
    tail = _COMPOUND_TAILS[int(r() * len(_COMPOUND_TAILS))] if r() < 0.5 else _invent(r).lower()
    return f"{word}-{tail}"


def _new_number(r: _Random) -> str:
    """Make a number as news writes them: 40312, 4,312, 17.4 per cent (new forms only the first, mostly)."""
    roll = r()
    if roll < 0.5:
        return str(1_000 + int(r() * 99_000))
    if roll < 0.75:
        return f"{1_000 + int(r() * 99_000):,}"
    return f"{1 + int(r() * 99)}.{int(r() * 10)} per cent"


def _feature(rng: random.Random, year: int) -> str:
    """Make a sentence with contractions, money, a date, a percentage or a year, as news has."""
    low = rng.randint(2, 9)
    money = f"${low}m-${low + rng.randint(1, 10)}m"
    amount = f"${rng.randint(1, 9)},{rng.randint(0, 999):03d},000"
    date = f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {year}"
    share = f"{rng.randint(1, 60)}.{rng.randint(0, 9)} per cent"
    templates = (
        f"Officials said they won't comment, but it's understood the deal is worth {money}.",
        f"The package, announced on {date}, includes a further {amount} set aside.",
        f"Growers can't expect prices to recover before {year + 1}, and they don't know when they will.",
        f"It's the biggest change since {year - rng.randint(2, 30)}, with costs up {share} on a year earlier.",
        f'"We don\'t have the money," one resident said on {date}.',
        f"Figures released on {date} show {rng.randint(2, 90) * 1_000 + rng.randint(0, 999):,} people were affected.",
    )
    return rng.choice(templates)


_QUOTES = re.compile(r'"([^"\n]*)"')


def _curl(text: str) -> str:
    """Curl quotes and apostrophes, as many news sites do."""
    if '"' in text:
        text = _QUOTES.sub("\u201c\\1\u201d", text)
    return text.replace("'", "\u2019")


def _title(text: str) -> str:
    """Make a headline from a paragraph: its first words, up to 70 characters."""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!?;:,")
    if len(first) > 70:
        first = first[:70].rsplit(" ", 1)[0]
    return first


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    if len(slug) > 40:
        slug = slug[:40].rsplit("-", 1)[0]
    return slug or "article"


# --- The generator -------------------------------------------------------------------------------------------------


def _category_names(categories: int) -> list[str]:
    return [CATEGORY_NAMES[i] if i < len(CATEGORY_NAMES) else f"section{i + 1}" for i in range(categories)]


def _deal(pool: _Pool, names: list[str], rng: random.Random) -> list[list[_Doc]]:
    """Documents of each category: by source with the BBC's five categories, else dealt in turn."""
    streams: list[list[_Doc]] = [[] for _ in names]
    if sorted(names) == sorted(set(_HOME.values())) and all(d.home for d in pool.docs):
        for doc in pool.docs:
            streams[names.index(str(doc.home))].append(doc)
    else:
        docs = list(pool.docs)
        if len(docs) < len(names):  # too few documents: one paragraph each
            docs = [_Doc(None, None, (i,)) for d in docs for i in d.paras]
        rng.shuffle(docs)
        for i, doc in enumerate(docs):
            streams[i % len(names)].append(doc)
    return [s or list(pool.docs) for s in streams]


class _Stream:
    """Consecutive paragraphs of a category's documents, in a shuffled order that starts again when it runs out."""

    def __init__(self, docs: list[_Doc], rng: random.Random) -> None:
        self.docs, self.rng = docs, rng
        self.order: list[_Doc] = []
        self.doc = self.at = 0

    def next(self) -> tuple[int, _Doc, bool]:
        """Return the next paragraph, its document and whether it is the document's first."""
        if self.doc >= len(self.order):
            self.order = list(self.docs)
            self.rng.shuffle(self.order)
            self.doc = self.at = 0
        doc = self.order[self.doc]
        para, first = doc.paras[self.at], self.at == 0
        self.at += 1
        if self.at >= len(doc.paras):
            self.doc, self.at = self.doc + 1, 0
        return para, doc, first


_CONSONANTS, _VOWELS = "bcdfghjklmnprstvz", "aeiou"
_PAIRS_CV = tuple(c + v for c in _CONSONANTS for v in _VOWELS)


def _own_name(p: int, j: int, width: int = 3) -> str:
    """Return name ``j`` of paragraph ``p``: no other paragraph's, nor any invented word (they never end in x).

    ``p`` is written in ``width`` letter pairs (the same for all paragraphs, so that names decode one way).
    """
    digits = []
    for value, least in ((p, width), (j, 1)):
        part = []
        while value or len(part) < least:
            value, digit = divmod(value, len(_PAIRS_CV))
            part.append(_PAIRS_CV[digit])
        digits += reversed(part)
    return ("".join(digits) + "x").capitalize()


class _Writer:
    """Writes articles, changing every paragraph copy and adding new words to follow Heaps' law."""

    def __init__(self, pool: _Pool, k: float, beta: float, rng: random.Random) -> None:
        self.pool, self.texts, self.k, self.beta, self.rng = pool, pool.texts, k, beta, rng
        self.copies = [0] * len(pool.texts)
        self.ntokens = [-1] * len(pool.texts)  # -1: not used yet
        self.slots: list[tuple[tuple[int, int], ...] | None] = [None] * len(pool.texts)
        self.names: list[tuple[int, str] | None] = [None] * len(pool.texts)
        self.kinds = [-1] * len(pool.texts)  # -1: not looked at yet
        self.width = max(3, math.ceil(math.log(len(pool.texts) + 1, len(_PAIRS_CV))))
        self.slugs: dict[str, str] = {}
        self.seen: set[str] = set()
        self.tokens = 0
        self.check_at = 0.0  # the next number of tokens at which to compare V with Heaps' law
        self.sites, self.variants = pool.sites, pool.variants
        furniture = TOKEN.findall(" ".join(("ADVERTISEMENT", *_ENDING_LINES)))
        self.furniture = len(furniture)
        self.seen.update(furniture)

    def count(self, text: str) -> None:
        """Count the tokens and forms of text written as it is (titles, counters, sentences added)."""
        found = TOKEN.findall(text)
        self.tokens += len(found)
        self.seen.update(found)

    def paragraph(self, p: int) -> str:
        """Return a copy of paragraph ``p`` that no other copy equals, with as many new words as Heaps' law asks."""
        text = self.texts[p]
        ntokens = self.ntokens[p]
        if ntokens < 0:
            found = TOKEN.findall(text)
            self.seen.update(found)
            ntokens = self.ntokens[p] = len(found)
        copy = self.copies[p]
        self.copies[p] = copy + 1
        variants = self.variants[p]
        if variants > 1:  # copy k: variant k % (variants - 1) + 1 (never the text as it is), and beyond them...
            beyond, code = divmod(copy, variants - 1)
            code += 1
        else:
            beyond, code = copy + 1, 0
        changes: list[tuple[int, int, str]] = []
        for start, end, options in self.sites[p]:  # ... the variant's number in a mixed radix over the sites
            if not code:
                break
            if options is None:
                code, digit = divmod(code, _NUMBER_RADIX)
                if digit:
                    changes.append((start, end, _shift(text[start:end], digit)))
            else:
                code, digit = divmod(code, len(options) + 1)
                if digit:
                    changes.append((start, end, options[digit - 1]))
        self.tokens += ntokens
        ordered = True
        if beyond:  # ... and a name of its own in place of one of its words
            self._beyond_variants(p, beyond, changes)
            ordered = False
        if self.tokens >= self.check_at:
            need = int(self.k * self.tokens**self.beta) - len(self.seen)
            if need > 3:  # a few at a time: fewer calls, and V is never more than 3 behind
                self._new_words(p, changes, need, ntokens)
                ordered = False
            else:  # no need to look before N reaches where K * N**beta is V + 4
                self.check_at = ((len(self.seen) + 4) / self.k) ** (1 / self.beta)
        if not changes:
            return text
        if not ordered:
            changes.sort()
        pieces, at = [], 0
        for start, end, new in changes:
            pieces += [text[at:start], new]
            at = end
        pieces.append(text[at:])
        return "".join(pieces)

    def _beyond_variants(self, p: int, beyond: int, changes: list[tuple[int, int, str]]) -> None:
        """Put the paragraph's own name ``j`` in place of its word ``i``, ``(j, i)`` counted from ``beyond``."""
        slots = self.slots[p]
        if slots is None:  # its first 8 words that a name may replace
            words = (m.span() for m in _SLOT.finditer(self.texts[p]) if m.group() not in _EXCLUDED)
            slots = self.slots[p] = tuple(islice(words, 8))
        if not slots:  # nothing to replace: a number no text has
            changes.append((0, 0, self._fresh_number() + " "))
            return
        j, i = divmod(beyond - 1, len(slots))
        known = self.names[p]
        if known is not None and known[0] == j:
            name = known[1]
        else:
            name, more = _own_name(p, j, self.width), j
            while name in self.pool.vocab:
                more += 1_000_000
                name = _own_name(p, more, self.width)
            self.names[p] = (j, name)
            self.seen.add(name)
        changes.append((*slots[i], name))

    def _fresh_number(self) -> str:
        r, seen, vocab = self.rng.random, self.seen, self.pool.vocab
        new = str(10_000 + int(r() * 990_000))
        while new in seen or new in vocab:
            new = str(10_000 + int(r() * 999_990_000))
        seen.add(new)
        self.tokens += 1
        return new

    def _new_words(self, p: int, changes: list[tuple[int, int, str]], need: int, ntokens: int) -> None:
        """Replace words of paragraph ``p`` (not those changed already) with new ones, ``need`` new forms in all."""
        r, vocab, seen, text = self.rng.random, self.pool.vocab, self.seen, self.texts[p]
        kinds = self.kinds[p]
        if kinds < 0:  # which kinds of words it has: 1 numbers, 2 capitalised, 4 lowercase
            kinds = self.kinds[p] = sum(bit for bit, rx in _KINDS if rx.search(text))
        if not kinds:
            return
        used = {start for start, _, _ in changes}
        added, size = 0, len(text)
        limit = max(1, ntokens // 6)
        for _ in range(limit + 3):
            roll = r()
            if roll < 0.1 and kinds & 1:
                pattern = _NUMBER
            elif (roll < 0.55 and kinds & 2) or not kinds & 4:
                pattern = _CAPITAL if kinds & 2 else _NUMBER
            else:
                pattern = _LOWER
            at = int(r() * size)
            match = pattern.search(text, at) or pattern.search(text)
            if match is None:
                continue
            start, word = match.start(), match.group()
            if start in used or word in _EXCLUDED:
                continue
            if pattern is _NUMBER:
                new = _new_number(r)
                tokens = TOKEN.findall(new)
            else:
                new = _new_word(word, pattern is _CAPITAL, r)
                tokens = new.split()
            forms = [f for f in tokens if f not in vocab and f not in seen]
            if not forms:
                continue
            used.add(start)
            seen.update(forms)
            added += len(forms)
            self.tokens += len(tokens) - 1
            changes.append((start, start + len(word), new))
            if added >= need or added >= limit:
                break

    def article(self, stream: _Stream, size: int, year: int) -> tuple[str, str]:
        """Return the slug of the title and the text of one article of about ``size`` bytes."""
        rng = self.rng
        paragraphs: list[str] = []
        title = None
        length = 120
        while length < size or not paragraphs:
            p, doc, first = stream.next()
            if title is None:
                title = doc.title if first and doc.title else _title(self.pool.texts[p])
            paragraphs.append(self.paragraph(p))
            length += len(paragraphs[-1]) + 2
        assert title is not None
        if rng.random() < 0.4:
            sentence = _feature(rng, year)
            self.count(sentence)
            where = rng.randrange(len(paragraphs))
            paragraphs[where] = f"{paragraphs[where]} {sentence}"
        counter = _COUNTERS[int(rng.random() * len(_COUNTERS))]
        self.count(f"{title} {counter}")
        self.tokens += self.furniture
        cut = 1 + int(rng.random() * max(1, min(3, len(paragraphs) - 1)))
        lines = [title, counter, *paragraphs[:cut], "ADVERTISEMENT", *paragraphs[cut:], *_ENDING_LINES]
        text = "\n\n".join(lines) + "\n"
        if rng.random() < 0.5:
            text = _curl(text)
        slug = self.slugs.get(title)
        if slug is None:
            slug = self.slugs[title] = _slug(title)
        return slug, text


_WRITE_FILES = """
import os, sys
os.chdir(sys.argv[1])
stream = sys.stdin.buffer
while header := stream.readline():
    path, size = header.decode("ascii").rstrip("\\n").rsplit("\\t", 1)
    with open(path, "wb") as f:
        f.write(stream.read(int(size)))
"""


class _Files:
    """Write files in a process of its own, so that the disk's waits overlap the making of the next articles.

    A file goes down a pipe as a line ``PATH\\tSIZE`` and its bytes; the process writes it under ``folder``.
    """

    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WRITE_FILES, str(folder)], stdin=subprocess.PIPE, bufsize=1 << 20
        )
        assert self.process.stdin is not None
        self.pipe = self.process.stdin
        with contextlib.suppress(ImportError, AttributeError, OSError):  # a pipe of 1 MB (Linux): fewer waits
            import fcntl

            fcntl.fcntl(self.pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)

    def write(self, path: str, data: bytes) -> None:
        """Send one file: ``path`` (ASCII, no tab or newline) relative to the folder."""
        self.pipe.write(b"%s\t%d\n%s" % (path.encode("ascii"), len(data), data))

    def __enter__(self) -> _Files:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.pipe.close()
        finally:
            code = self.process.wait()
        if code and exc[0] is None:
            raise OSError(f"the process writing the files stopped with exit code {code}")


def _behind(shares: list[float], done: list[int], total: int) -> int:
    """Return the category furthest behind its share of ``total`` articles (the first of equals)."""
    gaps = [share * total - n for share, n in zip(shares, done, strict=True)]
    return gaps.index(max(gaps))


def _write(
    out: Path, megabytes: float, articles: int | None, names: list[str], seed: int, k: float, beta: float
) -> None:
    rng = random.Random(seed)
    pool = _pool()
    streams = [_Stream(docs, rng) for docs in _deal(pool, names, rng)]
    weights = [sum(len(pool.texts[p]) for d in docs for p in d.paras) for docs in (s.docs for s in streams)]
    shares = [w / sum(weights) for w in weights]
    total = int(megabytes * 1e6)
    count = articles if articles is not None else max(1, round(total / _AVERAGE_ARTICLE))
    writer = _Writer(pool, k, beta, rng)
    for name in names:
        os.makedirs(os.path.join(out, name))
    done = [0] * len(names)
    written = 0
    with _Files(out) as files:
        for i in range(count):
            c = i if i < len(names) else _behind(shares, done, i + 1)
            done[c] += 1
            mean = (total - written) / (count - i)
            size = int(mean * (0.45 + 1.1 * rng.random())) if i < count - 1 else int(mean)
            year, month = 2015 + int(rng.random() * 10), 1 + int(rng.random() * 12)
            slug, text = writer.article(streams[c], size, year)
            data = text.encode("utf-8")
            files.write(f"{names[c]}/{year}-{month:02d}-{slug}-{i}.txt", data)
            written += len(data)


def _marker(folder: Path, megabytes: float, articles: int | None, categories: int, seed: int) -> tuple[Path, str]:
    """Return the file that marks ``folder`` finished (beside it: the folder holds articles only) and its text."""
    k, beta = heaps_target()
    args = f"{_VERSION} megabytes={megabytes} articles={articles} categories={categories} seed={seed}"
    return folder.parent / f".{folder.name}.complete", f"{args} source={_pool().source} K={k:.6g} beta={beta:.6g}\n"


def build_news(
    folder: str | Path, megabytes: float, *, articles: int | None = None, categories: int = 5, seed: int = 0
) -> Path:
    """Write a folder of scraped-news articles of about ``megabytes`` MB whose vocabulary follows Heaps' law.

    Articles go to ``folder/<category>/<year>-<month>-<slug>-<n>.txt``: a title, a share counter, paragraphs
    of real news and speeches (each copy changed, with new words as Heaps' law asks), "ADVERTISEMENT" and the
    comment form. The same arguments write the same bytes; a finished folder is reused.

    Parameters
    ----------
    folder : str or pathlib.Path
        Where to write. A finished folder, marked by a ``.NAME.complete`` file beside it holding the arguments, is
        reused when they match; otherwise it is built again (in a temporary sibling, then renamed).
    megabytes : float
        Size of the text, in millions of bytes.
    articles : int, optional
        How many articles; by default one per 2.5 KB (5 MB: 2,000 articles, as in the BBC news dataset).
    categories : int, default=5
        How many category folders: business, entertainment, politics, sport, tech, then world, health, ...
    seed : int, default=0
        Seed of every choice.

    Returns
    -------
    pathlib.Path
        The folder.

    Examples
    --------
    >>> import tempfile
    >>> folder = build_news(Path(tempfile.mkdtemp()) / "news", 0.1, articles=20, categories=3)
    >>> sorted(p.name for p in folder.iterdir())
    ['business', 'entertainment', 'politics']
    >>> len(list(folder.rglob("*.txt")))
    20
    >>> 90_000 < sum(p.stat().st_size for p in folder.rglob("*.txt")) < 115_000
    True
    """
    if megabytes <= 0 or categories < 1 or (articles is not None and articles < 1):
        raise ValueError("megabytes must be positive, categories and articles 1 or more")
    folder = Path(folder)
    pool = _pool()
    if pool.source == "corpus/":
        warnings.warn("NLTK data not found: building news from the project's corpus/ only", UserWarning, stacklevel=2)
    k, beta = heaps_target()
    mark, args = _marker(folder, megabytes, articles, categories, seed)
    if folder.is_dir() and mark.is_file() and mark.read_text() == args:
        return folder
    mark.unlink(missing_ok=True)
    building = folder.parent / f".{folder.name}.building"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    _write(building, megabytes, articles, _category_names(categories), seed, k, beta)
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)
    mark.write_text(args)
    return folder


def corpus_stats(folder: str | Path) -> dict[str, int]:
    """Count the files, bytes, tokens and distinct terms (case kept, :data:`TOKEN`) of a folder of ``.txt`` files.

    Parameters
    ----------
    folder : str or pathlib.Path
        The folder, read recursively.

    Returns
    -------
    dict of str to int
        ``files``, ``bytes``, ``tokens`` and ``terms``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("It's a test, a real test: 4,312 words.")
    >>> corpus_stats(folder)
    {'files': 1, 'bytes': 38, 'tokens': 9, 'terms': 7}
    """
    files = size = tokens = 0
    terms: set[bytes] = set()
    for path in sorted(Path(folder).rglob("*.txt")):
        data = path.read_bytes()
        found = _TOKEN_BYTES.findall(data)
        files, size, tokens = files + 1, size + len(data), tokens + len(found)
        terms.update(found)
    return {"files": files, "bytes": size, "tokens": tokens, "terms": len(terms)}


def main(argv: Sequence[str] | None = None) -> int:
    """Build a news corpus, then print its size, speed, statistics and the Heaps fits it follows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write")
    parser.add_argument("--mb", type=float, default=5.0, help="size in millions of bytes (default 5)")
    parser.add_argument("--articles", type=int, default=None, help="number of articles (default: one per 2.5 KB)")
    parser.add_argument("--categories", type=int, default=5, help="number of category folders (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    clock = time.perf_counter()
    fits = heaps_of_nltk()
    _pool()
    ready = time.perf_counter()
    mark, marked = _marker(args.out, args.mb, args.articles, args.categories, args.seed)
    reused = args.out.is_dir() and mark.is_file() and mark.read_text() == marked
    folder = build_news(args.out, args.mb, articles=args.articles, categories=args.categories, seed=args.seed)
    built = time.perf_counter()
    stats = corpus_stats(folder)
    print(f"source text read and Heaps' law fitted in {ready - clock:.1f} s; source: {_pool().source}")
    if reused:
        print(f"{folder}: reused (built before with the same arguments)")
    else:
        print(f"{folder}: built in {built - ready:.2f} s, {stats['bytes'] / 1e6 / max(built - ready, 1e-9):.1f} MB/s")
    print(", ".join(f"{key} {value:,}" for key, value in stats.items()))
    for name, (k, beta, tokens, forms) in fits.items():
        print(f"Heaps {name:<12} K={k:7.3f} beta={beta:.4f} ({tokens:,} tokens, {forms:,} forms)")
    k, beta = heaps_target()
    expected = k * stats["tokens"] ** beta
    print(f"distinct terms {stats['terms']:,} against K*N^beta {expected:,.0f} ({stats['terms'] / expected:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
