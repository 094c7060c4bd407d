"""Encoding repair with ftfy, one line at a time, with an exact fast path.

``Repairer.fix_line(line)`` is always ``ftfy.fix_text(line, config=repairer.config)``; it only
avoids calling ftfy on lines that ftfy provably returns unchanged. ftfy is the whole cost of the
pipeline, so the precheck ``needs_repair`` decides
that without running ftfy, from ftfy's own data.

Why the precheck is exact (read against ftfy 6.3.1, ``ftfy/__init__.py``):

* ``fix_and_explain`` runs a fixed list of steps in a loop and returns as soon as one pass leaves
  the text unchanged. So if every step is the identity on the line, the line comes back as is.
* Each character-level step is the identity unless the line holds one of its characters:
  ``unescape_html`` needs a match of ``chardata.HTML_ENTITY_RE`` (so a ``&``);
  ``remove_terminal_escapes`` needs ESC; ``fix_c1_controls`` U+0080-U+009F;
  ``fix_latin_ligatures`` a key of ``chardata.LIGATURES``; ``fix_character_width`` a key of
  ``chardata.WIDTH_MAP``; ``uncurl_quotes`` a match of the quote regexes; ``fix_line_breaks``
  CR, LF, U+0085, U+2028 or U+2029; ``fix_surrogates`` a surrogate; ``remove_control_chars`` a
  key of ``chardata.CONTROL_CHARS``; normalization a line that is not already normalized.
* ``fix_encoding`` (with all its sub-steps: restore_byte_a0, replace_lossy_sequences,
  decode_inconsistent_utf8, the C1 fallback) returns ASCII text at once, and any text for which
  ``badness.is_bad`` is false. ``is_bad`` is a search of ``badness.BADNESS_RE``. That search is
  itself slow (about 5 MB/s on English prose, as slow as ftfy), so we evaluate it exactly but
  cheaply: parsing ``BADNESS_RE`` shows that each of its alternatives has a mandatory element
  that matches only characters of a set ``T`` (chosen to leave out curly quotes, dashes, the
  ellipsis, ©®™ and «»), and that no match is longer than ``L`` characters. So a line without a
  ``T`` character is not bad, and a line with some is bad exactly when ``BADNESS_RE`` matches in
  a window of ``L`` characters either side of one (``Pattern.search(line, pos, endpos)``; the
  pattern has no look-around and its one anchor ``^`` only matches at the real start).

If the parse does not look as expected (another ftfy version), ``T`` is not used and ``is_bad``
is called on every non-ASCII line: slower, still exact. ``tests/test_repair.py`` proves the
identity on a generated corpus, on every BMP character and on random strings.

ftfy caveats handled here:

* ``fix_text`` segments its input by line and by ``max_decode_length``; with
  ``unescape_html="auto"`` it turns unescaping off for a segment holding ``<`` *and for every
  later segment* (the change to ``config`` sticks). ``fix_and_explain`` treats its input as one
  segment. ``explain_line`` replays ``fix_text``'s segment loop, so it applies the same rule.
* With ``explain=False``, ``fix_and_explain`` calls ``fix_encoding(text)`` *without the config*,
  so ``restore_byte_a0``, ``replace_lossy_sequences``, ``decode_inconsistent_utf8`` and
  ``fix_c1_controls`` are silently taken at ftfy's defaults inside the encoding step. The
  effective config therefore has ``explain=True``: ftfy then honours those options, and
  ``fix_line`` and ``explain_line`` run the very same code. (The cost, a list of steps that
  ``fix_text`` throws away, is only paid on lines that reach ftfy.)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import ftfy
from ftfy import chardata, fixes
from ftfy.badness import BADNESS_RE

__all__ = ["DEFAULT_OPTIONS", "Repairer", "valid_options"]

# The project's ftfy settings (rules/ftfy.toml passes the same table; these are also the
# base that a rule's own table is laid over, so leaving a key out never turns on an ftfy default
# that would damage text, such as width folding).
DEFAULT_OPTIONS: dict[str, Any] = {
    # The point of the step: undo UTF-8 that was decoded as cp1252/Latin-1/MacRoman, twice or once.
    "fix_encoding": True,
    # "Ã " where a no-break space became a plain space in transit is still mojibake.
    "restore_byte_a0": True,
    # cp1252 mojibake whose undefined bytes became "?" or U+FFFD ("â€�") is still recognisable.
    "replace_lossy_sequences": True,
    # Scraped lines mix mojibake with correct text; fix the mojibake runs on their own.
    "decode_inconsistent_utf8": True,
    # C1 controls are cp1252 characters decoded as Latin-1 (browsers read them as cp1252 too).
    "fix_c1_controls": True,
    # "&amp;", "&rsquo;" left in plain text are decoded; a line holding "<" is markup and kept.
    "unescape_html": "auto",
    # ANSI colour codes pasted from a terminal are not text.
    "remove_terminal_escapes": True,
    # "ﬁ"/"ﬂ" from PDF copy-paste break search and name matching; they become "fi"/"fl".
    "fix_latin_ligatures": True,
    # OFF: it would fold fullwidth CJK punctuation, the ideographic space and fullwidth letters
    # ("「東京」、ＡＢＣ"): Japanese text must not be damaged.
    "fix_character_width": False,
    # OFF: quote style is a separate policy step of ours, not ftfy's business.
    "uncurl_quotes": False,
    # OFF: our whitespace stage owns line ends (and the engine hands us single lines anyway).
    "fix_line_breaks": False,
    # Lone or paired UTF-16 surrogates (from broken JSON) become the characters they encode, or U+FFFD.
    "fix_surrogates": True,
    # The canonical text has no invisible control characters (BOM, NUL, U+206A-U+206F ...).
    "remove_control_chars": True,
    # One canonical form for accented letters; ftfy compares its candidates in NFC too.
    "normalization": "NFC",
    # max_decode_length: ftfy's default (1,000,000); only lines longer than that are segmented.
}

_NORMALIZATIONS = ("NFC", "NFD", "NFKC", "NFKD")
_FIELD_DEFAULTS: dict[str, Any] = dict(ftfy.TextFixerConfig._field_defaults)
_OPTION_NAMES: tuple[str, ...] = tuple(f for f in ftfy.TextFixerConfig._fields if f != "explain")


def valid_options() -> tuple[str, ...]:
    """The ftfy.TextFixerConfig fields a Repairer accepts (all but ``explain``)."""
    return _OPTION_NAMES


def _check_option(name: str, value: Any) -> Any:
    """The value to put in the config, or TypeError/ValueError naming the option."""
    default = _FIELD_DEFAULTS[name]
    if name == "unescape_html":
        if value is True or value is False or value == "auto":
            return value
        raise ValueError(f"ftfy option 'unescape_html' must be true, false or \"auto\", got {value!r}")
    if name == "normalization":
        if value is None or value is False:  # TOML has no null: false means "no normalization"
            return None
        if value in _NORMALIZATIONS:
            return value
        raise ValueError(
            f"ftfy option 'normalization' must be one of {', '.join(_NORMALIZATIONS)} or false, got {value!r}"
        )
    if name == "max_decode_length":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"ftfy option 'max_decode_length' must be a positive integer, got {value!r}")
        return value
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise TypeError(f"ftfy option {name!r} must be true or false, got {value!r}")
        return value
    return value  # pragma: no cover - every TextFixerConfig field is handled above


def _make_config(options: Mapping[str, Any]) -> ftfy.TextFixerConfig:
    if not isinstance(options, Mapping):
        raise TypeError(f"ftfy options must be a table (mapping), got {type(options).__name__}")
    merged = dict(DEFAULT_OPTIONS)
    for name, value in options.items():
        if name == "explain":
            raise ValueError(
                "ftfy option 'explain' cannot be set: the Repairer controls it (use explain_line)"
            )
        if name not in _OPTION_NAMES:
            raise ValueError(f"unknown ftfy option {name!r}; valid options: {', '.join(_OPTION_NAMES)}")
        merged[name] = _check_option(name, value)
    # explain=True: see the module docstring (ftfy ignores four options when it is False).
    return ftfy.TextFixerConfig(**merged, explain=True)


# -- character sets derived from ftfy's own data -------------------------------------------------

# How costly it is to put a character in a trigger set: roughly how often it occurs in correct
# news text. Only used to choose, among an alternative's mandatory elements, the one whose
# characters are rarest; correctness never depends on it.
_FREQUENT = set("\u2019\u2018\u201c\u201d\u2014\u2013\u2026\u00a0\u00b7\u00ab\u00bb\u00a9\u00ae\u2122")
_ACCENTED = set(
    "áàâäãåçéèêëíìîïñóòôöõúùûüýÿßæœøÁÀÂÄÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸÆŒØ°€£¥×½²³µ"
)


def _weight(c: str) -> int:
    o = ord(c)
    if o < 0x80:
        if c.isalnum() or c == " ":
            return 10**7
        if c in ".,;:'\"()-?!/":
            return 10**6
        return 10 if o < 0x20 or o == 0x7F else 10**3
    if c in _FREQUENT:
        return 10**5
    if c in _ACCENTED:
        return 10**3
    return 1


class _Unsupported(Exception):
    """The regex uses a construct the witness analysis does not handle."""


def _parse(pattern: re.Pattern[str]):
    from re import _constants as c  # type: ignore[attr-defined]  # private, checked by the fallback
    from re import _parser as p  # type: ignore[attr-defined]

    tree = p.parse(pattern.pattern, pattern.flags)
    flags = pattern.flags | tree.state.flags  # including inline (?i) at the start
    if flags & ~(re.UNICODE | re.VERBOSE):  # IGNORECASE etc. would widen what a literal matches
        raise _Unsupported(f"flags {flags}")
    return tree, c


def _witness(pattern: re.Pattern[str]) -> frozenset[str]:
    """A set of characters such that every match of ``pattern`` contains one of them.

    Walks the parse tree: a literal or a positive character class is its own witness; a
    sequence takes the witness of its cheapest mandatory element; an alternation the union of
    its alternatives' witnesses; a repeat with a minimum >= 1 its body's. Anything else
    (categories such as \\w, negated classes, optional parts) is no witness.
    """
    tree, c = _parse(pattern)

    def charset(items) -> set[str] | None:
        out: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                out.add(chr(av))
            elif op is c.RANGE:
                out.update(map(chr, range(av[0], av[1] + 1)))
            else:  # NEGATE, CATEGORY ...: not a finite positive set
                return None
        return out

    def item(op, av) -> set[str] | None:
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN:
            return charset(av)
        if op is c.BRANCH:
            union: set[str] = set()
            for alt in av[1]:
                w = seq(alt)
                if w is None:
                    return None
                union |= w
            return union
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            return seq(av[2]) if av[0] >= 1 else None
        if op is c.SUBPATTERN:
            add_flags = av[1]
            return None if add_flags & ~(re.UNICODE | re.VERBOSE) else seq(av[3])
        return None

    def seq(items) -> set[str] | None:
        best: set[str] | None = None
        best_cost = 0
        for op, av in items:
            w = item(op, av)
            if w is not None:
                cost = sum(map(_weight, w))
                if best is None or cost < best_cost:
                    best, best_cost = w, cost
        return best

    w = seq(tree)
    if w is None:
        raise _Unsupported(f"no witness for {pattern.pattern[:40]!r}")
    return frozenset(w)


def _windowable(pattern: re.Pattern[str]) -> int:
    """The longest match of ``pattern`` if a match found with ``search(s, pos, endpos)`` is a
    match in ``s`` and vice versa for windows covering it (no look-around, no anchors but ``^``)."""
    tree, c = _parse(pattern)

    def check(items) -> None:
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.GROUPREF, c.GROUPREF_EXISTS):
                raise _Unsupported(str(op))
            if op is c.AT and av is not c.AT_BEGINNING:
                raise _Unsupported(str(av))
            if op is c.BRANCH:
                for alt in av[1]:
                    check(alt)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                check(av[2])
            elif op is c.SUBPATTERN:
                check(av[3])
            elif op is c.ATOMIC_GROUP:
                check(av)

    check(tree)
    lo, hi = tree.getwidth()
    if hi >= c.MAXREPEAT or hi > 64:
        raise _Unsupported("unbounded match length")
    return hi


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class for ``chars`` (ranges merged, every endpoint escaped)."""
    codes = sorted({ord(ch) for ch in chars})
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        a, b = codes[i], codes[j]
        esc = lambda o: f"\\U{o:08x}"  # noqa: E731
        parts.append(esc(a) if a == b else f"{esc(a)}-{esc(b)}")
        i = j + 1
    return "[" + "".join(parts) + "]"


_LINE_BREAKS = frozenset("\r\n\u0085\u2028\u2029")  # what fixes.fix_line_breaks replaces


def _witness_or(pattern: re.Pattern[str], fallback: str) -> frozenset[str]:
    """_witness(pattern), or ``fallback`` (read from ftfy 6.3.1) if the parse is not understood."""
    try:
        return _witness(pattern)
    except (_Unsupported, ImportError, AttributeError, TypeError, ValueError):
        return frozenset(fallback)


@functools.lru_cache(maxsize=1)
def _badness_filter() -> tuple[frozenset[str], int] | None:
    """(T, L) for the windowed is_bad, or None to search the whole line."""
    try:
        return _witness(BADNESS_RE), _windowable(BADNESS_RE)
    except (_Unsupported, ImportError, AttributeError, TypeError, ValueError):
        return None


class _Plan:
    """The compiled precheck for one config."""

    def __init__(self, config: ftfy.TextFixerConfig) -> None:
        # A character that some enabled step may change, or "\n": fix_text cuts its input into
        # segments there (each with its own "^" and "<" rules), so such input always goes to ftfy.
        always: set[str] = {"\n"}
        if config.remove_control_chars:
            always |= {chr(k) for k in chardata.CONTROL_CHARS}
        if config.remove_terminal_escapes:
            always |= _witness_or(fixes.ANSI_RE, "\x1b")
        if config.fix_c1_controls:
            always |= {chr(k) for k in range(0x80, 0xA0)}
        if config.fix_latin_ligatures:
            always |= {chr(k) for k in chardata.LIGATURES}
        if config.fix_character_width:
            always |= {chr(k) for k in chardata.WIDTH_MAP}
        if config.uncurl_quotes:
            always |= _witness_or(chardata.SINGLE_QUOTE_RE, "\u02bc\u2018\u2019\u201a\u201b")
            always |= _witness_or(chardata.DOUBLE_QUOTE_RE, "\u201c\u201d\u201e\u201f")
        if config.fix_line_breaks:
            always |= _LINE_BREAKS
        if config.fix_surrogates:
            always |= _witness_or(fixes.SURROGATE_RE, "".join(map(chr, range(0xD800, 0xE000))))
        self.entities = config.unescape_html is not False
        self.auto_html = config.unescape_html == "auto"
        self.entity_chars = _witness_or(chardata.HTML_ENTITY_RE, "&") if self.entities else frozenset()
        self.fix_encoding = config.fix_encoding
        bad = _badness_filter() if self.fix_encoding else None
        self.windowed = bad is not None
        bad_chars: frozenset[str] = bad[0] if bad is not None else frozenset()
        self.bad_width = bad[1] if bad is not None else 0
        self.normalization = config.normalization
        self.max_len = config.max_decode_length

        # The character classes are compiled at first use (see __getattr__): compiling them costs
        # tens of ms, which a process that never meets a candidate line should not pay.
        self._classes: dict[str, str | None] = {}
        self._classes["always_re"] = _char_class(always) if always else None
        ascii_any = {ch for ch in always | self.entity_chars if ch.isascii()}
        self._classes["ascii_re"] = _char_class(ascii_any) if ascii_any else None
        self.every_non_ascii = self.fix_encoding and not self.windowed
        trig = ascii_any if self.every_non_ascii else always | self.entity_chars | bad_chars
        # every non-ASCII line has to be checked with is_bad when every_non_ascii
        self._classes["any_re"] = _char_class(trig) if trig and not self.every_non_ascii else None
        self._classes["bad_re"] = _char_class(bad_chars) if bad_chars else None
        self.always_chars = frozenset(always)
        # Repairer.trigger: a line with none of these is left alone by the precheck (when
        # ``every_non_ascii`` is False, else only an ASCII one). "\n" is the joined text's own.
        self.trigger = frozenset(trig - {"\n"})
        self.bad_chars = bad_chars

    def __getattr__(self, name: str) -> Any:
        # Only called for a missing attribute: a class not compiled yet.
        classes = self.__dict__.get("_classes")
        if classes is None or name not in classes:
            raise AttributeError(name)
        source = classes[name]
        pattern = re.compile(source) if source is not None else None
        self.__dict__[name] = pattern
        return pattern

    def __getstate__(self) -> dict[str, Any]:
        # Pickled without the compiled classes: unpickling would compile them all again.
        return {k: v for k, v in self.__dict__.items() if k not in self._classes}


class Repairer:
    """ftfy with the project's options, for one line at a time.

    ``options``: ftfy.TextFixerConfig fields to set, over ``DEFAULT_OPTIONS`` (a key left out
    keeps the project's value, not ftfy's default). An unknown field raises ValueError naming it
    and listing the valid ones; ``explain`` cannot be set.

    >>> r = Repairer(DEFAULT_OPTIONS)
    >>> r.fix_line("Kishida\u00e2\u20ac\u2122s visit")
    'Kishida’s visit'
    >>> r.needs_repair("「東京」、ＡＢＣ"), r.fix_line("「東京」、ＡＢＣ")
    (False, '「東京」、ＡＢＣ')
    """

    config: ftfy.TextFixerConfig

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.config = _make_config(options)
        self._plan = _Plan(self.config)

    def __repr__(self) -> str:
        base = {**_FIELD_DEFAULTS, **DEFAULT_OPTIONS}
        changed = {k: v for k, v in self.config._asdict().items() if k != "explain" and v != base[k]}
        return f"Repairer({changed!r})"

    # Pickled whole, plan included: rebuilding the plan parses ftfy's data (~80 ms), reading it
    # back is a few ms. That is what makes the compiled-Cleaner cache (clean.cache) pay.

    # -- the precheck -------------------------------------------------------------------------

    def needs_repair(self, line: str) -> bool:
        """False only if ftfy.fix_text(line, config=self.config) == line (proven, not guessed)."""
        plan = self._plan
        if len(line) > plan.max_len:
            return True  # ftfy would split it into segments (each with its own "<" rule): let it
        if line.isascii():
            # fix_encoding returns ASCII text at once; ASCII is normalized in every form; so
            # only control characters, CR (if line breaks are fixed) and entities remain.
            if plan.ascii_re is None or plan.ascii_re.search(line) is None:
                return False
            return self._slow_check(line, ascii_only=True)
        if plan.normalization is not None and not unicodedata.is_normalized(plan.normalization, line):
            return True
        if plan.any_re is not None and plan.any_re.search(line) is None:
            return False
        return self._slow_check(line, ascii_only=False)

    def may_need_repair(self, text: str, has_trigger: bool) -> bool:
        """False only if :meth:`needs_repair` is False for every line of ``text`` (its lines
        joined with ``\n``), where ``has_trigger`` says whether ``text`` holds a character of
        :attr:`trigger`: a line needs repair only if it is too long, not normalized, or holds one
        (any non-ASCII character, when ``every_non_ascii``); ``\n`` never composes with a
        neighbour, so ``text`` is normalized iff every line is.
        """
        plan = self._plan
        if has_trigger or len(text) > plan.max_len:
            return True
        if text.isascii():
            return False
        if plan.every_non_ascii:
            return True
        return plan.normalization is not None and not unicodedata.is_normalized(plan.normalization, text)

    @property
    def trigger(self) -> frozenset[str]:
        return self._plan.trigger

    def _slow_check(self, line: str, ascii_only: bool) -> bool:
        plan = self._plan
        if plan.always_re is not None and plan.always_re.search(line) is not None:
            return True
        if (
            plan.entities
            and "&" in line
            and not (plan.auto_html and "<" in line)
            and chardata.HTML_ENTITY_RE.search(line) is not None
        ):
            return True
        if plan.fix_encoding and not ascii_only:
            return self._is_bad(line)
        return False

    def _is_bad(self, line: str) -> bool:
        """badness.is_bad(line), searching only around the characters any match must contain."""
        plan = self._plan
        if not plan.windowed:
            return BADNESS_RE.search(line) is not None
        search = BADNESS_RE.search
        width = plan.bad_width
        n = len(line)
        start, end = 0, -1  # the current window [start, end); none yet
        for m in plan.bad_re.finditer(line):
            p = m.start()
            a = p - width + 1
            if a <= end:
                end = p + width
                continue
            if end >= 0 and search(line, max(start, 0), min(end, n)) is not None:
                return True
            start, end = a, p + width
        return end >= 0 and search(line, max(start, 0), min(end, n)) is not None

    # -- fixing -------------------------------------------------------------------------------

    def fix_line(self, line: str) -> str:
        """ftfy.fix_text(line, config=self.config), without calling ftfy where nothing can change."""
        if len(line) > self._plan.max_len and "\n" not in line:
            return self._fix_long(line)
        if not self.needs_repair(line):
            return line
        return ftfy.fix_text(line, config=self.config)

    def _fix_long(self, line: str) -> str:
        """A line longer than max_decode_length, segment by segment as ftfy.fix_text cuts it.

        fix_text fixes each max_decode_length slice on its own (fix_and_explain per segment),
        and once a segment holds "<" (with unescape_html="auto") entities stay escaped in that
        segment and every later one. Replaying that cut lets the precheck skip the segments that
        cannot change, so a 200 MB single-line document costs a scan, not ftfy on all of it.
        """
        n = self._plan.max_len
        out: list[str] = []
        rep: Repairer = self
        for pos in range(0, len(line), n):
            seg = line[pos : pos + n]
            if rep is self and self._plan.auto_html and "<" in seg:
                rep = self._without_entities()
            out.append(ftfy.fix_text(seg, config=rep.config) if rep.needs_repair(seg) else seg)
        return "".join(out)

    def _without_entities(self) -> Repairer:
        cached = self.__dict__.get("_no_entities")
        if cached is None:
            opts = {k: v for k, v in self.config._asdict().items() if k != "explain"}
            opts["unescape_html"] = False
            cached = self.__dict__["_no_entities"] = Repairer(opts)
        return cached

    def explain_line(self, line: str) -> tuple[str, list[tuple[str, str]]]:
        """(fix_line(line), the ftfy steps that produced it)."""
        if not self.needs_repair(line):
            return line, []
        return self._explain(line)

    def _explain(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        # A replay of ftfy.fix_text's segment loop (ftfy 6.3.1) with fix_and_explain: same
        # segments, same sticky "unescape_html off after a segment holding '<'" rule.
        config = self.config
        out: list[str] = []
        steps: list[tuple[str, str]] = []
        pos = 0
        while pos < len(text):
            textbreak = text.find("\n", pos) + 1
            if textbreak == 0:
                textbreak = len(text)
            if (textbreak - pos) > config.max_decode_length:
                textbreak = pos + config.max_decode_length
            segment = text[pos:textbreak]
            if config.unescape_html == "auto" and "<" in segment:
                config = config._replace(unescape_html=False)
            fixed, explanation = ftfy.fix_and_explain(segment, config)
            out.append(fixed)
            steps.extend((str(a), str(b)) for a, b in explanation or ())
            pos = textbreak
        return "".join(out), steps
