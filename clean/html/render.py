"""Rendering of the bs4 extractor: a container's subtree -> paragraphs (one per block element)."""

from __future__ import annotations

from bs4.element import Tag

from .classes import BLOCK, BR, BR_RUN, F_BLOCK, SENTINEL, SENTINEL_BEFORE_PUNCT, WS, is_text
from .survey import Survey

# ---------------------------------------------------------------------------------------------
# rendering


def finish(raw: str) -> list[str]:
    """A paragraph's raw text -> its lines: runs of two or more <br> split it; other inserted
    spaces vanish before punctuation; white space collapses."""
    out = []
    for part in BR_RUN.split(raw) if BR in raw else (raw,):
        part = part.replace(BR, SENTINEL)
        if SENTINEL in part:
            part = SENTINEL_BEFORE_PUNCT.sub("", part).replace(SENTINEL, " ")
        part = WS.sub(" ", part).strip()
        if part:
            out.append(part)
    return out


def render(sv: Survey, root: Tag) -> list[str]:
    """The paragraphs of ``root``'s subtree, skipping dropped elements. Non-recursive."""
    paras: list[str] = []
    buf: list[str] = []
    index = sv.index
    self_drop = sv.self_drop

    def flush() -> None:
        if buf:
            paras.extend(finish("".join(buf)))
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
                    lines = finish("".join(buf[cell_start:]))
                    del buf[cell_start:]
                    row_cells.append(" ".join(lines))
                cell_start = -1
            else:  # a block inside a table row: a space
                buf.append(SENTINEL)
            continue
        if not isinstance(node, Tag):
            if is_text(node):
                text = str(node)
                if SENTINEL in text or BR in text:  # control characters of the source: spaces
                    text = text.replace(SENTINEL, " ").replace(BR, " ")
                buf.append(text)
            continue
        i = index.get(id(node))
        if i is None or self_drop[i]:  # never-text elements have no index
            continue
        name = node.name
        if name == "br":
            buf.append(BR)
            continue
        if name == "img" or name == "wbr":
            continue
        kids = node.contents
        if row_cells is not None:
            # inside a plain table row: cells collect text; blocks are spaces
            if name in ("td", "th"):
                cell_start = len(buf)
                stack.append(EXIT_CELL)
            elif name in BLOCK:
                buf.append(SENTINEL)
                stack.append(EXIT_INLINE_BLOCK)
        elif name == "tr" and not (sv.dflags[i] & F_BLOCK):
            flush()
            row_cells = []
            stack.append(EXIT_ROW)
        elif name in BLOCK:
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


