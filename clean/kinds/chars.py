"""Character-level kinds: line ends, invisible characters, Unicode form, quotes, spaces, layout.

These make the canonical text contract (README, "Canonical text"). Each is a kind so that
every change it makes is counted and logged under a rule id from ``rules/canonical.toml``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import regex

from .base import CharSet, Doc, Env, Kind, Opt, Rule


def _first(rules: Sequence[Rule]) -> Rule:
    return rules[0]


def _validate_class(rule: Rule, key: str) -> None:
    try:
        regex.compile(rule.options[key])
    except regex.error as e:
        raise rule.error(f"bad character class: {e}", key=key) from None


class LineEndings(Kind):
    KIND = "line-endings"
    STAGE = "decoding"
    LINE_LOCAL = True
    STABLE = True  # its output lines hold no separator
    DOC = "Splits lines at CRLF, CR and the other Unicode line separators, so every line end is \\n."
    OPTIONS = {
        "separators": Opt(list, "the line separators besides \\n", item=str, required=True),
    }

    @classmethod
    def validate(cls, rule: Rule) -> None:
        seps = rule.options["separators"]
        if not seps or any(not s or "\n" in s.replace("\r\n", "") for s in seps):
            raise rule.error("a list of non-empty separators (\\n itself is implied)", key="separators")

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        seps = sorted({s for r in rules for s in r.options["separators"]}, key=len, reverse=True)
        self.rule = _first(rules)
        self.re = regex.compile("|".join(regex.escape(s) for s in seps))
        self.firsts = CharSet(s[0] for s in seps)
        # CR alone is a separator: a line of a CRLF text (one CR, at its end) is worked out
        # without the pattern when no other separator's first character is in the document
        self.cr = "\r" in seps
        self.not_cr = CharSet(s[0] for s in seps if s[0] != "\r")

    def apply(self, doc: Doc) -> None:
        if self.env.fast and not self.firsts.in_doc(doc):
            return
        crlf = self.env.fast and self.cr and not self.not_cr.in_doc(doc)
        out: list[str] | None = None
        for i, line in enumerate(doc.lines):
            if crlf and "\r" not in line:
                if out is not None:
                    out.append(line)
            elif crlf and line.find("\r") == len(line) - 1:
                # its one CR ends it: the pattern's answer is the split at the CR, the empty part
                # after it popped
                if out is None:
                    out = doc.lines[:i]
                doc.record(self.rule, i + 1, line, line[:-1], op="split")
                out.append(line[:-1])
            elif self.re.search(line):
                if out is None:
                    out = doc.lines[:i]
                parts = self.re.split(line)
                # A trailing CR (CRLF input) just ends the line: no extra empty line.
                if len(parts) > 1 and parts[-1] == "" and line.endswith(("\r", "\r\n")):
                    parts.pop()
                doc.record(self.rule, i + 1, line, "\n".join(parts), op="split")
                out.extend(parts)
            elif out is not None:
                out.append(line)
        if out is not None:
            doc.lines = out


class StripCharacters(Kind):
    KIND = "strip-characters"
    STAGE = "characters"
    LINE_LOCAL = True
    STABLE = True  # removing characters never makes one of a class appear
    DOC = "Removes invisible characters (zero-width spaces, BOMs, soft hyphens ...) given as a regex character class."
    OPTIONS = {"characters": Opt(str, "a regex character class, e.g. '[\\u200b\\ufeff\\u00ad]'", required=True)}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        _validate_class(rule, "characters")

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self.items = []
        for r in rules:
            pat = regex.compile(r.options["characters"])
            ascii_hits = any(pat.search(chr(c)) for c in range(128))
            members = _members(pat)
            self.items.append((pat, ascii_hits, CharSet(members) if members is not None else None, r))

    def apply(self, doc: Doc) -> None:
        lines = doc.lines
        fast = self.env.fast
        for pat, ascii_hits, charset, r in self.items:
            if fast:
                if charset is not None:
                    if not charset.in_doc(doc):
                        continue
                else:
                    text = doc.text()
                    if (not ascii_hits and text.isascii()) or not pat.search(text):
                        continue
            for i, line in enumerate(lines):
                if fast and not ascii_hits and line.isascii():
                    continue
                new = pat.sub("", line)
                if new != line:
                    doc.record(r, i + 1, line, new)
                    lines[i] = new


def _members(pat: regex.Pattern[str], limit: int = 128) -> tuple[str, ...] | None:
    """The characters a simple one-character class matches, when there are few (for ``in`` checks).

    Only plain classes are read: literal characters and ranges (``[\\u200b\\ufeff\\u0000-\\u0008]``
    after TOML has turned the escapes into characters). Anything else (negation, ``\\w``, nested
    sets) gives None and the caller keeps using the regex. The result is checked against the
    pattern itself, so a parse mistake cannot change behaviour.
    """
    src = pat.pattern
    if len(src) < 3 or src[0] != "[" or src[-1] != "]" or src[1] == "^":
        return None
    body = src[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            if i + 1 >= len(body) or body[i + 1] not in "\\-]^[":
                return None
            c = body[i + 1]
            i += 1
        elif c in "[]":
            return None
        if i + 2 < len(body) and body[i + 1] == "-":
            hi = body[i + 2]
            if hi == "\\" or ord(hi) < ord(c) or ord(hi) - ord(c) > limit:
                return None
            out.extend(chr(x) for x in range(ord(c), ord(hi) + 1))
            i += 3
        else:
            out.append(c)
            i += 1
        if len(out) > limit:
            return None
    members = tuple(dict.fromkeys(out))
    if not all(pat.fullmatch(ch) for ch in members):
        return None
    return members


class UnicodeNormalize(Kind):
    KIND = "unicode-normalize"
    STAGE = "characters"
    LINE_LOCAL = True
    STABLE = True  # normalization is idempotent; narrowed in __init__ to one form
    DOC = "Puts every line in one Unicode normalization form (NFC: composed accents)."
    OPTIONS = {"form": Opt(str, "the normalization form", choices=("NFC", "NFKC"), default="NFC")}

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        # NFC after NFKC is a no-op, but NFKC after NFC may not be: claim stability for one form only.
        self.STABLE = len({r.options["form"] for r in rules}) == 1

    def apply(self, doc: Doc) -> None:
        lines = doc.lines
        for r in self.rules:
            form = r.options["form"]
            fast = self.env.fast
            if fast:
                # "\n" never composes with a neighbour: the text is normalized iff every line is.
                text = doc.text()
                if text.isascii() or unicodedata.is_normalized(form, text):
                    continue
            for i, line in enumerate(lines):
                if (fast and line.isascii()) or unicodedata.is_normalized(form, line):
                    continue
                new = unicodedata.normalize(form, line)
                doc.record(r, i + 1, line, new)
                lines[i] = new


class TranslateCharacters(Kind):
    KIND = "translate-characters"
    POLICY = {
        "quotes": Opt(str, "typographic quotes and apostrophes: 'ascii' straightens them, 'typographic' keeps them", choices=("ascii", "typographic")),
    }
    STAGE = "characters"
    LINE_LOCAL = True  # STABLE when no replacement holds a character a table replaces (__init__)
    DOC = "Replaces single characters by a table (typographic quotes to ASCII ...)."
    OPTIONS = {"table": Opt(dict, "a table of character = replacement", required=True)}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        for k, v in rule.options["table"].items():
            if len(k) != 1 or not isinstance(v, str):
                raise rule.error(f"every key must be one character and every value a string, got {k!r} = {v!r}", key="table")

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self.items = []
        for r in rules:
            self.items.append((list(r.options["table"].items()), CharSet(r.options["table"]), r))
        keys = {k for r in rules for k in r.options["table"]}
        self.STABLE = not any(c in keys for r in rules for v in r.options["table"].values() for c in v)

    def apply(self, doc: Doc) -> None:
        lines = doc.lines
        fast = self.env.fast
        for pairs, keys, r in self.items:
            if fast and not keys.in_doc(doc):
                continue
            for i, line in enumerate(lines):
                if fast and (line.isascii() or not any(a in line for a, _ in pairs)):
                    continue
                # Chained str.replace: measured 5x faster than str.translate on non-ASCII lines.
                new = line
                for a, b in pairs:
                    if a in new:
                        new = new.replace(a, b)
                if new == line:
                    continue
                doc.record(r, i + 1, line, new)
                lines[i] = new


class NormalizeSpaces(Kind):
    KIND = "normalize-spaces"
    STAGE = "whitespace"
    LINE_LOCAL = True
    STABLE = True  # its output has no odd space, no run of spaces, nothing to trim
    DOC = (
        "Makes odd spaces (no-break, thin, ideographic, tabs ...) plain spaces, collapses runs of spaces "
        "and trims every line (no indentation, no trailing blanks)."
    )
    OPTIONS = {"odd_spaces": Opt(str, "a regex character class of the characters that become a plain space", required=True)}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        _validate_class(rule, "odd_spaces")

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self.rule = _first(rules)
        self.odd = regex.compile(self.rule.options["odd_spaces"])
        self.members = _members(self.odd)
        self.charset = CharSet(self.members) if self.members is not None else None

    def _clean(self, doc: Doc) -> bool:
        """True when no line needs this rule (checked with C-speed substring tests)."""
        text = doc.text()
        if "  " in text or "\n " in text or " \n" in text or text[:1] == " " or text[-1:] == " " or "\t" in text:
            return False
        if self.charset is not None:
            return not self.charset.in_doc(doc)
        if text.isascii():
            return True
        return not self.odd.search(text)

    def apply(self, doc: Doc) -> None:
        lines = doc.lines
        odd = self.odd
        fast = self.env.fast
        if fast and self._clean(doc):
            return
        # Odd spaces are looked for only in a document that holds one (its inventory says).
        odd_here = not fast or self.charset is None or self.charset.in_doc(doc)
        for i, line in enumerate(lines):
            new = line
            if odd_here and (not fast or not new.isascii() or "\t" in new):
                new = odd.sub(" ", new)
            if not fast or "  " in new or new[:1] == " " or new[-1:] == " ":
                # runs of spaces become one, and none is left at either end
                new = new.strip(" ")
                if "  " in new:
                    new = " ".join(p for p in new.split(" ") if p)
            if new != line:
                doc.record(self.rule, i + 1, line, new)
                lines[i] = new


class Layout(Kind):
    KIND = "layout"
    STAGE = "layout"
    STABLE = True  # its output is the canonical layout
    DOC = (
        "One paragraph per line, paragraphs separated by exactly one blank line, no blank lines at the "
        "start or end, one final newline. Records each run of blank lines it changes."
    )
    OPTIONS = {}

    def apply(self, doc: Doc) -> None:
        r = self.rules[0]
        lines = doc.lines
        # Split from canonical text, the shape is: para, "", para, "", ..., para, "" (the last ""
        # is the final newline). Anything else is recorded, one change per irregular place.
        paras: list[str] = []
        prev_blank = False
        i, n = 0, len(lines)
        while i < n:
            if not lines[i].strip():
                j = i
                while j < n and not lines[j].strip():
                    j += 1
                run = j - i
                if not paras:
                    doc.record(r, i + 1, "\n" * run, "", op="layout")
                elif j == n:
                    if run != 1 or lines[i] != "":
                        doc.record(r, i + 1, "\n" * run, "", op="layout")
                elif run != 1 or lines[i] != "":
                    doc.record(r, i + 1, "\n" * run, "\n", op="layout")
                i = j
                prev_blank = True
                continue
            if paras and not prev_blank:
                doc.record(r, i + 1, "", "\n", op="layout")
            paras.append(lines[i])
            prev_blank = False
            i += 1
        if paras and lines[-1].strip():
            doc.record(r, n, "", "\n", op="layout")
        # Lines of the canonical text: each paragraph followed by a blank line, the last one
        # by the final newline ("\n".join gives "p1\n\np2\n").
        out: list[str] = []
        for p in paras:
            out.append(p)
            out.append("")
        doc.lines = out
