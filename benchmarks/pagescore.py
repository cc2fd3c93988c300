"""Score HTML article extraction on the gold pages: ``python benchmarks/pagescore.py``.

The scoring is that of the article-extraction benchmark
(https://github.com/scrapinghub/article-extraction-benchmark, ``evaluate.py``,
functions ``string_shingle_matching``, ``metrics_from_tp_fp_fns``,
``precision_score`` and ``recall_score``), re-implemented here so that the
toolkit's gold set is scored on the same scale as the published figures.

Notes
-----
**Words.** A word is a match of the regular expression ``\\w+`` (Unicode word
characters), case kept: the benchmark compiles it with ``re.IGNORECASE``, which
changes nothing for ``\\w``, and never lowercases. Punctuation and whitespace
only separate words, so line breaks, paragraph breaks and curly or straight
quotes do not change a score.

**Shingles.** The shingles of a text are its runs of ``n = 4`` consecutive
words, counted as a multiset. A text of fewer than ``n`` words (but at least
one) has one shorter shingle, all of its words; a text without words has none.

**One page.** For each distinct shingle, ``tp`` adds the smaller of its counts
in the expected and the extracted text, ``fp`` what the extraction has in
excess, ``fn`` what it lacks. The three counts are then divided by their sum,
so that every page weighs the same whatever its length. When neither text has
a shingle the counts stay ``(0, 0, 0)``.

**The set.** Precision is the *mean of the per-page precisions*, taken over
the pages whose ``tp + fp > 0`` (something was extracted); recall is the mean
of the per-page recalls over the pages whose ``tp + fn > 0`` (something was
expected); F1 is the harmonic mean of those two means. A page's precision
(recall) is 1 when ``fp == fn == 0``, 0 when ``tp == fp == 0``
(``tp == fn == 0``), and ``tp / (tp + fp)`` (``tp / (tp + fn)``) otherwise.
Hence the edge cases: a page where both texts are empty counts in neither
mean; an empty extraction of a non-empty body counts as recall 0 and is left
out of precision; a non-empty extraction where nothing was expected counts as
precision 0 and is left out of recall. (Dividing the *averaged* normalised
``tp``, ``fp``, ``fn`` instead, as one might read the benchmark's README, gives
a slightly different figure; this module follows the code.)
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from toolkit.paths import PROJECT_ROOT

#: The gold pages: ``NAME.html`` with ``NAME.txt`` (the body) and ``NAME.json`` (the metadata).
GOLD_DIR = PROJECT_ROOT / "tests" / "fixtures" / "pages" / "gold"

_WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    """Split a text into the benchmark's words: runs of ``\\w`` characters, case kept.

    Parameters
    ----------
    text : str or None
        Any text; ``None`` counts as empty.

    Returns
    -------
    list of str
        The words in order.

    Examples
    --------
    >>> words("Don’t panic — it’s 9:30, São Paulo.")
    ['Don', 't', 'panic', 'it', 's', '9', '30', 'São', 'Paulo']
    """
    return _WORD.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Count the word ``n``-gram shingles of a text.

    Parameters
    ----------
    text : str or None
        Any text; ``None`` counts as empty.
    n : int, default=4
        Words per shingle.

    Returns
    -------
    collections.Counter
        Shingle (a tuple of words) to its number of occurrences. A text of
        fewer than ``n`` words has one shingle of all its words; a text
        without words has none.

    Examples
    --------
    >>> sorted(shingles("the cat sat on the mat", n=4).items())
    [(('cat', 'sat', 'on', 'the'), 1), (('sat', 'on', 'the', 'mat'), 1), (('the', 'cat', 'sat', 'on'), 1)]
    >>> shingles("Hello, world")
    Counter({('Hello', 'world'): 1})
    >>> shingles("  -- ")
    Counter()
    """
    if n < 1:
        raise ValueError(f"expected a shingle length n >= 1; got {n}")
    tokens = words(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(expected: str | None, extracted: str | None, *, n: int = 4) -> tuple[float, float, float]:
    """Return a page's true positives, false positives and false negatives, normalised to sum 1.

    Parameters
    ----------
    expected : str or None
        The gold body of the page.
    extracted : str or None
        What the extractor returned; ``None`` (nothing extracted) counts as empty.
    n : int, default=4
        Words per shingle.

    Returns
    -------
    tp, fp, fn : float
        Shingle counts divided by their sum; ``(0.0, 0.0, 0.0)`` when neither
        text has a word.

    Examples
    --------
    Four expected words make one shingle; the extraction adds one word, so it
    has that shingle and one more: ``tp = 1``, ``fp = 1``, ``fn = 0``, over 2.

    >>> page_counts("one two three four", "one two three four five")
    (0.5, 0.5, 0.0)
    >>> page_counts("", None)
    (0.0, 0.0, 0.0)
    >>> page_counts("Body text here.", "")
    (0.0, 0.0, 1.0)
    """
    truth, predicted = shingles(expected, n), shingles(extracted, n)
    tp = float(sum((truth & predicted).values()))
    fp = float(sum((predicted - truth).values()))
    fn = float(sum((truth - predicted).values()))
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision(tp: float, fp: float, fn: float) -> float:
    """Return one page's precision as the benchmark defines it, edge cases included.

    Examples
    --------
    >>> page_precision(1.0, 0.0, 0.0), page_precision(0.0, 0.0, 1.0), page_precision(0.25, 0.25, 0.5)
    (1.0, 0.0, 0.5)
    """
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    """Return one page's recall as the benchmark defines it, edge cases included.

    Examples
    --------
    >>> page_recall(1.0, 0.0, 0.0), page_recall(0.0, 1.0, 0.0), page_recall(0.25, 0.5, 0.25)
    (1.0, 0.0, 0.5)
    """
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


class Score(NamedTuple):
    """Scores over a set of pages.

    Attributes
    ----------
    precision : float
        Mean per-page precision over the pages where something was extracted
        (``nan`` if there is none).
    recall : float
        Mean per-page recall over the pages where something was expected
        (``nan`` if there is none).
    f1 : float
        ``2 * precision * recall / (precision + recall)``; 0 when both are 0,
        ``nan`` when either is ``nan``.
    pages : int
        Pages scored, including those counted in neither mean.
    """

    precision: float
    recall: float
    f1: float
    pages: int


def score_counts(counts: Iterable[tuple[float, float, float]]) -> Score:
    """Combine per-page ``(tp, fp, fn)`` from :func:`page_counts` into one :class:`Score`.

    Examples
    --------
    Page 1 has precision 1, recall 0.5; page 2 precision 0.5, recall 1; page 3
    extracted nothing (recall 0, no precision). Precision ``(1 + 0.5) / 2``,
    recall ``(0.5 + 1 + 0) / 3``.

    >>> score_counts([(0.5, 0.0, 0.5), (0.5, 0.5, 0.0), (0.0, 0.0, 1.0)])
    Score(precision=0.75, recall=0.5, f1=0.6, pages=3)
    """
    counts = list(counts)
    precisions = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else math.nan
    recall = statistics.mean(recalls) if recalls else math.nan
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return Score(precision, recall, f1, len(counts))


def score(pairs: Iterable[tuple[str | None, str | None]], *, n: int = 4) -> Score:
    """Score ``(expected, extracted)`` text pairs as the article-extraction benchmark does.

    Parameters
    ----------
    pairs : iterable of (str, str or None)
        One pair a page: the gold body, then the extraction (``None`` when the
        extractor returned nothing).
    n : int, default=4
        Words per shingle.

    Returns
    -------
    Score
        ``precision, recall, f1, pages``, see :class:`Score`.

    Examples
    --------
    A perfect page, and a page whose extraction has one shingle of two that
    it should have plus two of boilerplate (tp 1, fp 2, fn 1, out of 4).

    >>> score([("a b c d", "a b c d"), ("a b c d e", "a b c d x y")])
    Score(precision=0.6666666666666666, recall=0.75, f1=0.7058823529411765, pages=2)
    """
    return score_counts(page_counts(expected, extracted, n=n) for expected, extracted in pairs)


@dataclass(frozen=True)
class GoldPage:
    """One gold page: the HTML as bytes (legacy encodings kept), its body and its metadata."""

    name: str
    html: bytes
    body: str
    meta: dict[str, str]


def load_gold(folder: Path = GOLD_DIR) -> list[GoldPage]:
    """Read the gold pages of ``folder``: each ``NAME.html`` with ``NAME.txt`` and ``NAME.json`` beside it.

    Parameters
    ----------
    folder : pathlib.Path, default=GOLD_DIR
        The gold folder, ``tests/fixtures/pages/gold``.

    Returns
    -------
    list of GoldPage
        In name order. The HTML stays bytes: the extractor decodes it.
    """
    pages = []
    for html in sorted(folder.glob("*.html")):
        body, meta = html.with_suffix(".txt"), html.with_suffix(".json")
        if not body.is_file() or not meta.is_file():
            raise FileNotFoundError(f"{html.name}: expected {body.name} and {meta.name} beside it")
        pages.append(
            GoldPage(
                html.stem,
                html.read_bytes(),
                body.read_text(encoding="utf-8"),
                json.loads(meta.read_text(encoding="utf-8")),
            )
        )
    return pages


def extract_default(html: bytes) -> str | None:
    """Trafilatura's defaults, comments left out (``include_comments=False``)."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False)


def extract_precision(html: bytes) -> str | None:
    """Trafilatura's precision mode (``favor_precision=True``), comments left out."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False, favor_precision=True)


def extract_precision_cleaned(html: bytes) -> str | None:
    """Trafilatura's precision mode, then the toolkit's boilerplate rules (``cleaning.clean_text``)."""
    from toolkit.corpus.cleaning import clean_text

    text = extract_precision(html)
    return None if text is None else clean_text(text)[0]


def extract_toolkit(html: bytes) -> str | None:
    """Extract as the toolkit counts a page: :func:`toolkit.corpus.pages.extract_page`, then its cleaning rules."""
    from toolkit.corpus.cleaning import clean_text
    from toolkit.corpus.pages import extract_page

    page = extract_page(html)
    return None if page.skipped else clean_text(page.text)[0]


#: The extractors compared by ``python benchmarks/pagescore.py``, by name.
EXTRACTORS: dict[str, Callable[[bytes], str | None]] = {
    "trafilatura": extract_default,
    "trafilatura-precision": extract_precision,
    "trafilatura-precision+cleaning": extract_precision_cleaned,
    "toolkit": extract_toolkit,
}


def score_extractor(extract: Callable[[bytes], str | None], pages: Sequence[GoldPage]) -> Score:
    """Run ``extract`` on every gold page and score it against the gold bodies."""
    return score((page.body, extract(page.html)) for page in pages)


def main(argv: Sequence[str] | None = None) -> int:
    """Print precision, recall and F1 of each extractor on the gold pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of NAME.html, NAME.txt, NAME.json")
    args = parser.parse_args(argv)
    pages = load_gold(args.gold)
    for name, extract in EXTRACTORS.items():
        result = score_extractor(extract, pages)
        print(
            f"{name:<32} precision={result.precision:.3f}  recall={result.recall:.3f}  "
            f"F1={result.f1:.3f}  pages={result.pages}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
