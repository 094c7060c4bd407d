"""Clean a Ray Data dataset with ``map_batches`` (needs the ``ray`` extra).

    import ray
    from clean.ray import clean_dataset

    ds = ray.data.read_json("raw/")
    out = clean_dataset(ds, "text", counts_column="clean_counts")
    out.write_json("cleaned/")

Each actor of the pool compiles one :class:`clean.Cleaner` (or unpickles the one given) and
cleans whole batches; rows keep their other columns.
"""

from __future__ import annotations

from typing import Any

from .api import Cleaner, clean_many
from .errors import require


class CleanBatch:
    """A callable class for ``Dataset.map_batches``: one Cleaner per actor, reused for every batch."""

    def __init__(self, column: str = "text", output_column: str | None = None, counts_column: str | None = None, cleaner: Cleaner | None = None, **options: Any) -> None:
        self.column = column
        self.output_column = output_column or column
        self.counts_column = counts_column
        self.cleaner = cleaner or Cleaner(**options)

    def __call__(self, batch: Any) -> Any:
        texts, counts = clean_many(self.cleaner, batch[self.column])
        batch[self.output_column] = texts
        if self.counts_column:
            import json

            # JSON text: a map column's keys differ from row to row, which Arrow cannot hold as a struct.
            batch[self.counts_column] = [json.dumps(c) if c is not None else None for c in counts]
        return batch


def clean_dataset(
    ds: Any,
    column: str = "text",
    *,
    output_column: str | None = None,
    counts_column: str | None = None,
    cleaner: Cleaner | None = None,
    concurrency: int | None = None,
    batch_size: int = 256,
) -> Any:
    """A Dataset with ``column`` cleaned by a pool of actors."""
    require("ray", "ray", "clean.ray")
    import os

    return ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={"column": column, "output_column": output_column, "counts_column": counts_column, "cleaner": cleaner},
        batch_format="pandas",
        batch_size=batch_size,
        concurrency=concurrency or max(1, (os.cpu_count() or 1)),
    )
