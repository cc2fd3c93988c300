"""Explain one number: the contingency table, expected values, formula and value.

Every keyness and collocation score is one call of a :mod:`toolkit.stats`
function on a 2x2 table; :func:`explain` lays that table out with the formula
variant used, so a reader can check the number by hand or in another tool.
"""

from __future__ import annotations

import pandas as pd

from toolkit import stats


def _row(table: pd.DataFrame, column: str, value: str) -> pd.Series:
    hits = table[table[column] == value]
    if hits.empty:
        raise KeyError(f"{value!r} is not in this table's {column!r} column")
    return hits.iloc[0]


def explain(table: pd.DataFrame, term: str) -> pd.DataFrame:
    """Show how the scores of ``term`` in a keyness or collocates table were computed.

    Parameters
    ----------
    table : pandas.DataFrame
        A result of :func:`~toolkit.analysis.keyness`, :func:`~toolkit.collocates` or
        :func:`~toolkit.collocations`.
    term : str
        A ``term``, ``collocate`` or ``collocation`` of that table.

    Returns
    -------
    pandas.DataFrame
        ``quantity, value, formula``: the observed and expected cells of the
        2x2 table, then each score with the formula and variant used. Values
        are recomputed here from the counts and equal the table's. Against
        general English the last row counts the terms left out of the
        comparison; explaining one of them raises a ``KeyError`` that says
        how wordfreq reads it.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["war war peace", "peace talks"]})
    >>> from toolkit.analysis.keyness import keyness
    >>> explain(keyness(corpus, by="side", target="x"), "war").iloc[:4]
                          quantity  value           formula
    0  O11: term in target (a)        2.0                 a
    1  O12: term in reference (b)     0.0                 b
    2  O21: other words in target     1.0             c - a
    3  O22: other words in reference  2.0             d - b
    """
    kind = table.attrs.get("kind")
    if kind == "keyness":
        result = _explain_keyness(table, term)
    elif kind in ("collocates", "collocations"):
        result = _explain_association(table, term, kind)
    else:
        raise ValueError(f"explain() takes a keyness, collocates or collocations table; this one is {kind!r}")
    result.attrs.update(kind="explain", term=term)
    return result


def _explain_keyness(table: pd.DataFrame, term: str) -> pd.DataFrame:
    left_out = {row[0]: row for row in table.attrs.get("left_out", [])}
    if term in left_out and not (table["term"] == term).any():
        _, n, reads, reason = left_out[term]
        raise KeyError(
            f"{term!r} ({n} in the target) is not compared with general English: {reason}; "
            f"wordfreq reads {reads!r}. See left_out_terms(table)"
        )
    row = _row(table, "term", term)
    a, b = float(row["n_target"]), float(row["n_reference"])
    c, d = float(table.attrs["target_size"]), float(table.attrs["reference_size"])
    e1, e2 = stats.expected_keyness(a, b, c, d)
    n = c + d
    form = table.attrs["form"]
    g2 = stats.log_likelihood(a, b, c, d, form=form)
    rows = [
        ("O11: term in target (a)", a, "a"),
        ("O12: term in reference (b)", b, "b"),
        ("O21: other words in target", c - a, "c - a"),
        ("O22: other words in reference", d - b, "d - b"),
        ("c: target size", c, "tokens in target"),
        ("d: reference size", d, "tokens in reference"),
        ("E11: expected in target (E1)", e1, "c (a + b) / (c + d)"),
        ("E12: expected in reference (E2)", e2, "d (a + b) / (c + d)"),
        ("E21: expected other words in target", c * (n - a - b) / n, "c (N - a - b) / N"),
        ("E22: expected other words in reference", d * (n - a - b) / n, "d (N - a - b) / N"),
    ]
    if form == "two-term":
        rows.append(("G2 (two-term, Rayson & Garside 2000)", g2, "2 (a ln(a/E1) + b ln(b/E2))"))
    else:
        rows.append(("G2 (four-term, Dunning 1993)", g2, "2 sum O ln(O/E) over the four cells"))
    if table.attrs.get("williams"):
        q = stats.williams_correction(a, b, c, d)
        rows.append(("Williams' q", q, "1 + (N(1/R1+1/R2)-1)(N(1/C1+1/C2)-1)/(6N)"))
        g2 = g2 / q
        rows.append(("G2 / q", g2, "Williams-corrected G2"))
    p = stats.p_value(g2)
    rows.append(("p-value", p, "chi-squared upper tail, 1 df"))
    if table.attrs.get("correction") == "bonferroni":
        tests = int(table.attrs.get("tests", len(table)))
        rows.append(("p-value (Bonferroni)", stats.bonferroni(p, tests), f"min(1, p x {tests} terms tested)"))
    rows += [
        ("chi-squared", stats.chi_squared(a, b, c, d), "N (O11 O22 - O12 O21)^2 / (R1 R2 C1 C2)"),
        ("chi-squared (Yates)", stats.chi_squared(a, b, c, d, yates=True), "N (|O11 O22 - O12 O21| - N/2)^2 / (...)"),
        ("log ratio (Hardie 2014)", stats.log_ratio(a, b, c, d), "log2((a/c) / (b/d)), 0 -> 0.5"),
        ("%DIFF (Gabrielatos & Marchi 2012)", stats.percent_diff(a, b, c, d), "(a/c - b/d) 100 / (b/d)"),
    ]
    if table.attrs.get("english"):
        rows.append(
            (
                "terms not compared (wordfreq reads other words)",
                float(len(left_out)),
                "left_out_terms(table) lists them",
            )
        )
    return pd.DataFrame(rows, columns=["quantity", "value", "formula"]).astype({"value": float})


def _explain_association(table: pd.DataFrame, term: str, kind: str) -> pd.DataFrame:
    column = "collocate" if kind == "collocates" else "collocation"
    row = _row(table, column, term)
    o11, c1 = float(row["n"]), float(row["n_collocate" if kind == "collocates" else "n_second"])
    if kind == "collocates":
        r1, f_node, what = float(table.attrs["window_tokens"]), float(table.attrs["n_node"]), "window positions"
    else:
        r1 = f_node = float(row["n_first"])
        what = "first word's frequency"
    n = float(table.attrs["tokens"])
    e11 = stats.expected_cooccurrence(r1, c1, n)
    rows = [
        ("O11: collocate in windows", o11, "o11"),
        ("O12: other words in windows", r1 - o11, "r1 - o11"),
        ("O21: collocate elsewhere", c1 - o11, "c1 - o11"),
        ("O22: other words elsewhere", n - r1 - c1 + o11, "N - r1 - c1 + o11"),
        (f"r1: {what}", r1, "row total"),
        ("c1: collocate frequency", c1, "column total"),
        ("N: corpus size", n, "tokens"),
        ("E11: expected co-occurrences", e11, "r1 c1 / N"),
        ("MI (Church & Hanks 1990)", stats.mutual_information(o11, r1, c1, n), "log2(O11 / E11)"),
        ("t-score", stats.t_score(o11, r1, c1, n), "(O11 - E11) / sqrt(O11)"),
        ("logDice (Rychlý 2008)", stats.log_dice(o11, f_node, c1), "14 + log2(2 O11 / (f_node + c1))"),
        ("G2 (four-term, Dunning 1993)", stats.log_likelihood_association(o11, r1, c1, n), "2 sum O ln(O/E)"),
    ]
    return pd.DataFrame(rows, columns=["quantity", "value", "formula"]).astype({"value": float})
