"""What the report notebooks call, so that notebooks hold no logic of their own.

Notebooks stay thin: every step is one call here, in the analyses or in
:mod:`toolkit.views.display` (tables and prose shown safely).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.corpus.loading import load_corpus
from toolkit.deprecation import renamed_keywords
from toolkit.paths import CORPUS_DIR, resolve
from toolkit.tables import save_table
from toolkit.tokens.options import TokenOptions

#: Where the report runner asks notebooks to save their result tables.
RESULTS_ENV = "TOOLKIT_RESULTS_DIR"


@renamed_keywords(pattern="name_template")
def open_corpus(corpus: str = "", *, name_template: str = "", extraction: str = "", **kwargs: Any) -> pd.DataFrame:
    """Load the corpus a notebook parameter names; empty means the project's ``corpus/``.

    Relative paths are taken from the current directory of the process that
    started the kernel (the shell's), never from the notebook's folder; an NLTK
    corpus is named ``nltk:NAME``.

    Parameters
    ----------
    corpus : str, default=""
        A folder, a ``.csv`` or ``.jsonl`` file, or ``nltk:NAME``.
    name_template : str, default=""
        Fields taken from file names, such as ``"{year}-{president}"`` (empty: none).
        ``pattern=`` is its old name (deprecated).
    extraction : str, default=""
        How web pages (HTML, WARC, RSS/Atom) are turned into text, such as
        ``"recall,comments"`` (see :class:`~toolkit.corpus.pages.PageOptions`;
        empty: the default, precision without comments, with tables).
    **kwargs
        Passed to :func:`~toolkit.corpus.loading.load_corpus` (``title=``, ``text_column=``, ...).

    Returns
    -------
    pandas.DataFrame
        One row per document: ``doc_id``, ``text`` and the metadata fields.

    Examples
    --------
    >>> open_corpus("")["doc_id"].iloc[0]
    '000_4fd4d0f392c92bd9.txt'
    >>> list(open_corpus("", title=False).columns)
    ['doc_id', 'text']
    """
    source: Any = corpus or CORPUS_DIR
    if isinstance(source, str) and not source.startswith("nltk:"):
        source = resolve(source)
    return load_corpus(source, name_template=name_template or None, extraction=extraction or None, **kwargs)


def save_result(table: pd.DataFrame, name: str, results_dir: str = "") -> Path | None:
    """Save a result table as ``<name>.csv`` for the report's tables and workbook.

    ``results_dir`` (the notebook parameter) or else ``$TOOLKIT_RESULTS_DIR``
    names the folder; with neither, nothing is written (interactive use).
    Cells that a spreadsheet would run as formulas are made inert.

    Examples
    --------
    >>> save_result(pd.DataFrame({"n": [1]}), "counts") is None
    True
    """
    folder = results_dir or os.environ.get(RESULTS_ENV, "")
    if not folder:
        return None
    if not name.isidentifier():
        raise ValueError(f"result name must be a plain identifier, got {name!r}")
    return save_table(table, Path(folder) / f"{name}.csv")


def has_groups(corpus: pd.DataFrame, by: str) -> str:
    """Return why ``by`` cannot group this corpus, or an empty string when it can.

    Examples
    --------
    >>> has_groups(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), "year")
    "the corpus has no field 'year' (fields: none)"
    """
    fields = [c for c in corpus.columns if c not in ("doc_id", "text")]
    if not by:
        return "no grouping field was given"
    if by not in corpus.columns:
        return f"the corpus has no field {by!r} (fields: {', '.join(fields) or 'none'})"
    values = corpus[by].dropna().astype(str).unique()
    if len(values) < 2:
        return f"the field {by!r} has {len(values)} distinct value(s); comparing needs two or more"
    return ""


#: Most distinct values a field may have to be followed as a trend (years excepted): more is an identifier.
TREND_VALUES = 50


def choose_trend_field(corpus: pd.DataFrame, by: str = "", parts: int = 10) -> tuple[str | None, str]:
    """Pick the field a trend follows: ``by`` when it groups the corpus, else ``year``, else another field, else parts.

    A field qualifies when it has two or more values (and at most
    :data:`TREND_VALUES`, except ``year``); ``title`` never does. With no
    such field the corpus is cut into ``parts`` equal parts in file order,
    as Voyant's trends do.

    Returns
    -------
    by : str or None
        The field for :func:`~toolkit.analysis.trends.trends` (``None``: equal parts).
    sentence : str
        What was chosen and why, for the reader.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "category": ["sport", "tech"], "text": ["x", "y"]})
    >>> by, sentence = choose_trend_field(corpus, "year")
    >>> by
    'category'
    >>> sentence
    "The corpus has no field 'year' (fields: category); the words are followed across the 2 values of category instead."
    >>> choose_trend_field(corpus.drop(columns="category"))[0] is None
    True
    """
    problem = has_groups(corpus, by) if by else ""
    if by and not problem:
        return by, f"The words are followed across the {corpus[by].nunique()} values of {by}."
    why = problem + "; " if problem else ""
    fields = [c for c in corpus.columns if c not in ("doc_id", "text", "title")]
    for field in sorted(fields, key=lambda f: f != "year"):
        values = corpus[field].dropna().astype(str).nunique()
        if not has_groups(corpus, field) and (field == "year" or values <= TREND_VALUES):
            instead = " instead" if by else ""
            return field, _sentence(f"{why}the words are followed across the {values} values of {field}{instead}.")
    listed = ", ".join(c for c in corpus.columns if c not in ("doc_id", "text")) or "none"
    return None, _sentence(
        f"{why}no field has between 2 and {TREND_VALUES} values (fields: {listed}), so the corpus is cut into "
        f"{parts} parts of equal size in tokens, in file order, and the words are followed across them."
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def top_words(
    corpus: pd.DataFrame, n: int = 3, *, options: TokenOptions | None = None, **token_changes: Any
) -> list[str]:
    """Return the ``n`` most frequent terms (stopwords removed): a default for "chosen terms".

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus.
    n : int, default=3
        How many terms.
    options : TokenOptions or None
        Tokenisation, as for :func:`~toolkit.counting.terms.count_terms`.
    **token_changes
        Single settings that change ``options``, such as ``tokenizer="regexp"``.

    Returns
    -------
    list of str
        Most frequent first.

    Examples
    --------
    >>> top_words(open_corpus(""), 2)
    ['relations', 'armenia']
    >>> top_words(open_corpus(""), 2, stopwords=False)
    ['the', 'of']
    """
    from toolkit.counting.terms import count_terms

    return list(count_terms(corpus, options=options, **token_changes)["term"].head(n))


def choose_comparison(
    corpus: pd.DataFrame, by: str | None = "", target: str = "", reference: str | pd.DataFrame | None = ""
) -> tuple[dict[str, Any], str]:
    """Pick the keyness comparison the parameters ask for, or the one the corpus allows.

    The target is the documents whose ``by`` is ``target`` (the first value
    of ``by`` when ``target`` is empty and ``reference`` is not another
    corpus), else the whole corpus. What it is compared with, by ``reference``:

    - ``""`` or ``None``: the rest of the corpus; when ``by`` cannot group this
      corpus (or is empty), the whole corpus is compared with general English;
    - ``"english"``: general English (wordfreq);
    - a value of ``by``: the documents of that group;
    - a corpus table, a path or ``"nltk:NAME"``: that corpus.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus.
    by : str or None
        The grouping field (empty or ``None``: no grouping).
    target : str
        A value of ``by``.
    reference : str, pandas.DataFrame or None
        As above.

    Returns
    -------
    kwargs : dict
        Arguments for :func:`~toolkit.analysis.keyness.keyness`.
    sentence : str
        What is compared, and why, for the reader.

    Raises
    ------
    ValueError
        When ``target`` is not a value of ``by``, or is the same group as ``reference``.

    Examples
    --------
    >>> choose_comparison(open_corpus(""), by="year")[1]
    "The whole corpus is compared with general English, because the corpus has no field 'year' (fields: title)."
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "side": ["x", "y", "z"], "text": ["war", "peace", "talks"]})
    >>> kwargs, sentence = choose_comparison(corpus, "side")
    >>> kwargs
    {'by': 'side', 'target': 'x'}
    >>> sentence  # doctest: +ELLIPSIS
    'Documents with side = x are compared with all the others (x: the value of side with the most documents; ...).'
    >>> kwargs, sentence = choose_comparison(corpus, "side", reference="z")
    >>> kwargs
    {'by': 'side', 'target': 'x', 'reference': 'z'}
    >>> sentence
    'Documents with side = x are compared with the documents with side = z.'
    >>> choose_comparison(corpus, "side", "y", "english")[1]
    'Documents with side = y are compared with general English (wordfreq).'
    >>> choose_comparison(corpus, "", "", "english")
    ({'reference': 'english'}, 'The corpus is compared with general English (wordfreq).')
    """
    by = by or ""
    problem = has_groups(corpus, by) if by else "no grouping field was given"
    values = [] if problem else sorted(corpus[by].dropna().astype(str).unique())
    if target and not problem and target not in values:
        raise ValueError(f"no document has {by} = {target!r}; values are {values}")
    if reference is None or (isinstance(reference, str) and not reference):
        if problem:
            return {"reference": "english"}, f"The whole corpus is compared with general English, because {problem}."
        chosen = target or _largest_group(corpus[by])
        first = (
            ""
            if target
            else f" ({chosen}: the value of {by} with the most documents; the parameter target picks another)"
        )
        return {"by": by, "target": chosen}, f"Documents with {by} = {chosen} are compared with all the others{first}."
    if isinstance(reference, str) and reference in values and reference != "english":
        chosen = target or next(value for value in values if value != reference)
        if chosen == reference:
            raise ValueError(f"the target and the reference are the same group: {by} = {chosen!r}")
        sentence = f"Documents with {by} = {chosen} are compared with the documents with {by} = {reference}."
        return {"by": by, "target": chosen, "reference": reference}, sentence  # keyness takes that group itself
    if isinstance(reference, pd.DataFrame):
        kwargs: dict[str, Any] = {"reference": reference}
        against = "the reference corpus given"
    elif reference == "english":
        kwargs, against = {"reference": "english"}, "general English (wordfreq)"
    else:
        source: Any = reference if reference.startswith("nltk:") else resolve(reference)
        kwargs, against = {"reference": load_corpus(source)}, f"the reference corpus {reference}"
    if target and not problem:
        kwargs.update(by=by, target=target)
        return kwargs, f"Documents with {by} = {target} are compared with {against}."
    return kwargs, f"The corpus is compared with {against}."


def _largest_group(values: pd.Series) -> str:
    """Return the value with the most documents, ties by name; a blank value (a page with no site) is no group."""
    named = values.dropna().astype(str)
    counts = named[named.str.strip() != ""].value_counts()
    if counts.empty:
        return str(sorted(named.unique())[0])
    return str(min(counts.index, key=lambda value: (-counts[value], value)))


def describe_keyness(keywords: pd.DataFrame) -> str:
    """Say what a keyness table compared: the sizes, the terms tested, and what general English left out.

    Examples
    --------
    >>> from toolkit.analysis.keyness import keyness
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["war war peace", "peace talks"]})
    >>> describe_keyness(keyness(corpus, by="side", target="x"))
    'Target: 3 tokens; reference: 2 tokens; 3 terms tested. Stopwords are counted in the sizes but not listed.'
    """
    from toolkit.analysis.keyness import ENGLISH_SIZE, left_out_terms

    attrs = keywords.attrs
    english = bool(attrs.get("english"))
    reference = (
        f"general English (wordfreq frequencies, scaled to a notional {ENGLISH_SIZE:,} tokens)"
        if english
        else f"{attrs['reference_size']:,} tokens"
    )
    sentence = (
        f"Target: {attrs['target_size']:,} tokens; reference: {reference}; {attrs['tests']:,} terms tested. "
        "Stopwords are counted in the sizes but not listed."
    )
    left_out = left_out_terms(keywords)
    if english and len(left_out):
        reasons = [
            f"{reason} ({len(rows):,}: {', '.join(rows['term'].head(4))})"
            for reason, rows in sorted(left_out.groupby("reason"), key=lambda item: -len(item[1]))
        ]
        sentence += (
            f" {len(left_out):,} terms of the target are not compared, because wordfreq does not count them as the "
            f"same single word: {'; '.join(reasons)}. They are listed below."
        )
    return sentence


def report_left_out(keywords: pd.DataFrame, n: int = 15, results_dir: str = "") -> None:
    """Show and save the terms a comparison with general English left out (nothing for other comparisons).

    Examples
    --------
    >>> from toolkit.analysis.keyness import keyness
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Talks and so-and-so talks."]})
    >>> report_left_out(keyness(corpus, reference="english"))
    Not compared with general English (wordfreq reads them as other words, or pools numbers)
         term  n_target wordfreq_reads                     reason
    so-and-so         1      so and so wordfreq reads other words
    """
    from toolkit.analysis.keyness import left_out_terms
    from toolkit.views.display import show

    if not keywords.attrs.get("english"):
        return
    left_out = left_out_terms(keywords)
    save_result(left_out, "keyness_left_out", results_dir)
    show(
        left_out, n, caption="Not compared with general English (wordfreq reads them as other words, or pools numbers)"
    )
