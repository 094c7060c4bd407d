"""The contract between the engine and a rule *kind*.

A *kind* is code (``drop-line``, ``truncate-after``, ``names`` ...); a *rule* is one ``[[rule]]``
entry of a TOML file in ``rules/`` that instantiates a kind with data. The engine owns the loop,
the stage order, the change log and the counters; a kind only transforms ``doc.lines``.

A kind module defines one subclass of :class:`Kind`:

* ``KIND``: the name used in rule files (``kind = "drop-line"``);
* ``STAGE``: one of :data:`clean.engine.STAGES`;
* ``OPTIONS``: the kind-specific keys a rule may set, each an :class:`Opt` (type, required,
  default, doc). The loader validates every rule against it before any document is touched;
* ``compile(rules, env)``: builds one instance from *all* active rules of this kind, in load
  order (so a kind can fold all its rules into one compiled pattern);
* ``apply(doc)``: rewrites ``doc.lines`` and calls ``doc.record`` for every change it makes.

Kinds never read files at apply time, never print, and hold no site- or person-specific
knowledge: that is the rule files' job.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import regex

from ..errors import RuleFileError
from ..schema import Opt, key_line

__all__ = ["CharSet", "Doc", "Env", "Example", "Kind", "Opt", "Rule", "compile_regex", "ink", "ink_at_least"]


@dataclasses.dataclass(frozen=True)
class Example:
    """A case a rule must handle: ``output is None`` means the input must stay unchanged."""

    input: str
    output: str | None
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Rule:
    """One validated rule entry."""

    id: str
    name: str
    kind: str
    stage: str
    summary: str
    why: str
    options: Mapping[str, Any]
    examples: tuple[Example, ...]
    path: str  # the rule file it came from
    line: int | None  # the line of its [[rule]] header, when known
    source: str | None = None  # id of the source it is limited to, or None (every document)
    source_name: str | None = None
    enabled_when: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    overrides: bool = False
    base_dir: str = ""  # the rules directory it was loaded from (for data files it names)

    def error(self, message: str, *, key: str | None = None) -> RuleFileError:
        """An error about this rule, naming its file, the line of ``key`` (else its header), id and key."""
        try:
            text = Path(self.path).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        return RuleFileError(self.path, message, line=key_line(text, key, self.line) if text else self.line, rule=self.id, key=key)

    def data_path(self, relative: str) -> Path:
        """A data file named by this rule, relative to its rules directory."""
        return Path(self.base_dir) / relative


@dataclasses.dataclass(frozen=True)
class Env:
    """What a kind may consult when it compiles: policies and limits."""

    policy: Mapping[str, Any]
    regex_timeout: float = 1.0
    # False turns every shortcut off (prechecks, ASCII skips, ftfy's skip of clean lines): the
    # slow path the tests compare the fast one with, byte for byte, on the benchmark corpus.
    fast: bool = True


CONTENT_STAGES = frozenset({"boilerplate", "names"})


def ink(text: str) -> int:
    """Characters that are not white space: what 'the share of text removed' counts."""
    if text.isascii():  # the white space bytes deleted at C speed (str.split's ASCII set)
        return len(text.encode("ascii").translate(None, _ASCII_SPACE))
    return len("".join(text.split()))


def ink_at_least(text: str) -> int:
    """A lower bound of :func:`ink`, at C speed: the characters left when the ASCII white space
    is taken out and every character of two or more UTF-8 bytes counted as white space too (the
    bound is tight where such characters are few, as in a Latin-script text)."""
    data = text.encode("utf-8", "surrogatepass")
    return len(text) - (len(data) - len(data.translate(None, _ASCII_SPACE))) - (len(data) - len(text))


# The ASCII characters str.split() splits at (str.isspace), as bytes.
_ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())


class Doc:
    """One document as it moves through the text stages.

    ``lines`` is the document without line ends. A kind replaces ``doc.lines`` (or edits it in
    place) and calls :meth:`record` once per change: the rule id, the 1-based line number in
    the stage's input, the text before and after (``""`` after for a dropped line) and an
    optional detail (ftfy's steps, a gazetteer entry ...).
    """

    __slots__ = ("counts", "date", "lines", "meta", "nrecords", "policy", "removed", "sources", "stage", "step", "suggestions", "touched", "_log", "_memo")

    def __init__(
        self,
        lines: list[str],
        *,
        policy: Mapping[str, Any],
        sources: frozenset[str] = frozenset(),
        log: list[Any] | None = None,
        counts: dict[str, int] | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.lines = lines
        self.policy = policy
        self.sources = sources
        self.stage = ""
        self.step = 0
        self._log = log
        self.counts: dict[str, int] = counts if counts is not None else {}
        self.suggestions: list[Any] = []
        self.meta: dict[str, Any] = meta if meta is not None else {}
        self.date: Any = None  # the document's date (a datetime.date), when a kind has found it
        self.removed = 0  # non-space characters removed by content stages (for the guard)
        self.nrecords = 0  # changes recorded so far (the engine tells which step recorded)
        self.touched: list[tuple[int, str]] | None = None  # when a list, record() adds (line number, rule id)
        self._memo: tuple[Any, ...] = (None, -1, "", None)  # (lines, nrecords, text, inventory)

    def text(self) -> str:
        """The lines joined with ``\n``, worked out once while the lines stay as they are.

        Every change to the lines is recorded (the contract of :meth:`record`), so the same
        list object with the same number of records holds the same text.
        """
        memo = self._memo
        if memo[0] is self.lines and memo[1] == self.nrecords:
            return memo[2]
        text = "\n".join(self.lines)
        self._memo = (self.lines, self.nrecords, text, None)
        return text

    def inventory(self) -> frozenset[str]:
        """The characters of :meth:`text` other than printable ASCII and ``\n``: what a kind
        looking for control, invisible, odd-space or non-ASCII characters tests first
        (:class:`CharSet`). Found with C-speed byte operations, once per version of the text."""
        text = self.text()
        inv = self._memo[3]
        if inv is None:
            rest = text.encode("utf-8", "surrogatepass").translate(None, _COMMON_BYTES)
            inv = frozenset(rest.decode("utf-8", "surrogatepass")) if rest else frozenset()
            self._memo = (self._memo[0], self._memo[1], text, inv)
        return inv

    @property
    def explaining(self) -> bool:
        """True when changes are being logged (kinds may skip costly detail otherwise)."""
        return self._log is not None

    def record(self, rule: Rule | str, line: int, before: str, after: str, detail: Any = None, op: str = "edit") -> None:
        """Count one change by ``rule``; log it when explaining.

        ``op`` says how the change replays (:func:`clean.changes.replay`): ``edit`` (line ``line``
        becomes ``after``), ``drop`` (the line is removed), ``split`` (it becomes the lines of
        ``after``), ``layout`` (the step lays paragraphs out), ``replace-all`` (the whole text
        becomes ``after``).
        """
        rid = rule if isinstance(rule, str) else rule.id
        self.counts[rid] = self.counts.get(rid, 0) + 1
        self.nrecords += 1
        if self.touched is not None:
            self.touched.append((line, rid))
        if self.stage in CONTENT_STAGES:
            self.removed += ink(before) - ink(after)
        if self._log is not None:
            from ..changes import Change

            self._log.append(Change(rid, self.stage, line, before, after, detail, op, self.step))

    def suggest(self, rule: Rule | str, line: int, text: str, message: str) -> None:
        """Report something a person should review; never changes the text."""
        from ..changes import Suggestion

        rid = rule if isinstance(rule, str) else rule.id
        self.suggestions.append(Suggestion(rid, line, text, message))

    def applies(self, rule: Rule) -> bool:
        """Whether ``rule`` may fire on this document (source scope)."""
        return rule.source is None or rule.source in self.sources


# Printable ASCII and "\n": the bytes Doc.inventory leaves out (they occur inside no multi-byte
# UTF-8 sequence, so deleting them leaves whole characters).
_COMMON_BYTES = bytes(range(0x20, 0x7F)) + b"\n"


class CharSet:
    """Characters a kind looks for, tested against a document at C speed.

    Those outside printable ASCII are looked up in :meth:`Doc.inventory`; the printable ASCII
    ones (few, by construction of the kinds' data) are found with ``in`` on the text.

    >>> d = Doc(["a\u00a0b", "c"], policy={})
    >>> CharSet("\u00a0\u3000").in_doc(d), CharSet("\t").in_doc(d), CharSet("c").in_doc(d)
    (True, False, True)
    """

    __slots__ = ("common", "rare")

    def __init__(self, chars: Any) -> None:
        chars = frozenset(chars)
        self.common = "".join(sorted(c for c in chars if c == "\n" or " " <= c <= "~"))
        self.rare = chars.difference(self.common)

    def in_doc(self, doc: Doc) -> bool:
        """Whether any of the characters occurs in ``doc``'s text."""
        if self.rare and not self.rare.isdisjoint(doc.inventory()):
            return True
        if self.common:
            text = doc.text()
            return any(c in text for c in self.common)
        return False


class Kind:
    """Base class of every rule kind (see the module docstring for the contract)."""

    KIND: ClassVar[str] = ""
    STAGE: ClassVar[str] = ""
    OPTIONS: ClassVar[Mapping[str, Opt]] = {}
    # The policy keys this kind reads, or that its rules test with ``enabled_when``: type, doc
    # and choices. Their default values are data, in ``rules/policy.toml``.
    POLICY: ClassVar[Mapping[str, Opt]] = {}
    DOC: ClassVar[str] = ""
    # What a kind declares about itself, so the engine can prove the fixed point without a
    # second full pass (see :mod:`clean.engine`). A wrong True breaks idempotence, so the
    # defaults claim nothing; tests/test_fastpath.py checks every claim against the full pass.
    # LINE_LOCAL: whether and how a line changes depends on that line alone (and the policy
    #   and the document's sources): never on other lines, their number or their order.
    # STABLE: applied to its own output (same sources and facts), it records nothing.
    # A kind that declares either never writes doc.meta.
    # An instance may narrow these in __init__ (e.g. a rule option that reads neighbours).
    LINE_LOCAL: bool = False
    STABLE: bool = False
    # The ``doc.meta`` keys apply reads (document facts that observers store, such as the date):
    # the engine's proof of pass 2 compares, per step, only these keys and the sources of the
    # step's own rules (a kind reads sources only through ``doc.applies`` on its rules).
    READS_META: ClassVar[tuple[str, ...]] = ()

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        self.rules = tuple(rules)
        self.env = env

    @classmethod
    def validate(cls, rule: Rule) -> None:
        """Cross-field checks beyond the option schema; raise ``rule.error(...)``.

        Called once per rule at load time. Compile regexes here so a bad pattern is reported
        with the rule's file, id and key before any document is touched.
        """

    @classmethod
    def compile(cls, rules: Sequence[Rule], env: Env) -> Kind:
        return cls(rules, env)

    def line_local(self, doc: Doc) -> bool:
        """LINE_LOCAL for this document (a kind may depend on neighbours only under some sources)."""
        return self.LINE_LOCAL

    def observe(self, doc: Doc) -> None:
        """Read document-level facts before the boilerplate stage removes anything (optional).

        Called once per pass, on the text as the boilerplate stage receives it: a dateline or a
        photo caption that chrome rules will drop can still date the document for the names
        stage. Store what is found in ``doc.meta``; it lives for one pass.
        """

    def apply(self, doc: Doc) -> None:  # pragma: no cover - abstract
        raise NotImplementedError



def compile_regex(rule: Rule, pattern: str, key: str, *, ignore_case: bool = False) -> Any:
    """Compile a user pattern with the ``regex`` module, reporting errors against the rule."""
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        return regex.compile(pattern, flags)
    except regex.error as e:
        raise rule.error(f"bad regex {pattern!r}: {e}", key=key) from None
