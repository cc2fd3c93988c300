"""Counting: count tables of terms and the engines behind them (local, bulk in polars workers, Dask)."""
