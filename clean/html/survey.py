"""The survey of the bs4 extractor: flat arrays over a parsed page's elements, and the decision
of which chrome candidates are dropped."""

from __future__ import annotations

import re
from typing import Any

from bs4.element import CData, Comment, NavigableString, Tag

from .classes import (
    AUTHOR_PROPS,
    BLOCK,
    CHROME_TAGS,
    DATE_PROPS,
    DROP_TAGS,
    F_AUTHOR,
    F_BLOCK,
    F_DATE,
    F_H1,
    F_HEADING,
    F_LINK,
    F_NAV,
    F_STRUCT,
    HIDDEN_STYLE,
    NO_WORDS,
    QUIET_DROPS,
    ROLE_REASON,
    ROW_BREAKERS,
    SCHEMA_REASON,
    WS,
    ClassWords,
    snippet,
)

# ---------------------------------------------------------------------------------------------
# the survey


def _is_logo(h1: Tag, site: str | None) -> bool:
    """A site's logo in an ``<h1>``, not a headline: its text is all in links to the site's home
    page (``/``, ``https://host/``), it is an image alone, or it is the site's name (og:site_name)."""
    text = WS.sub(" ", h1.get_text(" ")).strip()
    if not text:
        return h1.find("img") is not None
    if site and text.casefold() == WS.sub(" ", site).strip().casefold():
        return True
    home = [a for a in h1.find_all("a", href=True) if _HOME.match(str(a["href"]).strip())]
    return bool(home) and WS.sub(" ", " ".join(a.get_text(" ") for a in home)).strip() == text


_HOME = re.compile(r"^(?:(?:https?:)?//[^/?#]+)?/?(?:index\.\w+)?(?:[?#].*)?$", re.I)


class Survey:
    """Flat arrays over the elements of one document, indexed in document (pre-) order."""

    def __init__(self, root: Tag, words: ClassWords = NO_WORDS) -> None:
        tags: list[Tag] = []
        parent: list[int] = []
        own_text: list[int] = []
        in_link_l: list[bool] = []
        blk_text: list[tuple[int, int, int]] = []  # (block, characters, commas) of each string
        flags: list[int] = []
        cand: list[str | None] = []
        index: dict[int, int] = {}
        records: list[tuple[int, str, str]] = []
        h1s: list[int] = []
        dflags_extra: dict[int, int] = {}
        meta: dict[str, str] = {}
        self.title: str | None = None
        # elements dropped as chrome (not scripts, not hidden): their text, if another extractor
        # keeps it, is chrome there too (see clean.html.extract)
        self.chrome_tags: list[Tag] = []
        chrome_tags = self.chrome_tags
        self.body = -1
        self.words = words
        class_reason = words.reason
        seen_text = False  # page text met so far (an in-page link before any is a skip link)

        drop_tags = DROP_TAGS
        block = BLOCK
        row_breakers = ROW_BREAKERS
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
            if drop is None and name == "a" and not seen_text and len(str(attrs.get("href", ""))) > 1 \
                    and str(attrs.get("href", "")).startswith("#"):
                drop = "skip-link"  # an in-page link before any text of the page: "skip to content"
            if drop is not None:
                if name == "meta":
                    key = str(attrs.get("property") or attrs.get("name") or "").lower()
                    if key in ("og:title", "twitter:title", "og:site_name") and key not in meta:
                        meta[key] = WS.sub(" ", str(attrs.get("content") or "")).strip()
                elif name == "title":
                    if self.title is None:
                        self.title = WS.sub(" ", tag.get_text()).strip() or None
                elif name == "nav" and pidx >= 0:
                    dflags_extra[pidx] = dflags_extra.get(pidx, 0) | F_NAV
                if name in CHROME_TAGS:
                    chrome_tags.append(tag)
                if name not in QUIET_DROPS:
                    if name == "figure":
                        cap = tag.find("figcaption")
                        snip = snippet(cap if cap is not None else tag)
                    else:
                        snip = snippet(tag)
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
            if name == "time":
                f |= F_DATE
            elif name == "address":
                f |= F_AUTHOR
            elif name == "a" and "href" in attrs:
                f |= F_LINK
                if "author" in str(attrs.get("rel", "")).lower():
                    f |= F_AUTHOR
            elif name in ("h2", "h3", "h4", "h5", "h6"):
                f |= F_HEADING
            if attrs:
                prop = attrs.get("itemprop") or attrs.get("property")
                if prop:
                    prop = str(prop)
                    if DATE_PROPS.search(prop):
                        f |= F_DATE
                    elif AUTHOR_PROPS.search(prop):
                        f |= F_AUTHOR
            if attrs and name != "html" and name != "body":
                # attribute-based guesses, decided later (see decide)
                if "hidden" in attrs and str(attrs["hidden"]).lower() != "until-found":
                    why = "hidden"
                elif str(attrs.get("aria-hidden", "")).lower() == "true":
                    why = "hidden"
                elif "style" in attrs and HIDDEN_STYLE.search(str(attrs["style"])):
                    why = "hidden"
                elif str(attrs.get("aria-modal", "")).lower() == "true":
                    why = "popup"
                else:
                    cls = attrs.get("class")
                    ident = attrs.get("id")
                    if cls or ident:
                        if isinstance(cls, list):
                            cls = " ".join(cls)
                        why = class_reason(f"{cls or ''} {ident or ''}")
                    kind = attrs.get("itemtype") or attrs.get("typeof")
                    if kind and why is None:
                        kind = str(kind).lower()
                        why = next((r for k, r in SCHEMA_REASON if kind.endswith(k)), None)
                    if why is None and str(attrs.get("itemprop", "")).lower() == "comment":
                        why = "comments"
                    if role:
                        if role in ("navigation", "menu", "menubar"):
                            f |= F_NAV
                            why = why or "nav"
                        elif why is None:
                            why = ROLE_REASON.get(role)
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
                    if not _is_logo(tag, meta.get("og:site_name")):
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
            c: Any
            for c in tag.contents:
                t = type(c)
                if t is Tag:
                    kids.append(c)
                elif t in text_types:
                    n = len(c.strip())
                    if n:
                        text_n += n
                        seen_text = True
                        if owner >= 0:
                            blk_text.append((owner, n, c.count(",") + c.count("\u3001") + c.count("\uff0c")))
                elif t is Comment:
                    snip = snippet(c)
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
        nlinks = [1 if f & F_LINK else 0 for f in flags]
        end = list(range(1, n + 1))  # one past the last element of the subtree (pre-order)
        for k, v in dflags_extra.items():
            dflags[k] |= v
        for i in range(n - 1, 0, -1):
            p = parent[i]
            total[p] += total[i]
            links[p] += links[i]
            nlinks[p] += nlinks[i]
            if end[i] > end[p]:
                end[p] = end[i]
            dflags[p] |= dflags[i] | flags[i]
        self.nlinks = nlinks  # <a href> elements in the subtree
        self.end = end
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
                elif page >= 200 and self.total[i] * 2 >= page and why != "skip-link":
                    # it holds half the page: a wrapper, not a widget (also when its class says
                    # "modal": sites that open articles over a list wrap the post in one)
                    keep = True
            if keep:
                continue
            dropped[i] = True
            self_drop[i] = True
            why_top[i] = why
            if why != "hidden":  # hidden blocks may hold text a script reveals
                self.chrome_tags.append(tag)
            snip = snippet(tag)
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


