"""Element classes of the bs4 extractor: tags that are never text, block tags, and what an
element's markup says about it (hidden, a dialog, a landmark role, a schema.org page part).

No class-name word lists in the code. What replaced the English lists (share, newsletter,
comments, cookie, ad, related, most-read, logo, skip, sr-only, positive/negative scoring words):

* **structure, in code**, the same in every language: ``<nav>``, ``<aside>``, ``<form>``,
  ``<button>``, ``<iframe>``, ``<figure>``; ARIA roles (navigation, dialog, complementary,
  search, banner, contentinfo) and ``aria-modal``; ``hidden``, ``aria-hidden``, ``display:none``;
  schema.org page parts (itemtype/typeof ``WPAdBlock``, ``WPSideBar``, ``WPHeader``,
  ``WPFooter``, ``SiteNavigationElement``, ``BreadcrumbList``, ``Comment``; ``itemprop=comment``;
  ``itemprop=articleBody`` weighs a block up); a skip link is an in-page link before any text of
  the page; a logo ``<h1>`` is one whose text is all links to the home page, an image, or the
  og:site_name; and after the container is chosen, link density, the header's position and
  markup (``clean.html.prune``), and rows of teaser cards (``clean.html.soup``);
* **class/id words as data** (:class:`ClassWords`): the html rule's ``class_words`` option in
  ``rules/html.toml``, multilingual (English, German, French, Spanish, Italian), which a rules
  folder may extend or empty. Without words the extractor works on structure alone.

Measured with ``python bench/html.py`` (181 pages): ``clean --policy headline=drop`` F1 0.973
before (words in code) and 0.973 after (words as data plus the structure signals above); the bs4
extractor alone 0.956 -> 0.957. With no words at all (``class_words = {}``, structure alone):
0.964 for the pipeline, 0.931 for the bs4 extractor alone, which is why the bundled rule keeps
the words as data."""

from __future__ import annotations

import re

from bs4.element import CData, Comment, NavigableString, Tag

from .base import WORD_REASONS

# ---------------------------------------------------------------------------------------------
# element classes

# Never article text: dropped with everything inside, wherever they are.
DROP_TAGS = {
    "script": "script", "style": "style", "noscript": "noscript", "template": "template",
    "svg": "svg", "math": "math", "iframe": "iframe", "frame": "iframe", "frameset": "iframe",
    "object": "object", "embed": "embed", "applet": "object", "canvas": "canvas",
    "video": "video", "audio": "audio", "map": "map",
    "nav": "nav", "aside": "aside", "menu": "nav",
    "figure": "figcaption", "figcaption": "figcaption",
    "button": "button", "input": "input", "select": "select", "textarea": "textarea",
    "option": "select", "datalist": "select", "label": "label", "output": "output",
    "title": "title", "meta": "meta", "link": "link", "base": "link",
    "rt": "ruby", "rp": "ruby",
}
# never-text elements whose text is page chrome a reader sees (not code, not form controls)
CHROME_TAGS = frozenset(("nav", "aside", "menu", "figure", "figcaption"))
# dropped, but not listed (no information for a report)
QUIET_DROPS = {"input", "select", "option", "datalist", "meta", "link", "base", "rt", "rp", "title"}

# Each starts and ends a paragraph.
BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre section summary table tbody tfoot thead tr td th ul""".split()
)
# blocks that make a table row "layout", not one line of cells
ROW_BREAKERS = frozenset(
    "address article blockquote div dl h1 h2 h3 h4 h5 h6 hr li main ol p pre section table ul".split()
)
# whose own text is a paragraph worth scoring
SCORED = frozenset("p pre blockquote td div section article main body center".split())
CANDIDATES = frozenset(("div", "section", "td", "article", "main", "center"))

# flags: what an element is / contains
F_STRUCT = 1  # article, main, [role=main]
F_H1 = 2  # a headline-like h1 (not a logo)
F_NAV = 4  # nav, [role=navigation]
F_BLOCK = 8  # a row breaker
F_DATE = 16  # <time>, or microdata/RDFa naming a date (itemprop/property datePublished ...)
F_AUTHOR = 32  # <address>, rel=author, or microdata naming an author
F_LINK = 64  # <a href>
F_HEADING = 128  # h2-h6

# Machine-readable markers of an article's header and byline: schema.org names and rel values
# are the same in every language, unlike the labels ("By", "Von", "Por") printed beside them.
DATE_PROPS = re.compile(r"date(?:published|modified|created)|uploaddate|pubdate", re.I)
AUTHOR_PROPS = re.compile(r"\bauthor\b|\bcreator\b", re.I)

WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
ROLE_REASON = {
    "dialog": "popup", "alertdialog": "popup", "complementary": "aside", "search": "form",
    "contentinfo": "footer", "banner": "header",
}
# schema.org types of page parts (microdata itemtype, RDFa typeof): the same on every site
SCHEMA_REASON = (
    ("wpadblock", "ad"), ("wpsidebar", "aside"), ("wpheader", "header"), ("wpfooter", "footer"),
    ("sitenavigationelement", "nav"), ("breadcrumblist", "breadcrumb"), ("comment", "comments"),
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
WS = re.compile(r"[ \t\n\r\f\v]+")
TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014\-\u00b7:]{1,2}\s+")

_NO_SPACE_BEFORE = ",.;:!?%)]}\u00bb\u201d\u2019\u3001\u3002\uff0c\uff0e"
SENTINEL = "\x00"  # a space we put in; dropped before punctuation
BR = "\x01"  # a <br>: a space, or with another one a paragraph break
BR_RUN = re.compile(BR + r"[ \t\n\r\f\v\x00]*" + BR + r"[ \t\n\r\f\v\x00" + BR + "]*")
SENTINEL_BEFORE_PUNCT = re.compile(SENTINEL + r"+(?=[" + re.escape(_NO_SPACE_BEFORE) + "])")


def tokens(value: str) -> list[str]:
    """Class/id words: split on punctuation and camelCase; also the whole name, lowercased, without
    separators ('most-read' gives most, read, mostread)."""
    out: list[str] = []
    for part in value.split():
        words = [w.lower() for w in WORD.findall(part)]
        out.extend(words)
        if len(words) > 1:
            out.append("".join(words))
            out.extend(a + b for a, b in zip(words, words[1:], strict=False))
    return out


_DROP_REASONS = tuple(r for r in WORD_REASONS if r not in ("positive", "negative"))


class ClassWords:
    """Class/id words that say what an element is, as data (``class_words`` of the html rule):
    reason -> words. A word matches a class/id token (see :func:`tokens`) exactly; ``word*``
    matches a token that starts with it, ``*word*`` one that contains it. Reasons are tried in
    the order given, for each token in turn. No words: the extractor judges by structure alone."""

    def __init__(self, words: dict[str, list[str]] | None = None) -> None:
        self.spec = {k: tuple(v) for k, v in (words or {}).items()}
        unknown = sorted(set(self.spec) - WORD_REASONS)
        if unknown:
            raise ValueError(f"class_words: unknown reason(s) {unknown}; known: {sorted(WORD_REASONS)}")
        self._rules: list[tuple[str, frozenset[str], tuple[str, ...], tuple[str, ...]]] = []
        for reason, ws in self.spec.items():
            exact = frozenset(w.lower() for w in ws if "*" not in w)
            prefix = tuple(w[:-1].lower() for w in ws if w.endswith("*") and not w.startswith("*"))
            inner = tuple(w.strip("*").lower() for w in ws if w.startswith("*"))
            self._rules.append((reason, exact, prefix, inner))
        self._drop = [r for r in self._rules if r[0] in _DROP_REASONS]
        self._cache: dict[tuple[str, str], str | None] = {}
        self.empty = not any(r[1] or r[2] or r[3] for r in self._rules)

    @staticmethod
    def _hit(t: str, exact: frozenset[str], prefix: tuple[str, ...], inner: tuple[str, ...]) -> bool:
        return t in exact or t.startswith(prefix) or any(w in t for w in inner)

    def reason(self, value: str) -> str | None:
        """Why an element with these class and id words is chrome, or None."""
        return self._lookup(value, self._drop)

    def weight(self, value: str) -> int:
        """+1 if a class/id word says article body, -1 if one says chrome (both: 0)."""
        w = 0
        for reason, sign in (("positive", 1), ("negative", -1)):
            rules = [r for r in self._rules if r[0] == reason]
            if rules and self._lookup(value, rules, reason) is not None:
                w += sign
        return w

    def _lookup(self, value: str, rules, tag: str = "") -> str | None:
        if not rules or not value.strip():
            return None
        key = (value, tag)
        try:
            return self._cache[key]
        except KeyError:
            pass
        why = None
        for t in tokens(value):
            for reason, exact, prefix, inner in rules:
                if self._hit(t, exact, prefix, inner):
                    why = reason
                    break
            if why:
                break
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = why
        return why


NO_WORDS = ClassWords()


def attr_str(tag: Tag, name: str) -> str:
    v = tag.attrs.get(name)
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return " ".join(v)
    return str(v)


def is_text(node: object) -> bool:
    t = type(node)
    return t is NavigableString or t is CData


def snippet(node: Tag | NavigableString, limit: int = 60) -> str:
    """The first ``limit`` characters of a node's text (any string kind), whitespace collapsed;
    reads only as far as needed."""
    if isinstance(node, NavigableString):
        return WS.sub(" ", str(node)).strip()[:limit]
    parts: list[str] = []
    n = 0
    for d in node.descendants:
        if isinstance(d, NavigableString) and not isinstance(d, Comment):
            parts.append(str(d))
            n += len(d)
            if n > limit * 4:
                break
    s = WS.sub(" ", " ".join(parts)).strip()
    if not s:
        src = node.attrs.get("src") if isinstance(node, Tag) else None
        if src:
            s = f"src={src}"
    return s[:limit]


def norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return WS.sub(" ", s.replace("\xa0", " ")).strip().casefold()


