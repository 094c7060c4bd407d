"""The Python API: ``Cleaner`` compiles the rules once and cleans many documents.

>>> from clean import Cleaner
>>> cleaner = Cleaner()
>>> cleaner.clean("  Tokyo\\u00a0(Kyodo) --  Talks  began.\\r\\n")
'Tokyo (Kyodo) -- Talks began.\\n'
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import cache as disk
from .changes import Result
from .config import resolve_policy
from .decode import Decoded, decode
from .engine import Pipeline
from .errors import DecodeError
from .ruleset import RuleSet, default_rules_dir, load_ruleset

PathLike = str | os.PathLike[str]
_SURROGATE = re.compile("[\ud800-\udfff]")

HTML_MAX_REPLACED = 0.01
"""The largest share of an HTML page's characters that may be undecodable bytes (see
:meth:`Cleaner.decode_and_run`)."""


class Cleaner:
    """A compiled rule set under one policy.

    ``rules``: extra rules directories, loaded after the bundled ones (``default_rules=False``
    leaves the bundled ones out). ``select``/``ignore``: rule ids, names or id prefixes.
    ``policy``: policy values (see ``clean --list-policy``). ``encoding`` forces the encoding of
    byte input; ``errors="replace"`` lets undecodable bytes become U+FFFD instead of failing.
    ``fast=False`` turns every shortcut off (for proving the shortcuts change nothing).
    ``cache=True`` reads and stores the compiled rules in the on-disk cache (:mod:`clean.cache`):
    the command line's start-up aid; off by default, so workers never touch the disk.

    Build it once: loading and compiling the rules is the expensive part. It is picklable, so it
    can be shipped to worker processes, Spark executors or Ray workers.
    """

    def __init__(
        self,
        rules: Sequence[PathLike] | PathLike | None = None,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        policy: Mapping[str, Any] | None = None,
        default_rules: bool = True,
        encoding: str | None = None,
        errors: str = "strict",
        regex_timeout: float = 1.0,
        max_passes: int = 8,
        fast: bool = True,
        cache: bool = False,
    ) -> None:
        if isinstance(rules, (str, os.PathLike)):
            rules = [rules]
        dirs: list[Path] = [default_rules_dir()] if default_rules else []
        dirs += [Path(r) for r in rules or ()]
        if errors not in ("strict", "replace"):
            raise ValueError(f"errors must be 'strict' or 'replace', got {errors!r}")
        self.encoding = encoding
        self.errors = errors
        select, ignore = list(select), list(ignore)
        k = None
        self.from_cache = False
        if cache:
            k = disk.key(dirs, (select, ignore, sorted((policy or {}).items()), regex_timeout, max_passes, fast))
            cached = disk.load(k)
            if cached is not None:
                self.ruleset: RuleSet
                self.ruleset, self.policy, self.pipeline = cached
                self.from_cache = True
                return
        ruleset = load_ruleset(dirs, regex_timeout=regex_timeout)
        self.ruleset = ruleset.selected(select, ignore)
        self.policy = resolve_policy(ruleset.policy, policy, defaults_where=ruleset.policy_path or "policy")
        self.pipeline = Pipeline(self.ruleset, self.policy, regex_timeout=regex_timeout, max_passes=max_passes, fast=fast)
        if cache:
            disk.store(k, (self.ruleset, self.policy, self.pipeline))

    # -- text ---------------------------------------------------------------------------------

    def clean(self, text: str, *, html: bool | None = None) -> str:
        """The canonical text of ``text``."""
        return self.run(text, html=html).text

    def explain(self, text: str, *, html: bool | None = None) -> Result:
        """The canonical text with every change (rule id, stage, line, before, after) and counts."""
        return self.run(text, html=html, explain=True)

    def run(self, text: str, *, html: bool | None = None, explain: bool = False) -> Result:
        """Like :meth:`explain`, with the change log only when ``explain`` (counts always).

        A string holding a lone surrogate (from JSON's ``"\\ud800"`` or a lax decoder) is not
        Unicode text: it raises :class:`clean.DecodeError`, or with ``errors="replace"`` each
        one becomes U+FFFD, as undecodable bytes do.
        """
        text = self._unicode(text)
        return self.pipeline.run(text, html=self._is_html(text, html), explain=explain)

    # -- bytes --------------------------------------------------------------------------------

    def decode(self, data: bytes, *, name: str | None = None) -> Decoded:
        return decode(data, encoding=self.encoding, errors=self.errors, name=name)

    def clean_bytes(self, data: bytes, *, name: str | None = None, html: bool | None = None) -> str:
        """Decode (detecting the encoding) and clean. Raises DecodeError / NotTextError."""
        return self.run_bytes(data, name=name, html=html).text

    def run_bytes(self, data: bytes, *, name: str | None = None, html: bool | None = None, explain: bool = False) -> Result:
        return self.decode_and_run(data, name=name, html=html, explain=explain)[1]

    def decode_and_run(self, data: bytes, *, name: str | None = None, html: bool | None = None, explain: bool = False) -> tuple[Decoded, Result]:
        """The decoded input and the result (with the encoding and the detector's confidence).

        An HTML page (by its name, ``html=True`` or its first bytes) whose bytes are mostly one
        encoding with a few stray bytes in another is decoded with U+FFFD for those bytes instead
        of failing, and ``Result.replaced`` says how many: pages are often stitched together from
        templates and feeds in different encodings, and a browser shows them the same way. At
        most :data:`HTML_MAX_REPLACED` of the characters may be replaced; beyond that the page
        fails like any other input. Plain text keeps the strict default.
        """
        if html is None and name is not None:
            html = True if name.lower().endswith((".html", ".htm")) else None
        try:
            decoded = self.decode(data, name=name)
        except DecodeError:
            lenient = self._decode_html_leniently(data, name, html)
            if lenient is None:
                raise
            decoded = lenient
        result = self.run(decoded.text, html=html, explain=explain)
        return decoded, dataclasses.replace(result, encoding=decoded.encoding, confidence=decoded.confidence, replaced=decoded.replaced)

    def _decode_html_leniently(self, data: bytes, name: str | None, html: bool | None) -> Decoded | None:
        """``data`` decoded with U+FFFD for stray bytes when it is an HTML page with only a few; else None."""
        from .html import looks_like_html

        if self.errors != "strict" or html is False or (html is None and not looks_like_html(data[:2048].decode("latin-1"))):
            return None
        decoded = decode(data, encoding=self.encoding, errors="replace", name=name)
        replaced = decoded.text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
        if replaced > max(1, len(decoded.text) * HTML_MAX_REPLACED):
            return None
        return dataclasses.replace(decoded, replaced=replaced)

    def explain_bytes(self, data: bytes, *, name: str | None = None, html: bool | None = None) -> Result:
        return self.run_bytes(data, name=name, html=html, explain=True)

    # -- helpers ------------------------------------------------------------------------------

    def _unicode(self, text: str) -> str:
        if text.isascii():
            return text
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as e:
            if self.errors == "replace":
                return _SURROGATE.sub("\ufffd", text)
            raise DecodeError(
                f"a lone surrogate (U+{ord(text[e.start]):04X}) at character {e.start} is not Unicode text; "
                "errors='replace' (--errors replace) turns it into U+FFFD"
            ) from None
        return text

    def _is_html(self, text: str, html: bool | None) -> bool:
        if html is not None:
            return html
        if "<" not in text[:4096]:
            return False
        from .html import looks_like_html

        return looks_like_html(text)


def clean_many(cleaner: Cleaner, texts: Iterable[Any]) -> tuple[list[str | None], list[dict[str, int] | None]]:
    """Texts and per-rule counts for a column of values (non-strings give None): for engines'
    batch functions (Spark's mapInPandas, Ray's map_batches)."""
    results = [cleaner.run(t) if isinstance(t, str) else None for t in texts]
    return [r.text if r is not None else None for r in results], [dict(r.counts) if r is not None else None for r in results]


@functools.lru_cache(maxsize=1)
def default_cleaner() -> Cleaner:
    """The shared Cleaner with the bundled rules and the default policy."""
    return Cleaner()


def clean_text(text: str) -> str:
    """Clean ``text`` with the bundled rules and the default policy."""
    return default_cleaner().clean(text)
