"""``from toolkit import stats; stats.NAME`` is the documented API: every statistic of every stats module is there."""

from __future__ import annotations

import inspect

import pytest

from toolkit import stats
from toolkit.stats import arrays, association, contingency, dispersion, diversity


@pytest.mark.parametrize("module", [association, contingency, dispersion, diversity])
def test_every_public_name_of_a_stats_module_is_re_exported(module):
    public = [
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or name.isupper())
        and getattr(value, "__module__", module.__name__) == module.__name__
    ]
    assert public
    for name in public:
        assert getattr(stats, name) is getattr(module, name), name
        assert name in stats.__all__


def test_the_old_flat_names_still_work():
    assert round(stats.g2_table(10, 90, 20, 880), 4) == 12.649
    assert stats.log_likelihood_association(8, 100, 50, 10000) == stats.g2_table(8, 92, 42, 9858)
    assert stats.PERCENT_DIFF_ZERO == 1e-18
    assert stats.ArrayLike is arrays.ArrayLike
    assert stats.gries_dp([8, 0, 0, 0], [100] * 4) == 0.75 and stats.ttr(["a", "a", "b"]) == 2 / 3
