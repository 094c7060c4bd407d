"""Chrome inside the chosen container, found by structure rather than by words.

Class-name word lists ("related", "most-read", "recommended") only catch sites that name their
blocks in English; the labels a reader sees ("Das könnte Sie auch interessieren", "Lea
también", "À lire aussi") are in the page's language. What such blocks share in every language
is their shape, and that is what is tested here:

* **link density**: a block whose kept text is mostly link text (a list of related stories,
  a video playlist, a menu inside ``<article>``; a "read on:" lead-in that is one link with a
  short label) is navigation, not prose;
* **the heading of a dropped block**: an ``h2``-``h6`` (or a short line) right before such a
  block, with nothing else in its section, is that block's label;
* **position and markup of the header**: before the first paragraph of body text, short blocks
  holding a ``<time>``, an ``<address>``, a ``rel=author`` link or schema.org ``author`` /
  ``datePublished`` markup are the byline and dates; after the last paragraph, a short block
  with author markup is the author's bio. schema.org names are the same on every site.

Every drop is listed in ``Extracted.dropped`` with its reason.
"""

from __future__ import annotations

from .classes import F_AUTHOR, F_DATE, F_H1, F_HEADING, snippet
from .survey import Survey

LINK_DENSITY = 0.5  # kept text that is link text, above which a block is navigation
READ_ON_MAX = 200  # a one-link paragraph up to this long is a "read on" lead-in
HEADER_MAX = 200  # a byline/date block before the body is at most this long
BIO_MAX = 800  # an author bio after the body is at most this long
BODY_PARAGRAPH = 150  # own text of a block that makes it body text (where the header ends)
_LISTISH = frozenset("ul ol dl div section table tbody p li header footer".split())
_LINE = frozenset("p div span strong b h2 h3 h4 h5 h6".split())


def prune(sv: Survey, roots: list[int]) -> None:
    """Drop link-dense blocks, their headings and header/bio blocks under ``roots`` (marks
    ``sv.self_drop`` and records each drop)."""
    for root in roots:
        _link_dense(sv, root)
        _header_and_bio(sv, root)


def _drop(sv: Survey, i: int, why: str) -> None:
    sv.self_drop[i] = True
    sv.chrome_tags.append(sv.tags[i])
    for j in range(i, sv.end[i]):
        sv.dropped[j] = True
    snip = snippet(sv.tags[i])
    if snip:
        sv.records.append((i, why, snip))


def _link_dense(sv: Survey, root: int) -> None:
    i = root + 1
    end = sv.end[root]
    while i < end:
        if sv.dropped[i]:
            i = sv.end[i]
            continue
        kept = sv.kept[i]
        name = sv.tags[i].name
        if kept and name in _LISTISH and not (sv.dflags[i] & F_H1) and sv.klinks[i] > LINK_DENSITY * kept:
            n = sv.nlinks[i]
            if n >= 2 or (n == 1 and kept <= READ_ON_MAX):
                _drop(sv, i, "link-list" if n >= 2 else "read-on-link")
                _drop_label(sv, i, root)
                i = sv.end[i]
                continue
        i += 1


def _drop_label(sv: Survey, i: int, root: int) -> None:
    """The heading right before a dropped block, when it labels only that block."""
    tag = sv.tags[i]
    prev = tag.find_previous_sibling()
    if prev is None:
        return
    j = sv.index.get(id(prev))
    if j is None or sv.dropped[j] or not sv.inside(j, root) or j == root:
        return
    if sv.kept[j] == 0 or sv.kept[j] > 80 or sv.dflags[j] & F_H1:
        return
    if sv.flags[j] & F_HEADING or (prev.name in _LINE and sv.kept[j] <= 60):
        nxt = tag.find_next_sibling()
        k = sv.index.get(id(nxt)) if nxt is not None else None
        # the label of a section that goes on with body text is a subheading: kept
        if k is not None and not sv.dropped[k] and sv.kept[k] >= BODY_PARAGRAPH and not sv.flags[k] & F_HEADING:
            return
        _drop(sv, j, "link-list-label")


def _header_and_bio(sv: Survey, root: int) -> None:
    end = sv.end[root]
    body = [i for i in range(root, end) if not sv.dropped[i] and sv.blk_text[i] >= BODY_PARAGRAPH]
    if not body:
        return
    first, last = body[0], body[-1]
    i = root + 1
    while i < end:
        if sv.dropped[i]:
            i = sv.end[i]
            continue
        marks = sv.flags[i] | sv.dflags[i]
        kept = sv.kept[i]
        if kept and not marks & F_H1:
            if sv.end[i] <= first and marks & (F_DATE | F_AUTHOR) and kept <= HEADER_MAX:
                _drop(sv, i, "byline")
                i = sv.end[i]
                continue
            if i >= sv.end[last] and marks & F_AUTHOR and kept <= BIO_MAX:
                _drop(sv, i, "author-bio")
                i = sv.end[i]
                continue
        i += 1
