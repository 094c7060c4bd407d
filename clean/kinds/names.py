"""The ``names`` kind: people's names in one canonical form.

One kind, several *parts*; each ``[[rule]]`` of ``rules/names.toml`` switches one part on and is
the rule id its changes are recorded under:

``gazetteer``            known people (``names/people.toml``): every derived variant of a person
                         (family-first, ALL-CAPS family in either position, macron / circumflex /
                         oh / ou / oo long vowels, middle initial, generational suffix) and every
                         ``auto`` alias without a date window becomes the canonical form. ``suggest``
                         aliases are reported, never applied.
``time-gated-alias``     aliases with ``date_between``: applied only when the document's time (its
                         own date, else the office-holders it names with their titles) lies inside
                         the window; otherwise left alone and reported.
``courtesy-title``       "Mr.", "Ms.", "H.E.", "the Honorable" ... directly before a *full* name are
                         dropped (policy ``honorifics = "drop"``); before a bare surname they stay.
``honorific-suffix``     "Motegi-san" -> "Motegi" (policy ``honorifics = "drop"``).
``caps-family-name``     names outside the gazetteer in MOFA style: an ALL-CAPS family name next to
                         a Title-case given name is reordered and recased when the Japanese name
                         lexicon supports it ("KAMIKAWA Yoko" -> "Yoko Kamikawa"), only recased for
                         Chinese/Korean surnames ("PARK Jin" -> "Park Jin"); a lone ALL-CAPS family
                         name of a known person right after a title is recased ("Minister MOTEGI"
                         -> "Minister Motegi"); without lexicon evidence only a suggestion.
``family-first-lexicon`` Title-case Japanese pairs outside the gazetteer in the order the policy does
                         not want ("Mogi Ken") are reordered only on strong lexicon evidence (first
                         token a surname and not a given name, second a given name and not a
                         surname); weaker evidence gives a suggestion.
``derived-reading``      a kanji name misread (another Japanese reading, or pinyin), derived by
                         :mod:`clean.names.readings` (KANJIDIC2 and JMnedict readings from
                         ``names/kanji_readings.tsv``): rewritten only where the context pins the
                         person (a title they held at the document's time directly before or in
                         apposition, or an earlier full mention of them); otherwise reported.

Output order (policy ``name_order``): ``given-family`` (default) or ``family-given``; the policy
applies to Japanese names. Chinese and Korean names keep family-first; Western names stay
given-first. A person's ``display``, when set, is the exact canonical text in every policy.

Guards (each tested): bare surnames are never rewritten ("Motegi and Blinken agreed"); all-caps
spans and headlines are left alone; acronyms and stop tokens never form a name; gazetteer
blocklists ("Donald Blinken"); people who share a surname only match with their own given name;
policy ``preserve_quoted_names`` leaves names inside quotation marks alone.

This module is the kind only: it loads the data, asks the package :mod:`clean.names` for the
mentions on each line, settles overlaps and the time gate, and records every edit. The data
model, the matchers and the document date live in :mod:`clean.names`; each distinct line is
worked out once (:mod:`clean.names.plans`) and replayed, ``fast=False`` works out every line.
Neither STABLE (a rewrite can pin a derived reading on a later line) nor LINE_LOCAL (the time).

The document date is kept in ``doc.meta["date"]`` (a :class:`datetime.date` or None), with
``doc.meta["date_source"]``; see :func:`clean.names.dates.document_date` for the policy. A date
already in ``doc.meta["date"]`` (set by the engine from lines an earlier stage dropped) is used as
is. Without a date, the terms of the people named with a title of theirs are intersected and kept,
as a hull, in ``doc.meta["date_window"]``. A time-gated alias applies when the document's time
overlaps its window and excludes the terms of the person the alias literally names (Naoto Kan,
for "Prime Minister Kan" written for Suga): then the literal reading cannot be right.
"""

from __future__ import annotations

import copy
import datetime as _dt
from collections.abc import Sequence
from typing import Any

from ..errors import RuleFileError
from ..names.dates import document_date, gate_open
from ..names.gazetteer import Gazetteer, NamesDataError, load_gazetteer
from ..names.honorifics import Edit, HonorificMatcher, Honorifics, load_honorifics
from ..names.index import NameIndex, copy_mentions
from ..names.lexicons import Lexicons, load_lexicons_cached
from ..names.plans import BORING, LinePlan, OneLine, Outcome, reads_doc
from ..names.readings import KanjiReadings, load_kanji_readings
from ..names.text import QUOTE_CHARS, Mention, quoted_spans, resolve, settle_ambiguity
from ..names.unlisted import Unlisted, has_caps_pair
from .base import Doc, Env, Kind, Opt, Rule

PARTS: tuple[str, ...] = (
    "gazetteer",
    "time-gated-alias",
    "courtesy-title",
    "honorific-suffix",
    "caps-family-name",
    "family-first-lexicon",
    "derived-reading",
)


class Names(Kind):
    KIND = "names"
    STAGE = "names"
    READS_META = ("date",)
    DOC = (
        "People's names in one canonical form: gazetteer variants and aliases, courtesy titles before full "
        "names, honorific suffixes, MOFA ALL-CAPS family names, family-first Japanese pairs and misread kanji names. Each rule "
        "switches one part on (option `part`)."
    )
    POLICY = {
        "name_order": Opt(str, "order of Japanese names: 'given-family' (Toshimitsu Motegi) or 'family-given' (Motegi Toshimitsu); Western names stay given-first and Chinese and Korean names family-first in both", choices=("given-family", "family-given")),
        "honorifics": Opt(str, "courtesy titles before a full name ('Mr. MOTEGI Toshimitsu', 'the Honorable ...'): 'drop' or 'keep'", choices=("drop", "keep")),
        "preserve_quoted_names": Opt(bool, "leave names inside quotation marks as written"),
    }
    OPTIONS = {
        "part": Opt(str, "which sub-rule this entry is", required=True, choices=PARTS),
        "gazetteer": Opt(str, "the gazetteer of known people, relative to the rules directory", default="names/people.toml"),
        "honorifics": Opt(str, "courtesy titles and honorific suffixes, relative to the rules directory", default="names/honorifics.toml"),
        "lexicons": Opt(str, "folder of word lists (stop tokens, acronyms, CJK surnames ...), relative to the rules directory", default="names/lexicons"),
        "jp_lexicon": Opt(str, "the Python package of the Japanese personal-name dataset (read offline)", default="japanese_personal_name_dataset"),
        "kanji_readings": Opt(str, "KANJIDIC2 and JMnedict readings of the gazetteer's kanji (derived-reading part), relative to the rules directory (default names/kanji_readings.tsv; when that is absent, only the name dataset's readings and pinyin are derived)"),
        "action": Opt(str, "auto: rewrite on strong evidence; suggest: only report (family-first-lexicon and caps-family-name)", default="auto", choices=("auto", "suggest")),
    }

    # ------------------------------------------------------------------ load time

    @staticmethod
    def _load_file(rule: Rule, key: str, default: str, loader: Any) -> Any:
        """Load the data file a rule names under ``key``; errors name that file, its line and key."""
        path = rule.data_path(rule.options.get(key) or default)
        if not path.is_file():
            raise rule.error(f"{key} file not found: {path}", key=key)
        try:
            return loader(path)
        except NamesDataError as e:
            raise RuleFileError(path, e.message, line=e.line, rule=rule.id, key=e.key) from None

    @classmethod
    def _data(cls, rule: Rule) -> tuple[Gazetteer, Honorifics, Lexicons]:
        opts = rule.options
        gaz = cls._load_file(rule, "gazetteer", "names/people.toml", load_gazetteer)
        hon = cls._load_file(rule, "honorifics", "names/honorifics.toml", load_honorifics)
        ldir = rule.data_path(opts.get("lexicons") or "names/lexicons")
        if not ldir.is_dir():
            raise rule.error(f"lexicons folder not found: {ldir}", key="lexicons")
        try:
            lex = load_lexicons_cached(ldir, opts.get("jp_lexicon") or "japanese_personal_name_dataset")
        except NamesDataError as e:
            raise rule.error(e.message, key="jp_lexicon" if "package" in e.message else "lexicons") from None
        return gaz, hon, lex

    @classmethod
    def _kanji_readings(cls, rule: Rule) -> KanjiReadings | None:
        """The rule's KANJIDIC2/JMnedict readings; None when the default file is absent (a rules
        folder of one's own: the misreadings then come from the name dataset and pinyin only)."""
        if not rule.options.get("kanji_readings") and not rule.data_path("names/kanji_readings.tsv").is_file():
            return None
        return cls._load_file(rule, "kanji_readings", "names/kanji_readings.tsv", load_kanji_readings)

    @classmethod
    def validate(cls, rule: Rule) -> None:
        part = rule.options.get("part")
        if part not in PARTS:
            raise rule.error(f"part must be one of {', '.join(PARTS)}, got {part!r}", key="part")
        if rule.options.get("action", "auto") != "auto" and part not in ("caps-family-name", "family-first-lexicon"):
            raise rule.error(
                f"action = 'suggest' is only for the caps-family-name and family-first-lexicon parts (this rule is part {part!r}); "
                "make a gazetteer alias suggest-only with action = 'suggest' in the gazetteer",
                key="action",
            )
        cls._data(rule)
        if part == "derived-reading":
            cls._kanji_readings(rule)

    @classmethod
    def compile(cls, rules: Sequence[Rule], env: Env) -> Names:
        return cls(rules, env)

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self.part_rule: dict[str, Rule] = {}
        self.part_action: dict[str, str] = {}
        for r in self.rules:
            p = str(r.options["part"])
            if p not in self.part_rule:
                self.part_rule[p] = r
                self.part_action[p] = r.options.get("action") or "auto"
        policy = env.policy
        self.order = policy.get("name_order", "given-family")
        self.drop_honorifics = policy.get("honorifics", "drop") != "keep"
        self.preserve_quotes = bool(policy.get("preserve_quoted_names", False))
        # data: persons of every gazetteer named (usually one); word lists of the first rule
        data = [self._data(r) for r in self.rules]
        assert data
        lex = data[0][2]
        reading_rule = self.part_rule.get("derived-reading")
        package = (reading_rule.options.get("jp_lexicon") or "japanese_personal_name_dataset") if reading_rule else None
        kanji = self._kanji_readings(reading_rule) if reading_rule else None
        self.index = NameIndex([g for g, _, _ in data], lex, self.order, self.part_rule, env.regex_timeout, package, kanji)
        self.honorifics = HonorificMatcher(data[0][1], lex, self.index.known_names)
        self.strip_suffixes = self.drop_honorifics and "honorific-suffix" in self.part_rule and self.honorifics.suffix_re is not None
        self.unlisted = Unlisted(lex, self.order, self.index.caps_family, self.index.known_names, self.honorifics.honorific_words, self.part_action)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_plans", None)  # memos are rebuilt in each process, not shipped
        state.pop("_timed", None)
        return state

    # ------------------------------------------------------------------ apply

    def observe(self, doc: Doc) -> None:
        """Date the document from its text before the boilerplate stage drops date lines/captions."""
        if "time-gated-alias" in self.part_rule:
            d, src = document_date(doc.lines)
            doc.meta["date"] = d
            doc.meta["date_source"] = src
            doc.date = d

    def apply(self, doc: Doc) -> None:
        if not self.part_rule:
            return
        if "time-gated-alias" in self.part_rule and "date" not in doc.meta:
            d, src = document_date(doc.lines)
            doc.meta["date"] = d
            doc.meta["date_source"] = src
            doc.date = d
        if not self.env.fast:
            self._apply_plain(doc)
            return
        lines = doc.lines
        # Each line's plan (what the stage does to it when the rest of the document does not
        # matter), worked out once per distinct line: most lines are boring, the rest replay.
        plans = self.__dict__.get("_plans")
        if plans is None:
            plans = self.__dict__["_plans"] = {}
        get = plans.get
        explaining = doc.explaining
        todo: list[tuple[int, LinePlan]] = []  # the lines whose processing does something
        certain: list[tuple[int, LinePlan]] = []  # the lines with a full mention (for derived readings)
        pending = False
        for i, line in enumerate(lines):
            if not line:
                continue
            p = get(line)
            if p is None:
                if len(plans) > 50_000:
                    plans.clear()
                p = plans[line] = self._plan(line)
            if p is BORING:
                continue
            if p.suffix_records:
                for rid, before, after, detail in p.suffix_records:
                    doc.record(rid, i + 1, before, after, copy.deepcopy(detail) if explaining else detail)
                lines[i] = p.line
            if p.certain:
                certain.append((i, p))
            if p.acts:
                todo.append((i, p))
                pending = pending or p.gated
        if not todo:
            return
        window = self._time_window(doc, [(i, p.hits) for i, p in todo]) if pending else None
        timed: dict[tuple[str, Any], Any] = self.__dict__.setdefault("_timed", {})
        first_certain: dict[str, tuple[int, int]] | None = None
        for i, p in todo:
            out = p.outcome
            if out is None:
                # reads the document's time: worked out once per line and time
                key = (p.line, tuple(window) if window else None)
                out = timed.get(key, BORING)
                if out is BORING:
                    if len(timed) > 50_000:
                        timed.clear()
                    out = timed[key] = self._alone(p.line, p.hits, window, timed=True)
            if out is None:
                # a derived reading: reads the earlier full mentions too
                if first_certain is None:
                    first_certain = {}
                    for j, q in certain:
                        for person, start in q.certain:
                            first_certain.setdefault(person, (j, start))
                self._settle_line(doc, i, copy_mentions(p.hits), window, first_certain)
                continue
            new, records, suggestions = out
            for rid, text, message in suggestions:
                doc.suggest(rid, i + 1, text, message)
            for rid, before, after, detail in records:
                doc.record(rid, i + 1, before, after, copy.deepcopy(detail) if explaining else detail)
            lines[i] = new

    def _plan(self, line: str) -> LinePlan:
        """What :meth:`apply` does to ``line`` when the rest of the document does not matter."""
        one = OneLine(line)
        if self.strip_suffixes and self.honorifics.suffix_quick.search(line):
            line = self._strip_suffixes(one, 0)
        suffix_records = tuple(one.records)
        hits = self.index.shared_hits(line)
        interesting = bool(hits) or self._maybe_other(line)
        if not interesting and not suffix_records:
            return BORING
        gated = any(reads_doc(m) for m in hits)
        certain = tuple((m.person, m.start) for m in hits if m.certain and m.person and not reads_doc(m))
        outcome = self._alone(line, hits, None, timed=False) if interesting and not gated else None
        return LinePlan(line, suffix_records, hits, interesting, gated, certain, outcome)

    def _alone(self, line: str, hits: Sequence[Mention], window: list[tuple[_dt.date, _dt.date]] | None, *, timed: bool) -> Outcome | None:
        """:meth:`_settle_line` on ``line`` alone, in a document of time ``window`` (when ``timed``);
        None when a hit reads more of the document (a derived reading; untimed, a time-gated alias)."""
        one = OneLine(line)
        mentions = copy_mentions(hits)
        for n in range(3):
            if any(m.part == "derived-reading" or (not timed and m.detail.get("gated")) for m in mentions):
                return None
            # after a rewrite, suggestions are not the line's (suggest=False) but its new text's own
            sink = one if n == 0 else OneLine(one.lines[0])
            if not self._process_line(sink, 0, mentions, window, {}, suggest=True):
                if n:
                    self._seed(sink.lines[0], tuple(sink.suggestions))
                break
            if n:
                one.records.extend(sink.records)
                one.lines[0] = sink.lines[0]
            mentions = self.index.hits(one.lines[0])
        return (one.lines[0], tuple(one.records), tuple(one.suggestions))

    def _seed(self, line: str, suggestions: tuple[tuple[str, str, str], ...]) -> None:
        """The plan of a rewritten line that :meth:`_alone` just processed (for the next pass)."""
        plans = self.__dict__.get("_plans")
        if plans is None or line in plans or (self.strip_suffixes and self.honorifics.suffix_quick.search(line)):
            return
        hits = self.index.shared_hits(line)
        if any(reads_doc(m) for m in hits):
            return
        if not hits and not self._maybe_other(line):
            plans[line] = BORING
            return
        certain = tuple((m.person, m.start) for m in hits if m.certain and m.person)
        plans[line] = LinePlan(line, (), hits, True, False, certain, (line, (), suggestions))

    def _apply_plain(self, doc: Doc) -> None:
        """:meth:`apply` without line plans, run for ``fast=False``: the path the tests compare it with."""
        per_line: list[tuple[int, list[Mention]]] = []
        first_certain: dict[str, tuple[int, int]] = {}  # person -> (line, column) of the first full mention
        for i, line in enumerate(doc.lines):
            if not line:
                continue
            if self.strip_suffixes and self.honorifics.suffix_quick.search(line):
                line = self._strip_suffixes(doc, i)  # first: the other parts see "Motegi", not "Motegi-san"
            hits = self.index.hits(line)
            if hits or self._maybe_other(line):
                per_line.append((i, hits))
            for m in hits:
                if m.certain and m.person and not reads_doc(m):
                    first_certain.setdefault(m.person, (i, m.start))
        pending = any(reads_doc(m) for _, ms in per_line for m in ms)
        window = self._time_window(doc, per_line) if pending else None
        for i, mentions in per_line:
            self._settle_line(doc, i, mentions, window, first_certain)

    def _settle_line(self, doc: Doc, i: int, mentions: list[Mention], window: list[tuple[_dt.date, _dt.date]] | None, first_certain: dict[str, tuple[int, int]]) -> None:
        """Process line ``i`` until it stops changing: a rewrite can make a new name with its
        neighbour ("Motegi Toshimichi Shigeki"), so that a second run changes nothing."""
        for n in range(3):
            if not self._process_line(doc, i, mentions, window, first_certain, suggest=n == 0):
                break
            mentions = self.index.hits(doc.lines[i])

    def _maybe_other(self, line: str) -> bool:
        """Cheap test: could any non-gazetteer part change this line?"""
        p = self.part_rule
        if "caps-family-name" in p and has_caps_pair(line) and self.unlisted.caps_tokens(line):
            return True
        if "family-first-lexicon" in p and self.unlisted.lexicon_candidate(line):
            return True
        if self.drop_honorifics:
            if "courtesy-title" in p and self.honorifics.honorific_quick.search(line):
                return True
        return False

    # .................................................................. document time

    def _time_window(self, doc: Doc, per_line: Sequence[tuple[int, Sequence[Mention]]]) -> list[tuple[_dt.date, _dt.date]] | None:
        """The dates the document may be from: its own date, else the office-holders' terms."""
        d = doc.meta.get("date")
        if isinstance(d, _dt.date):
            return [(d, d)]
        window = self.index.office_window(doc.lines, per_line)
        doc.meta["date_window"] = (window[0][0], window[-1][1]) if window else None
        if window is not None:
            doc.meta["date_source"] = "office holders"
        return window

    # .................................................................. one line

    def _process_line(
        self,
        doc: Doc | OneLine,
        i: int,
        gaz: list[Mention],
        window: list[tuple[_dt.date, _dt.date]] | None,
        first_certain: dict[str, tuple[int, int]],
        *,
        suggest: bool = True,
    ) -> bool:
        """Rewrite line ``i``; True when it changed."""
        line = doc.lines[i]
        quoted = quoted_spans(line) if self.preserve_quotes and any(q in line for q in QUOTE_CHARS) else []

        def in_quotes(s: int) -> bool:
            return any(a < s < b for a, b in quoted)

        # time gate; derived readings only where the context pins the person
        mentions: list[Mention] = []
        for m in gaz:
            if m.part == "derived-reading":
                if self._pin_reading(doc, i, m, window, first_certain, suggest):
                    mentions.append(m)
                continue
            g = m.detail.get("gated")
            if g:
                m.detail.pop("gated")
                if not gate_open(g, m.literal, window):
                    if not window:
                        when = "no document date"
                    elif len(window) == 1 and window[0][0] == window[0][1]:
                        when = f"document date {window[0][0]}"
                    else:
                        when = "document time " + ", ".join(f"{a}..{b}" for a, b in window)
                    m.suggestion = (
                        f"{m.detail['span']!r} may be {m.detail['to']!r} ({m.detail['alias_kind']}, only between "
                        f"{g[0]} and {g[1]}; {when}): left as written"
                    )
                    m.new = None
                m.detail["window"] = [str(g[0]), str(g[1])]
            mentions.append(m)
        # resolve overlaps: leftmost, then longest; "none" (blocked) spans count as occupied
        # one mention or none: nothing overlaps, nothing is ambiguous
        chosen = settle_ambiguity(resolve(mentions)) if len(mentions) > 1 else mentions
        taken = [(m.start, m.end) for m in chosen]
        if "caps-family-name" in self.part_rule and has_caps_pair(line):
            chosen += self.unlisted.caps(line, taken)
            taken = [(m.start, m.end) for m in chosen]
        if "family-first-lexicon" in self.part_rule and self.unlisted.lexicon_candidate(line):
            chosen += self.unlisted.lexicon_pairs(line, taken)
        edits: list[Edit] = []
        for m in chosen:
            if quoted and in_quotes(m.start):
                continue
            if m.suggestion and suggest:
                doc.suggest(self.part_rule[m.part].id, i + 1, m.detail.get("span", line[m.start : m.end]), m.suggestion)
            if m.new is not None and m.part in self.part_rule:
                edits.append((m.start, m.end, m.new, m.part, m.detail))
        if self.drop_honorifics:
            if "courtesy-title" in self.part_rule and self.honorifics.honorific_quick.search(line):
                edits += self.honorifics.courtesy(line, chosen, in_quotes if quoted else None)
        if not edits:
            return False
        edits.sort(key=lambda e: e[0], reverse=True)
        cur = line
        last_start = len(line) + 1
        for s, e, new, part, detail in edits:
            if e > last_start:  # overlapping edits: keep the right-most
                continue
            before = cur
            cur = cur[:s] + new + cur[e:]
            last_start = s
            rid = self.part_rule[part].id
            doc.record(rid, i + 1, before, cur, detail)
        doc.lines[i] = cur
        return cur != line

    def _pin_reading(
        self, doc: Doc | OneLine, i: int, m: Mention, window: list[tuple[_dt.date, _dt.date]] | None, first_certain: dict[str, tuple[int, int]], suggest: bool
    ) -> bool:
        """Does the context pin the person behind a derived-reading hit? A title of theirs held at
        the document's time right before or in apposition, or an earlier full mention of them.
        Records why in the hit's detail; else reports a suggestion and leaves the text."""
        line = doc.lines[i]
        pi = self.index.person_index(m.person or "")
        title = self.index.title_pin(pi, line, m.start, m.end, window)
        if title:
            m.detail["context"] = f"title {title!r}"
            return True
        first = first_certain.get(m.person or "")
        if first is not None and first < (i, m.start):
            m.detail["context"] = f"earlier mention on line {first[0] + 1}"
            return True
        if suggest:
            rid = self.part_rule["derived-reading"].id
            doc.suggest(rid, i + 1, m.detail["span"], f"{m.detail['span']!r} may be {m.detail['to']!r} ({m.detail['reading']}): no title or earlier mention pins the person; left as written")
        return False

    def _strip_suffixes(self, doc: Doc | OneLine, i: int) -> str:
        """Drop honorific suffixes on line ``i`` (recording each); return the new line."""
        line = doc.lines[i]
        quoted = quoted_spans(line) if self.preserve_quotes and any(q in line for q in QUOTE_CHARS) else []
        edits = self.honorifics.suffixes(line, (lambda s: any(a < s < b for a, b in quoted)) if quoted else None)
        rid = self.part_rule["honorific-suffix"].id
        for s, e, new, _part, detail in sorted(edits, key=lambda x: x[0], reverse=True):
            before = line
            line = line[:s] + new + line[e:]
            doc.record(rid, i + 1, before, line, detail)
        doc.lines[i] = line
        return line


def name_index(steps: Sequence[tuple[str, Kind]]) -> NameIndex | None:
    """The name index of a compiled pipeline's names step (``Pipeline.steps``), if it has one:
    ``clean suggest`` asks it which spans are known and what the canonical forms are."""
    for _, k in steps:
        if isinstance(k, Names):
            return k.index
    return None
