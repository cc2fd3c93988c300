"""Keyness: which terms are typical of a target compared with a reference.

The reference is the rest of the corpus (``by``/``target``), another group of
``by``, another corpus, or general English (``reference="english"``). Every
number comes from one call of :mod:`toolkit.stats` on the term's 2x2 table;
:func:`toolkit.analysis.explain` shows it.

Reproducing other tools
-----------------------
- UCREL log-likelihood wizard, Wmatrix: ``form="two-term"`` (the default).
- quanteda ``textstat_keyness(measure = "lr")``: ``form="four-term",
  williams=True`` (its default correction); ``correction="none"`` in quanteda
  is ``williams=False``. quanteda's ``measure = "chi2"`` default is Pearson's
  chi-squared with Yates' correction: see :func:`toolkit.stats.chi_squared`.
- Dunning (1993), NLTK's ``likelihood_ratio``, polmineR >= 0.7.11:
  ``form="four-term"``.
Sizes: ``c`` and ``d`` count every token of each side after punctuation is
dropped; stopwords are removed from the *listing* only, so they never change
the sizes (as AntConc's stoplist does).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit import stats
from toolkit.analysis.dispersion import document_matrix, dp_from_matrix
from toolkit.analysis.english import LEFT_OUT_COLUMNS, english_reference
from toolkit.corpus.document import CorpusError, Document
from toolkit.corpus.loading import load_corpus
from toolkit.counting.local import document_counts_by_group
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline, listing_options

#: Notional size of the general-English reference: wordfreq gives proportions, not counts.
ENGLISH_SIZE = 1_000_000_000

KEYNESS_COLUMNS = [
    "term",
    "n_target",
    "n_reference",
    "g2",
    "p_value",
    "log_ratio",
    "percent_diff",
    "per_million_target",
    "per_million_reference",
    "docs_target",
    "docs_reference",
    "dp_target",
    "dp_reference",
]
#: The columns a report shows (the full table is in the CSV): one screen wide.
KEYNESS_SHOWN = [
    "term",
    "n_target",
    "n_reference",
    "per_million_target",
    "per_million_reference",
    "log_ratio",
    "g2",
    "p_value",
    "dp_target",
]


def _side_counts(docs: list[Counter[str]]) -> tuple[Counter[str], int]:
    total: Counter[str] = Counter()
    for counts in docs:
        total.update(counts)
    return total, sum(total.values())


def _doc_counters(source: Any, pipeline: Pipeline, *, by: str | None = None) -> list[tuple[str, Counter[str]]]:
    return list(document_counts_by_group(source, by, pipeline))


#: What ``keyness(reference=...)`` takes, for error messages.
REFERENCE_FORMS = (
    "None (the rest of the corpus: give by= and target=), 'english' (general English), a corpus table, "
    "a path or 'nltk:NAME' (a corpus to load), or, with by=, a value of by (the target group against that group)"
)


def _load_reference(reference: Any, hint: str) -> pd.DataFrame:
    """Load a reference corpus given as a path, an NLTK name or an NLTK corpus reader."""
    if not isinstance(reference, (str, os.PathLike)) and not hasattr(reference, "fileids"):
        raise ValueError(f"reference={reference!r} is not one of: {REFERENCE_FORMS}{hint}")
    try:
        return load_corpus(reference)
    except CorpusError as err:
        raise ValueError(f"reference={reference!r}: {err}. A reference is one of: {REFERENCE_FORMS}{hint}") from err


def _sides(
    corpus: pd.DataFrame | Iterable[Document], pipeline: Pipeline, by: str | None, target: Any, reference: Any
) -> tuple[list[Counter[str]], list[Counter[str]], str]:
    """Return the target's and the reference's document counts, and the comparison in words."""
    if reference is None and (by is None or target is None):
        raise ValueError("give by= and target= (the rest of the corpus is the reference), or a reference")
    docs = _doc_counters(corpus, pipeline, by=by)
    values = sorted({g for g, _ in docs}) if by is not None else []

    def group(value: Any) -> list[Counter[str]]:
        return [c for g, c in docs if g == str(value)]

    if by is not None and target is not None and str(target) not in values:
        raise ValueError(f"no document has {by} = {target!r}; values are {values}")
    in_target = group(target) if by is not None and target is not None else [c for _, c in docs]
    if reference is None:
        rest = [c for g, c in docs if g != str(target)]
        if not rest:
            raise ValueError(f"every document has {by} = {target!r}: nothing to compare with")
        return in_target, rest, f"{by} = {target} vs the rest"
    if isinstance(reference, pd.DataFrame):
        return in_target, [c for _, c in _doc_counters(reference, pipeline)], "target vs reference corpus"
    if isinstance(reference, str) and reference == "english":  # even when a group of by is called "english"
        return in_target, [], "target vs general English (wordfreq)"
    if by is not None and not isinstance(reference, os.PathLike) and str(reference) in values:
        if target is None:
            raise ValueError(f"reference={reference!r} is a value of {by}: give target= (the group to compare)")
        if str(reference) == str(target):
            raise ValueError(f"target and reference are the same group ({by} = {target!r})")
        return in_target, group(reference), f"{by} = {target} vs {by} = {reference}"
    hint = f"; the values of {by} are {values[:30]}{' ...' if len(values) > 30 else ''}" if by is not None else ""
    other = _load_reference(reference, hint)
    return in_target, [c for _, c in _doc_counters(other, pipeline)], "target vs reference corpus"


def keyness(
    corpus: pd.DataFrame | Iterable[Document],
    *,
    by: str | None = None,
    target: Any = None,
    reference: pd.DataFrame | str | Any = None,
    form: Literal["two-term", "four-term"] = "two-term",
    williams: bool = False,
    correction: Literal["none", "bonferroni"] = "none",
    min_count: int = 1,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Compare term frequencies in a target with a reference.

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus (or the target corpus when ``reference`` is another corpus).
    by : str or None, default=None
        Metadata field whose value ``target`` selects the target documents
        (keyword-only; ``None``: the whole corpus is the target).
    target : any, default=None
        The value of ``by`` of the target documents.
    reference : None, "english", pandas.DataFrame, path, "nltk:NAME" or a value of ``by``
        What the target is compared with. ``None``: the rest of the corpus
        (the documents not in ``target``; needs ``by`` and ``target``);
        ``"english"``: general English from wordfreq (see
        :func:`~toolkit.analysis.english.english_frequencies`), scaled to a
        notional :data:`ENGLISH_SIZE` tokens, listing only the target's terms
        that wordfreq reads as the same single word (the others, such as
        ``-and`` or numbers, are left out: :func:`left_out_terms`); a corpus
        table; a path or ``"nltk:NAME"``, loaded with
        :func:`~toolkit.load_corpus` (an NLTK corpus reader too); or, when
        ``by`` is given, a value of ``by``: the target group against that
        group (a value of ``by`` wins over a file of the same name;
        ``"english"`` is always general English: for a group of that name,
        pass its table). Anything else is an error that lists these forms.
    form : {"two-term", "four-term"}, default="two-term"
        G2 variant, see :func:`toolkit.stats.log_likelihood`.
    williams : bool, default=False
        Divide G2 by Williams' correction (quanteda's default for "lr").
    correction : {"none", "bonferroni"}, default="none"
        Adjust p-values for the number of terms tested.
    min_count : int, default=1
        Keep terms seen at least this often in target and reference together.
    options : TokenOptions or None
        Tokenisation; stopwords (on by default) are left out of the listing
        but counted in the sizes.

    Returns
    -------
    pandas.DataFrame
        ``term, n_target, n_reference, g2, p_value, log_ratio, percent_diff,
        per_million_target, per_million_reference, docs_target,
        docs_reference, dp_target, dp_reference``. ``g2`` is signed: negative
        when the term is relatively more frequent in the reference. Sorted by
        ``g2`` descending (strongest target keywords first, strongest
        reference keywords last), then by term. ``dp_*`` is Gries's DP over the
        documents of each side (missing for a side without the term, or of
        one document). ``attrs`` holds the sizes and settings; ``english``
        says whether the reference is general English, and ``left_out`` the
        terms then not compared (:func:`left_out_terms`).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "side": ["x", "y", "y"],
    ...     "text": ["war war war peace", "peace talks peace", "peace and trade"]})
    >>> keyness(corpus, by="side", target="x")[["term", "n_target", "n_reference", "g2"]].round(3)
        term  n_target  n_reference     g2
    0    war         3            0  5.498
    1  peace         1            3 -0.399
    2  talks         0            1 -1.022
    3  trade         0            1 -1.022
    >>> keyness(corpus, by="side", target="y", reference="x").attrs["comparison"]
    'side = y vs side = x'
    """
    pipeline, stopwords = listing_options(options, token_changes)
    target_docs, reference_docs, described = _sides(corpus, pipeline, by, target, reference)
    target_total, c = _side_counts(target_docs)
    if reference_docs:
        reference_total, d = _side_counts(reference_docs)
        terms = sorted(set(target_total) | set(reference_total))
        terms = [t for t in terms if target_total[t] + reference_total[t] >= min_count and t.lower() not in stopwords]
        left_out = SharedRows()  # a corpus reference compares every term
    else:  # English frequencies are estimates, not counts: the minimum applies to the target
        listed = {t: n for t, n in sorted(target_total.items()) if n >= min_count and t.lower() not in stopwords}
        english, left_out_table = english_reference(listed, pipeline.options.tokenizer)
        left_out = SharedRows(tuple(row) for row in left_out_table.itertuples(index=False))
        terms = sorted(english)
        reference_total = Counter({t: round(f * ENGLISH_SIZE) for t, f in english.items()})
        d = ENGLISH_SIZE
    if not c or not d:
        raise ValueError(f"no tokens to compare (target {c}, reference {d})")
    a = np.array([target_total[t] for t in terms], dtype=float)
    b = np.array([reference_total[t] for t in terms], dtype=float)
    g2 = np.asarray(stats.log_likelihood(a, b, c, d, form=form), dtype=float)
    if williams:
        g2 = g2 / np.asarray(stats.williams_correction(a, b, c, d))
    sign = np.where(a / c >= b / d, 1.0, -1.0)
    p = np.asarray(stats.p_value(g2), dtype=float)
    if correction == "bonferroni":
        p = np.asarray(stats.bonferroni(p, len(terms)))
    elif correction != "none":
        raise ValueError(f"correction must be 'none' or 'bonferroni', got {correction!r}")
    table = pd.DataFrame(
        {
            "term": terms,
            "n_target": a.astype(int),
            "n_reference": b.astype(int),
            "g2": sign * g2,
            "p_value": p,
            "log_ratio": stats.log_ratio(a, b, c, d),
            "percent_diff": stats.percent_diff(a, b, c, d),
            "per_million_target": a / c * 1e6,
            "per_million_reference": b / d * 1e6,
        }
    )
    for side, side_docs in (("target", target_docs), ("reference", reference_docs)):
        if side_docs:
            matrix, sizes = document_matrix(side_docs, terms)
            docs = np.asarray((matrix > 0).sum(axis=0)).ravel()
            table[f"docs_{side}"] = docs
            dp = dp_from_matrix(matrix, sizes) if len(side_docs) > 1 else np.full(len(terms), np.nan)
            table[f"dp_{side}"] = np.where(docs > 0, dp, np.nan)  # a term absent from a side has no spread there
        else:
            table[f"docs_{side}"] = pd.array([pd.NA] * len(terms), dtype="Int64")
            table[f"dp_{side}"] = np.nan
    table = table[KEYNESS_COLUMNS].sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    table = table.reset_index(drop=True)
    table.attrs.update(
        kind="keyness",
        target_size=c,
        reference_size=d,
        form=form,
        williams=williams,
        correction=correction,
        tests=len(terms),
        comparison=described,
        english=not reference_docs,
        settings=pipeline.describe(),
        left_out=left_out,
    )
    return table


class SharedRows(tuple):
    """Rows a table carries in ``attrs``: immutable, so every copy of the table shares them.

    pandas deep-copies ``attrs`` on every operation (a column selection, a
    slice, ``head``); a list of 7,000 left-out rows then cost 40 ms each time,
    and over a second to display 15 rows of a keyness table.

    Examples
    --------
    >>> rows = SharedRows([("-and", 3, "and", "wordfreq reads other words")])
    >>> import copy
    >>> copy.deepcopy(rows) is rows, rows == (("-and", 3, "and", "wordfreq reads other words"),)
    (True, True)
    """

    __slots__ = ()

    def __deepcopy__(self, memo: dict[int, Any]) -> SharedRows:
        return self


def left_out_terms(table: pd.DataFrame) -> pd.DataFrame:
    """Return the terms a keyness table against general English left out, and why.

    A term is compared with general English only where wordfreq reads it as
    that same single word (:func:`toolkit.analysis.english.same_word`); the
    others are listed here. Tables against a corpus leave nothing out.

    Returns
    -------
    pandas.DataFrame
        ``term, n_target, wordfreq_reads, reason``, most frequent first.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Talks -- and/or so-and-so talks, 2024."]})
    >>> left_out_terms(keyness(corpus, reference="english", tokenizer="regexp"))
            term  n_target wordfreq_reads                             reason
    0       2024         1           2024  a number (wordfreq pools numbers)
    1  so-and-so         1      so and so         wordfreq reads other words
    """
    return pd.DataFrame(list(table.attrs.get("left_out", [])), columns=LEFT_OUT_COLUMNS)
