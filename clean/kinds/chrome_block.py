"""Chrome judged in context: lines of plain text classified the way jusText classifies HTML blocks.

A scraped page printed as text is an article (a cluster of sentence-like lines) with runs of
short, non-sentence lines around it: menus and breadcrumbs above, share rows and counters
between the headline and the lead, related-article lists, tag lists and footer menus below.
Without markup, the kind decides from each line's own features and its place:

* **features** of a line: its words (for Chinese, Japanese and Korean text, characters divided
  by ``cjk_chars_per_word``), the share of its words that are stop words of the document's
  language (the stop-word list with the most hits in the document; lists are data files named by
  the rule), whether it ends like a sentence, whether it starts with a list marker;
* a line is **body** when it is sentence-like: at least ``body_min_words`` words and a stop-word
  share of ``body_min_stop_share``, or a sentence ending and ``body_min_words_sentence`` words;
  Chinese, Japanese and Korean lines need ``body_min_cjk_chars`` characters and a sentence mark;
* **the article** is the cluster of body lines with the most body text, where clusters are cut
  by ``gap_lines`` or more consecutive *label-like* lines (at most ``label_max_words`` words, no
  sentence ending, no list marker) between body lines;
* **the head run**: the lines above the article that are not body lines. Scanning up from the
  article, the headline block (lines of ``header_min_words`` words or more, or with a digit:
  headline, byline, date line) is kept, up to ``header_keep`` lines; it ends at the first short
  label. The rest of the run is removed when it holds at least ``min_head_run`` lines;
* **the tail run**: the lines below the article that are not body lines, removed when the run
  holds at least ``min_tail_run`` lines (a signature of a few lines stays);
* **a list header** (``list_headers``: "Related articles", "Most read" ...) with the
  headline-like lines under it (at most ``list_item_max_words`` words each), up to
  ``max_list_items``: removed wherever it stands;
* **a comment thread** (``comment_heads``: "name says:" with a date on the line or the next one;
  ``comment_marks``: "Rating: 12 Votes"), ``comment_min_units`` of them or more below body text:
  removed from the first to the end of the last comment, before the article is chosen;
* **a headline run** between other clusters and the article: ``headline_run_min`` or more
  headline-like lines in a row (no sentence ending, not body), not right under a body line or a lead-in
  (ending in a colon), nor above a body line other than the article's first, removed like labels (a sidebar list above the article);
* **counters, times and tallies** (``counter_patterns``: "12 comments", "3 hours ago", a lone
  number) next to a removed line or a short label: removed.

Body lines are never removed by position alone, so an article's text is never cut by this kind;
what it removes are short lines around the article. Every removal is recorded under the rule's id
with the features that decided it (``--explain`` shows them).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import regex

from .base import Doc, Env, Kind, Opt, Rule, compile_regex

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_DIGIT = regex.compile(r"\d")
_MISSING = object()
_MEMO_LINES = 20_000  # lines remembered per rule before the memo starts again


class _Facts(NamedTuple):
    """What a line is, whatever the document's language (see ``ChromeBlock._line``)."""

    words: list[str]
    cjk: int  # CJK characters
    is_cjk: bool
    latin_words: int  # words of a CJK line that are not CJK
    cjk_body: bool
    sentence: bool
    marker: bool  # starts with a list marker
    key_value: bool
    digit: bool
    hits: tuple[int, ...]  # stop words of each language (in the order of the rule's lists)
    stripped: str  # the line stripped, as the counter and date patterns see it
    one: str  # the line with its whitespace runs as one space, as the header, end and comment patterns see it
    last: str  # its last character before closing quotes and brackets ("" for none)


def _read_words(path: Any) -> frozenset[str]:
    words: set[str] = set()
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0]
        words.update(w.casefold() for w in line.split())
    return frozenset(words)


class ChromeBlock(Kind):
    KIND = "chrome-block"
    STAGE = "boilerplate"
    DOC = (
        "Removes runs of short, non-sentence lines above and below an article, list headers with the "
        "headline-like lines under them, and counters next to chrome; decided from each line's length, "
        "sentence shape, stop-word share and place. Body lines are never removed."
    )
    OPTIONS = {
        "stopwords": Opt(dict, "language code -> stop-word file (relative to the rules directory)", required=True),
        "body_min_words": Opt(int, "words a sentence-like body line has at least", default=8),
        "body_min_stop_share": Opt(float, "stop-word share of a body line of body_min_words words", default=0.2),
        "body_min_words_sentence": Opt(int, "words of a line that ends like a sentence to count as body", default=5),
        "body_min_cjk_chars": Opt(int, "characters of a CJK line with a sentence mark to count as body", default=20),
        "cjk_chars_per_word": Opt(float, "CJK characters counted as one word", default=2.0),
        "sentence_end": Opt(str, "characters that end a sentence (closing quotes and brackets after them are skipped)", default=".!?。！？"),
        "closing": Opt(str, "closing quotes and brackets skipped at a line's end before the sentence test", default="\"'”’»)]）」』】"),
        "list_marker": Opt(str, "regex of a list item's start (an item is never a label)", default=r"^(?:[-*•·▪◦]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)"),
        "key_value": Opt(str, "regex of a key-value line ('England (Group A): 10th appearance'); a run of them is a table", default=""),
        "key_value_min_run": Opt(int, "key-value lines in a row that make a table, never removed by position (0: off)", default=0),
        "label_max_words": Opt(int, "a non-sentence line of at most this many words is label-like", default=6),
        "gap_lines": Opt(int, "label-like lines in a row that separate two clusters of body lines", default=10),
        "header_min_words": Opt(int, "words of a line kept in the headline block above the article", default=3),
        "header_window": Opt(int, "lines right above the article in which the headline block (headline, byline, date) stays", default=12),
        "header_block_max": Opt(int, "headline-like lines in a row in the header window that can be the headline block; a longer run is a list and goes with the head run (0: no limit)", default=0),
        "date_patterns": Opt(list, "regexes (case-insensitive) of whole lines that are a date or dateline of the headline block ('Posted: Fri 6:45 PM, Feb 16, 2018')", item=str, default=[]),
        "long_line_words": Opt(int, "a line of this many words or more is never removed by position", default=20),
        "min_head_run": Opt(int, "lines a head run must hold to be removed", default=3),
        "head_list_item_max_words": Opt(int, "words of a list item above the document's first body line removed with the head run, at most (a menu of '- Baseball' items; 0: list items always stay)", default=0),
        "min_tail_run": Opt(int, "lines a tail run must hold to be removed", default=5),
        "list_headers": Opt(list, "exact lines (case-insensitive) that head a link list", item=str, default=[]),
        "list_header_patterns": Opt(list, "regexes (case-insensitive) of whole lines that head a link list", item=str, default=[]),
        "list_item_max_words": Opt(int, "words of a headline-like list item at most", default=20),
        "list_item_stop_end": Opt(str, "a body line ending in one of these characters ends a list (a question headline does not)", default=".。"),
        "list_lead_end": Opt(str, "a line ending in one of these characters ends a list: it leads in to what follows, a headline does not", default=":："),
        "max_list_items": Opt(int, "list items removed under a header at most", default=12),
        "counter_patterns": Opt(list, "regexes (case-insensitive) of whole lines that are counters, times or tallies", item=str, default=[]),
        "comment_heads": Opt(list, "regexes (case-insensitive) of whole lines that head one reader comment ('name says:'); each needs a digit (a date) on it or on the next line", item=str, default=[]),
        "comment_marks": Opt(list, "regexes (case-insensitive) of whole lines that stand for one reader comment by themselves ('Rating: 12 Votes')", item=str, default=[]),
        "comment_min_units": Opt(int, "comment heads and marks below body text that make a comment thread (0: off)", default=0),
        "headline_run_min": Opt(int, "headline-like lines in a row (no sentence ending, not body) removed between other clusters and the article, like labels (0: labels only)", default=0),
        "end_markers": Opt(list, "regexes (case-insensitive) of whole lines that close an article (a rights line, a comments header): the page's tail starts there", item=str, default=[]),
        "teaser_max_words": Opt(int, "words of a teaser's one-paragraph summary at most", default=45),
        "teaser_min_units": Opt(int, "teasers (headline-like lines, then one summary line between non-body lines) a tail zone holds at least to be removed", default=3),
        "unmarked_min_units": Opt(int, "teasers a tail zone with no header or end marker holds at least to be removed (0: only marked zones)", default=0),
        "unmarked_lines_above": Opt(int, "non-body lines right above each summary of a zone with no header or end marker (a headline and a meta line)", default=2),
        "unmarked_teaser_ratio": Opt(float, "a zone with no header or end marker holds more than this many teasers per body line in runs", default=2.0),
        "zone_label_run": Opt(int, "label lines in a row below the article's body (a tag list, a share row, a section label) where the page's tail may start like at an end marker, when teasers of the unmarked shape follow (0: off)", default=0),
        "zone_label_max_words": Opt(int, "words of the label a zone below a label run starts at, at most (a longer label right under the body, a source or a signature, stays)", default=3),
        "zone_run_teaser_max_words": Opt(int, "words of a teaser's summary at most in a zone below such a label run (a full first paragraph)", default=45),
    }

    @classmethod
    def validate(cls, rule: Rule) -> None:
        o = rule.options
        for key, spec in cls.OPTIONS.items():
            if spec.type is int and o[key] < 0:
                raise rule.error("must be 0 or more", key=key)
        if o["gap_lines"] < 1:
            raise rule.error("must be 1 or more", key="gap_lines")
        if not (0.0 <= o["body_min_stop_share"] <= 1.0):
            raise rule.error("must be between 0 and 1", key="body_min_stop_share")
        if o["cjk_chars_per_word"] <= 0:
            raise rule.error("must be more than 0", key="cjk_chars_per_word")
        if not o["stopwords"]:
            raise rule.error("needs at least one language", key="stopwords")
        for lang, rel in o["stopwords"].items():
            if not isinstance(rel, str) or not rule.data_path(rel).is_file():
                raise rule.error(f"stop-word file of {lang!r} not found: {rel!r}", key="stopwords")
        for key in ("list_header_patterns", "counter_patterns", "end_markers", "date_patterns", "comment_heads", "comment_marks"):
            for p in o[key]:
                compile_regex(rule, p, key, ignore_case=True)
        compile_regex(rule, o["list_marker"], "list_marker")
        if o["key_value"]:
            compile_regex(rule, o["key_value"], "key_value")

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self._compiled = [self._compile_rule(r) for r in self.rules]

    @staticmethod
    def _compile_rule(rule: Rule) -> dict[str, Any]:
        o = rule.options
        stop = {lang: _read_words(rule.data_path(rel)) for lang, rel in sorted(o["stopwords"].items())}

        def alt(ps: list[str]) -> Any:
            return regex.compile("|".join(f"(?:{p})" for p in ps), regex.IGNORECASE | regex.V0) if ps else None

        langs_of: dict[str, tuple[str, ...]] = {}
        for lang, words in stop.items():
            for w in words:
                langs_of[w] = (*langs_of.get(w, ()), lang)
        return {
            "rule": rule,
            "stop": stop,
            "langs_of": langs_of,  # a stop word -> the languages it is one of (one lookup a word)
            "headers": frozenset(" ".join(h.split()).casefold() for h in o["list_headers"]),
            "header_re": alt(o["list_header_patterns"]),
            "counter_re": alt(o["counter_patterns"]),
            "end_re": alt(o["end_markers"]),
            "date_re": alt(o["date_patterns"]),
            "comment_head_re": alt(o["comment_heads"]),
            "comment_mark_re": alt(o["comment_marks"]),
            "marker_re": regex.compile(o["list_marker"], regex.V0),
            "kv_re": regex.compile(o["key_value"], regex.V0) if o["key_value"] else None,
            "memo": {},  # line -> its facts (see _line); emptied when pickled
        }

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_compiled"] = [{**c, "memo": {}} for c in self._compiled]
        return state

    def apply(self, doc: Doc) -> None:
        for c in self._compiled:
            if doc.applies(c["rule"]):
                self._apply_one(doc, c)

    # -- features ---------------------------------------------------------------------------

    def _line(self, line: str, c: dict[str, Any]) -> _Facts | None:
        """What a line is, whatever the document's language: its words, CJK characters, sentence
        shape, list marker, key-value shape, digits, stop-word hits per language, and its text as
        the patterns see it. Memoised per line: the second pass and the engine's fixed-point check
        see the same lines again."""
        memo: dict[str, Any] = c["memo"]
        got = memo.get(line, _MISSING)
        if got is not _MISSING:
            return got
        s = line.strip()
        if not s:
            facts = None
        else:
            o = c["rule"].options
            timeout = self.env.regex_timeout
            ws = _WORD.findall(unicodedata.normalize("NFKC", line).casefold())
            cjk = 0 if s.isascii() else len(_CJK.findall(s))
            tail = s.rstrip(o["closing"] + " ")
            ends = o["sentence_end"]
            sentence = bool(tail) and tail[-1] in ends and not tail.endswith("...") and not tail.endswith("…")
            marker = bool(c["marker_re"].search(s, timeout=timeout))
            key_value = bool(c["kv_re"] is not None and c["kv_re"].search(s, timeout=timeout))
            is_cjk = cjk * 2 >= len(s)
            latin_words = len([w for w in ws if not _CJK.search(w)]) if is_cjk else 0
            cjk_body = is_cjk and cjk >= o["body_min_cjk_chars"] and any(ch in s for ch in ends)
            hits = dict.fromkeys(c["stop"], 0)
            for w in ws:
                for one in c["langs_of"].get(w, ()):
                    hits[one] += 1
            facts = _Facts(ws, cjk, is_cjk, latin_words, cjk_body, sentence, marker, key_value, bool(_DIGIT.search(s)),
                           tuple(hits.values()), s, " ".join(line.split()), line.rstrip(o["closing"] + " ")[-1:])
        if len(memo) >= _MEMO_LINES:
            memo.clear()
        memo[line] = facts
        return facts

    def _full(self, c: dict[str, Any], key: str, text: str) -> bool:
        """Whether the pattern ``c[key]`` (None: no pattern) matches all of ``text``; memoised
        with the line facts, for the same reason."""
        pattern = c[key]
        if pattern is None:
            return False
        memo: dict[Any, Any] = c["memo"]
        got = memo.get((key, text))
        if got is None:
            got = bool(pattern.fullmatch(text, timeout=self.env.regex_timeout))
            if len(memo) >= _MEMO_LINES:
                memo.clear()
            memo[(key, text)] = got
        return got

    def _features(self, lines: list[str], c: dict[str, Any]) -> tuple[str, list[_Facts | None], list[dict[str, Any] | None]]:
        o = c["rule"].options
        facts = [self._line(l, c) for l in lines]
        # the document's language: the stop-word list with the most hits over all its lines
        totals = [sum(col) for col in zip(*(f.hits for f in facts if f is not None), strict=True)]
        counts = dict(zip(c["stop"], totals or [0] * len(c["stop"]), strict=True))
        lang = max(counts, key=lambda k: (counts[k], k == "en")) if counts else ""
        li = list(counts).index(lang) if counts else -1
        memo: dict[Any, Any] = c["memo"]
        feats: list[dict[str, Any] | None] = []
        for line, f in zip(lines, facts, strict=True):
            if f is None:
                feats.append(None)
                continue
            # memoised per language and line, like the facts (never changed once made)
            got = memo.get(("features", lang, line))
            if got is None:
                got = self._line_features(f, li, o)
                if len(memo) >= _MEMO_LINES:
                    memo.clear()
                memo[("features", lang, line)] = got
            feats.append(got)
        return lang, facts, feats

    @staticmethod
    def _line_features(f: _Facts, li: int, o: Mapping[str, Any]) -> dict[str, Any]:
        """A line's features in a document whose language is the ``li``-th stop-word list."""
        if f.is_cjk:
            n_words = max(1, round(f.cjk / o["cjk_chars_per_word"])) + f.latin_words
            share = 0.0
            body = f.cjk_body
        else:
            n_words = len(f.words)
            share = f.hits[li] / n_words if n_words and li >= 0 else 0.0
            body = (n_words >= o["body_min_words"] and share >= o["body_min_stop_share"]) or (
                f.sentence and n_words >= o["body_min_words_sentence"] and share > 0
            )
        return {
            "words": n_words,
            "stop_share": round(share, 2),
            "sentence": f.sentence,
            "body": body,
            "list_item": f.marker,
            "key_value": f.key_value,
            "label": not body and not f.sentence and not f.marker and n_words <= o["label_max_words"],
            "digit": f.digit,
            "cjk": f.is_cjk,
        }

    # -- decisions --------------------------------------------------------------------------

    def _apply_one(self, doc: Doc, c: dict[str, Any]) -> None:
        rule: Rule = c["rule"]
        o = rule.options
        lines = doc.lines
        lang, all_facts, all_feats = self._features(lines, c)
        fx: dict[int, _Facts] = {i: f for i, f in enumerate(all_facts) if f is not None}  # their facts
        feats: dict[int, dict[str, Any]] = {i: f for i, f in enumerate(all_feats) if f is not None}  # non-blank lines
        idx = list(feats)
        if not idx:
            return
        drop: dict[int, dict[str, Any]] = {}
        # a table: key_value_min_run key-value lines in a row (a schedule, a list of qualifiers)
        table: set[int] = set()
        if o["key_value_min_run"]:
            run: list[int] = []
            for i in idx + [-1]:
                if i >= 0 and feats[i]["key_value"]:
                    run.append(i)
                    continue
                if len(run) >= o["key_value_min_run"]:
                    table.update(run)
                run = []

        def is_header(i: int) -> bool:
            s = fx[i].one
            if s.casefold() in c["headers"]:
                return True
            return self._full(c, "header_re", s)

        # 1. list headers and the headline-like lines under them
        k = 0
        while k < len(idx):
            i = idx[k]
            if not is_header(i):
                k += 1
                continue
            items: list[int] = []
            m = k + 1
            while m < len(idx) and len(items) < o["max_list_items"]:
                f = feats[idx[m]]
                last = fx[idx[m]].last
                if f["words"] > o["list_item_max_words"] or is_header(idx[m]) or (f["body"] and last in o["list_item_stop_end"]):
                    break
                if last and last in o["list_lead_end"]:
                    break
                items.append(idx[m])
                m += 1
            drop[i] = {"why": "list header", "items_under": len(items)}
            for j in items:
                drop[j] = {"why": "list item under a header", "header_line": i + 1, "words": feats[j]["words"]}
            k = m

        # 1b. a comment thread: comment_min_units comment heads or marks or more, below body text;
        # from the first to the end of the thread_end comment (its lines up to the next non-body line)
        if o["comment_min_units"] and (c["comment_head_re"] is not None or c["comment_mark_re"] is not None):
            units: list[int] = []
            for k, i in enumerate(idx):
                one = fx[i].one
                if self._full(c, "comment_mark_re", one):
                    units.append(k)
                elif self._full(c, "comment_head_re", one):
                    nxt = idx[k + 1] if k + 1 < len(idx) else None
                    if feats[i]["body"]:
                        continue
                    if feats[i]["digit"] or (nxt is not None and feats[nxt]["digit"] and not feats[nxt]["body"] and not feats[nxt]["sentence"]):
                        units.append(k)
            if len(units) >= o["comment_min_units"] and any(feats[i]["body"] and i not in drop for i in idx[: units[0]]):
                thread_end = units[-1] + 1
                while thread_end < len(idx) and not feats[idx[thread_end]]["body"]:
                    thread_end += 1  # the thread_end comment's meta lines (a date), then its text
                while thread_end < len(idx) and feats[idx[thread_end]]["body"]:
                    thread_end += 1
                for i in idx[units[0]:thread_end]:
                    if i not in drop:
                        drop[i] = {"why": "comment thread", "comments": len(units), "thread_line": idx[units[0]] + 1,
                                   "words": feats[i]["words"]}

        def is_end(i: int) -> bool:
            return self._full(c, "end_re", fx[i].one)

        # hard boundaries: a list header or an end marker, where the page's tail may start
        bounds = [i for i in idx if (i in drop and drop[i]["why"] == "list header") or is_end(i)]

        # 2. the article: the cluster of body lines with the most body text
        body_idx = [i for i in idx if feats[i]["body"] and i not in drop]
        if body_idx:
            clusters: list[list[int]] = [[body_idx[0]]]
            for a, b in zip(body_idx, body_idx[1:], strict=False):
                between = [j for j in idx[bisect_right(idx, a):bisect_left(idx, b)] if j not in drop]
                gap = best = 0
                for j in between:
                    gap = gap + 1 if feats[j]["label"] else 0
                    best = max(best, gap)
                if best >= o["gap_lines"]:
                    clusters.append([b])
                else:
                    clusters[-1].append(b)
            article = max(clusters, key=lambda cl: sum(len(lines[i]) for i in cl))
            start, end = article[0], article[-1]

            def kept_anyway(i: int) -> bool:
                f = feats[i]
                return f["list_item"] or i in table or f["words"] >= o["long_line_words"] or (f["sentence"] and f["words"] >= o["header_min_words"])

            def continues(i: int) -> bool:
                f = feats[i]
                return kept_anyway(i) or f["words"] > o["label_max_words"] or (f["digit"] and f["words"] > o["header_min_words"])

            marked = set(bounds)  # a hard boundary ends the article
            # the article goes on over the lines right below it that continue it (a list, a table)
            for i in idx[bisect_right(idx, end):]:
                if i in drop or i in marked or not (feats[i]["body"] or continues(i)):
                    break
                end = i
            # the page's tail: from a hard boundary inside or below the article to the end, teasers
            # (headline-like lines, then a one-paragraph summary between non-body lines) repeated
            # teaser_min_units times or more, and more of them than body lines in runs (a text that
            # goes on), with more of the article's body text above the boundary than in the zone
            live = [i for i in idx if i not in drop]
            pos = {i: k for k, i in enumerate(idx)}

            def bodyish(i: int) -> bool:  # a removed line (a list item) is no body line
                return feats[i]["body"] and i not in drop

            def isolated(i: int) -> bool:
                k = pos[i]
                return 0 < k and not bodyish(idx[k - 1]) and (k + 1 == len(idx) or not bodyish(idx[k + 1]))

            # with no header or end marker, a zone may also start at any label line below the
            # article's start, when it holds more teasers (unmarked_min_units) and more than
            # unmarked_teaser_ratio times as many teasers as body lines in runs
            # a run of zone_label_run label lines or more right below body text (tags, a share row,
            # "More from ...") closes the article like an end marker when teasers of the unmarked
            # shape (a headline and a meta line above each summary) follow it
            # (a longer label right under the body text, a source or a signature, stays with the article)
            label_runs: set[int] = set()
            if o["zone_label_run"]:
                run = []
                for i in live + [-1]:
                    if i > start and feats[i]["label"]:
                        run.append(i)
                        continue
                    k = 0
                    while k < len(run) and feats[run[k]]["words"] > o["zone_label_max_words"]:
                        k += 1
                    if len(run) - k >= o["zone_label_run"] and bodyish(idx[pos[run[0]] - 1]):
                        label_runs.add(run[k])
                    run = []
            starts = sorted(marked | label_runs | ({i for i in live if i > start and feats[i]["label"]} if o["unmarked_min_units"] else set()))
            for b in starts:
                if b <= start:
                    continue
                zone = live[bisect_left(live, b):]
                zbody = [i for i in zone if feats[i]["body"]]
                by_run = b in label_runs and b not in marked
                max_words = o["zone_run_teaser_max_words"] if by_run else o["teaser_max_words"]
                teasers = [i for i in zbody if feats[i]["words"] <= max_words and isolated(i)]
                dense = [i for i in zbody if i not in teasers]
                above = sum(len(lines[i]) for i in body_idx[bisect_left(body_idx, start):bisect_left(body_idx, b)])
                need, ratio = (o["teaser_min_units"], 1.0) if b in marked else (o["unmarked_min_units"], 1.0) if by_run \
                    else (o["unmarked_min_units"], o["unmarked_teaser_ratio"])
                if b not in marked:
                    # a teaser with no header: a headline and a meta line (source, author, time)
                    # above each summary; one subhead above a paragraph is an article's section
                    teasers = [i for i in teasers if pos[i] >= o["unmarked_lines_above"]
                               and not any(bodyish(idx[pos[i] - d]) for d in range(1, o["unmarked_lines_above"] + 1))]
                # below an end marker (a rights line, a comments header) the page is over: the
                # teasers may outweigh the article; below a list header or a label, they may not
                if len(teasers) < need or len(teasers) <= ratio * len(dense) or (
                        above < sum(len(lines[i]) for i in zbody) and not is_end(b) and not by_run):
                    continue
                for i in zone:
                    if i in dense or feats[i]["list_item"] or i in table:
                        continue
                    drop[i] = {"why": "teaser zone below the article", "zone_line": b + 1, "marked": b in marked, "label_run": by_run,
                               "teasers": len(teasers), "body_runs_kept": len(dense), **_show(feats[i])}
                end = min(end, b - 1)
                break
            # head run: non-body lines above the article; in the last header_window lines, the
            # headline block (lines of header_min_words words or with a digit) stays
            head = [i for i in idx if i < start and not feats[i]["body"] and i not in drop]
            window = set(i for i in idx if i < start and i not in drop)
            window = set(sorted(window)[-o["header_window"]:]) if o["header_window"] else set()

            def header_like(i: int) -> bool:
                f = feats[i]
                if self._full(c, "counter_re", fx[i].stripped):
                    return False
                return f["words"] >= o["header_min_words"] or (f["digit"] and f["words"] >= 2)

            # between body lines (other clusters), only label-like lines go: a list inside an
            # article with a gap before its main part keeps its items
            first_body, last_body = body_idx[0], body_idx[-1]
            headline_run: set[int] = set()
            live_idx = [i for i in idx if i not in drop]
            if o["headline_run_min"]:
                # a run next to a body line other than the article's first is a list of the text around it
                run = []
                for i in live_idx + [-1]:
                    fr = feats.get(i)
                    if fr is not None and not fr["body"] and not fr["sentence"] and not kept_anyway(i) \
                            and fr["words"] <= o["list_item_max_words"] and not (start <= i <= end):
                        run.append(i)
                        continue
                    heads = [j for j in run if not feats[j]["label"]]
                    lead_in = bool(run) and fx[run[0]].last in o["list_lead_end"]
                    if len(heads) >= o["headline_run_min"] and not lead_in and not (fr is not None and fr["body"] and i != start):
                        k = live_idx.index(run[0])
                        if k == 0 or not feats[live_idx[k - 1]]["body"] or feats[run[0]]["label"]:
                            headline_run.update(run)
                    run = []

            def between_ok(i: int) -> bool:  # a line between other clusters and the article that may go
                return feats[i]["label"] or i in headline_run
            def menu_item(i: int) -> bool:
                # a list item above the document's first body line that is a one- to few-word label
                # ("- Baseball"): a menu, not a list of the article's
                f = feats[i]
                return f["list_item"] and i < first_body and f["words"] <= o["head_list_item_max_words"] \
                    and not f["sentence"] and not f["digit"]

            # the headline block is a few lines (headline, byline, date): more than header_block_max
            # headline-like lines in a row in the window are a list (a playlist, a sidebar), not it
            in_block: set[int] = set()
            run = []
            for i in sorted(window) + [-1]:
                if i >= 0 and not feats[i]["body"] and not kept_anyway(i) and header_like(i):
                    run.append(i)
                    continue
                if not o["header_block_max"] or len(run) <= o["header_block_max"] or any(
                        self._full(c, "date_re", fx[j].stripped) for j in run[-o["header_block_max"]:]):
                    in_block.update(run)  # a date line near the article: the headline block is in the run
                run = []
            run_lines = [
                i for i in head
                if (not kept_anyway(i) or menu_item(i)) and i not in in_block and (i < first_body or between_ok(i))
            ]
            if len(run_lines) - sum(1 for i in run_lines if feats[i]["list_item"]) >= o["min_head_run"]:
                for i in run_lines:
                    drop[i] = {"why": "head run above the article", "run": len(run_lines), "article_line": start + 1, **_show(feats[i])}
            tail = [
                i for i in idx
                if i > end and not feats[i]["body"] and i not in drop and not kept_anyway(i) and (i > last_body or between_ok(i))
            ]
            if len(tail) >= o["min_tail_run"]:
                for i in tail:
                    drop[i] = {"why": "tail run below the article", "run": len(tail), "article_end_line": end + 1, **_show(feats[i])}

        # 3. counters, times and tallies next to a removed line or a short label
        if c["counter_re"] is not None:
            for k, i in enumerate(idx):
                if i in drop or not self._full(c, "counter_re", fx[i].stripped):
                    continue
                near = [idx[k - 1]] if k > 0 else []
                near += [idx[k + 1]] if k + 1 < len(idx) else []
                if any(j in drop or (feats[j]["label"] and feats[j]["words"] <= 3) for j in near):
                    drop[i] = {"why": "counter next to chrome", "words": feats[i]["words"]}

        if not drop:
            return
        for i in sorted(drop):
            detail = {"language": lang, **drop[i]}
            doc.record(rule, i + 1, lines[i], "", detail=detail, op="drop")
        doc.lines = [l for i, l in enumerate(lines) if i not in drop]


def _show(f: dict[str, Any]) -> dict[str, Any]:
    return {"words": f["words"], "stop_share": f["stop_share"], "sentence": f["sentence"], "label": f["label"]}
