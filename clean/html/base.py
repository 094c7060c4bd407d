"""What every extractor returns (:class:`Extracted`) and the HTML sniffer (no parser imported)."""

from __future__ import annotations

import dataclasses
import re

__all__ = ["Extracted", "WORD_REASONS", "looks_like_html"]

# reasons a class/id word list may give (the html rule's option ``class_words``; see
# clean.html.classes.ClassWords); ``positive`` and ``negative`` only weigh a block when the
# container is chosen by density. Here, not in classes, so that validating a rule imports no bs4.
WORD_REASONS = frozenset((
    "cookie-banner", "hidden", "skip-link", "share", "most-read", "related", "newsletter", "comments",
    "ad", "breadcrumb", "figcaption", "popup", "positive", "negative",
))


@dataclasses.dataclass(frozen=True)
class Extracted:
    text: str
    """One paragraph per line, ``\\n``-joined; the headline first unless the policy drops it."""
    title: str | None
    """The page's ``<title>`` (or og:title when it has none), for reports."""
    container: str
    """How the main text was chosen: ``article``, ``main``, ``densest:<tag>#id.class`` or ``body``."""
    dropped: tuple[tuple[str, str], ...]
    """``(what, first 60 characters)`` of each removed block, in document order."""
    headline: str | None = None
    """The page's headline as the extractor found it (kept first or dropped by the policy)."""
    extractor: str = "bs4"
    """Which extractor's text this is: ``bs4`` or ``trafilatura``."""
    reason: str = ""
    """Why that extractor was chosen (for the change log)."""
    chrome: tuple[str, ...] = ()
    """The text of each block the bs4 extractor dropped as chrome, white space removed, casefolded."""


# ---------------------------------------------------------------------------------------------
# sniffing

_HTML_START = re.compile(
    r"""\A\ufeff?\s*
        (?:<\?xml\b[^>]*\?>\s*)?          # an XML declaration (XHTML)
        (?:<!--.*?-->\s*)*                # whole comments, e.g. <!-- saved from url=... -->
        (?:<!doctype\s+html\b|<html\b|<head\b|<body\b)""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)


def looks_like_html(text: str) -> bool:
    """True if the text is an HTML page: its first non-blank ~1 KiB starts with ``<!doctype html``,
    ``<html``, ``<head`` or ``<body`` (optionally after an ``<?xml ...?>`` declaration and whole
    comments). Plain text holding a stray tag, or a half-stripped ``!-- ... -->`` comment, is not."""
    head = text.lstrip()[:1024]
    return bool(_HTML_START.match(head))

