"""Statistics of corpus linguistics as plain functions of counts.

Every function takes scalars or numpy arrays (broadcast together) and returns
the same, so any number in a result table can be explained by calling one of
these on its counts. Each docstring gives the formula, the variant and a source.

One module per concern; every public name is also here, so
``from toolkit import stats; stats.g2_table(...)`` works:

:mod:`toolkit.stats.contingency`
    Keyness on a term's 2x2 table: expected frequencies, G2 (two- and
    four-term), Williams' correction, chi-squared, Log Ratio, %DIFF, p-values,
    Bonferroni. Notation: ``a`` frequency in the target, ``b`` in the
    reference, ``c`` target size, ``d`` reference size (all in tokens).
:mod:`toolkit.stats.association`
    A node and a collocate: MI, t-score, logDice, log-likelihood. Notation:
    ``o11`` co-occurrences, ``r1`` the row total (the node's frequency, or the
    size of the windows around it), ``c1`` the collocate's frequency, ``n`` the
    corpus size.
:mod:`toolkit.stats.dispersion`
    Juilland's D and Gries's DP over corpus parts.
:mod:`toolkit.stats.diversity`
    Lexical diversity: TTR, MATTR, MTLD, Yule's K, HD-D.
:mod:`toolkit.stats.arrays`
    The conversions they share.

Examples
--------
>>> from toolkit import stats
>>> round(stats.g2_table(10, 90, 20, 880), 4)
12.649
"""

from toolkit.stats.arrays import ArrayLike as ArrayLike
from toolkit.stats.association import expected_cooccurrence as expected_cooccurrence
from toolkit.stats.association import log_dice as log_dice
from toolkit.stats.association import log_likelihood_association as log_likelihood_association
from toolkit.stats.association import mutual_information as mutual_information
from toolkit.stats.association import t_score as t_score
from toolkit.stats.contingency import PERCENT_DIFF_ZERO as PERCENT_DIFF_ZERO
from toolkit.stats.contingency import bonferroni as bonferroni
from toolkit.stats.contingency import chi_squared as chi_squared
from toolkit.stats.contingency import expected_keyness as expected_keyness
from toolkit.stats.contingency import g2_table as g2_table
from toolkit.stats.contingency import log_likelihood as log_likelihood
from toolkit.stats.contingency import log_ratio as log_ratio
from toolkit.stats.contingency import p_value as p_value
from toolkit.stats.contingency import percent_diff as percent_diff
from toolkit.stats.contingency import williams_correction as williams_correction
from toolkit.stats.dispersion import gries_dp as gries_dp
from toolkit.stats.dispersion import juilland_d as juilland_d
from toolkit.stats.diversity import hdd as hdd
from toolkit.stats.diversity import mattr as mattr
from toolkit.stats.diversity import mtld as mtld
from toolkit.stats.diversity import ttr as ttr
from toolkit.stats.diversity import yules_k as yules_k

__all__ = [
    "PERCENT_DIFF_ZERO",
    "ArrayLike",
    "bonferroni",
    "chi_squared",
    "expected_cooccurrence",
    "expected_keyness",
    "g2_table",
    "gries_dp",
    "hdd",
    "juilland_d",
    "log_dice",
    "log_likelihood",
    "log_likelihood_association",
    "log_ratio",
    "mattr",
    "mtld",
    "mutual_information",
    "p_value",
    "percent_diff",
    "t_score",
    "ttr",
    "williams_correction",
    "yules_k",
]
