"""HTML page -> the article's plain text: headline first, one paragraph per line (beautifulsoup4).

How it works, in two non-recursive walks over the parsed tree (explicit stacks, so a page nested
5,000 levels deep is no problem) and a few loops over flat arrays:

1. **Survey** (whole document). Every element gets a pre-order index. Elements that are never
   article text (script, style, nav, aside, figure, form controls ...) are skipped with their
   subtree and listed in ``dropped``; comments too. Elements that *look* like chrome by their
   attributes (class/id words such as cookie, share, related, ad; ``hidden``; page-level
   header/footer) become *candidates* for dropping. Per element we count text characters, text
   inside links, commas, and which interesting elements it contains.
2. **Decide** (arrays). A candidate is dropped unless it is a wrapper of the article: it contains
   the page's biggest ``<article>``/``<main>`` (teaser ``<article>``s do not count), or, for
   class-based guesses, the ``<h1>``; or it holds half the page's text. This keeps ``<form id="aspnetForm">`` around a whole page, or a ``<div
   class="ad-free">`` wrapper, from swallowing the article.
3. **Choose the container**: the ``<article>`` with most text, else ``<main>``/``[role=main]``,
   else the best div/section by a readability-like score (each paragraph's length and commas,
   passed to its parent in full and to further ancestors in shrinking parts, times one minus
   link density), else ``<body>``.
4. **Render** (container only). Block elements start and end paragraphs; inline elements join
   with the spacing of the source; ``<br>`` is a space (two or more in a row end a paragraph);
   a table row of plain cells is one line, cells joined with " | "; items of an ``<ol>`` keep
   their numbers ("1. ...").

The headline (the page's ``<h1>``, or og:title / ``<title>`` when there is none) is put first
when the container does not hold it.
"""

from __future__ import annotations

import dataclasses
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import CData, Comment, NavigableString, Tag

__all__ = ["Extracted", "extract", "looks_like_html", "PARSER"]

try:  # the fast parser when it is there
    import lxml  # noqa: F401

    PARSER = "lxml"
except ImportError:  # pragma: no cover - lxml is a dependency
    PARSER = "html.parser"


@dataclasses.dataclass(frozen=True)
class Extracted:
    text: str
    """One paragraph per line, ``\\n``-joined, headline first."""
    title: str | None
    """The page's ``<title>`` (or og:title when it has none), for reports."""
    container: str
    """How the main text was chosen: ``article``, ``main``, ``densest:<tag>#id.class`` or ``body``."""
    dropped: tuple[tuple[str, str], ...]
    """``(what, first 60 characters)`` of each removed block, in document order."""


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


# ---------------------------------------------------------------------------------------------
# element classes

# Never article text: dropped with everything inside, wherever they are.
_DROP_TAGS = {
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
# dropped, but not listed (no information for a report)
_QUIET_DROPS = {"input", "select", "option", "datalist", "meta", "link", "base", "rt", "rp", "title"}

# Each starts and ends a paragraph.
_BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre section summary table tbody tfoot thead tr td th ul""".split()
)
# blocks that make a table row "layout", not one line of cells
_ROW_BREAKERS = frozenset(
    "address article blockquote div dl h1 h2 h3 h4 h5 h6 hr li main ol p pre section table ul".split()
)
# whose own text is a paragraph worth scoring
_SCORED = frozenset("p pre blockquote td div section article main body center".split())
_CANDIDATES = frozenset(("div", "section", "td", "article", "main", "center"))

# flags: what an element is / contains
F_STRUCT = 1  # article, main, [role=main]
F_H1 = 2  # a headline-like h1 (not a logo)
F_NAV = 4  # nav, [role=navigation]
F_BLOCK = 8  # a row breaker

_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
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
_LOGO_TOKENS = frozenset("logo brand branding masthead sitetitle sitename sitelogo".split())
_POSITIVE = re.compile(r"article|body|content|entry|hentry|main|page|post|text|blog|story", re.I)
_NEGATIVE = re.compile(
    r"hidden|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|"
    r"promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget",
    re.I,
)
_ROLE_REASON = {
    "dialog": "popup", "alertdialog": "popup", "complementary": "aside", "search": "form",
    "contentinfo": "footer", "banner": "header",
}
_SKIP_TEXT = re.compile(r"\b(skip|skipping|jump)\b", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"[ \t\n\r\f\v]+")
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014\-\u00b7:]{1,2}\s+")

_NO_SPACE_BEFORE = ",.;:!?%)]}\u00bb\u201d\u2019\u3001\u3002\uff0c\uff0e"
_SENTINEL = "\x00"  # a space we put in; dropped before punctuation
_BR = "\x01"  # a <br>: a space, or with another one a paragraph break
_BR_RUN = re.compile(_BR + r"[ \t\n\r\f\v\x00]*" + _BR + r"[ \t\n\r\f\v\x00" + _BR + "]*")
_SENTINEL_BEFORE_PUNCT = re.compile(_SENTINEL + r"+(?=[" + re.escape(_NO_SPACE_BEFORE) + "])")


def _tokens(value: str) -> list[str]:
    """Class/id words: split on punctuation and camelCase; also the whole name, lowercased, without
    separators ('most-read' gives most, read, mostread)."""
    out: list[str] = []
    for part in value.split():
        words = [w.lower() for w in _WORD.findall(part)]
        out.extend(words)
        if len(words) > 1:
            out.append("".join(words))
            out.extend(a + b for a, b in zip(words, words[1:]))
    return out


_CLASS_CACHE: dict[str, str | None] = {}


def _class_reason(value: str) -> str | None:
    """Why an element with these class and id words is chrome, or None."""
    try:
        return _CLASS_CACHE[value]
    except KeyError:
        pass
    why: str | None = None
    toks = _tokens(value)
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


def _attr_str(tag: Tag, name: str) -> str:
    v = tag.attrs.get(name)
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return " ".join(v)
    return str(v)


def _is_text(node: object) -> bool:
    t = type(node)
    return t is NavigableString or t is CData


def _snippet(node: Tag | NavigableString, limit: int = 60) -> str:
    """The first ``limit`` characters of a node's text (any string kind), whitespace collapsed;
    reads only as far as needed."""
    if isinstance(node, NavigableString):
        return _WS.sub(" ", str(node)).strip()[:limit]
    parts: list[str] = []
    n = 0
    for d in node.descendants:
        if isinstance(d, NavigableString) and not isinstance(d, Comment):
            parts.append(str(d))
            n += len(d)
            if n > limit * 4:
                break
    s = _WS.sub(" ", " ".join(parts)).strip()
    if not s:
        src = node.attrs.get("src") if isinstance(node, Tag) else None
        if src:
            s = f"src={src}"
    return s[:limit]


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _WS.sub(" ", s.replace("\xa0", " ")).strip().casefold()


# ---------------------------------------------------------------------------------------------
# the survey


class _Survey:
    """Flat arrays over the elements of one document, indexed in document (pre-) order."""

    def __init__(self, root: Tag) -> None:
        tags: list[Tag] = []
        parent: list[int] = []
        own_text: list[int] = []
        in_link_l: list[bool] = []
        blk_text: list[int] = []
        blk_commas: list[int] = []
        flags: list[int] = []
        cand: list[str | None] = []
        index: dict[int, int] = {}
        records: list[tuple[int, str, str]] = []
        h1s: list[int] = []
        dflags_extra: dict[int, int] = {}
        meta: dict[str, str] = {}
        self.title: str | None = None
        self.body = -1

        drop_tags = _DROP_TAGS
        block = _BLOCK
        row_breakers = _ROW_BREAKERS
        text_types = (NavigableString, CData)
        # stack items: (tag, parent idx, owner block idx, in link, inside article/main)
        stack: list[tuple[Tag, int, int, bool, bool]] = [(root, -1, -1, False, False)]
        pop = stack.pop
        push = stack.append
        while stack:
            tag, pidx, owner, in_link, in_am = pop()
            name = tag.name
            attrs = tag.attrs
            pos = len(tags)
            # -- never text: skip the subtree
            drop = drop_tags.get(name)
            if drop is None and name == "a" and str(attrs.get("href", "")).startswith("#"):
                if _SKIP_TEXT.search(_snippet(tag, 100)):
                    drop = "skip-link"
            if drop is not None:
                if name == "meta":
                    key = str(attrs.get("property") or attrs.get("name") or "").lower()
                    if key in ("og:title", "twitter:title", "og:site_name") and key not in meta:
                        meta[key] = _WS.sub(" ", str(attrs.get("content") or "")).strip()
                elif name == "title":
                    if self.title is None:
                        self.title = _WS.sub(" ", tag.get_text()).strip() or None
                elif name == "nav" and pidx >= 0:
                    dflags_extra[pidx] = dflags_extra.get(pidx, 0) | F_NAV
                if name not in _QUIET_DROPS:
                    if name == "figure":
                        cap = tag.find("figcaption")
                        snip = _snippet(cap if cap is not None else tag)
                    else:
                        snip = _snippet(tag)
                    if snip or name in ("script", "iframe"):
                        records.append((pos, drop, snip))
                continue
            i = pos
            tags.append(tag)
            index[id(tag)] = i
            parent.append(pidx)
            f = 0
            why: str | None = None
            if name == "body" and self.body < 0:
                self.body = i
            role = str(attrs.get("role", "")).lower() if attrs else ""
            if name == "article" or name == "main" or role == "main":
                f |= F_STRUCT
            elif name == "h1":
                h1s.append(i)
            if name in row_breakers:
                f |= F_BLOCK
            if attrs and name != "html" and name != "body":
                # attribute-based guesses, decided later (see decide)
                if "hidden" in attrs and str(attrs["hidden"]).lower() != "until-found":
                    why = "hidden"
                elif str(attrs.get("aria-hidden", "")).lower() == "true":
                    why = "hidden"
                elif "style" in attrs and _HIDDEN_STYLE.search(str(attrs["style"])):
                    why = "hidden"
                else:
                    cls = attrs.get("class")
                    ident = attrs.get("id")
                    if cls or ident:
                        if isinstance(cls, list):
                            cls = " ".join(cls)
                        why = _class_reason(f"{cls or ''} {ident or ''}")
                    if role:
                        if role in ("navigation", "menu", "menubar"):
                            f |= F_NAV
                            why = why or "nav"
                        elif why is None:
                            why = _ROLE_REASON.get(role)
                            if why == "header" and in_am:
                                why = None
            if why is None:
                if name == "header":
                    if not in_am:
                        why = "header"
                elif name == "footer":
                    why = "footer"
                elif name == "form":
                    why = "form"
                elif name == "dialog":
                    why = "popup"
                elif name == "h1":
                    # a logo is not a headline
                    pcls = _attr_str(tag, "class") + " " + _attr_str(tag, "id")
                    ptag = tag.parent
                    if isinstance(ptag, Tag):
                        pcls += " " + _attr_str(ptag, "class") + " " + _attr_str(ptag, "id")
                    if not any(t in _LOGO_TOKENS for t in _tokens(pcls)):
                        f |= F_H1
            flags.append(f)
            cand.append(why)

            if name in block or pidx < 0:
                owner = i
            if name == "a":
                in_link = True
            in_link_l.append(in_link)
            if f & F_STRUCT:
                in_am = True
            # strings are counted now; child elements go on the stack, first child on top
            text_n = 0
            kids: list[Tag] = []
            for c in tag.contents:
                t = type(c)
                if t is Tag:
                    kids.append(c)
                elif t in text_types:
                    n = len(c.strip())
                    if n:
                        text_n += n
                        if owner >= 0:
                            blk_text.append((owner, n, c.count(",") + c.count("\u3001") + c.count("\uff0c")))
                elif t is Comment:
                    snip = _snippet(c)
                    if snip and not snip.startswith("?xml"):  # lxml's view of an XML declaration
                        records.append((i + 1, "comment", snip))
            own_text.append(text_n)
            for c in reversed(kids):
                push((c, i, owner, in_link, in_am))

        n = len(tags)
        btext = [0] * n
        bcommas = [0] * n
        for o, k, cm in blk_text:
            btext[o] += k
            bcommas[o] += cm
        link_text = [own_text[i] if in_link_l[i] else 0 for i in range(n)]
        # subtree totals, children before parents (reverse pre-order)
        total = own_text[:]
        links = link_text[:]
        dflags = [0] * n
        for k, v in dflags_extra.items():
            dflags[k] |= v
        for i in range(n - 1, 0, -1):
            p = parent[i]
            total[p] += total[i]
            links[p] += links[i]
            dflags[p] |= dflags[i] | flags[i]
        self.tags = tags
        self.parent = parent
        self.own_text = own_text
        self.link_text = link_text
        self.blk_text = btext
        self.blk_commas = bcommas
        self.flags = flags
        self.dflags = dflags  # flags of the descendants
        self.total = total
        self.links = links
        self.cand = cand
        self.index = index
        self.records = records
        self.h1s = h1s
        self.n = n
        self.og_title = meta.get("og:title") or meta.get("twitter:title") or None
        self.site_name = meta.get("og:site_name") or None

    def decide(self) -> None:
        """Drop the candidates that are not wrappers of the article; then kept text per element."""
        n = self.n
        page = self.total[0] if n else 0
        dropped = [False] * n  # this element or an ancestor is dropped
        why_top: list[str | None] = [None] * n  # the reason of the topmost dropped ancestor-or-self
        self_drop = [False] * n
        # wrappers of the article: ancestors of the biggest <article>/<main> elements (teaser
        # <article>s in a "related" block protect nothing)
        structs = [i for i in range(n) if self.flags[i] & F_STRUCT]
        wrap: set[int] = set()
        if structs:
            most = max(self.total[i] for i in structs)
            for i in structs:
                if self.total[i] * 2 >= most and self.total[i] > 0:
                    while i >= 0 and i not in wrap:
                        wrap.add(i)
                        i = self.parent[i]
        for i in range(n):
            p = self.parent[i]
            if p >= 0 and dropped[p]:
                dropped[i] = True
                why_top[i] = why_top[p]
                continue
            why = self.cand[i]
            if why is None:
                continue
            tag = self.tags[i]
            inside = self.dflags[i] | self.flags[i]
            keep = False
            if why == "cookie-banner":
                keep = i in wrap
            else:
                if i in wrap:
                    keep = True
                elif why in ("ad", "share", "related", "most-read", "comments", "form", "figcaption",
                             "breadcrumb", "footer") and inside & F_H1:
                    keep = True
                elif why == "header" and (inside & F_H1) and not (inside & F_NAV):
                    keep = True  # an article's own header (h1, standfirst), not the site's
                elif page >= 200 and self.total[i] * 2 >= page and why not in ("popup", "skip-link"):
                    keep = True  # it holds half the page: a wrapper, not a widget
            if keep:
                continue
            dropped[i] = True
            self_drop[i] = True
            why_top[i] = why
            snip = _snippet(tag)
            if snip:
                self.records.append((i, why, snip))
        self.dropped = dropped
        self.self_drop = self_drop
        self.why_top = why_top
        kept = [0 if dropped[i] else self.own_text[i] for i in range(n)]
        klinks = [0 if dropped[i] else self.link_text[i] for i in range(n)]
        for i in range(n - 1, 0, -1):
            p = self.parent[i]
            kept[p] += kept[i]
            klinks[p] += klinks[i]
        self.kept = kept
        self.klinks = klinks

    # -- helpers over the arrays ----------------------------------------------------------

    def inside(self, i: int, anc: int) -> bool:
        while i > anc:
            i = self.parent[i]
        return i == anc

    def link_density(self, i: int) -> float:
        k = self.kept[i]
        return self.klinks[i] / k if k else 0.0


# ---------------------------------------------------------------------------------------------
# choosing the container


def _label(tag: Tag) -> str:
    s = tag.name
    ident = _attr_str(tag, "id").strip()
    if ident:
        s += "#" + ident.split()[0]
    cls = _attr_str(tag, "class").split()
    if cls:
        s += "." + ".".join(cls)
    return s


def _densest(sv: _Survey, body: int) -> int | None:
    """Readability's idea: paragraphs score their parent fully and ancestors less; the score is
    discounted by link density. Returns the best candidate's index, or None."""
    n = sv.n
    score: dict[int, float] = {}
    for i in range(n):
        if sv.dropped[i] or sv.blk_text[i] < 25 or sv.tags[i].name not in _SCORED:
            continue
        s = 1.0 + sv.blk_commas[i] + min(sv.blk_text[i] // 100, 3)
        # loose text in a div counts for the div itself too (readability turns such divs into <p>)
        a = sv.parent[i] if sv.tags[i].name in ("p", "pre", "blockquote") else i
        level = 0
        while a >= 0 and level < 5:
            div = 1 if level == 0 else 2 if level == 1 else level * 3
            if a not in score:
                score[a] = _initial_score(sv.tags[a])
            score[a] += s / div
            if a == body:
                break
            a = sv.parent[a]
            level += 1
    best, best_score = None, 0.0
    final: dict[int, float] = {}
    for i, s in score.items():
        if sv.tags[i].name not in _CANDIDATES or i == body:
            continue
        f = s * (1.0 - sv.link_density(i))
        final[i] = f
        if f > best_score:
            best, best_score = i, f
    if best is None:
        return None
    # several strong candidates under one ancestor: take the ancestor
    alts = [i for i, f in final.items() if i != best and f >= 0.75 * best_score]
    if len(alts) >= 2:
        a = sv.parent[best]
        while a > body:
            if sum(1 for x in alts if sv.inside(x, a)) >= 2:
                best = a
                break
            a = sv.parent[a]
    # a parent that scores higher than its best child is the better container
    last = final.get(best, best_score)
    a = sv.parent[best]
    while a > body:
        if a in final:
            if final[a] < last / 3:
                break
            if final[a] > last:
                best = a
                break
            last = final[a]
        a = sv.parent[a]
    return best if sv.tags[best].name in _CANDIDATES else None


def _initial_score(tag: Tag) -> float:
    s = {"div": 5.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0, "form": -3.0, "ol": -3.0, "ul": -3.0,
         "th": -5.0, "address": -3.0}.get(tag.name, 0.0)
    for v in (_attr_str(tag, "class"), _attr_str(tag, "id")):
        if v:
            if _NEGATIVE.search(v):
                s -= 25
            if _POSITIVE.search(v):
                s += 25
    return s


def _choose(sv: _Survey, body: int) -> tuple[int, str]:
    page = sv.kept[body] if body >= 0 else 0
    arts = [i for i in range(sv.n) if not sv.dropped[i] and sv.tags[i].name == "article"]
    if arts:
        best = max(arts, key=lambda i: sv.kept[i])
        if sv.kept[best] and (sv.kept[best] >= 500 or sv.kept[best] * 4 >= page):
            return best, "article"
    mains = [i for i in range(sv.n) if not sv.dropped[i] and sv.flags[i] & F_STRUCT and sv.tags[i].name != "article"]
    if mains:
        best = max(mains, key=lambda i: sv.kept[i])
        if sv.kept[best] and sv.kept[best] * 4 >= page:
            return best, "main"
    d = _densest(sv, body)
    if d is not None and d != body:
        return d, "densest:" + _label(sv.tags[d])
    return body, "body"


# ---------------------------------------------------------------------------------------------
# rendering


def _finish(raw: str) -> list[str]:
    """A paragraph's raw text -> its lines: runs of two or more <br> split it; other inserted
    spaces vanish before punctuation; white space collapses."""
    out = []
    for part in _BR_RUN.split(raw) if _BR in raw else (raw,):
        part = part.replace(_BR, _SENTINEL)
        if _SENTINEL in part:
            part = _SENTINEL_BEFORE_PUNCT.sub("", part).replace(_SENTINEL, " ")
        part = _WS.sub(" ", part).strip()
        if part:
            out.append(part)
    return out


def _render(sv: _Survey, root: Tag) -> list[str]:
    """The paragraphs of ``root``'s subtree, skipping dropped elements. Non-recursive."""
    paras: list[str] = []
    buf: list[str] = []
    index = sv.index
    self_drop = sv.self_drop

    def flush() -> None:
        if buf:
            paras.extend(_finish("".join(buf)))
            buf.clear()

    row_cells: list[str] | None = None
    cell_start = -1
    lists: list[list] = []  # per open list: [next number, style] for <ol>, [] for <ul>
    # items: a node to visit, or an int marker: leaving a block, a row, a cell
    stack: list[object] = [root]
    EXIT_BLOCK, EXIT_ROW, EXIT_CELL, EXIT_INLINE_BLOCK, EXIT_LIST = 1, 2, 3, 4, 5
    while stack:
        node = stack.pop()
        if type(node) is int:
            if node == EXIT_BLOCK:
                flush()
            elif node == EXIT_LIST:
                lists.pop()
            elif node == EXIT_ROW:
                cells = [c for c in row_cells or () if c]
                row_cells = None
                if cells:
                    paras.append(" | ".join(cells))
            elif node == EXIT_CELL:
                if row_cells is not None:
                    lines = _finish("".join(buf[cell_start:]))
                    del buf[cell_start:]
                    row_cells.append(" ".join(lines))
                cell_start = -1
            else:  # a block inside a table row: a space
                buf.append(_SENTINEL)
            continue
        if not isinstance(node, Tag):
            if _is_text(node):
                text = str(node)
                if _SENTINEL in text or _BR in text:  # control characters of the source: spaces
                    text = text.replace(_SENTINEL, " ").replace(_BR, " ")
                buf.append(text)
            continue
        i = index.get(id(node))
        if i is None or self_drop[i]:  # never-text elements have no index
            continue
        name = node.name
        if name == "br":
            buf.append(_BR)
            continue
        if name == "img" or name == "wbr":
            continue
        kids = node.contents
        if row_cells is not None:
            # inside a plain table row: cells collect text; blocks are spaces
            if name in ("td", "th"):
                cell_start = len(buf)
                stack.append(EXIT_CELL)
            elif name in _BLOCK:
                buf.append(_SENTINEL)
                stack.append(EXIT_INLINE_BLOCK)
        elif name == "tr" and not (sv.dflags[i] & F_BLOCK):
            flush()
            row_cells = []
            stack.append(EXIT_ROW)
        elif name in _BLOCK:
            flush()
            stack.append(EXIT_BLOCK)
            if name == "ol":
                lists.append([_int_attr(node, "start", 1), str(node.attrs.get("type") or "1")])
                stack.append(EXIT_LIST)
            elif name in ("ul", "menu", "dir"):
                lists.append([])
                stack.append(EXIT_LIST)
            elif name == "li" and lists and lists[-1]:
                # an ordered list's items keep their numbers, as a browser shows them
                counter = lists[-1]
                num = _int_attr(node, "value", counter[0])
                counter[0] = num + 1
                buf.append(_list_marker(num, counter[1]) + " ")
        stack.extend(reversed(kids))
    flush()
    return paras


def _int_attr(tag: Tag, name: str, default: int) -> int:
    try:
        return int(str(tag.attrs.get(name, default)).strip())
    except ValueError:
        return default


def _list_marker(n: int, style: str) -> str:
    if style in ("a", "A") and 0 < n <= 26:
        c = chr(ord("a") + n - 1)
        return (c.upper() if style == "A" else c) + "."
    if style in ("i", "I") and 0 < n < 4000:
        out = ""
        for v, r in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                     (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= v:
                out += r
                n -= v
        return (out.upper() if style == "I" else out) + "."
    return f"{n}."


# ---------------------------------------------------------------------------------------------
# headline and title


def _similar(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _headline(sv: _Survey, container: int, paras: list[str], title: str | None, og: str | None,
              site: str | None, title_as_headline: bool) -> str | None:
    """The headline to put first, or None when the container already starts with it."""
    inside = [h for h in sv.h1s if sv.flags[h] & F_H1 and sv.inside(h, container) and not sv.dropped[h]]
    if inside:
        return None
    outside = []
    for h in sv.h1s:
        if not sv.flags[h] & F_H1 or sv.inside(h, container):
            continue
        if sv.dropped[h] and sv.why_top[h] != "header":
            continue  # in a nav, cookie banner, hidden block ...
        text = " ".join(_render(sv, sv.tags[h]))
        if text:
            outside.append((h, text))
    pick = None
    ref = og or title
    if ref:
        for h, text in outside:
            if _similar(text, ref):
                pick = text
                break
    if pick is None:
        for h, text in outside:
            if not sv.dropped[h]:
                pick = text
                break
    if pick is None and paras:  # a page with no text gets no headline from its metadata
        if og:
            pick = og
        elif title and title_as_headline:
            parts = _TITLE_SPLIT.split(title)
            cand = max(parts, key=len) if len(parts) > 1 else title
            if len(cand.split()) >= 3 and not (site and _norm(cand) == _norm(site)):
                pick = cand  # a bare site name ("MT News") is no headline
    if not pick:
        return None
    if paras and (_norm(paras[0]) == _norm(pick) or (len(paras) > 1 and _norm(paras[1]) == _norm(pick))):
        return None
    return pick


# ---------------------------------------------------------------------------------------------


def _parse(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        # "looks like a URL / a filename / XML": we know it is a page, or treat it as one
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            return BeautifulSoup(html, PARSER)
        except Exception:  # pragma: no cover - a parser failure on odd input: the tolerant one
            return BeautifulSoup(html, "html.parser")


def extract(html: str, *, title_as_headline: bool = True) -> Extracted:
    """The article text of an HTML page (see the module's doc). ``title_as_headline``: when the
    page has no ``<h1>`` and no og:title, use the ``<title>`` as headline."""
    if not html or not html.strip():
        return Extracted("", None, "body", ())
    soup = _parse(html)
    sv = _Survey(soup)
    title, og = sv.title, sv.og_title
    sv.decide()
    body = sv.body if sv.body >= 0 else 0
    container, how = _choose(sv, body)
    paras = _render(sv, sv.tags[container])
    head = _headline(sv, container, paras, title, og, sv.site_name, title_as_headline)
    if head:
        paras.insert(0, head)
    return Extracted("\n".join(paras), title or og, how, _records(sv))


def _records(sv: _Survey) -> tuple[tuple[str, str], ...]:
    return tuple((what, snip) for _, what, snip in sorted(sv.records, key=lambda r: r[0]))
