"""Clean a Spark DataFrame column with ``mapInPandas`` (needs the ``spark`` extra).

    from pyspark.sql import SparkSession
    from clean.spark import clean_column

    spark = SparkSession.builder.getOrCreate()
    df = spark.read.json("raw/*.jsonl")
    out = clean_column(df, "text", counts_column="clean_counts")
    out.write.json("cleaned/")

The compiled :class:`clean.Cleaner` is sent to the executors once, as a broadcast variable, and
unpickled once per Python worker; every other column is kept as it is. With
``counts_column``, a ``map<string,int>`` column holds the per-rule counts of each row.
On a cluster the ``clean`` package must be importable on the executors (a packed virtual
environment with ``--archives``, ``--py-files``, or the platform's cluster libraries).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .api import Cleaner, clean_many
from .errors import require


def clean_column(
    df: Any,
    column: str = "text",
    *,
    output_column: str | None = None,
    counts_column: str | None = None,
    cleaner: Cleaner | None = None,
) -> Any:
    """A DataFrame with ``column`` cleaned (into ``output_column``, default in place)."""
    require("pyspark", "spark", "clean.spark")
    from pyspark.sql.types import IntegerType, MapType, StringType, StructField, StructType

    cleaner = cleaner or Cleaner()
    out_col = output_column or column
    if column not in df.columns:
        raise ValueError(f"no column {column!r}; columns: {', '.join(df.columns)}")
    fields = list(df.schema.fields)
    if out_col not in df.columns:
        fields.append(StructField(out_col, StringType(), True))
    if counts_column:
        fields.append(StructField(counts_column, MapType(StringType(), IntegerType()), True))
    schema = StructType(fields)
    broadcast = df.sparkSession.sparkContext.broadcast(cleaner)

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        c = broadcast.value
        for pdf in batches:
            texts, counts = clean_many(c, pdf[column])
            pdf[out_col] = texts
            if counts_column:
                pdf[counts_column] = counts
            yield pdf[[f.name for f in schema.fields]]

    return df.mapInPandas(run, schema=schema)
