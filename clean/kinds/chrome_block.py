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

Most documents have nothing the kind could remove; a sum of memoised per-line summaries proves
that without the decisions (``_nothing_to_remove``, exact: it never skips a removal).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any

import regex

from ..prefilter import LineGate, shape
from .base import Doc, Env, Kind, Opt, Rule, compile_regex
from .chrome_lines import _BIG, COUNTER, FIELD, HEAD, HEADER, MARK, LineReader, fresh_memos, read_words

# The lists of whole-line patterns (matched case-insensitively, each against all of a line), by
# the name the compiled rule and LineReader._whole know them by -> their option.
WHOLE_LINE: dict[str, str] = {
    "header": "list_header_patterns",
    "counter": "counter_patterns",
    "end": "end_markers",
    "date": "date_patterns",
    "comment_head": "comment_heads",
    "comment_mark": "comment_marks",
}


class ChromeBlock(LineReader, Kind):
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
        for key in WHOLE_LINE.values():
            for p in o[key]:
                compile_regex(rule, p, key, ignore_case=True)
        compile_regex(rule, o["list_marker"], "list_marker")
        if o["key_value"]:
            compile_regex(rule, o["key_value"], "key_value")

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self._compiled = [self._compile_rule(r) for r in self.rules]
        # the exact early exit of _nothing_to_remove (off on the slow path, to check it against)
        self.early_exit = env.fast

    @staticmethod
    def _compile_rule(rule: Rule) -> dict[str, Any]:
        o = rule.options
        stop = {lang: read_words(rule.data_path(rel)) for lang, rel in sorted(o["stopwords"].items())}

        # each list of whole-line patterns as one alternation, "<name>_re", and its gate, "<name>_gate":
        # which of the patterns may match a text in full (clean.prefilter), so that most lines are
        # ruled out by their length or their first or last characters, without the regex
        whole: dict[str, Any] = {}
        for name, key in WHOLE_LINE.items():
            ps = o[key]
            whole[f"{name}_re"] = regex.compile("|".join(f"(?:{p})" for p in ps), regex.IGNORECASE | regex.V0) if ps else None
            whole[f"{name}_gate"] = LineGate([shape(p, True) for p in ps]) if ps else None
        langs_of: dict[str, tuple[str, ...]] = {}
        for lang, words in stop.items():
            for w in words:
                langs_of[w] = (*langs_of.get(w, ()), lang)
        return {
            "rule": rule,
            "stop": stop,
            # a stop word -> 1 in the field of each language it is one of (one lookup a word; the
            # fields of a line's words add up to its hits without a carry: a count is below 2 ** 32)
            "hit_of": {w: sum(1 << (FIELD * k) for k, lang in enumerate(stop) if lang in langs) for w, langs in langs_of.items()},
            "headers": frozenset(" ".join(h.split()).casefold() for h in o["list_headers"]),
            **whole,
            "marker_re": regex.compile(o["list_marker"], regex.V0),
            "kv_re": regex.compile(o["key_value"], regex.V0) if o["key_value"] else None,
            **fresh_memos(stop),  # emptied when pickled
            # the fewest non-body lines a removal by position needs (see _nothing_to_remove)
            "min_nonbody": min(max(o["min_head_run"], 1), max(o["min_tail_run"], 1),
                               max(min(o["teaser_min_units"], o["unmarked_min_units"]), 1)),
            "names": list(stop),
            "bits": [1 << (FIELD * k) for k in range(len(stop) + 4)],  # the summary's fields, 1 in each
            # the high bits of every stop-word field: one is set in a line's packed hits when it
            # has _BIG hits or more in a language (no field reaches 2 ** FIELD: no carry)
            "big": sum(((1 << FIELD) - _BIG) << (FIELD * k) for k in range(len(stop))),
            "en": list(stop).index("en") if "en" in stop else -1,
            "comments_on": bool(o["comment_min_units"] and (o["comment_heads"] or o["comment_marks"])),
        }

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_compiled"] = [{**c, **fresh_memos(c["stop"])} for c in self._compiled]
        return state

    def apply(self, doc: Doc) -> None:
        origin: list[int] | None = None  # the step's input line of each line, once a rule has removed some
        for c in self._compiled:
            if not doc.applies(c["rule"]):
                continue
            if self.early_exit:
                quiet, lang, li = self._nothing_to_remove(doc.lines, c)
                if quiet:
                    continue
            else:
                lang, li = self._language(doc.lines, c)
            kept = self._decide(doc, c, origin, lang, li)
            if kept is not None:
                origin = kept

    # -- decisions --------------------------------------------------------------------------

    def _decide(self, doc: Doc, c: dict[str, Any], origin: list[int] | None, lang: str, li: int) -> list[int] | None:
        """One round of one rule on a document of language ``lang`` (the ``li``-th stop-word
        list): removes the lines it decides on and records them (line numbers in the step's
        input: ``origin`` gives each line's, None when no round removed any yet). Returns the
        step's input line of each line left, or None when it removed nothing.

        The decisions are made on the non-blank lines alone, by their place ``p`` among them
        (``idx[p]`` is the line's index in ``lines``): blank lines never count."""
        rule: Rule = c["rule"]
        o = rule.options
        lines = doc.lines

        def ln(i: int) -> int:  # the line number of lines[i] in the step's input
            return i + 1 if origin is None else origin[i] + 1

        idx, fx, feats, rows, flag = self._features(lines, c, li)
        m = len(idx)
        if not m:
            return None
        # the features by column (see _features), and the flags of any line
        n_words, is_sentence, is_body, is_item, is_kv, is_label, has_digit = zip(*rows, strict=True)
        any_flag = reduce(or_, flag)
        drop: dict[int, dict[str, Any]] = {}
        # a table: key_value_min_run key-value lines in a row (a schedule, a list of qualifiers)
        table: set[int] = set()
        if o["key_value_min_run"] and bytes(is_kv).find(b"\x01" * o["key_value_min_run"]) >= 0:
            run: list[int] = []
            for p in range(m + 1):
                if p < m and is_kv[p]:
                    run.append(p)
                    continue
                if len(run) >= o["key_value_min_run"]:
                    table.update(run)
                run = []

        # 1. list headers and the headline-like lines under them
        if any_flag & HEADER:
            # (the items under a header end at the next header at the latest)
            for k in [p for p in range(m) if flag[p] & HEADER]:
                items: list[int] = []
                q = k + 1
                while q < m and len(items) < o["max_list_items"]:
                    last = fx[q].last
                    if n_words[q] > o["list_item_max_words"] or flag[q] & HEADER or (is_body[q] and last in o["list_item_stop_end"]):
                        break
                    if last and last in o["list_lead_end"]:
                        break
                    items.append(q)
                    q += 1
                drop[k] = {"why": "list header", "items_under": len(items)}
                for j in items:
                    drop[j] = {"why": "list item under a header", "header_line": ln(idx[k]), "words": n_words[j]}

        # 1b. a comment thread: comment_min_units comment heads or marks or more, below body text;
        # from the first to the end of the thread_end comment (its lines up to the next non-body line)
        if any_flag & (MARK | HEAD) and sum(1 for g in flag if g & (MARK | HEAD)) >= o["comment_min_units"]:
            units: list[int] = []
            for k in range(m):
                if flag[k] & MARK:
                    units.append(k)
                elif flag[k] & HEAD:
                    if is_body[k]:
                        continue
                    if has_digit[k] or (k + 1 < m and has_digit[k + 1] and not is_body[k + 1] and not is_sentence[k + 1]):
                        units.append(k)
            if len(units) >= o["comment_min_units"] and any(is_body[p] and p not in drop for p in range(units[0])):
                thread_end = units[-1] + 1
                while thread_end < m and not is_body[thread_end]:
                    thread_end += 1  # the thread_end comment's meta lines (a date), then its text
                while thread_end < m and is_body[thread_end]:
                    thread_end += 1
                for p in range(units[0], thread_end):
                    if p not in drop:
                        drop[p] = {"why": "comment thread", "comments": len(units), "thread_line": ln(idx[units[0]]),
                                   "words": n_words[p]}

        # hard boundaries: a list header or an end marker, where the page's tail may start
        endm: dict[str, bool] = c["ends"]
        try:
            ends = [endm[lines[i]] for i in idx]
        except KeyError:
            ends = [self._end(lines[i], c) for i in idx]
        marked = {p for p in range(m) if (p in drop and drop[p]["why"] == "list header") or ends[p]}

        # 2. the article: the cluster of body lines with the most body text
        body = [p for p in range(m) if is_body[p] and p not in drop]
        if body:
            gap_lines = o["gap_lines"]
            clusters: list[list[int]] = [[body[0]]]
            for a, b in zip(body, body[1:], strict=False):
                best = 0
                if b - a > gap_lines:  # fewer lines between them cannot hold gap_lines labels
                    gap = 0
                    for j in range(a + 1, b):
                        if j in drop:
                            continue
                        gap = gap + 1 if is_label[j] else 0
                        best = max(best, gap)
                if best >= gap_lines:
                    clusters.append([b])
                else:
                    clusters[-1].append(b)
            article = clusters[0] if len(clusters) == 1 else max(clusters, key=lambda cl: sum(len(lines[idx[p]]) for p in cl))
            start, end = article[0], article[-1]
            end_line = idx[end]  # the article's end as a line of ``lines`` (for the record)

            long_line, header_min = o["long_line_words"], o["header_min_words"]
            # kept anyway: a list item, a table row, a long line, a sentence of a few words
            anyway = [is_item[p] or p in table or n_words[p] >= long_line or (is_sentence[p] and n_words[p] >= header_min) for p in range(m)]

            def continues(p: int) -> bool:
                return anyway[p] or n_words[p] > o["label_max_words"] or (has_digit[p] and n_words[p] > header_min)

            # the article goes on over the lines right below it that continue it (a list, a table)
            for p in range(end + 1, m):
                if p in drop or p in marked or not (is_body[p] or continues(p)):
                    break
                end, end_line = p, idx[p]
            # the page's tail: from a hard boundary inside or below the article to the end, teasers
            # (headline-like lines, then a one-paragraph summary between non-body lines) repeated
            # teaser_min_units times or more, and more of them than body lines in runs (a text that
            # goes on), with more of the article's body text above the boundary than in the zone
            bodies = is_body if not drop else [is_body[p] and p not in drop for p in range(m)]  # a removed line (a list item) is no body line
            # a teaser: a body line between non-body lines below the article's start
            isolated = {p for p in body if p > start and not bodies[p - 1] and (p + 1 == m or not bodies[p + 1])}
            most_words = max(o["teaser_max_words"], o["zone_run_teaser_max_words"])
            need_least = min(o["teaser_min_units"], o["unmarked_min_units"])
            # a zone needs need_least teasers or more (each zone's need is one of the two): fewer
            # teasers below the article's start, no zone
            zones = not need_least or sum(1 for p in isolated if n_words[p] <= most_words) >= need_least
            live = [p for p in range(m) if p not in drop] if zones else []

            # with no header or end marker, a zone may also start at any label line below the
            # article's start, when it holds more teasers (unmarked_min_units) and more than
            # unmarked_teaser_ratio times as many teasers as body lines in runs
            # a run of zone_label_run label lines or more right below body text (tags, a share row,
            # "More from ...") closes the article like an end marker when teasers of the unmarked
            # shape (a headline and a meta line above each summary) follow it
            # (a longer label right under the body text, a source or a signature, stays with the article)
            label_runs: set[int] = set()
            if zones and o["zone_label_run"]:
                run = []
                for p in live + [-1]:
                    if p > start and is_label[p]:
                        run.append(p)
                        continue
                    k = 0
                    while k < len(run) and n_words[run[k]] > o["zone_label_max_words"]:
                        k += 1
                    if len(run) - k >= o["zone_label_run"] and bodies[run[0] - 1]:
                        label_runs.add(run[k])
                    run = []
            starts = sorted(marked | label_runs | ({p for p in live if p > start and is_label[p]} if o["unmarked_min_units"] else set())) if zones else []
            starts = [b for b in starts if b > start]
            if starts:
                # with no header or end marker above it, a teaser also has a headline and a meta
                # line (source, author, time) above it: one subhead above a paragraph is an
                # article's section
                above_n = o["unmarked_lines_above"]
                unmarked_ok = [p >= above_n and not any(bodies[p - above_n:p]) for p in range(m)]
            for b in starts:
                zone = live[bisect_left(live, b):]
                zbody = [p for p in zone if is_body[p]]
                by_run = b in label_runs and b not in marked
                max_words = o["zone_run_teaser_max_words"] if by_run else o["teaser_max_words"]
                teasers = [p for p in zbody if n_words[p] <= max_words and p in isolated]
                need, ratio = (o["teaser_min_units"], 1.0) if b in marked else (o["unmarked_min_units"], 1.0) if by_run \
                    else (o["unmarked_min_units"], o["unmarked_teaser_ratio"])
                kept = [p for p in teasers if unmarked_ok[p]] if b not in marked else teasers
                if len(kept) < need:
                    continue
                is_teaser = set(teasers)
                dense = [p for p in zbody if p not in is_teaser]
                teasers = kept
                # below an end marker (a rights line, a comments header) the page is over: the
                # teasers may outweigh the article; below a list header or a label, they may not
                if len(teasers) <= ratio * len(dense):
                    continue
                if not ends[b] and not by_run:
                    above = sum(len(lines[idx[p]]) for p in body[bisect_left(body, start):bisect_left(body, b)])
                    if above < sum(len(lines[idx[p]]) for p in zbody):
                        continue
                is_dense = set(dense)
                for p in zone:
                    if p in is_dense or is_item[p] or p in table:
                        continue
                    drop[p] = {"why": "teaser zone below the article", "zone_line": ln(idx[b]), "marked": b in marked, "label_run": by_run,
                               "teasers": len(teasers), "body_runs_kept": len(dense), **_show(feats[p])}
                if b - 1 < end:
                    end, end_line = b - 1, idx[b] - 1
                break
            # head run: non-body lines above the article; in the last header_window lines, the
            # headline block (lines of header_min_words words or with a digit) stays
            head = [p for p in range(start) if not is_body[p] and p not in drop]
            window = [p for p in range(start) if p not in drop][-o["header_window"]:] if o["header_window"] else []

            def header_like(p: int) -> bool:
                if flag[p] & COUNTER:
                    return False
                return n_words[p] >= header_min or (has_digit[p] and n_words[p] >= 2)

            # between body lines (other clusters), only label-like lines go: a list inside an
            # article with a gap before its main part keeps its items
            first_body, last_body = body[0], body[-1]
            headline_run: set[int] = set()
            # only a line between the first and the last body line asks whether it is in one
            if o["headline_run_min"] and any(not is_body[p] and p not in drop for p in range(first_body + 1, last_body)):
                live = [p for p in range(m) if p not in drop]
                # a run next to a body line other than the article's first is a list of the text around it
                run = []
                for k, p in enumerate(live + [-1]):
                    if p >= 0 and not is_body[p] and not is_sentence[p] and not anyway[p] \
                            and n_words[p] <= o["list_item_max_words"] and not (start <= p <= end):
                        run.append(p)
                        continue
                    if len(run) >= o["headline_run_min"]:
                        heads = [j for j in run if not is_label[j]]
                        lead_in = fx[run[0]].last in o["list_lead_end"]
                        if len(heads) >= o["headline_run_min"] and not lead_in and not (p >= 0 and is_body[p] and p != start):
                            r0 = k - len(run)  # the run's first line among the live ones
                            if r0 == 0 or not is_body[live[r0 - 1]] or is_label[run[0]]:
                                headline_run.update(run)
                    run = []

            def between_ok(p: int) -> bool:  # a line between other clusters and the article that may go
                return is_label[p] or p in headline_run

            def menu_item(p: int) -> bool:
                # a list item above the document's first body line that is a one- to few-word label
                # ("- Baseball"): a menu, not a list of the article's
                return is_item[p] and p < first_body and n_words[p] <= o["head_list_item_max_words"] \
                    and not is_sentence[p] and not has_digit[p]

            if head:
                # the headline block is a few lines (headline, byline, date): more than header_block_max
                # headline-like lines in a row in the window are a list (a playlist, a sidebar), not it
                in_block: set[int] = set()
                run = []
                for p in window + [-1]:
                    if p >= 0 and not is_body[p] and not anyway[p] and header_like(p):
                        run.append(p)
                        continue
                    if not o["header_block_max"] or len(run) <= o["header_block_max"] or any(
                            self._full(c, "date", fx[j].stripped) for j in run[-o["header_block_max"]:]):
                        in_block.update(run)  # a date line near the article: the headline block is in the run
                    run = []
                run_lines = [
                    p for p in head
                    if (not anyway[p] or menu_item(p)) and p not in in_block and (p < first_body or between_ok(p))
                ]
                if run_lines and len(run_lines) - sum(1 for p in run_lines if is_item[p]) >= o["min_head_run"]:
                    for p in run_lines:
                        drop[p] = {"why": "head run above the article", "run": len(run_lines), "article_line": ln(idx[start]), **_show(feats[p])}
            tail = [
                p for p in range(end + 1, m)
                if not is_body[p] and p not in drop and not anyway[p] and (p > last_body or between_ok(p))
            ]
            if tail and len(tail) >= o["min_tail_run"]:
                for p in tail:
                    drop[p] = {"why": "tail run below the article", "run": len(tail), "article_end_line": ln(end_line), **_show(feats[p])}

        # 3. counters, times and tallies next to a removed line or a short label
        if any_flag & COUNTER:
            for k in range(m):
                if k in drop or not flag[k] & COUNTER:
                    continue
                near = [k - 1] if k > 0 else []
                near += [k + 1] if k + 1 < m else []
                if any(j in drop or (is_label[j] and n_words[j] <= 3) for j in near):
                    drop[k] = {"why": "counter next to chrome", "words": n_words[k]}

        if not drop:
            return None
        explaining = doc.explaining
        for p in sorted(drop):
            i = idx[p]
            doc.record(rule, ln(i), lines[i], "", detail={"language": lang, **drop[p]} if explaining else None, op="drop")
        gone = {idx[p] for p in drop}
        doc.lines = [l for i, l in enumerate(lines) if i not in gone]
        return [i if origin is None else origin[i] for i in range(len(lines)) if i not in gone]


def _show(f: dict[str, Any]) -> dict[str, Any]:
    return {"words": f["words"], "stop_share": f["stop_share"], "sentence": f["sentence"], "label": f["label"]}
