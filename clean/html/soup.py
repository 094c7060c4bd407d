"""The bs4 extractor: HTML page -> the article's plain text: headline first, one paragraph per line (beautifulsoup4).

How it works, in two non-recursive walks over the parsed tree (explicit stacks, so a page nested
5,000 levels deep is no problem) and a few loops over flat arrays:

1. **Survey** (whole document). Every element gets a pre-order index. Elements that are never
   article text (script, style, nav, aside, figure, form controls ...) are skipped with their
   subtree and listed in ``dropped``; comments too. Elements that *look* like chrome by their
   markup (``hidden``, ARIA roles and ``aria-modal``, schema.org page parts, page-level
   header/footer, and the class/id words of the rule's ``class_words`` option, data in
   ``rules/html.toml``; see ``clean.html.classes``) become *candidates* for dropping. Per element we count text characters, text
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

import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import Tag

from .base import Extracted
from .classes import CANDIDATES, F_H1, F_HEADING, F_STRUCT, NO_WORDS, SCORED, TITLE_SPLIT, ClassWords, attr_str, norm
from .prune import prune
from .render import render
from .survey import Survey

__all__ = ["extract", "PARSER"]

try:  # the fast parser when it is there
    import lxml  # noqa: F401

    PARSER = "lxml"
except ImportError:  # pragma: no cover - lxml is a dependency
    PARSER = "html.parser"


# ---------------------------------------------------------------------------------------------
# choosing the container


def _label(tag: Tag) -> str:
    s = tag.name
    ident = attr_str(tag, "id").strip()
    if ident:
        s += "#" + ident.split()[0]
    cls = attr_str(tag, "class").split()
    if cls:
        s += "." + ".".join(cls)
    return s


def _densest(sv: Survey, body: int) -> int | None:
    """Readability's idea: paragraphs score their parent fully and ancestors less; the score is
    discounted by link density. Returns the best candidate's index, or None."""
    n = sv.n
    score: dict[int, float] = {}
    for i in range(n):
        if sv.dropped[i] or sv.blk_text[i] < 25 or sv.tags[i].name not in SCORED:
            continue
        s = 1.0 + sv.blk_commas[i] + min(sv.blk_text[i] // 100, 3)
        # loose text in a div counts for the div itself too (readability turns such divs into <p>)
        a = sv.parent[i] if sv.tags[i].name in ("p", "pre", "blockquote") else i
        level = 0
        while a >= 0 and level < 5:
            div = 1 if level == 0 else 2 if level == 1 else level * 3
            if a not in score:
                score[a] = _initial_score(sv.tags[a], sv.words)
            score[a] += s / div
            if a == body:
                break
            a = sv.parent[a]
            level += 1
    best, best_score = None, 0.0
    final: dict[int, float] = {}
    for i, s in score.items():
        if sv.tags[i].name not in CANDIDATES or i == body:
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
    return best if sv.tags[best].name in CANDIDATES else None


def _initial_score(tag: Tag, words: ClassWords) -> float:
    s = {"div": 5.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0, "form": -3.0, "ol": -3.0, "ul": -3.0,
         "th": -5.0, "address": -3.0}.get(tag.name, 0.0)
    if "articlebody" in attr_str(tag, "itemprop").lower() or "articlebody" in attr_str(tag, "property").lower():
        s += 25  # schema.org's name for the article's text
    if not words.empty:
        for v in (attr_str(tag, "class"), attr_str(tag, "id")):
            if v:
                s += 25 * words.weight(v)
    return s


def _prose(sv: Survey, i: int) -> int:
    """Kept text that is not link text."""
    return sv.kept[i] - sv.klinks[i]


def _choose(sv: Survey, body: int) -> tuple[int, str]:
    page = _prose(sv, body) if body >= 0 else 0
    arts = [i for i in range(sv.n) if not sv.dropped[i] and sv.tags[i].name == "article"]
    if arts:
        best = max(arts, key=lambda i: _prose(sv, i))
        p = _prose(sv, best)
        ok = p > 0 and (p >= 500 or p * 4 >= page)
        top, reach = [], -1  # the outermost <article>s (pre-order: nested ones fall inside a reach)
        for a in arts:
            if a >= reach:
                top.append(a)
                reach = sv.end[a]
        if ok and len(top) > 1 and not sv.dflags[best] & F_H1 and p * 2 < sum(_prose(sv, a) for a in top):
            ok = False  # the biggest of a list of teasers, not the post
            if _mean_paragraph(sv, best) >= 80:
                d = _densest(sv, body)
                if d is None or _prose(sv, d) <= 2 * p or _mean_paragraph(sv, d) < 80:
                    ok = True  # no better body elsewhere: teasers around the post, the post the biggest
        if ok:
            return best, "article"
    mains = [i for i in range(sv.n) if not sv.dropped[i] and sv.flags[i] & F_STRUCT and sv.tags[i].name != "article"]
    if mains:
        best = max(mains, key=lambda i: sv.kept[i])
        if sv.kept[best] and sv.kept[best] * 4 >= sv.kept[body]:
            return best, "main"
    d = _densest(sv, body)
    if d is not None and d != body:
        return d, "densest:" + _label(sv.tags[d])
    return body, "body"


def _mean_paragraph(sv: Survey, i: int) -> float:
    """The mean length of the text blocks under ``i``: body paragraphs are long, teasers short."""
    sizes = [sv.blk_text[k] for k in range(i, sv.end[i]) if sv.blk_text[k] >= 25 and not sv.dropped[k]]
    return sum(sizes) / len(sizes) if sizes else 0.0


def _teasers_are_chrome(sv: Survey, roots: list[int]) -> None:
    """Teasers of other stories, apart from the text kept: their text is chrome to whichever
    extractor keeps it. A teaser is an outermost ``<article>`` holding a link, either short (a
    tenth of the kept text at most) or one of a row of cards: siblings of the same tag and class,
    each holding a link and under half the kept text (a rail of teasers, whatever the length of
    each standfirst). Cards in ``<li>``, ``<div>`` or ``<section>`` count too when each has a
    heading."""
    kept = sum(_prose(sv, r) for r in roots)

    def apart(a: int) -> bool:
        return not any(sv.inside(a, r) or sv.inside(r, a) for r in roots)

    reach = -1
    for a in range(sv.n):
        if a < reach or sv.dropped[a] or not sv.nlinks[a]:
            continue
        name = sv.tags[a].name
        if name == "article":
            reach = sv.end[a]
            if sv.kept[a] * 10 <= kept and apart(a):
                sv.chrome_tags.append(sv.tags[a])
                continue
        elif name not in _CARDS or not sv.dflags[a] & F_HEADING:
            continue
        if sv.kept[a] * 2 < kept and apart(a) and _in_card_row(sv, a, kept):
            sv.chrome_tags.append(sv.tags[a])
            reach = sv.end[a]


_CARDS = frozenset(("li", "div", "section"))


def _in_card_row(sv: Survey, a: int, kept: int) -> bool:
    """``a`` is next to a sibling of the same tag and class that holds a link and under half the
    kept text: one of a row of cards."""
    tag = sv.tags[a]
    same = (tag.name, attr_str(tag, "class"))
    for sib in (tag.find_previous_sibling(), tag.find_next_sibling()):
        if sib is None or (sib.name, attr_str(sib, "class")) != same:
            continue
        j = sv.index.get(id(sib))
        if (j is not None and sv.nlinks[j] and sv.kept[j] * 2 < kept
                and (tag.name == "article" or sv.dflags[j] & F_HEADING)):
            return True
    return False


SIBLING_SHARE = 0.2  # a sibling with at least this share of the container's prose is body text too
SIBLING_LINKS = 0.25  # ... when at most this share of its text is link text


def _siblings(sv: Survey, container: int, how: str) -> list[int]:
    """The container and the sibling blocks that continue its body (a body split into several
    sibling blocks, with ads or images between them), in document order. For a container found
    by density any dense sibling counts; for an <article> or <main> only siblings of the same
    tag and class (the same template block repeated)."""
    tag = sv.tags[container]
    parent = tag.parent
    if parent is None or sv.index.get(id(parent)) is None:
        return [container]
    p = _prose(sv, container)
    same = (tag.name, attr_str(tag, "class"))
    out = []
    for sib in parent.find_all(True, recursive=False):
        j = sv.index.get(id(sib))
        if j is None:
            continue
        if j == container:
            out.append(j)
            continue
        if sv.dropped[j] or not sv.kept[j]:
            continue
        if not how.startswith("densest") and (sib.name, attr_str(sib, "class")) != same:
            continue
        if (_prose(sv, j) >= max(SIBLING_SHARE * p, 100) and sv.klinks[j] <= SIBLING_LINKS * sv.kept[j]
                and max(sv.blk_text[k] for k in range(j, sv.end[j])) >= 100):
            out.append(j)
    return out


# ---------------------------------------------------------------------------------------------
# headline and title


def _similar(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _headline(sv: Survey, roots: list[int], paras: list[str], title: str | None, og: str | None,
              site: str | None, title_as_headline: bool) -> tuple[str | None, int]:
    """The page's headline and where it is: ``(text, i)`` when it is ``paras[i]`` already,
    ``(text, -1)`` when it is to be put first, ``(None, -1)`` when the page has none."""
    def within(h: int) -> bool:
        return any(sv.inside(h, r) for r in roots)

    inside = [h for h in sv.h1s if sv.flags[h] & F_H1 and within(h) and not sv.dropped[h]]
    if inside:
        text = " ".join(render(sv, sv.tags[inside[0]]))
        key = norm(text)
        at = next((i for i, p in enumerate(paras) if norm(p) == key), None)
        return (text or None), (at if at is not None else -2)
    outside = []
    for h in sv.h1s:
        if not sv.flags[h] & F_H1 or within(h):
            continue
        if sv.dropped[h] and sv.why_top[h] != "header":
            continue  # in a nav, cookie banner, hidden block ...
        text = " ".join(render(sv, sv.tags[h]))
        if text:
            outside.append((h, text))
    pick = None
    ref = og or title
    if ref:
        for _h, text in outside:
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
            parts = TITLE_SPLIT.split(title)
            cand = max(parts, key=len) if len(parts) > 1 else title
            if len(cand.split()) >= 3 and not (site and norm(cand) == norm(site)):
                pick = cand  # a bare site name ("MT News") is no headline
    if not pick:
        return None, -1
    for i in range(min(2, len(paras))):
        if norm(paras[i]) == norm(pick):
            return pick, i
    return pick, -1


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


def extract(html: str, *, title_as_headline: bool = True, headline: str = "keep",
            class_words: ClassWords | dict[str, list[str]] | None = None) -> Extracted:
    """The article text of an HTML page (see the module's doc). ``title_as_headline``: when the
    page has no ``<h1>`` and no og:title, use the ``<title>`` as headline. ``headline``:
    ``"keep"`` puts the headline first, ``"drop"`` leaves it out (also when the container holds it).
    ``class_words``: class/id words that mark chrome (see :class:`~clean.html.classes.ClassWords`;
    the html rule's option); without them the extractor judges by structure alone."""
    if not html or not html.strip():
        return Extracted("", None, "body", ())
    soup = _parse(html)
    if not isinstance(class_words, ClassWords):
        class_words = ClassWords(class_words) if class_words else NO_WORDS
    sv = Survey(soup, class_words)
    title, og = sv.title, sv.og_title
    sv.decide()
    body = sv.body if sv.body >= 0 else 0
    container, how = _choose(sv, body)
    roots = _siblings(sv, container, how) if container != body else [container]
    if len(roots) > 1:
        how += f"+{len(roots) - 1} sibling" + ("s" if len(roots) > 2 else "")
    prune(sv, roots)
    _teasers_are_chrome(sv, roots)
    paras = [p for r in roots for p in render(sv, sv.tags[r])]
    head, at = _headline(sv, roots, paras, title, og, sv.site_name, title_as_headline)
    if headline == "keep":
        if head and at == -1:
            paras.insert(0, head)
    elif at >= 0:
        del paras[at]
    chrome = tuple(k for k in (chrome_key(t.get_text(" ")) for t in sv.chrome_tags) if k)
    return Extracted("\n".join(paras), title or og, how, _records(sv), headline=head, chrome=chrome)


def chrome_key(text: str) -> str:
    """Text compared with chrome blocks: no white space (extractors space inline elements
    differently), casefolded."""
    return "".join(text.split()).casefold()


def _records(sv: Survey) -> tuple[tuple[str, str], ...]:
    return tuple((what, snip) for _, what, snip in sorted(sv.records, key=lambda r: r[0]))
