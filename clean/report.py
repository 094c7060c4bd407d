"""The run report: what a run read, changed, failed and guarded, per rule, per encoding.

``clean ... --report report.json`` writes the figures as JSON; ``--report report.html`` writes
one self-contained HTML file (no network: the data is embedded, the charts are drawn by a
small inline script as SVG). The HTML's numbers are the JSON's numbers: the page is built
from the same dictionary.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .fileio import atomic_write
from .kinds.base import ink

SAMPLES_PER_RULE = 3
HIST_BINS = 10


def doc_stats(result: Any, input_text: str, *, samples: int = SAMPLES_PER_RULE) -> dict[str, Any]:
    """What the report needs of one cleaned document (small, picklable: made in workers)."""
    before = ink(input_text)
    after = ink(result.text)
    picked: dict[str, list[dict[str, Any]]] = {}
    for c in result.changes or ():
        lst = picked.setdefault(c.rule, [])
        if len(lst) < samples:
            lst.append({"line": c.line, "before": c.before[:300], "after": c.after[:300]})
    return {
        "changed": result.text != input_text,
        "encoding": result.encoding or "text",
        "counts": dict(result.counts),
        "removed_share": max(0.0, 1.0 - after / before) if before else 0.0,
        "guarded": result.guarded is not None,
        "samples": picked,
        "suggestions": [s.as_dict() for s in result.suggestions],
    }


class RunReport:
    """Accumulates document stats; ``as_dict`` is the JSON report."""

    def __init__(self) -> None:
        self.read = self.changed = self.failed = self.guarded = 0
        self.counts: Counter[str] = Counter()
        self.encodings: Counter[str] = Counter()
        self.hist = [0] * HIST_BINS
        self.samples: dict[str, list[dict[str, Any]]] = {}
        self.suggestions: Counter[tuple[str, str, str]] = Counter()
        self.suggestion_contexts: dict[tuple[str, str, str], list[str]] = {}
        self.failures: list[dict[str, str]] = []

    def add(self, name: str, stats: Mapping[str, Any]) -> None:
        self.read += 1
        self.changed += bool(stats["changed"])
        self.guarded += bool(stats["guarded"])
        self.counts.update(stats["counts"])
        self.encodings[stats["encoding"]] += 1
        share = float(stats["removed_share"])
        self.hist[min(HIST_BINS - 1, int(share * HIST_BINS))] += 1
        for rule, lst in stats["samples"].items():
            mine = self.samples.setdefault(rule, [])
            for s in lst:
                if len(mine) < SAMPLES_PER_RULE:
                    mine.append({"document": name, **s})
        for s in stats["suggestions"]:
            key = (s["rule"], s["text"], s["message"])
            self.suggestions[key] += 1
            ctx = self.suggestion_contexts.setdefault(key, [])
            if len(ctx) < 2:
                ctx.append(f"{name}:{s['line']}")

    def fail(self, name: str, reason: str) -> None:
        self.read += 1
        self.failed += 1
        if len(self.failures) < 100:
            self.failures.append({"document": name, "reason": reason})

    def as_dict(self, rule_names: Mapping[str, str] | None = None) -> dict[str, Any]:
        rule_names = rule_names or {}
        return {
            "documents": {"read": self.read, "changed": self.changed, "failed": self.failed, "guarded": self.guarded},
            "rules": [{"id": r, "name": rule_names.get(r, ""), "count": n} for r, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))],
            "encodings": dict(sorted(self.encodings.items(), key=lambda kv: (-kv[1], kv[0]))),
            "removed_share_histogram": [
                {"from": i / HIST_BINS, "to": (i + 1) / HIST_BINS, "documents": n} for i, n in enumerate(self.hist)
            ],
            "samples": self.samples,
            "suggestions": [
                {"rule": r, "text": t, "message": m, "count": n, "contexts": self.suggestion_contexts.get((r, t, m), [])}
                for (r, t, m), n in self.suggestions.most_common(200)
            ],
            "failures": self.failures,
        }


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>clean run report</title>
<style>
body{{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}}
h1{{font-size:1.5em}} h2{{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}}
table{{border-collapse:collapse}} td,th{{padding:.25em .8em;border-bottom:1px solid #eee;text-align:left;vertical-align:top}}
.num{{text-align:right;font-variant-numeric:tabular-nums}} .tiles{{display:flex;gap:1em}}
.tile{{border:1px solid #ddd;border-radius:6px;padding:.6em 1.2em}} .tile b{{display:block;font-size:1.6em}}
code{{background:#f4f4f4;padding:0 .2em;white-space:pre-wrap}} del{{color:#a00}} ins{{color:#070;text-decoration:none}}
svg text{{font-size:11px}}
</style></head><body>
<h1>clean run report</h1>
<div class="tiles" id="documents"></div>
<h2>Changes per rule</h2><div id="rules-chart"></div>
<h2>Encodings detected</h2><table id="encodings"></table>
<h2>Share of text removed per document</h2><div id="removed-chart"></div>
<h2>Samples of changes per rule</h2><div id="samples"></div>
<h2>Suggestions</h2><table id="suggestions"></table>
<h2>Failures</h2><table id="failures"></table>
<script id="report-data" type="application/json">{data}</script>
<script>
(function () {{
  var R = JSON.parse(document.getElementById("report-data").textContent);
  function el(tag, attrs, text) {{
    var e = document.createElement(tag);
    for (var k in (attrs || {{}})) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }}
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {{
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }}
  var docs = document.getElementById("documents");
  ["read", "changed", "failed", "guarded"].forEach(function (k) {{
    var t = el("div", {{"class": "tile"}});
    t.appendChild(el("b", {{"id": "documents-" + k, "data-value": R.documents[k]}}, String(R.documents[k])));
    t.appendChild(el("span", {{}}, "documents " + k));
    docs.appendChild(t);
  }});
  function bars(target, rows, label, value, idPrefix) {{
    var max = Math.max.apply(null, rows.map(value).concat([1]));
    var h = 22, w = 760, left = 260, s = svg("svg", {{width: w, height: rows.length * h + 10, role: "img"}});
    rows.forEach(function (r, i) {{
      var v = value(r), bw = Math.round((w - left - 60) * v / max);
      s.appendChild(svg("text", {{x: 0, y: i * h + 15}}, label(r)));
      s.appendChild(svg("rect", {{x: left, y: i * h + 4, width: Math.max(bw, 1), height: h - 8, fill: "#4a7ab5"}}));
      s.appendChild(svg("text", {{x: left + bw + 6, y: i * h + 15, id: idPrefix + i, "data-value": v}}, String(v)));
    }});
    document.getElementById(target).appendChild(s);
  }}
  bars("rules-chart", R.rules, function (r) {{ return r.id + " " + r.name; }}, function (r) {{ return r.count; }}, "rule-count-");
  bars("removed-chart", R.removed_share_histogram, function (b) {{ return Math.round(b.from * 100) + "-" + Math.round(b.to * 100) + "%"; }},
       function (b) {{ return b.documents; }}, "removed-bin-");
  var enc = document.getElementById("encodings");
  Object.keys(R.encodings).forEach(function (k, i) {{
    var tr = el("tr"); tr.appendChild(el("td", {{}}, k));
    tr.appendChild(el("td", {{"class": "num", id: "encoding-" + i, "data-name": k, "data-value": R.encodings[k]}}, String(R.encodings[k])));
    enc.appendChild(tr);
  }});
  var sm = document.getElementById("samples");
  Object.keys(R.samples).sort().forEach(function (rule) {{
    sm.appendChild(el("h3", {{}}, rule));
    R.samples[rule].forEach(function (s) {{
      var p = el("p"); p.appendChild(el("span", {{}}, s.document + " line " + s.line + ": "));
      p.appendChild(el("del", {{}}, s.before)); p.appendChild(document.createTextNode(" \u2192 "));
      p.appendChild(el("ins", {{}}, s.after || "(dropped)")); sm.appendChild(p);
    }});
  }});
  var sg = document.getElementById("suggestions");
  R.suggestions.forEach(function (s) {{
    var tr = el("tr"); [s.rule, s.text, s.message, String(s.count), s.contexts.join(", ")].forEach(function (c) {{ tr.appendChild(el("td", {{}}, c)); }});
    sg.appendChild(tr);
  }});
  var fl = document.getElementById("failures");
  R.failures.forEach(function (f) {{
    var tr = el("tr"); tr.appendChild(el("td", {{}}, f.document)); tr.appendChild(el("td", {{}}, f.reason)); fl.appendChild(tr);
  }});
  document.body.setAttribute("data-rendered", "yes");
}})();
</script>
<noscript><pre>{pre}</pre></noscript>
</body></html>
"""


def to_html(data: Mapping[str, Any]) -> str:
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return PAGE.format(data=blob, pre=html.escape(json.dumps(data, indent=1, ensure_ascii=False)))


def write(path: str, data: Mapping[str, Any]) -> None:
    text = to_html(data) if path.lower().endswith((".html", ".htm")) else json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    atomic_write(Path(path), text.encode("utf-8"))
