"""HTML pages -> their article's text (the ``html`` stage).

Public API: :func:`extract` (a page's article, one paragraph per line), :func:`looks_like_html`
(sniffing, no parser imported) and :class:`Extracted` (what extraction returns).

Modules: ``base`` (Extracted, the sniffer), ``soup`` (the bs4 extractor: ``classes`` element
classes, ``survey`` the flat arrays and the drop decision, ``render`` paragraphs).

This package sits below the engine and the API: it imports nothing of ``clean`` but
``clean.errors``; bs4 is imported only when a page is extracted, so plain-text runs never pay
for it.
"""

from __future__ import annotations

from typing import Any

from .base import Extracted, looks_like_html

__all__ = ["Extracted", "extract", "looks_like_html"]


def extract(html: str, **options: Any) -> Extracted:
    """The article text of an HTML page (the bs4 extractor; see :mod:`clean.html.soup`)."""
    from .soup import extract as soup_extract

    return soup_extract(html, **options)
