"""The pipeline integrations give exactly Cleaner.clean: datatrove, Hugging Face datasets,
pandas, multiprocessing, Spark (local[2]) and Ray Data (a local Ray). CI installs the extras."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import tempfile

import pytest

from .conftest import SEEDS
from .test_fastpath import corpus


@pytest.fixture(scope="module")
def records():
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] + corpus(40)
    return [{"id": str(i), "text": t, "lang": "en"} for i, t in enumerate(texts)]


def expected(cleaner, records):
    return {r["id"]: cleaner.clean(r["text"]) for r in records}


def test_multiprocessing_pool(cleaner, records):
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        got = pool.map(cleaner.clean, [r["text"] for r in records], chunksize=8)
    assert got == [cleaner.clean(r["text"]) for r in records]


def test_pandas_series_map(cleaner, records):
    import pandas as pd

    df = pd.DataFrame(records)
    df["text"] = df["text"].map(cleaner.clean)
    assert dict(zip(df["id"], df["text"], strict=True)) == expected(cleaner, records)


def test_hf_datasets_map(cleaner, records, tmp_path):
    import datasets

    ds = datasets.Dataset.from_list(records)
    out = ds.map(lambda row: {"text": cleaner.clean(row["text"])}, num_proc=2, cache_file_name=str(tmp_path / "cache.arrow"))
    assert {r["id"]: r["text"] for r in out} == expected(cleaner, records)
    assert out.column_names == ["id", "text", "lang"]


def test_datatrove_formatter_step(cleaner, records, tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from clean.datatrove import CleanFormatter

    src, dst, logs = tmp_path / "in", tmp_path / "out", tmp_path / "logs"
    src.mkdir()
    with open(src / "part.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), CleanFormatter(), JsonlWriter(str(dst), compression=None)],
        tasks=1,
        logging_dir=str(logs),
    ).run()
    got = {}
    for p in dst.glob("*.jsonl"):
        for line in p.read_text("utf-8").split("\n"):
            if line:
                d = json.loads(line)
                got[d["id"]] = d["text"]
    assert got == expected(cleaner, records)
    stats = json.loads(next((logs / "stats").glob("*.json")).read_text())
    text = json.dumps(stats)
    total_bp001 = sum(cleaner.run(r["text"]).counts.get("BP001", 0) for r in records)
    assert total_bp001 > 0 and "clean-BP001" in text


def _java_ok() -> bool:
    import shutil

    return shutil.which("java") is not None


def test_spark_local_mapinpandas(cleaner, records):
    assert _java_ok(), "Java is needed for Spark (the machine has Java 17)"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from clean.spark import clean_column

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("clean-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    try:
        df = spark.createDataFrame(records).repartition(2)
        out = clean_column(df, "text", counts_column="counts").collect()
    finally:
        spark.stop()
    assert {r["id"]: r["text"] for r in out} == expected(cleaner, records)
    by_id = {r["id"]: r for r in out}
    assert dict(by_id["0"]["counts"]) == dict(cleaner.run(records[0]["text"]).counts)
    assert all(r["lang"] == "en" for r in out)


def test_ray_data_map_batches(cleaner, records):
    tmp = tempfile.mkdtemp(prefix="ray", dir="/tmp")
    os.environ["RAY_TMPDIR"] = tmp
    import ray

    from clean.ray import clean_dataset

    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=tmp, ignore_reinit_error=True, log_to_driver=False)
    try:
        ds = ray.data.from_items(records)
        out = clean_dataset(ds, "text", counts_column="counts", concurrency=1).take_all()
    finally:
        ray.shutdown()
    assert {r["id"]: r["text"] for r in out} == expected(cleaner, records)
    by_id = {r["id"]: r for r in out}
    assert json.loads(by_id["0"]["counts"]) == dict(cleaner.run(records[0]["text"]).counts)
