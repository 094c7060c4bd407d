"""Element classes of the bs4 extractor: tags that are never text, block tags, and what an
element's attributes say about it (hidden, cookie banner, share widget ...)."""

from __future__ import annotations

import re

from bs4.element import CData, Comment, NavigableString, Tag

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
_AD_TOKENS = frozenset(
    """ad ads adv advert adverts advertisement advertisements advertising adslot adunit adbox
    adsbygoogle adsense adcontainer adwrapper dfp gpt sponsor sponsors sponsored sponsorship
    promo promos promoted promotion promotions promotional taboola outbrain teads""".split()
)
_SOCIAL_TOKENS = frozenset("social socials sharing share shares sharebar sharetools addthis sharethis".split())
_RELATED_TOKENS = frozenset(
    """related recommended recommendations recommend recirc recirculation readnext
    morestories upnext""".split()
)
_MOSTREAD_TOKENS = frozenset("mostread mostpopular mostviewed mostshared popular trending ranking".split())
_COMMENT_TOKENS = frozenset("comment comments disqus commentlist respond".split())
_COOKIE_TOKENS = frozenset("cmp cmpbox onetrust didomi usercentrics cookiebot trustarc truste quantcast".split())
_HIDDEN_TOKENS = frozenset(
    "sronly visuallyhidden screenreader screenreadertext srtext readerOnly hiddenvisually offscreen".lower().split()
)
_CAPTION_TOKENS = frozenset("caption captions credit credits photocredit imagecredit wpcaption".split())
LOGO_TOKENS = frozenset("logo brand branding masthead sitetitle sitename sitelogo".split())
POSITIVE = re.compile(r"article|body|content|entry|hentry|main|page|post|text|blog|story", re.I)
NEGATIVE = re.compile(
    r"hidden|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|"
    r"promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget",
    re.I,
)
ROLE_REASON = {
    "dialog": "popup", "alertdialog": "popup", "complementary": "aside", "search": "form",
    "contentinfo": "footer", "banner": "header",
}
SKIP_TEXT = re.compile(r"\b(skip|skipping|jump)\b", re.I)
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
            out.extend(a + b for a, b in zip(words, words[1:]))
    return out


_CLASS_CACHE: dict[str, str | None] = {}


def class_reason(value: str) -> str | None:
    """Why an element with these class and id words is chrome, or None."""
    try:
        return _CLASS_CACHE[value]
    except KeyError:
        pass
    why: str | None = None
    toks = tokens(value)
    for t in toks:
        if "cookie" in t or "consent" in t or "gdpr" in t or t in _COOKIE_TOKENS:
            why = "cookie-banner"
        elif t in _HIDDEN_TOKENS:
            why = "hidden"
        elif t == "skip" or t == "skiplink" or t == "skiplinks" or t == "skipto":
            why = "skip-link"
        elif t in _SOCIAL_TOKENS or "social" in t or t.startswith("share"):
            why = "share"
        elif t in _MOSTREAD_TOKENS:
            why = "most-read"
        elif t in _RELATED_TOKENS or t.startswith("related") or t.startswith("recommend"):
            why = "related"
        elif "newsletter" in t or t.startswith("subscri") or t == "signup":
            why = "newsletter"
        elif t in _COMMENT_TOKENS:
            why = "comments"
        elif t in _AD_TOKENS or t.startswith("advert") or t.startswith("sponsor") or t.startswith("adslot"):
            why = "ad"
        elif t == "breadcrumb" or t == "breadcrumbs":
            why = "breadcrumb"
        elif t in _CAPTION_TOKENS:
            why = "figcaption"
        elif t in ("popup", "modal", "lightbox"):
            why = "popup"
        if why:
            break
    if len(_CLASS_CACHE) > 50_000:
        _CLASS_CACHE.clear()
    _CLASS_CACHE[value] = why
    return why


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


