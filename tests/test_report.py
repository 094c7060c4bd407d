"""The run report: JSON figures, and the self-contained HTML page rendered in headless Chromium,
whose rendered numbers must be the JSON's."""

from __future__ import annotations

import json
import shutil
import subprocess

from bs4 import BeautifulSoup

from .conftest import SEEDS
from .test_cli import run

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def make_report(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for p in SEEDS.glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    (src / "cp1252.txt").write_bytes(b"He said \x93hello\x94 \x96 it\x92s fine.\r\n")
    (src / "image.png").write_bytes(PNG)
    out = tmp_path / "out"
    rj, rh = tmp_path / "report.json", tmp_path / "report.html"
    code, _, err = run([str(src), "-o", str(out), "--report", str(rj), "--report", str(rh)])
    assert code == 2, err  # the PNG fails
    return json.loads(rj.read_text()), rh


def test_json_report_figures(tmp_path, cleaner):
    data, _ = make_report(tmp_path)
    assert data["documents"] == {"read": 7, "changed": 6, "failed": 1, "guarded": 0}
    expected: dict[str, int] = {}
    for p in SEEDS.glob("*.txt"):
        for k, v in cleaner.run(p.read_text("utf-8")).counts.items():
            expected[k] = expected.get(k, 0) + v
    for k, v in cleaner.run(b"He said \x93hello\x94 \x96 it\x92s fine.\r\n".decode("cp1252")).counts.items():
        expected[k] = expected.get(k, 0) + v
    assert {r["id"]: r["count"] for r in data["rules"]} == expected
    assert data["encodings"].get("cp1252") == 1 and sum(data["encodings"].values()) == 6
    assert sum(b["documents"] for b in data["removed_share_histogram"]) == 6
    assert any("PNG" in f["reason"] for f in data["failures"])
    assert data["samples"]["BP001"][0]["before"].startswith("Please view the main text area")


def test_html_report_renders_the_json_numbers_in_chromium(tmp_path):
    data, page = make_report(tmp_path)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "Debian's chromium package is needed (README: test command installs it)"
    html = subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'chrome'}", "--dump-dom", page.as_uri(),
        ],
        capture_output=True, timeout=120, check=True,
    ).stdout.decode("utf-8")
    dom = BeautifulSoup(html, "html.parser")
    assert dom.body.get("data-rendered") == "yes", "the page's script did not run"
    for k, v in data["documents"].items():
        assert dom.find(id=f"documents-{k}").get_text() == str(v)
    for i, r in enumerate(data["rules"]):
        assert dom.find(id=f"rule-count-{i}").get_text() == str(r["count"])
    for i, b in enumerate(data["removed_share_histogram"]):
        assert dom.find(id=f"removed-bin-{i}").get_text() == str(b["documents"])
    for i, (name, n) in enumerate(data["encodings"].items()):
        cell = dom.find(id=f"encoding-{i}")
        assert (cell["data-name"], cell.get_text()) == (name, str(n))
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html


def test_jsonl_report(tmp_path):
    rj = tmp_path / "r.json"
    data = b'{"text": "Skip to main content\\nBody."}\nnot json\n'
    code, _, _ = run(["--jsonl", "-", "--report", str(rj)], data)
    assert code == 2
    rep = json.loads(rj.read_text())
    assert rep["documents"] == {"read": 2, "changed": 1, "failed": 1, "guarded": 0}
    assert {r["id"] for r in rep["rules"]} >= {"BP001"}
