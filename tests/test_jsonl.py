"""JSON Lines streams: order, kept fields, counts, --on-error, compression, -j."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from clean.cli import main

from .test_cli import CLEAN, DIRTY, stdin_of


def run(argv, data=b""):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=stdin_of(data), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def lines_of(out: str) -> list[str]:
    """JSONL lines: split on \n only (JSON strings may hold U+2028 and U+0085 unescaped)."""
    return out.split("\n")[:-1] if out.endswith("\n") else out.split("\n")


def records(n=50):
    return [{"id": i, "text": DIRTY if i % 2 else f"Doc {i}\u2028 para.\n", "meta": {"k": "x\u2028y\u0085z"}} for i in range(n)]


def dump(recs) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode("utf-8")


def test_order_fields_and_text(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(dump(records()))
    code, out, err = run(["--jsonl", str(src), "-j", "1"])
    assert code == 0, err
    got = [json.loads(l) for l in lines_of(out)]
    assert [g["id"] for g in got] == list(range(50))
    assert got[1]["text"] == CLEAN and got[0]["text"] == "Doc 0\n\npara.\n"
    assert all(g["meta"] == {"k": "x\u2028y\u0085z"} for g in got)
    assert "50 records cleaned" in err


def test_counts_and_explain_fields():
    code, out, _ = run(["--jsonl", "-", "--counts-field", "stats"], dump(records(2)))
    rec = json.loads(lines_of(out)[1])
    assert rec["stats"]["counts"]["BP001"] == 1 and "changes" not in rec["stats"]
    code, out, _ = run(["--jsonl", "-", "--counts-field", "stats", "--explain"], dump(records(2)))
    rec = json.loads(lines_of(out)[1])
    assert any(c["rule"] == "BP001" and c["line"] == 1 for c in rec["stats"]["changes"])


BAD = b'{"id": 1, "text": "ok"}\nnot json\n[1, 2]\n{"id": 4}\n{"id": 5, "text": 7}\n{"id": 6, "text": "Skip to main content\\nfine"}\n'


def test_on_error_keep_is_default_and_loses_nothing():
    code, out, err = run(["--jsonl", "-"], BAD)
    assert code == 2
    lines = lines_of(out)
    assert len(lines) == 6 and lines[1] == "not json" and lines[3] == '{"id": 4}'
    assert json.loads(lines[5])["text"] == "fine\n"
    for n, what in [(2, "malformed JSON"), (3, "not a JSON object"), (4, "no field 'text'"), (5, "field 'text' is not a string")]:
        assert f"<stdin>:{n}: {what}" in err


def test_on_error_skip_drops_and_reports():
    code, out, err = run(["--jsonl", "-", "--on-error", "skip"], BAD)
    assert code == 2
    assert [json.loads(l)["id"] for l in lines_of(out)] == [1, 6]
    assert "4 malformed (dropped)" in err


def test_on_error_fail_stops_and_writes_nothing(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(BAD)
    dst = tmp_path / "out.jsonl"
    code, _, err = run(["--jsonl", str(src), "-o", str(dst), "--on-error", "fail"])
    assert code == 2 and "in.jsonl:2: malformed JSON" in err
    assert not dst.exists() and list(tmp_path.iterdir()) == [src]


def test_field_option():
    code, out, _ = run(["--jsonl", "-", "--field", "body"], b'{"body": "Skip to main content\\nA"}\n')
    assert json.loads(out)["body"] == "A\n"


@pytest.mark.parametrize("ext", [".gz", ".zst"])
def test_compressed_in_and_out(tmp_path, ext):
    import zstandard

    data = dump(records(20))
    src = tmp_path / f"in.jsonl{ext}"
    src.write_bytes(gzip.compress(data) if ext == ".gz" else zstandard.ZstdCompressor().compress(data))
    dst = tmp_path / f"out.jsonl{ext}"
    code, _, err = run(["--jsonl", str(src), "-o", str(dst)])
    assert code == 0, err
    raw = dst.read_bytes()
    text = gzip.decompress(raw) if ext == ".gz" else zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw)).read()
    assert [json.loads(l)["id"] for l in lines_of(text.decode())] == list(range(20))


def test_jobs_give_same_bytes(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(dump(records(400)))
    outs = []
    for j in ("1", "2"):
        dst = tmp_path / f"o{j}.jsonl"
        assert run(["--jsonl", str(src), "-o", str(dst), "-j", j])[0] == 0
        outs.append(dst.read_bytes())
    assert outs[0] == outs[1]


def test_directory_jobs_give_same_bytes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"{i:03}.txt").write_text(DIRTY * 300 + f"Doc {i}\n")
    trees = []
    for j in ("1", "2"):
        out = tmp_path / f"out{j}"
        code, _, err = run([str(src), "-o", str(out), "-j", j])
        assert code == 0, err
        trees.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert trees[0] == trees[1] and len(trees[0]) == 40


def test_a_lone_surrogate_is_reported_not_turned_into_fffd():
    data = b'{"text": "ok\\n"}\n{"text": "a\\ud800b"}\n'
    code, out, err = run(["--jsonl", "-", "-j", "1"], data)
    assert code == 2
    assert "<stdin>:2: a lone surrogate (U+D800)" in err
    assert "\ufffd" not in out
    assert lines_of(out) == ['{"text": "ok\\n"}', '{"text": "a\\ud800b"}']  # passed through as it was
    code, out, err = run(["--jsonl", "-", "-j", "1", "--errors", "replace"], data)
    assert code == 0, err
    assert json.loads(lines_of(out)[1]) == {"text": "a\ufffdb\n"}


def test_a_lone_surrogate_in_the_api():
    from clean import Cleaner, DecodeError

    with pytest.raises(DecodeError, match="lone surrogate"):
        Cleaner().clean("Talks \udc80began.\n")
    assert Cleaner(errors="replace").clean("Talks \udc80began.\n") == "Talks \ufffdbegan.\n"
