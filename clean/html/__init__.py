"""HTML pages -> their article's text (the ``html`` stage).

Public API: :func:`extract` (a page's article, one paragraph per line), :func:`looks_like_html`
(sniffing, no parser imported) and :class:`Extracted` (what extraction returns).

Two extractors:

* ``trafilatura`` (``traf``): the engine. trafilatura is a well-kept main-text extractor; run
  for precision (``favor_precision``) and without reader comments it is the best single
  extractor on real news pages (see ``bench/html.py``);
* ``bs4`` (``soup``, with ``classes``, ``survey``, ``render``): the project's own extractor,
  the fallback and the headline finder.

``extractor="auto"`` runs both and takes trafilatura's text unless it found nothing or fewer
than ``fallback_share`` of the bs4 extractor's tokens: trafilatura in precision mode sometimes
keeps one block of a body split across several, or nothing on a page it does not recognise,
while the bs4 extractor keeps whole containers. The choice and its reason travel with the
result (``Extracted.extractor``, ``.reason``) into the change log.

The headline always comes from the bs4 extractor (trafilatura's text may or may not start
with it): ``headline="keep"`` puts it first, ``"drop"`` leaves it out.

This package sits below the engine and the API: it imports nothing of ``clean`` but
``clean.errors``; bs4 and trafilatura are imported only when a page is extracted, so plain-text
runs never pay for them.
"""

from __future__ import annotations

import dataclasses
import re

from .base import Extracted, looks_like_html

__all__ = ["EXTRACTORS", "Extracted", "extract", "looks_like_html", "tokens"]

EXTRACTORS = ("auto", "trafilatura", "bs4")

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> int:
    """Word tokens (``\\w+``), as the benchmark's scorer counts them."""
    return len(_TOKEN.findall(text))


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def extract(html: str, *, extractor: str = "auto", headline: str = "keep", title_as_headline: bool = True,
            favor_precision: bool = True, include_comments: bool = False, include_tables: bool = True,
            fallback_share: float = 0.5, class_words: dict[str, list[str]] | None = None) -> Extracted:
    """The article text of an HTML page, one paragraph per line (see the module's doc)."""
    if extractor not in EXTRACTORS:
        raise ValueError(f"extractor must be one of {EXTRACTORS}, got {extractor!r}")
    if headline not in ("keep", "drop"):
        raise ValueError(f"headline must be 'keep' or 'drop', got {headline!r}")
    from .soup import extract as soup_extract

    soup = soup_extract(html, title_as_headline=title_as_headline, headline=headline,
                        class_words=_class_words(class_words))
    if extractor == "bs4":
        return dataclasses.replace(soup, extractor="bs4", reason="the rule's option: extractor = bs4")
    from .traf import extract as traf_extract

    paras = traf_extract(html, favor_precision=favor_precision, include_comments=include_comments,
                         include_tables=include_tables)
    head = soup.headline
    paras, chrome = _drop_chrome(paras, soup.chrome)
    paras = _place_headline(paras, head, headline)
    n_traf = tokens("\n".join(p for p in paras if head is None or _norm(p) != _norm(head)))
    n_soup = tokens(soup.text) - (tokens(head) if head and headline == "keep" else 0)
    if extractor == "auto":
        if n_traf == 0 and n_soup > 0:
            return dataclasses.replace(soup, extractor="bs4", reason="trafilatura found no text")
        if n_traf < fallback_share * n_soup:
            return dataclasses.replace(
                soup, extractor="bs4",
                reason=f"trafilatura kept {n_traf} tokens, under {fallback_share:g} of the bs4 extractor's {n_soup}",
            )
        reason = f"trafilatura kept {n_traf} tokens, the bs4 extractor {n_soup}"
    else:
        reason = "the rule's option: extractor = trafilatura"
    dropped = soup.dropped + tuple(("chrome-by-structure", p[:60]) for p in chrome)
    return Extracted("\n".join(paras), soup.title, "trafilatura", dropped, headline=head,
                     extractor="trafilatura", reason=reason)


_WORDS_CACHE: dict[str, object] = {}


def _class_words(words: dict[str, list[str]] | None):
    """The compiled :class:`~clean.html.classes.ClassWords` of a rule's option (kept: compiling
    per page would throw away its cache)."""
    if not words:
        return None
    import json

    from .classes import ClassWords

    key = json.dumps(words, sort_keys=False)
    got = _WORDS_CACHE.get(key)
    if got is None:
        if len(_WORDS_CACHE) > 16:
            _WORDS_CACHE.clear()
        got = _WORDS_CACHE[key] = ClassWords(words)
    return got


CHROME_MIN = 15  # shorter paragraphs ("Yes.", "Photo") occur in chrome and body alike
CHROME_MAX_SHARE = 0.3  # above this share of trafilatura's text the two disagree on the page: keep it


def _drop_chrome(paras: list[str], chrome: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """trafilatura's paragraphs without those the bs4 extractor dropped as chrome by structure
    (a read-on lead-in, an author bio, a caption, a link list: trafilatura keeps some of them),
    and the dropped ones. Nothing is dropped when that would be much of the text."""
    if not chrome or not paras:
        return paras, []
    from .soup import chrome_key

    blob = "\x00".join(chrome)  # one string: a paragraph found in any block, or inside one
    keep: list[str] = []
    gone: list[str] = []
    for p in paras:
        k = chrome_key(p)
        (gone if len(k) >= CHROME_MIN and k in blob else keep).append(p)
    if tokens("\n".join(gone)) > CHROME_MAX_SHARE * tokens("\n".join(paras)):
        return paras, []
    return keep, gone


def _place_headline(paras: list[str], head: str | None, policy: str) -> list[str]:
    """trafilatura's paragraphs with the headline first (``keep``) or nowhere (``drop``)."""
    if not head or not paras:
        return paras
    key = _norm(head)
    at = next((i for i, p in enumerate(paras[:3]) if _norm(p) == key), -1)
    if policy == "drop":
        return paras[:at] + paras[at + 1:] if at >= 0 else paras
    if at == 0:
        return paras
    rest = paras[:at] + paras[at + 1:] if at > 0 else paras
    return [head, *rest]
