"""trafilatura as the extraction engine: its main-text tree rendered one paragraph per line.

trafilatura (https://trafilatura.readthedocs.io) finds the main text with its own heuristics and
falls back to readability and jusText inside itself. We ask for its tree (``bare_extraction``)
rather than its plain text, and render that tree with the same conventions as the bs4 extractor:
a block (``p``, ``head``, ``item``, ``quote``, ``code``) is a paragraph, one ``<lb>`` is a space
and two in a row end a paragraph, a table row is one line of cells joined with " | ", items of
an ordered list keep their numbers. Its plain text would mark list items with "- " instead,
which cannot be told from a paragraph that starts with a dash.

Imported only when a page is cleaned: trafilatura takes a while to import.
"""

from __future__ import annotations

from typing import Any

from .classes import BR
from .render import finish

__all__ = ["extract"]

_BLOCKS = frozenset(("p", "head", "item", "quote", "code", "list", "table", "div", "section", "body", "doc", "main"))


def extract(html: str, *, favor_precision: bool = True, include_comments: bool = False,
            include_tables: bool = True) -> list[str]:
    """The main text's paragraphs as trafilatura finds them ([] when it finds nothing)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        favor_precision=favor_precision,
        include_comments=include_comments,
        include_tables=include_tables,
        with_metadata=False,
    )
    if doc is None:
        return []
    body = getattr(doc, "body", None)
    paras = _render(body) if body is not None else []
    comments = getattr(doc, "commentsbody", None)
    if include_comments and comments is not None:
        paras += _render(comments)
    return paras


def _render(root: Any) -> list[str]:
    """Paragraphs of trafilatura's output tree (its own XML vocabulary). Non-recursive."""
    paras: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            paras.extend(finish("".join(buf)))
            buf.clear()

    lists: list[list[int]] = []  # per open list: [next number] for an ordered one, [] otherwise
    row: list[str] | None = None  # the cells of the open table row
    cell_start = 0
    # items: (element, entering) — leaving an element emits its tail
    stack: list[tuple[Any, bool]] = [(root, True)]
    while stack:
        el, entering = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if not entering:
            if tag == "row" and row is not None:
                buf.clear()  # white space between cells
                if row:
                    paras.append(" | ".join(row))
                row = None
            elif tag == "cell" and row is not None:
                cell = " ".join(finish("".join(buf[cell_start:])))
                del buf[cell_start:]
                if cell:
                    row.append(cell)
            elif tag in _BLOCKS and row is None:
                flush()
                if tag == "list":
                    lists.pop()
            if el.tail:
                buf.append(el.tail)
            continue
        if tag == "lb":
            buf.append(BR)
            stack.append((el, False))
            continue
        if tag == "row" and row is None:
            flush()
            row = []
        elif tag == "cell" and row is not None:
            cell_start = len(buf)
        elif tag in _BLOCKS and row is None:
            flush()
            if tag == "list":
                lists.append([1] if (el.get("rend") or "").lower() == "ol" else [])
            elif tag == "item" and lists and lists[-1]:
                buf.append(f"{lists[-1][0]}. ")
                lists[-1][0] += 1
        if el.text:
            buf.append(el.text)
        stack.append((el, False))
        stack.extend((c, True) for c in reversed(list(el)))
    flush()
    return paras
